"""Screen a job offer: the red flags, by the same rules and policy that judge cases.

:func:`screen_offer` runs the rule functions of :mod:`pmi_workflow.rules`
(destination, age, fees) over what the offer says, adds the checks only an
offer needs (``offer.*``), and asks the licence registry about the company.
Each :class:`Flag` carries the code, its legal basis, the policy entries it
rests on and their certainty, a plain explanation addressed to the worker and
what to do instead. A flag resting on an unconfirmed entry is a *caution*
(severity warning), never a verdict. An offer is never cleared silently: a
company nobody checked is itself a caution.

>>> import datetime
>>> offer = Offer.model_validate({
...     "destination": "SA", "job": "housekeeper", "employer_kind": "individual",
...     "recruiter": {"kind": "person"}, "visa": "visit", "departure_point": "Batam",
...     "fees": [{"amount": 15000000, "purpose": "agency_service_fee"}]})
>>> result = screen_offer(offer, on=datetime.date(2024, 5, 6))
>>> result.verdict
'red_flags'
>>> for flag in result.red_flags:
...     print(flag.code)
destination.domestic_individual_employer_banned
executor.individual_recruiter
fees.exempt_occupation_charged
documents.visa_not_work
>>> print(*(flag.code for flag in result.cautions if flag.code.startswith("offer.")))
offer.departure_point_unofficial
>>> visa = next(flag for flag in result.flags if flag.code == "documents.visa_not_work")
>>> print(visa.explanation("id"))
Anda dijanjikan visa kunjungan, bukan visa kerja. Bekerja di luar negeri wajib dengan visa kerja;
dengan visa lain Anda tidak terlindungi dan dapat ditahan atau dideportasi.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from pmi_workflow.dates import JAKARTA
from pmi_workflow.domain.costs import CostItem
from pmi_workflow.enums import EmployerKind, Payer, Scheme, Step
from pmi_workflow.findings import Finding, Language, LegalBasis, Rule, Severity
from pmi_workflow.labels import format_date, format_money, label, label_in_sentence
from pmi_workflow.policy import (
    DeparturePoints,
    EmployerBorneCosts,
    ExemptOccupations,
    MinimumAge,
    MinimumWage,
    Policy,
    PolicyView,
    WorkVisaTypes,
)
from pmi_workflow.policy.entries import Entry
from pmi_workflow.rules._base import make_finding
from pmi_workflow.rules.catalog import CATALOG
from pmi_workflow.rules.catalog import render as render_rule
from pmi_workflow.rules.destination import check_placement_destination
from pmi_workflow.rules.eligibility import check_age_value
from pmi_workflow.rules.executor import LICENCE_REASONS
from pmi_workflow.rules.fees import check_cost_items
from pmi_workflow.rules.registry import CompanyStanding, LicenceRegistry, company_standing
from pmi_workflow.screening import _text
from pmi_workflow.screening.catalog import (
    ASK_FIRST,
    OFFER_RULES,
    UNCONFIRMED_NOTE,
    WORKER_TEXTS,
    WorkerText,
)
from pmi_workflow.screening.offer import Offer, PassportHolder, RecruiterKind

__all__ = ["QUESTIONS", "Certainty", "Flag", "ScreeningResult", "screen_offer"]

logger = logging.getLogger(__name__)

Certainty = Literal["confirmed", "unconfirmed"]


@dataclass(frozen=True, slots=True)
class Flag:
    """One red flag (severity error) or caution (severity warning) about an offer.

    ``message_id``/``message_en`` are the officer's wording (the rule
    catalog's); ``explanation`` and ``advice`` speak to the worker.
    ``entries`` are the policy entries the flag rests on; ``certainty`` is
    ``confirmed`` only when the rule and every entry are.
    """

    code: str
    severity: Severity
    certainty: Certainty
    entries: tuple[str, ...]
    legal_basis: tuple[LegalBasis, ...]
    where: str
    title_id: str
    title_en: str
    message_id: str
    message_en: str
    explanation_id: str
    explanation_en: str
    advice_id: str
    advice_en: str
    compared: tuple[tuple[str, str], ...] = ()

    @property
    def is_caution(self) -> bool:
        """``True`` for a caution: suspicious, or resting on an unconfirmed basis."""
        return self.severity is Severity.WARNING

    def title(self, language: Language = "id") -> str:
        """The flag's title."""
        return self.title_id if language == "id" else self.title_en

    def explanation(self, language: Language = "id") -> str:
        """What the flag means, addressed to the worker."""
        return self.explanation_id if language == "id" else self.explanation_en

    def advice(self, language: Language = "id") -> str:
        """What to do instead."""
        return self.advice_id if language == "id" else self.advice_en

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data (no personal data)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "certainty": self.certainty,
            "entries": list(self.entries),
            "legal_basis": [str(basis) for basis in self.legal_basis],
            "legal_basis_en": [basis.text("en") for basis in self.legal_basis],
            "where": self.where,
            "title": {"id": self.title_id, "en": self.title_en},
            "message": {"id": self.message_id, "en": self.message_en},
            "explanation": {"id": self.explanation_id, "en": self.explanation_en},
            "advice": {"id": self.advice_id, "en": self.advice_en},
            "compared": dict(self.compared),
        }


