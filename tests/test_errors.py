"""The exception tree carries data and names the place of each problem."""

import datetime

from pmi_workflow.errors import (
    CaseNotFoundError,
    ConcurrencyConflictError,
    InputProblem,
    InvalidInputError,
    PmiWorkflowError,
    PolicyError,
    ProcedureViolation,
    StoreError,
)
from pmi_workflow.findings import Finding, LegalBasis, Severity


def test_every_library_error_derives_from_the_root() -> None:
    for error in (
        InvalidInputError([]),
        PolicyError("bad"),
        CaseNotFoundError("C-1"),
        ConcurrencyConflictError("C-1", 2, 3),
        ProcedureViolation("departed", []),
    ):
        assert isinstance(error, PmiWorkflowError)


def test_invalid_input_lists_every_problem_with_its_place() -> None:
    error = InvalidInputError(
        [InputProblem(("documents", 2, "expires_on"), "not a date", "date")], source="line 7"
    )
    assert str(error) == "invalid input in line 7: documents.2.expires_on: not a date"
    assert error.problems[0].where == "documents.2.expires_on"


def test_a_long_problem_list_is_shortened_in_the_message() -> None:
    error = InvalidInputError([InputProblem((str(i),), "bad", "x") for i in range(15)])
    assert "and 5 more" in str(error)
    assert len(error.problems) == 15


def test_policy_errors_name_the_file_and_key() -> None:
    error = PolicyError("must be a date", file="agency.toml", key="ages.0.effective_from")
    assert str(error) == "agency.toml [ages.0.effective_from]: must be a date"


def test_store_errors_are_store_errors() -> None:
    assert isinstance(ConcurrencyConflictError("C-1", 1, 2), StoreError)
    assert str(CaseNotFoundError("C-9")) == "no case with id 'C-9'"


def test_a_procedure_violation_carries_its_findings() -> None:
    finding = Finding(
        code="documents.missing",
        severity=Severity.ERROR,
        step=None,
        where=None,
        on=datetime.date(2024, 1, 1),
        compared=(),
        legal_basis=(LegalBasis("UU 18/2017"),),
        message_id="Dokumen tidak ada.",
        message_en="Document missing.",
    )
    error = ProcedureViolation("departed", [finding])
    assert error.findings == (finding,)
    assert "documents.missing" in str(error)
