"""Realistic non-procedural variants of the procedural samples: one change each."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.policy import Policy
from pmi_workflow.rules import (
    FileLicenceRegistry,
    LicenceRegistry,
    ValidationReport,
    validate_case,
)
from pmi_workflow.samples import procedural_case_data

AS_OF = datetime.date(2024, 6, 1)


@dataclass(frozen=True)
class Variant:
    """A case to validate, and how."""

    case: Case
    as_of: datetime.date = AS_OF
    policy: Policy | None = None
    registry: LicenceRegistry | None = None
    sessions: Mapping[str, Collection[str]] | None = None
    note: str = field(default="")

    def report(self) -> ValidationReport:
        """The case validated as the variant says."""
        return validate_case(
            self.case,
            as_of=self.as_of,
            policy=self.policy,
            registry=self.registry,
            sessions=self.sessions,
        )


def doc(data: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """The document with this id in a sample's data."""
    return next(item for item in data["documents"] if item["id"] == doc_id)


def renumber(data: dict[str, Any]) -> dict[str, Any]:
    """Give the history sequences 1, 2, 3... again after events were moved."""
    for index, event in enumerate(data["history"], start=1):
        event["sequence"] = index
        event["event_id"] = f"00000000-0000-4000-8000-{index:012d}"
    return data


def event(data: dict[str, Any], step: str, day: str, role: str, **extra: Any) -> dict[str, Any]:
    """A new history event of the sample's case."""
    return {
        "case_id": data["case_id"],
        "sequence": len(data["history"]) + 1,
        "step": step,
        "occurred_at": f"{day}T09:00:00+07:00",
        "actor": {"role": role},
        **extra,
    }


def index_of(data: dict[str, Any], step: str) -> int:
    """The index of the first event of ``step``."""
    return next(i for i, item in enumerate(data["history"]) if item["step"] == step)


def _placement_agreement_for_independent(data: dict[str, Any]) -> None:
    """An independent PMI has no placement agreement (Pasal 63): record one anyway."""
    position = index_of(data, "employment_contract_signed")
    data["history"].insert(
        position, event(data, "placement_agreement_signed", "2024-04-20", "disnaker")
    )
    renumber(data)


def edit(scheme: str, change: Callable[[dict[str, Any]], object]) -> Case:
    """A sample with one change applied."""
    data = procedural_case_data(scheme)
    change(data)
    return parse_case(renumber(data))


def _invalid_nik() -> Case:
    case = parse_case(procedural_case_data("p2p"))
    applicant = case.applicant.model_copy(update={"nik": "9903121505950002"})
    return case.model_copy(update={"applicant": applicant})


def _extension(
    signed_before: str, consent: bool, premium: bool
) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        extension: dict[str, Any] = {
            **doc(data, "pk-1"),
            "id": "pk-2",
            "signed_on": "2026-03-01",
            "signed_before": signed_before,
            "extension_of": "pk-1",
        }
        if consent:
            data["documents"].append(
                {
                    "type": "family_consent",
                    "id": "consent-2",
                    "consenting_party": "parent",
                    "acknowledged_by_village_head": True,
                    "issued_on": "2026-02-01",
                }
            )
            extension["family_consent"] = "consent-2"
        data["documents"].append(extension)
        if premium:
            doc(data, "bpjs-1")["premiums"].append(
                {"kind": "extension", "amount": "324000", "paid_on": "2026-03-01", "months": 24}
            )
        data["history"].append(event(data, "contract_extended", "2026-03-02", "perwakilan"))

    return change


def _late_departure(data: dict[str, Any]) -> None:
    for step, day in (
        ("departed", "2024-08-20"),
        ("registered_abroad", "2024-08-22"),
        ("started_work", "2024-08-23"),
    ):
        data["history"][index_of(data, step)]["occurred_at"] = f"{day}T09:00:00+07:00"


def _stale_registry() -> FileLicenceRegistry:
    checked = "2023-01-02T10:00:00+07:00"
    return FileLicenceRegistry.from_data(
        {
            "licences": [
                {
                    "kind": "sip3mi",
                    "number": "B.5/1234/PK.02/2021",
                    "issued_on": "2021-03-01",
                    "valid_until": "2026-03-01",
                    "checked_at": checked,
                    "source": "SIP3MI register",
                },
                {
                    "kind": "sip2mi",
                    "number": "KEP.2311/SIP2MI/2023",
                    "issued_on": "2023-11-01",
                    "valid_until": "2025-11-01",
                    "destination": "MY",
                    "checked_at": checked,
                    "source": "SIP2MI register",
                },
            ]
        }
    )


def _close_taiwan() -> Policy:
    return Policy.from_toml(
        """
        [[closure]]
        id = "agency/TW-closed"
        destination = "TW"
        scope = "all"
        effective_from = 2024-01-01
        source = "Keputusan Menteri (example closure under Pasal 32)"
        """,
        file="agency.toml",
    )