QUESTIONS: Mapping[str, tuple[str, str]] = {
    "recruiter": (
        "Siapa yang merekrut, dan apa nama perusahaannya?",
        "Who recruits, which company?",
    ),
    "employer_kind": (
        "Apakah pemberi kerjanya perseorangan (rumah tangga) atau perusahaan?",
        "Is the employer a household or a company?",
    ),
    "visa": ("Visa apa yang akan diurus?", "Which visa will be arranged?"),
    "salary": ("Berapa gaji per bulan?", "What is the monthly salary?"),
    "passport_kept_by": ("Siapa yang memegang paspor?", "Who keeps the passport?"),
    "departure_point": ("Dari mana Anda akan berangkat?", "Where would you leave from?"),
    "included.medical_check": (
        "Apakah ada pemeriksaan kesehatan dan psikologi?",
        "Is there a medical and psychological check?",
    ),
    "included.social_security": (
        "Apakah Anda didaftarkan di BPJS Ketenagakerjaan?",
        "Will you be enrolled in BPJS Ketenagakerjaan (social security)?",
    ),
    "included.opp": (
        "Apakah ada Orientasi Pra Pemberangkatan (OPP)?",
        "Is there a pre-departure orientation (OPP)?",
    ),
}
"""The questions to ask about what an offer leaves unsaid, by the offer's field."""


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The flags raised on one offer on one day, by one policy version.

    ``verdict`` is ``red_flags`` (any error), ``cautions`` (warnings only) or
    ``no_flags``; even then the worker should still register at the Disnaker
    or LTSA, which is why :attr:`ask_first` is part of every result.
    ``unanswered`` names the fields the offer leaves unsaid (see
    :data:`QUESTIONS`).
    """

    on: datetime.date
    policy_version: str
    flags: tuple[Flag, ...]
    unanswered: tuple[str, ...] = field(default=())

    @property
    def red_flags(self) -> tuple[Flag, ...]:
        """The flags with severity error."""
        return tuple(flag for flag in self.flags if not flag.is_caution)

    @property
    def cautions(self) -> tuple[Flag, ...]:
        """The flags with severity warning."""
        return tuple(flag for flag in self.flags if flag.is_caution)

    @property
    def verdict(self) -> str:
        """``red_flags``, ``cautions`` or ``no_flags``."""
        if self.red_flags:
            return "red_flags"
        return "cautions" if self.flags else "no_flags"

    @property
    def codes(self) -> tuple[str, ...]:
        """The distinct codes raised, sorted."""
        return tuple(sorted({flag.code for flag in self.flags}))

    @property
    def ask_first(self) -> tuple[str, str]:
        """The closing advice, in Indonesian and English."""
        return ASK_FIRST

    def questions(self, language: Language = "id") -> tuple[str, ...]:
        """The questions to ask about what the offer leaves unsaid."""
        index = 0 if language == "id" else 1
        return tuple(QUESTIONS[key][index] for key in self.unanswered if key in QUESTIONS)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-compatible data (no personal data)."""
        return {
            "on": self.on.isoformat(),
            "policy_version": self.policy_version,
            "verdict": self.verdict,
            "codes": list(self.codes),
            "flags": [flag.to_dict() for flag in self.flags],
            "unanswered": list(self.unanswered),
            "questions": {"id": list(self.questions("id")), "en": list(self.questions("en"))},
            "ask_first": {"id": ASK_FIRST[0], "en": ASK_FIRST[1]},
        }


