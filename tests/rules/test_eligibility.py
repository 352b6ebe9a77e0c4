"""Eligibility: the legal minimum age, destination age ranges, medical fitness."""

from __future__ import annotations

import datetime

import pytest

from pmi_workflow.domain import Case
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Policy
from pmi_workflow.rules.eligibility import check_age, check_fitness

from .variants import doc, edit

POLICY = Policy.default()


def domestic_malaysia(nik: str, birth: str) -> Case:
    def change(data: dict[str, object]) -> None:
        data["applicant"].update(nik=nik, birth_date=birth)  # type: ignore[attr-defined]
        data["occupation"] = "housekeeper"
        data["employer"] = {"kind": "individual", "name": "Tan Household", "country": "MY"}

    return edit("p2p", change)


@pytest.mark.parametrize(
    ("nik", "birth", "fires"),
    [
        ("3603122105780002", "1978-05-21", False),  # 45 on 20 May 2024
        ("3603122005780002", "1978-05-20", True),  # 46 on 20 May 2024
        ("3603122005030002", "2003-05-20", False),  # 21 on 20 May 2024
        ("3603122105030002", "2003-05-21", True),  # 20 on 20 May 2024
    ],
)
def test_malaysia_domestic_range_is_21_to_45_inclusive(nik: str, birth: str, fires: bool) -> None:
    day = datetime.date(2024, 5, 20)
    case = domestic_malaysia(nik, birth)
    found = [f for f in check_age(case, day, POLICY.as_of(day)) if "range" in f.code]
    assert bool(found) is fires


def test_above_the_malaysia_domestic_range_fires_as_an_error() -> None:
    day = datetime.date(2024, 5, 20)
    case = domestic_malaysia("3603121905780002", "1978-05-19")  # 46
    (finding,) = check_age(case, day, POLICY.as_of(day))
    assert finding.code == "eligibility.age_outside_destination_range"
    assert finding.severity is Severity.ERROR
    assert dict(finding.compared)["maximum"] == "45"


def test_the_confirmed_korean_eps_range_gives_an_error() -> None:
    day = datetime.date(2024, 5, 20)
    case = edit(
        "g2g", lambda d: d["applicant"].update(nik="3603124408800003", birth_date="1980-08-04")
    )
    (finding,) = check_age(case, day, POLICY.as_of(day))
    assert (finding.severity, finding.entries) == (Severity.ERROR, ("age/KR/eps",))


def test_an_unconfirmed_range_gives_a_warning() -> None:
    day = datetime.date(2024, 5, 20)
    case = edit(
        "g2g", lambda d: d["applicant"].update(nik="3603124408800003", birth_date="1980-08-04")
    )
    unsure = Policy.from_toml(
        """
        [[age_range]]
        id = "age/KR/eps"
        destination = "KR"
        schemes = ["g2g"]
        min_age = 18
        max_age = 39
        source = "an unconfirmed notice"
        confirmed = false
        """
    )
    (finding,) = check_age(case, day, unsure.as_of(day))
    assert (finding.severity, finding.certainty.value) == (Severity.WARNING, "unconfirmed")


def test_the_korean_eps_range_does_not_bind_a_p2p_placement_to_korea() -> None:
    day = datetime.date(2024, 5, 20)
    case = edit(
        "g2g",
        lambda d: (
            d.update(scheme="p2p", executor={"kind": "p3mi", "name": "PT A"})
            or d["applicant"].update(nik="3603124408800003", birth_date="1980-08-04")
        ),
    )
    assert check_age(case, day, POLICY.as_of(day)) == ()


def test_under_uu_39_2004_an_individual_employer_needed_age_21() -> None:
    case = edit(
        "re_entry",
        lambda d: d["applicant"].update(nik="3603126105960001", birth_date="1996-05-21"),
    )
    day_2016 = datetime.date(2016, 6, 1)
    (finding,) = check_age(case, day_2016, POLICY.as_of(day_2016))
    assert finding.code == "eligibility.age_outside_destination_range"
    day_2018 = datetime.date(2018, 1, 1)
    assert check_age(case, day_2018, POLICY.as_of(day_2018)) == ()


def test_an_under_age_applicant_is_not_reported_twice_for_the_destination_range() -> None:
    day = datetime.date(2024, 5, 20)
    case = domestic_malaysia("3603121505080002", "2008-05-15")
    assert [f.code for f in check_age(case, day, POLICY.as_of(day))] == [
        "eligibility.age_below_minimum"
    ]


def test_an_unfit_medical_result_is_an_error() -> None:
    case = edit("p2p", lambda d: doc(d, "health-1").update(medical_result="unfit"))
    day = datetime.date(2024, 3, 1)
    (finding,) = check_fitness(case, day, POLICY.as_of(day))
    assert dict(finding.compared) == {"document": "health-1", "exam": "medical"}


def test_a_certificate_issued_after_the_day_is_not_yet_relied_on() -> None:
    case = edit("p2p", lambda d: doc(d, "health-1").update(medical_result="unfit"))
    day = datetime.date(2024, 2, 1)
    assert check_fitness(case, day, POLICY.as_of(day)) == ()