def _move_qatar(data: dict[str, Any]) -> None:
    data["destination"] = "QA"
    data["employer"]["country"] = "QA"
    for item in data["documents"]:
        if item["type"] == "visa":
            item["country"] = "QA"


def _domestic_malaysia(data: dict[str, Any]) -> None:
    data["occupation"] = "elderly_caretaker"
    data["employer"] = {"kind": "individual", "name": "Tan Household", "country": "MY"}
    data["costs"] = [c for c in data["costs"] if c["paid_by"] != "worker"]


def _spsk_gardener(data: dict[str, Any]) -> None:
    data.update(destination="SA", occupation="gardener", channel="spsk")
    data["employer"] = {"kind": "legal_entity", "name": "Syarikah Al Noor", "country": "SA"}
    data["costs"] = [c for c in data["costs"] if c["paid_by"] != "worker"]


def _sessions(data: dict[str, Any]) -> None:
    data["history"][0]["information_sessions"] = ["session-1"]


def _swap_selected(data: dict[str, Any]) -> None:
    history = data["history"]
    history[1], history[2] = history[2], history[1]


def _first_event_dated_2204(data: dict[str, Any]) -> None:
    data["history"][0]["occurred_at"] = "2204-01-08T09:00:00+07:00"  # a typo for 2024


def _departed_twice(data: dict[str, Any]) -> None:
    at = index_of(data, "departed") + 1
    data["history"].insert(at, event(data, "departed", "2024-05-20", "bp3mi"))


def _withdraw_before_departure(data: dict[str, Any]) -> None:
    data["history"].insert(
        index_of(data, "departed"), event(data, "withdrawn", "2024-05-15", "applicant")
    )