# -- building flags -------------------------------------------------------------------


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(_Values(values))


def _certainty(rule: Rule, entries: Iterable[Entry]) -> Certainty:
    if rule.confirmed and all(entry.confirmed for entry in entries):
        return "confirmed"
    return "unconfirmed"


class _Builder:
    """Collects flags for one offer on one day (a small helper, not public)."""

    def __init__(self, offer: Offer, on: datetime.date, view: PolicyView) -> None:
        self.offer = offer
        self.on = on
        self.view = view
        self.flags: list[Flag] = []
        job = offer.job
        self.values: dict[str, str] = {
            "on_id": format_date(on, "id"),
            "on_en": on.isoformat(),
            "destination_id": label("country", offer.destination, "id"),
            "destination_en": label("country", offer.destination, "en"),
            "job_id": label_in_sentence("occupation", job.code, "id"),
            "job_en": label_in_sentence("occupation", job.code, "en"),
            "company": _company_text(offer),
        }

    def add(
        self,
        code: str,
        *,
        where: str,
        entries: Iterable[Entry] = (),
        values: Mapping[str, str] | None = None,
        finding: Finding | None = None,
        variant: str | None = None,
        severity: Severity | None = None,
        legal_basis: tuple[LegalBasis, ...] | None = None,
    ) -> None:
        """Add one flag; its severity falls to warning when its basis is unconfirmed."""
        rule = CATALOG.get(code) or OFFER_RULES[code]
        used = tuple(entries)
        certainty = _certainty(rule, used)
        ids = tuple(entry.id for entry in used)
        if finding is not None:
            # findings that carry their own entries and certainty: keep both, the stricter wins
            ids = tuple(dict.fromkeys((*ids, *getattr(finding, "entries", ()))))
            said = getattr(finding, "certainty", "confirmed")
            if str(getattr(said, "value", said)) == "unconfirmed":
                certainty = "unconfirmed"
        chosen = severity or (finding.severity if finding is not None else rule.severity)
        if certainty == "unconfirmed":
            chosen = Severity.WARNING
        filled = {**self.values, **(dict(finding.compared) if finding else {}), **(values or {})}
        if finding is not None:
            filled.update(message_id=finding.message_id, message_en=finding.message_en)
        text = WORKER_TEXTS.get(f"{code}/{variant}") if variant else None
        text = text or WORKER_TEXTS.get(code) or _generic_text(rule)
        if finding is not None:
            message_id, message_en = finding.message_id, finding.message_en
            compared = finding.compared
        else:
            message_id, message_en = render_rule(rule, filled)
            compared = tuple(sorted((values or {}).items()))
        explain_id = _fill(text.explain_id, filled)
        explain_en = _fill(text.explain_en, filled)
        if certainty == "unconfirmed":
            explain_id = f"{explain_id} {UNCONFIRMED_NOTE[0]}"
            explain_en = f"{explain_en} {UNCONFIRMED_NOTE[1]}"
        self.flags.append(
            Flag(
                code=code,
                severity=chosen,
                certainty=certainty,
                entries=ids,
                legal_basis=legal_basis
                or (finding.legal_basis if finding is not None else rule.legal_basis),
                where=where,
                title_id=text.title_id,
                title_en=text.title_en,
                message_id=message_id,
                message_en=message_en,
                explanation_id=explain_id,
                explanation_en=explain_en,
                advice_id=_fill(text.advice_id, filled),
                advice_en=_fill(text.advice_en, filled),
                compared=compared,
            )
        )

    def entry(self, entry_id: str | None) -> tuple[Entry, ...]:
        """The policy entry in force with this id, as a one-item tuple (empty if none)."""
        found = self.view.entry(entry_id) if entry_id else None
        return (found,) if found is not None else ()


