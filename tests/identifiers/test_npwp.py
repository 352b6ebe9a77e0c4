"""NPWP through python-stdnum."""

import pytest
from pydantic import BaseModel, ValidationError

from pmi_workflow.errors import InvalidInputError
from pmi_workflow.identifiers import npwp
from pmi_workflow.identifiers.npwp import Npwp


class _Company(BaseModel):
    npwp: Npwp


def test_a_formatted_npwp_is_stored_compact() -> None:
    assert _Company(npwp="01.312.166.0-091.000").npwp == "013121660091000"


def test_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        npwp.validate("013121670091000")
    assert caught.value.problems[0].kind == "npwp.invalid_checksum"


def test_a_wrong_length_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        npwp.validate("0131216")
    assert caught.value.problems[0].kind == "npwp.invalid_length"


def test_the_pydantic_type_reports_an_npwp_error() -> None:
    with pytest.raises(ValidationError) as caught:
        _Company(npwp="abc")
    assert caught.value.errors()[0]["type"] == "npwp"


def test_format_round_trips() -> None:
    assert npwp.format(npwp.compact("01.312.166.0-091.000")) == "01.312.166.0-091.000"
