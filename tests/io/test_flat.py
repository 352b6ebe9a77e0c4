"""Dotted columns to nested records and back."""

from __future__ import annotations

import pytest

from pmi_workflow.domain import parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.io import flatten, header_of, unflatten
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data


@pytest.mark.parametrize("scheme", PROCEDURAL_SCHEMES)
def test_a_flattened_case_reads_back_as_the_same_case(scheme: str) -> None:
    data = procedural_case_data(scheme)
    case = parse_case(data)
    flat = flatten(case.to_dict())
    assert all(isinstance(value, str) for value in flat.values())
    back = unflatten(flat)
    for document in back.get("documents", []):  # cells are text; literal ints need a number
        if "package_months" in document:
            document["package_months"] = int(document["package_months"])
    assert parse_case(back) == case


def test_list_positions_are_closed_up_in_order() -> None:
    row = {"documents.2.id": "c", "documents.0.id": "a", "documents.10.id": "d"}
    assert unflatten(row) == {"documents": [{"id": "a"}, {"id": "c"}, {"id": "d"}]}


def test_empty_and_blank_cells_are_left_out() -> None:
    assert unflatten({"a": "", "b": "  ", "c": None, "d": " x "}) == {"d": "x"}


def test_a_value_column_under_a_group_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        unflatten({"applicant.nik": "1", "applicant": "x"})
    assert caught.value.problems[0].where == "applicant"


def test_unusable_column_names_are_refused_naming_only_their_field_parts() -> None:
    # A file without its header row has data where the names should be: only field names and
    # list positions of a case record are repeated.
    with pytest.raises(InvalidInputError) as caught:
        unflatten({"Budi..Santoso": "1", "documents.99999.id": "x"})
    wheres = [p.where for p in caught.value.problems]
    assert wheres[1] == "documents.(unknown field).id"
    assert "Budi" not in " ".join(wheres)
    assert "Santoso" not in " ".join(wheres)


def test_the_header_is_the_union_of_columns_in_first_seen_order() -> None:
    assert header_of([{"a": "1", "b": "2"}, {"c": "3", "a": "4"}]) == ["a", "b", "c"]