_SCOPES = {
    "all": ("untuk seluruh jabatan", "for every job"),
    "domestic": ("untuk pekerjaan rumah tangga", "for domestic work"),
    "domestic_individual_employer": (
        "untuk pekerjaan rumah tangga pada pemberi kerja perseorangan",
        "for domestic work with household employers",
    ),
}

_CHANNELS = {
    "SPSK": ("Sistem Penempatan Satu Kanal (SPSK)", "the one-channel system (SPSK)", "SPSK"),
    "OCS": ("One Channel System (OCS)", "the One Channel System (OCS)", "OCS"),
}

_CHANNEL_BASIS = {
    "SPSK": (LegalBasis("Kepmenaker 291/2018"),),
    "OCS": (LegalBasis("MoU RI-Malaysia 1 April 2022"),),
}

_HOLDERS = {
    PassportHolder.RECRUITER: ("perekrut", "the recruiter"),
    PassportHolder.COMPANY: ("perusahaan perekrut", "the recruiting company"),
    PassportHolder.EMPLOYER: ("pemberi kerja", "the employer"),
}

_LICENCE_REASONS = {
    **LICENCE_REASONS,
    "missing": ("tidak tercatat dalam data perizinan", "not in the licence data"),
}

_LICENCE_VARIANTS = frozenset({"other_holder", "holder_branch", "unknown_to_registry"})
_LICENCE_CAUTIONS = frozenset({"missing", "holder_branch", "unknown_to_registry"})
_HOLDER_PROBLEMS = frozenset({"other_holder", "holder_branch"})

_COMPANY_STATES = {
    "not_named": (
        "Tawaran ini tidak menyebutkan siapa yang merekrut.",
        "The offer does not say who recruits.",
    ),
    "no_registry": (
        "Izin perusahaan {company} belum diperiksa dalam data perizinan.",
        "The licence of {company} was not checked against licence data.",
    ),
    "not_in_registry": (
        "Perusahaan {company} tidak ditemukan dalam data perizinan yang dipakai.",
        "{company} is not in the licence data used.",
    ),
}

_STEPS: dict[str, tuple[Step, Severity, str, str, str, str, tuple[LegalBasis, ...]]] = {
    "medical_check": (
        Step.MEDICALLY_CLEARED,
        Severity.ERROR,
        "pemeriksaan kesehatan dan psikologi",
        "the medical and psychological check",
        "Pemeriksaan ini wajib sebelum berangkat, agar Anda bekerja dalam keadaan sehat.",
        "The check is required before departure, so that you work in good health.",
        (LegalBasis("UU 18/2017", "Pasal 5 huruf c"), LegalBasis("UU 18/2017", "Pasal 13 huruf d")),
    ),
    "social_security": (
        Step.SOCIAL_SECURITY_ENROLLED,
        Severity.ERROR,
        "pendaftaran BPJS Ketenagakerjaan",
        "enrolment in BPJS Ketenagakerjaan (social security)",
        "Kepesertaan BPJS Ketenagakerjaan (Jaminan Kecelakaan Kerja dan Jaminan Kematian) wajib, "
        "agar Anda terlindungi jika terjadi kecelakaan kerja atau meninggal dunia.",
        "Membership is required, so that you are covered for work accidents and death.",
        (LegalBasis("UU 18/2017", "Pasal 5 huruf d"), LegalBasis("Permenaker 4/2023", "Pasal 7")),
    ),
    "opp": (
        Step.OPP_COMPLETED,
        Severity.ERROR,
        "Orientasi Pra Pemberangkatan (OPP)",
        "the pre-departure orientation (OPP)",
        "OPP wajib diikuti sebelum berangkat; di sana Anda menerima bekal informasi dan kartu "
        "E-PMI.",
        "The OPP is required before departure; there you receive information and your E-PMI card.",
        (LegalBasis("UU 18/2017", "Pasal 12"), LegalBasis("Perban BP2MI 4/2023")),
    ),
    "training": (
        Step.COMPETENCE_CERTIFIED,
        Severity.WARNING,
        "pelatihan kerja",
        "job training",
        "Anda wajib memiliki kompetensi untuk jabatan ini, yang dibuktikan dengan sertifikat "
        "kompetensi; pelatihan adalah cara memperolehnya.",
        "You must be competent for the job, shown by a competence certificate; training is "
        "how you get one.",
        (LegalBasis("UU 18/2017", "Pasal 5 huruf b"), LegalBasis("UU 18/2017", "Pasal 13 huruf c")),
    ),
}


