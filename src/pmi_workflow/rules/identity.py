"""Identity: the NIK is valid, and its birth date and sex match the declared ones.

The NIK encodes the birth date (day + 40 for women). A mismatch with the
declared values is false data (UU 18/2017 Pasal 79). Findings show the NIK
masked and never the birth dates themselves, only which part differs.

>>> import datetime
>>> from pmi_workflow.domain import parse_case
>>> from pmi_workflow.samples import procedural_case_data
>>> case = parse_case(procedural_case_data("p2p"))
>>> check_identity(case, datetime.date(2024, 1, 15))
()
>>> data = procedural_case_data("p2p")
>>> data["applicant"]["birth_date"] = "1995-05-16"
>>> [f.code for f in check_identity(parse_case(data), datetime.date(2024, 1, 15))]
['identity.nik_birth_date_mismatch']
"""

from __future__ import annotations

import datetime

from pmi_workflow.domain.case import Case
from pmi_workflow.enums import Sex, Step
from pmi_workflow.findings import Finding
from pmi_workflow.identifiers import nik as nik_module
from pmi_workflow.privacy import MaskedStr, mask_nik
from pmi_workflow.rules._base import make_finding

__all__ = ["check_identity"]

_REASONS = {
    "invalid_length": ("panjang NIK bukan 16 digit", "a NIK has 16 digits"),
    "invalid_format": ("NIK hanya berisi angka", "a NIK has digits only"),
    "invalid_birth_date": (
        "tanggal lahir dalam NIK tidak mungkin",
        "the birth date encoded in the NIK is impossible",
    ),
    "invalid_region": ("kode wilayah NIK tidak dikenal", "unknown region code"),
}
_PARTS = {"day": "tanggal", "month": "bulan", "year": "tahun"}


def _raw(value: object) -> str:
    return value.reveal() if isinstance(value, MaskedStr) else str(value)


def _invalid(reason: str, shown: str, on: datetime.date, step: Step | None) -> Finding:
    reason_id, reason_en = _REASONS.get(reason, ("NIK tidak valid", "not valid"))
    return make_finding(
        "identity.nik_invalid",
        on,
        step=step,
        where="applicant.nik",
        compared=(("nik", shown), ("reason", reason)),
        values={"reason_id": reason_id, "reason_en": reason_en},
    )


def check_identity(
    case: Case, on: datetime.date, *, step: Step | None = None
) -> tuple[Finding, ...]:
    """``identity.*`` findings: NIK validity, encoded birth date and sex vs declared."""
    applicant = case.applicant
    raw = _raw(applicant.nik)
    shown = mask_nik(raw) if len(raw) >= 6 else "****"
    given: object = applicant.nik  # a record made with model_construct may hold plain text
    if isinstance(given, nik_module.Nik):
        number = raw  # a Nik is validated (and compacted) once, when it is made
    else:
        try:
            number = nik_module.validate(raw)
        except nik_module.InvalidNikError as error:
            return (_invalid(error.reason, shown, on, step),)
    raw_day, month, year = int(number[6:8]), int(number[8:10]), int(number[10:12])
    encoded_sex = Sex.FEMALE if raw_day > 40 else Sex.MALE
    day = raw_day - 40 if raw_day > 40 else raw_day
    if not 1 <= day <= 31:  # python-stdnum accepts some day fields no calendar has
        return (_invalid("invalid_birth_date", shown, on, step),)
    findings = []
    declared = applicant.birth_date
    differs = [
        part
        for part, left, right in (
            ("day", day, declared.day),
            ("month", month, declared.month),
            ("year", year, declared.year % 100),
        )
        if left != right
    ]
    if differs:
        findings.append(
            make_finding(
                "identity.nik_birth_date_mismatch",
                on,
                step=step,
                where="applicant.birth_date",
                compared=(("nik", shown), ("differs_in", ",".join(differs))),
                values={
                    "differs_in_id": ", ".join(_PARTS[part] for part in differs),
                    "differs_in_en": ", ".join(differs),
                },
            )
        )
    if encoded_sex is not applicant.sex:
        findings.append(
            make_finding(
                "identity.nik_sex_mismatch",
                on,
                step=step,
                where="applicant.sex",
                compared=(
                    ("nik", shown),
                    ("declared", applicant.sex.value),
                    ("encoded", encoded_sex.value),
                ),
            )
        )
    return tuple(findings)
