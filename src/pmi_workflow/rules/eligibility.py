"""Eligibility: minimum age, the destination's age range, and medical fitness.

Age is judged on the date of the step: at registration *and* again at
departure (UU 18/2017 Pasal 5 huruf a; placing an under-age PMI is an offence
under Pasal 80).

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.policy import Policy
>>> from pmi_workflow.samples import procedural_case_data
>>> data = procedural_case_data("p2p")
>>> data["applicant"].update(nik="3603121505080002", birth_date="2008-05-15")
>>> day = datetime.date(2024, 1, 15)
>>> [f.message_en for f in check_age(parse_case(data), day, Policy.default().as_of(day))]
['Aged 15, below the minimum age of 18.']
"""

from __future__ import annotations

import datetime

from pmi_workflow.domain.case import Case
from pmi_workflow.domain.documents import HealthCertificate
from pmi_workflow.domain.occupation import Occupation
from pmi_workflow.enums import EmployerKind, MedicalResult, Scheme, Step
from pmi_workflow.findings import Finding
from pmi_workflow.policy import PolicyView
from pmi_workflow.rules._base import documents_at, latest, make_finding
from pmi_workflow.rules._facts import minimum_age_entry

__all__ = ["check_age", "check_age_value", "check_fitness"]


def check_age(
    case: Case,
    on: datetime.date,
    view: PolicyView,
    *,
    step: Step | None = None,
    ranges: bool = True,
) -> tuple[Finding, ...]:
    """``eligibility.age_below_minimum`` and, with ``ranges``, ``age_outside_destination_range``.

    Destination ranges are set "at application": the engine checks them at
    registration, and the legal minimum again at departure.
    """
    return check_age_value(
        case.applicant.age_on(on),
        case.scheme,
        case.destination,
        case.occupation,
        case.employer.kind if case.employer is not None else None,
        on,
        view,
        step=step,
        ranges=ranges,
    )


def check_age_value(
    age: int,
    scheme: Scheme,
    destination: str,
    occupation: Occupation,
    employer_kind: EmployerKind | None,
    on: datetime.date,
    view: PolicyView,
    *,
    step: Step | None = None,
    ranges: bool = True,
) -> tuple[Finding, ...]:
    """The age rules over an age in years, without a whole case.

    :func:`check_age` computes the age from the birth date; screening a job
    offer (:mod:`pmi_workflow.screening`) passes the age the applicant gives.
    """
    findings = []
    minimum = view.minimum_age
    if age < minimum:
        findings.append(
            make_finding(
                "eligibility.age_below_minimum",
                on,
                step=step,
                where="applicant.birth_date",
                compared=(("age", str(age)), ("minimum", str(minimum)), ("judged_on", str(on))),
                entries=(minimum_age_entry(view),),
            )
        )
    if not ranges:
        return tuple(findings)
    for entry in view.age_ranges(
        scheme,
        destination,
        occupation.code,
        domestic=occupation.domestic,
        employer_kind=employer_kind,
    ):
        low = entry.min_age if entry.min_age is not None else 0
        high = entry.max_age if entry.max_age is not None else 200
        if low <= age <= high or (age < minimum and age < low):
            continue  # in range, or already reported as below the legal minimum
        findings.append(
            make_finding(
                "eligibility.age_outside_destination_range",
                on,
                step=step,
                where="applicant.birth_date",
                compared=(
                    ("age", str(age)),
                    ("minimum", str(entry.min_age) if entry.min_age is not None else "-"),
                    ("maximum", str(entry.max_age) if entry.max_age is not None else "-"),
                    ("destination", destination),
                    ("occupation", occupation.code),
                    ("policy_entry", entry.id),
                    ("judged_on", str(on)),
                ),
                entries=(entry,),
            )
        )
    return tuple(findings)


def check_fitness(
    case: Case, on: datetime.date, view: PolicyView, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``eligibility.medically_unfit``: the latest health certificate says unfit."""
    certificate = latest(documents_at(case, on, HealthCertificate))
    if not isinstance(certificate, HealthCertificate):
        return ()
    findings = []
    for exam_en, exam_id, result in (
        ("medical", "kesehatan", certificate.medical_result),
        ("psychological", "psikologi", certificate.psychological_result),
    ):
        if result is MedicalResult.UNFIT:
            findings.append(
                make_finding(
                    "eligibility.medically_unfit",
                    on,
                    step=step,
                    where=f"documents.{certificate.id}",
                    compared=(("document", certificate.id), ("exam", exam_en)),
                    values={"exam_id": exam_id, "exam_en": exam_en},
                )
            )
    return tuple(findings)