def _generic_text(rule: Rule) -> WorkerText:
    """Words for a catalog code that has none of its own yet: the officer's message."""
    return WorkerText(
        title_id=rule.title_id,
        title_en=rule.title_en,
        explain_id="{message_id}",
        explain_en="{message_en}",
        advice_id=ASK_FIRST[0],
        advice_en=ASK_FIRST[1],
    )


def _company_text(offer: Offer) -> str:
    recruiter = offer.recruiter
    if recruiter is not None and recruiter.company_name:
        return recruiter.company_name
    return "perusahaan perekrut" if recruiter is not None else "perekrut"


def _latest_of(view: PolicyView, kind: type[Entry]) -> tuple[Entry, ...]:
    found = view.of_kind(kind)
    return found[-1:] if found else ()


@lru_cache(maxsize=1024)
def _normalised(text: str) -> str:
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "


# -- the checks -----------------------------------------------------------------------


def _destination(build: _Builder) -> None:
    offer = build.offer
    found = check_placement_destination(
        offer.destination, offer.job, offer.employer_kind, offer.channel, build.on, build.view
    )
    codes = {finding.code for finding in found}
    if offer.employer_kind is None:
        supposed = check_placement_destination(
            offer.destination,
            offer.job,
            EmployerKind.INDIVIDUAL,
            offer.channel,
            build.on,
            build.view,
        )
        for finding in supposed:
            if finding.code == "destination.domestic_individual_employer_banned" and (
                finding.code not in codes
            ):
                build.add(
                    finding.code,
                    where="employer_kind",
                    entries=build.entry(dict(finding.compared).get("policy_entry")),
                    finding=finding,
                    variant="unknown_employer",
                    severity=Severity.WARNING,
                )
    for finding in found:
        compared = dict(finding.compared)
        values: dict[str, str] = {}
        variant = None
        severity = None
        if finding.code == "destination.channel_required":
            label_id, label_en, short = _CHANNELS.get(
                compared.get("required_channel", ""), (compared.get("required_channel", "?"),) * 3
            )
            values = {"channel_id": label_id, "channel_en": label_en, "channel_short": short}
            if offer.channel is None:
                values["channel_state_id"] = "tidak menyebutkan sistem itu"
                values["channel_state_en"] = "does not mention it"
                severity = Severity.WARNING  # the worker may simply not know: ask
            else:
                values["channel_state_id"] = "menyebut sistem lain"
                values["channel_state_en"] = "names another system"
        else:
            scope = _SCOPES.get(_scope_of(build.view, compared.get("policy_entry")), ("", ""))
            values = {"scope_id": scope[0], "scope_en": scope[1]}
        build.add(
            finding.code,
            where="channel" if finding.code == "destination.channel_required" else "destination",
            entries=build.entry(compared.get("policy_entry")),
            finding=finding,
            values=values,
            variant=variant,
            severity=severity,
            legal_basis=_CHANNEL_BASIS.get(compared.get("required_channel", "")),
        )


def _scope_of(view: PolicyView, entry_id: str | None) -> str:
    entry = view.entry(entry_id) if entry_id else None
    return str(getattr(entry, "scope", ""))


def _scheme(offer: Offer) -> Scheme:
    recruiter = offer.recruiter
    if recruiter is not None and recruiter.kind is RecruiterKind.GOVERNMENT:
        return Scheme.G2G
    return Scheme.P2P


def _age(build: _Builder) -> None:
    offer = build.offer
    age = offer.applicant.age
    if age is None:
        return
    for finding in check_age_value(
        age,
        _scheme(offer),
        offer.destination,
        offer.job,
        offer.employer_kind,
        build.on,
        build.view,
    ):
        compared = dict(finding.compared)
        entries = (
            _latest_of(build.view, MinimumAge)
            if finding.code == "eligibility.age_below_minimum"
            else build.entry(compared.get("policy_entry"))
        )
        low, high = compared.get("minimum", "-"), compared.get("maximum", "-")
        if high == "-":
            range_id, range_en = f"paling rendah {low} tahun", f"at least {low}"
        elif low == "-":
            range_id, range_en = f"paling tinggi {high} tahun", f"at most {high}"
        else:
            range_id, range_en = f"{low} sampai {high} tahun", f"{low} to {high}"
        build.add(
            finding.code,
            where="applicant.age",
            entries=entries,
            finding=finding,
            values={"range_id": range_id, "range_en": range_en},
        )


