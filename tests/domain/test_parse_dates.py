"""parse_case reads ISO dates in pydantic-core and every other form as the model does."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pmi_workflow.domain import Case, parse_case, problems_from_validation_error
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.samples import procedural_case_data


def _with_dates(value: Any) -> dict[str, Any]:
    data = copy.deepcopy(procedural_case_data("p2p"))
    data["applicant"]["birth_date"] = value
    data["documents"][2]["issued_on"] = value
    data["job_order"]["issued_on"] = value
    return data


def _outcome(read: Any, data: dict[str, Any]) -> Any:
    try:
        case = read(data)
    except InvalidInputError as error:
        return [(p.where, p.kind, p.message) for p in error.problems]
    except ValidationError as error:
        problems = problems_from_validation_error(error)
        return [(p.where, p.kind, p.message) for p in InvalidInputError(problems).problems]
    return (case.applicant.birth_date, case.documents[2].issued_on, case.job_order.issued_on)


def _agree(value: Any) -> Any:
    data = _with_dates(value)
    assert _outcome(parse_case, data) == _outcome(Case.model_validate, data)
    return _outcome(parse_case, data)


@pytest.mark.parametrize(
    "value",
    [
        "2003-07-08",
        "2003-12-01",
        "03/07/2003",
        "3 Juli 2003",
        "Senin, 7 Juli 2003",
        "2003/07/08",
        " 2003-07-08 ",
        "2003-7-8",
        "\u0662\u0660\u0660\u0663-\u0660\u0667-\u0660\u0668",
        "2003-02-30",
        "2003-13-01",
        "1899-12-31",
        "9999-01-01",
        "1/13/2003",
        "Juli 2003",
        "2003-07-08T00:00:00",
        "2003-07-08T10:00:00",
        "20030708",
        "",
        datetime.date(2003, 7, 8),
        datetime.datetime(2003, 7, 8),
        1057622400,
        None,
        ["2003-07-08"],
    ],
)
def test_parse_case_reads_a_date_as_the_model_does(value: Any) -> None:
    _agree(value)


def test_iso_dates_are_never_read_day_first() -> None:
    assert _agree("2003-07-08") == (datetime.date(2003, 7, 8),) * 3
    assert _agree("08/07/2003") == (datetime.date(2003, 7, 8),) * 3


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=datetime.date(1890, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d %B %Y", " %Y-%m-%d"]),
)
def test_any_written_date_reads_the_same_both_ways(day: datetime.date, form: str) -> None:
    _agree(day.strftime(form))