def _drop_steps(*steps: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["history"] = [item for item in data["history"] if item["step"] not in steps]

    return change


def _set(doc_id: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        doc(data, doc_id).update(values)

    return change


def _cost(index: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["costs"][index].update(values)

    return change


def _applicant(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["applicant"].update(values)

    return change


def _field(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data.update(values)

    return change


def _remove_documents(*ids: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["documents"] = [item for item in data["documents"] if item["id"] not in ids]

    return change


def _executor(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["executor"] = values

    return change


def _sip2mi(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        if values:
            data["job_order"]["sip2mi"].update(values)
        else:
            del data["job_order"]["sip2mi"]

    return change


def _premium(index: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        doc(data, "bpjs-1")["premiums"][index].update(values)

    return change


def _actor(step: str, role: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["history"][index_of(data, step)]["actor"] = {"role": role}

    return change


def _arrived_home(data: dict[str, Any]) -> None:
    data["history"].append(event(data, "arrived_home", "2026-05-01", "bp3mi"))


VARIANTS: dict[str, Callable[[], Variant]] = {
    "identity.nik_invalid": lambda: Variant(_invalid_nik()),
    "identity.nik_birth_date_mismatch": lambda: Variant(
        edit("p2p", _applicant(birth_date="1995-06-15"))
    ),
    "identity.nik_sex_mismatch": lambda: Variant(edit("p2p", _applicant(sex="female"))),
    "eligibility.age_below_minimum": lambda: Variant(
        edit("p2p", _applicant(nik="3603121505080002", birth_date="2008-05-15"))
    ),
    "eligibility.age_outside_destination_range": lambda: Variant(
        edit("g2g", _applicant(nik="3603124408800003", birth_date="1980-08-04"))
    ),
    "eligibility.medically_unfit": lambda: Variant(
        edit("p2p", _set("health-1", psychological_result="unfit"))
    ),
    "documents.missing": lambda: Variant(edit("p2p", _remove_documents("opp-1"))),
    "documents.expired": lambda: Variant(edit("p2p", _set("visa-1", expires_on="2024-05-15"))),
    "documents.consent_not_acknowledged": lambda: Variant(
        edit("p2p", _set("consent-1", acknowledged_by_village_head=False))
    ),
    "documents.marriage_book_missing": lambda: Variant(
        edit("p2p", _applicant(marital_status="married"))
    ),
    "documents.health_without_psychological": lambda: Variant(
        edit("p2p", _set("health-1", psychological_exam_done=False, psychological_result=None))
    ),
    "documents.health_certificate_stale": lambda: Variant(
        edit("p2p", _set("health-1", issued_on="2024-01-20"))
    ),
    "documents.passport_validity_short": lambda: Variant(
        edit("p2p", _set("passport-1", expires_on="2025-06-01"))
    ),
    "documents.visa_not_work": lambda: Variant(edit("p2p", _set("visa-1", visa_type="visit"))),
    "documents.visa_destination_mismatch": lambda: Variant(
        edit("p2p", _set("visa-1", country="SG"))
    ),
    "executor.individual_recruiter": lambda: Variant(
        edit("p2p", _executor(kind="individual", name="Pak Calo"))
    ),
    "executor.licence_invalid": lambda: Variant(
        edit(
            "p2p",
            _executor(
                kind="p3mi",
                name="PT Sentosa Karya Mandiri",
                sip3mi={
                    "number": "B.5/1234/PK.02/2021",
                    "issued_on": "2021-03-01",
                    "valid_until": "2024-03-31",
                },
            ),
        )
    ),
    "executor.recruitment_permit_missing": lambda: Variant(edit("p2p", _sip2mi())),
    "executor.recruitment_permit_destination_mismatch": lambda: Variant(
        edit("p2p", _sip2mi(destination="BN"))
    ),
    "executor.licence_evidence_stale": lambda: Variant(
        parse_case(procedural_case_data("p2p")), registry=_stale_registry()
    ),
    "executor.job_order_missing": lambda: Variant(edit("p2p", _field(job_order=None))),
    "destination.closed": lambda: Variant(
        parse_case(procedural_case_data("re_entry")), policy=_close_taiwan()
    ),
    "destination.domestic_individual_employer_banned": lambda: Variant(
        edit("re_entry", _move_qatar)
    ),
    "destination.channel_required": lambda: Variant(edit("p2p", _domestic_malaysia)),
    "destination.outside_channel_limits": lambda: Variant(edit("p2p", _spsk_gardener)),
    "scheme.independent_employer_not_legal_entity": lambda: Variant(
        edit(
            "perseorangan",
            _field(employer={"kind": "individual", "name": "Tanaka Family", "country": "JP"}),
        )
    ),
    "scheme.independent_lowest_position": lambda: Variant(
        edit("perseorangan", _field(occupation="agricultural_worker"))
    ),
    "fees.charged_to_worker": lambda: Variant(edit("p2p", _cost(0, paid_by="worker"))),
    "fees.exempt_occupation_charged": lambda: Variant(
        edit("p2p", _field(occupation="plantation_worker"))
    ),
    "fees.placement_loan": lambda: Variant(edit("p2p", _cost(2, financing="salary_deduction"))),
    "social_security.not_enrolled": lambda: Variant(
        edit("p2p", _set("bpjs-1", programmes=["jkk"]))
    ),
    "social_security.premium_before_placement_agreement": lambda: Variant(
        edit("p2p", _premium(0, paid_on="2024-03-08"))
    ),
    "social_security.pre_work_cover_lapsed": lambda: Variant(
        edit("p2p", _late_departure), as_of=datetime.date(2024, 9, 1)
    ),
    "social_security.cover_shorter_than_contract": lambda: Variant(
        edit("p2p", _premium(1, months=12, amount="189000"))
    ),
    "social_security.independent_registered_early": lambda: Variant(
        edit("perseorangan", _set("bpjs-1", cover_start="2024-03-01"))
    ),
    "contract.missing_terms": lambda: Variant(
        edit("p2p", _set("pk-1", terms=["employer_identity", "worker_identity", "position"]))
    ),
    "contract.position_mismatch": lambda: Variant(
        edit("p2p", _set("pk-1", position="Warehouse Picker"))
    ),
    "contract.extension_outside_mission": lambda: Variant(
        edit("p2p", _extension("pengantar_kerja", consent=True, premium=True)),
        as_of=datetime.date(2026, 3, 10),
    ),
    "contract.extension_incomplete": lambda: Variant(
        edit("p2p", _extension("perwakilan", consent=False, premium=True)),
        as_of=datetime.date(2026, 3, 10),
    ),
    "procedure.step_missing": lambda: Variant(edit("p2p", _drop_steps("opp_completed"))),
    "procedure.out_of_order": lambda: Variant(edit("p2p", _swap_selected)),
    "procedure.after_exit": lambda: Variant(edit("p2p", _withdraw_before_departure)),
    "procedure.step_not_in_scheme": lambda: Variant(
        edit("perseorangan", _placement_agreement_for_independent)
    ),
    "procedure.actor_not_authorized": lambda: Variant(edit("p2p", _actor("registered", "p3mi"))),
    "procedure.information_incomplete": lambda: Variant(
        edit("p2p", _sessions), sessions={"session-1": {"official_procedure", "placement_costs"}}
    ),
    "procedure.not_registered_abroad": lambda: Variant(
        edit("p2p", _drop_steps("registered_abroad", "started_work")),
        as_of=datetime.date(2024, 8, 1),
    ),
    "procedure.return_not_reported": lambda: Variant(
        edit("p2p", _arrived_home), as_of=datetime.date(2026, 5, 2)
    ),
    "procedure.date_out_of_order": lambda: Variant(edit("p2p", _first_event_dated_2204)),
    "procedure.step_repeated": lambda: Variant(edit("p2p", _departed_twice)),
}
"""For every catalog code, a realistic case that breaks exactly that rule."""