def _recruiter(build: _Builder, registry: LicenceRegistry | None) -> None:
    offer = build.offer
    recruiter = offer.recruiter
    if recruiter is None:
        _unknown_company(build, "not_named")
        return
    if recruiter.kind is RecruiterKind.GOVERNMENT:
        return
    if recruiter.kind is RecruiterKind.PERSON:
        finding = make_finding(
            "executor.individual_recruiter",
            build.on,
            step=None,
            where="recruiter",
            compared=(("executor_kind", "individual"),),
        )
        build.add(finding.code, where="recruiter", finding=finding)
        return
    if registry is None:
        _unknown_company(build, "no_registry")
        return
    standing = company_standing(
        registry,
        build.on,
        name=recruiter.company_name,
        licence_number=recruiter.licence_number,
        permit_number=recruiter.permit_number,
        destination=offer.destination,
        occupation=offer.job.code,
    )
    if not standing.known:
        _unknown_company(build, "not_in_registry")
        return
    _licences(build, standing, given_permit=recruiter.permit_number is not None)


def _unknown_company(build: _Builder, state: str) -> None:
    state_id, state_en = _COMPANY_STATES[state]
    values = {
        "state_id": _fill(state_id, build.values),
        "state_en": _fill(state_en, build.values),
        "reason_id": {
            "not_named": "perekrut tidak disebutkan",
            "no_registry": "data perizinan tidak diperiksa",
            "not_in_registry": "tidak ditemukan",
        }[state],
        "reason_en": state.replace("_", " "),
        "reason": state,
    }
    build.add("offer.company_unknown", where="recruiter", values=values)


def _licences(build: _Builder, standing: CompanyStanding, *, given_permit: bool) -> None:
    offer = build.offer
    on = build.on
    recruiter = offer.recruiter
    problem = standing.licence_problem
    if problem is not None:
        reason_id, reason_en = _LICENCE_REASONS[problem]
        licence = standing.licence
        given = recruiter.licence_number if recruiter is not None else None
        number = licence.number if licence is not None else (given or "-")
        holder = licence.holder if licence is not None and problem in _HOLDER_PROBLEMS else None
        finding = make_finding(
            "executor.licence_invalid",
            on,
            step=None,
            where="recruiter.licence_number",
            compared=(
                ("licence", "SIP3MI"),
                ("number", number),
                ("reason", problem),
                *((("holder", holder),) if holder else ()),
            ),
            values={"reason_id": reason_id, "reason_en": reason_en},
        )
        build.add(
            finding.code,
            where="recruiter.licence_number",
            finding=finding,
            values={"reason_id": reason_id, "reason_en": reason_en},
            variant=problem if problem in _LICENCE_VARIANTS else None,
            # a registry without the company's SIP3MI (or this number) may simply be
            # incomplete, a branch is to be verified: cautions; a number the data gives to
            # another company is a red flag
            severity=Severity.WARNING if problem in _LICENCE_CAUTIONS else None,
        )
    permit = standing.permit
    number = permit.number if permit is not None else (recruiter and recruiter.permit_number) or "-"
    problem = standing.permit_problem
    if problem == "destination_mismatch" and permit is not None and permit.destination:
        finding = make_finding(
            "executor.recruitment_permit_destination_mismatch",
            on,
            step=None,
            where="recruiter.permit_number",
            compared=(
                ("number", number),
                ("permit_destination", permit.destination),
                ("destination", offer.destination),
            ),
        )
        build.add(
            finding.code,
            where="recruiter.permit_number",
            finding=finding,
            values={
                "permit_destination_id": label("country", permit.destination, "id"),
                "permit_destination_en": label("country", permit.destination, "en"),
            },
        )
    elif problem == "occupation_mismatch":
        build.add(
            "offer.permit_occupation_mismatch",
            where="recruiter.permit_number",
            values={"number": number, "occupation": offer.job.code},
        )
    elif problem is not None or standing.permit_covers is None:
        finding = make_finding(
            "executor.recruitment_permit_missing",
            on,
            step=None,
            where="recruiter.permit_number",
            compared=(("job_order", "-"), ("sip2mi", number), ("reason", problem or "unclear")),
        )
        # a permit judged by the registry is a verdict; one it does not know, a caution
        judged = given_permit and problem not in (None, "unknown_to_registry")
        if problem == "other_holder":
            variant: str | None = problem
        else:
            variant = None if judged or problem is not None else "unclear"
        build.add(
            finding.code,
            where="recruiter.permit_number",
            finding=finding,
            values={"holder": permit.holder or "-"} if permit is not None else None,
            variant=variant,
            # the registry may simply not list every permit: without a number given, a caution
            severity=None if judged else Severity.WARNING,
        )
    maximum_entry = build.view.parameter_entry("licence_evidence_max_days")
    if maximum_entry is None:
        return
    for fact in standing.facts:
        if fact.is_stale_on(on, maximum_entry.value):
            finding = make_finding(
                "executor.licence_evidence_stale",
                on,
                step=None,
                where="recruiter",
                compared=(
                    ("licence", fact.kind.value.upper()),
                    ("number", fact.number),
                    ("checked_on", fact.checked_on.isoformat()),
                    ("maximum_days", str(maximum_entry.value)),
                ),
            )
            build.add(
                finding.code,
                where="recruiter",
                entries=(maximum_entry,),
                finding=finding,
                values={
                    "checked_id": format_date(fact.checked_on, "id"),
                    "checked_en": fact.checked_on.isoformat(),
                },
            )


def _fees(build: _Builder) -> None:
    offer = build.offer
    items = [
        CostItem(
            component=fee.purpose,
            amount=fee.amount,
            currency=fee.currency,
            paid_by=Payer.WORKER,
            financing=fee.financing,
        )
        for fee in offer.fees
    ]
    job = offer.job.code
    exempt = tuple(
        entry for entry in build.view.of_kind(ExemptOccupations) if job in entry.occupations
    )
    borne = build.view.of_kind(EmployerBorneCosts)
    for finding in check_cost_items(
        items, job, build.on, build.view, where_prefix="fees", destination=offer.destination
    ):
        index = int((finding.where or "fees.0").rsplit(".", 1)[1])
        fee = offer.fees[index]
        purpose_id, purpose_en = _text.COST_LABELS[fee.purpose]
        financing_id, financing_en = _text.FINANCING_LABELS[fee.financing]
        entries: tuple[Entry, ...]
        if finding.code == "fees.exempt_occupation_charged":
            entries = exempt
        elif finding.code == "fees.placement_loan":
            entries = tuple(entry for entry in borne if entry.no_loans)
        else:
            entries = tuple(entry for entry in borne if fee.purpose in entry.components)
        build.add(
            finding.code,
            where=finding.where or "fees",
            entries=entries,
            finding=finding,
            values={
                "amount_id": format_money(fee.amount, fee.currency, "id"),
                "amount_en": format_money(fee.amount, fee.currency, "en"),
                "purpose_id": purpose_id,
                "purpose_en": purpose_en,
                "financing_id": financing_id,
                "financing_en": financing_en,
            },
        )


def _visa(build: _Builder) -> None:
    visa = build.offer.visa
    if visa is None or visa in build.view.work_visa_types:
        return
    finding = make_finding(
        "documents.visa_not_work",
        build.on,
        step=None,
        where="visa",
        compared=(("document", "-"), ("visa_type", visa.value)),
    )
    visa_id, visa_en = _text.VISA_LABELS[visa]
    build.add(
        finding.code,
        where="visa",
        entries=_latest_of(build.view, WorkVisaTypes),
        finding=finding,
        values={"visa_id": visa_id, "visa_en": visa_en},
    )


def _departure(build: _Builder) -> None:
    point = build.offer.departure_point
    if point is None:
        return
    lists = build.view.of_kind(DeparturePoints)
    if not lists:
        return
    text = _normalised(point)
    for entry in lists:
        for official in entry.points:
            words = (official.name, *official.aliases)
            if any(_normalised(word) in text for word in words):
                return
    build.add(
        "offer.departure_point_unofficial",
        where="departure_point",
        entries=lists,
        values={"point": point},
    )


def _passport(build: _Builder) -> None:
    holder = build.offer.passport_kept_by
    if holder is None or holder is PassportHolder.WORKER:
        return
    holder_id, holder_en = _HOLDERS[holder]
    build.add(
        "offer.passport_held_by_other",
        where="passport_kept_by",
        values={"holder_id": holder_id, "holder_en": holder_en, "holder": holder.value},
    )


def _salary(build: _Builder) -> None:
    offer = build.offer
    salary = offer.salary
    if salary is None:
        return
    minima = [
        entry
        for entry in build.view.of_kind(MinimumWage)
        if entry.matches(offer.destination, offer.job.code, offer.job.domestic)
    ]
    comparable = [entry for entry in minima if entry.currency == salary.currency]
    for entry in comparable or minima:
        minimum = Decimal(entry.monthly_amount)
        values = {
            "salary_id": format_money(salary.monthly_amount, salary.currency, "id"),
            "salary_en": format_money(salary.monthly_amount, salary.currency, "en"),
            "minimum_id": format_money(minimum, entry.currency, "id"),
            "minimum_en": format_money(minimum, entry.currency, "en"),
            "salary": str(salary.monthly_amount),
            "minimum": str(entry.monthly_amount),
        }
        if not comparable:
            # the policy data carries no exchange rate: never pass the salary silently, ask
            values.update(salary_currency=salary.currency, currency=entry.currency)
            build.add(
                "offer.salary_currency_differs", where="salary", entries=(entry,), values=values
            )
        elif salary.monthly_amount < entry.monthly_amount:
            build.add("offer.salary_below_minimum", where="salary", entries=(entry,), values=values)


def _steps(build: _Builder) -> None:
    included = build.offer.included
    path = build.view.scheme_steps(_scheme(build.offer))
    for name, (step, severity, step_id, step_en, why_id, why_en, basis) in _STEPS.items():
        if getattr(included, name) is not False or step not in path:
            continue
        build.add(
            "offer.step_skipped",
            where=f"included.{name}",
            severity=severity,
            legal_basis=basis,
            values={
                "step": step.value,
                "step_id": step_id,
                "step_en": step_en,
                "why_id": why_id,
                "why_en": why_en,
            },
        )


def _unanswered(offer: Offer) -> tuple[str, ...]:
    missing = []
    if offer.recruiter is None:
        missing.append("recruiter")
    for name in ("employer_kind", "visa", "salary", "passport_kept_by", "departure_point"):
        if getattr(offer, name) is None:
            missing.append(name)
    for name in ("medical_check", "social_security", "opp"):
        if getattr(offer.included, name) is None:
            missing.append(f"included.{name}")
    return tuple(missing)


def screen_offer(
    offer: Offer,
    on: datetime.date | None = None,
    registry: LicenceRegistry | None = None,
    policy: Policy | PolicyView | None = None,
) -> ScreeningResult:
    """Screen ``offer`` by the policy in force on ``on`` (today in Jakarta by default).

    ``registry`` is the licence data to check the company against; without
    it, a company is a caution to verify. ``policy`` is the
    :class:`~pmi_workflow.policy.Policy` (the shipped one by default) or a
    view already taken on a day.
    """
    day = on if on is not None else datetime.datetime.now(JAKARTA).date()
    view = policy if isinstance(policy, PolicyView) else (policy or Policy.default()).as_of(day)
    build = _Builder(offer, day, view)
    _destination(build)
    _age(build)
    _recruiter(build, registry)
    _fees(build)
    _visa(build)
    _departure(build)
    _passport(build)
    _salary(build)
    _steps(build)
    result = ScreeningResult(
        on=day,
        policy_version=view.version,
        flags=tuple(build.flags),
        unanswered=_unanswered(offer),
    )
    logger.debug(
        "offer screened on %s: %s (%d flags)", day.isoformat(), result.verdict, len(result.flags)
    )
    return result
