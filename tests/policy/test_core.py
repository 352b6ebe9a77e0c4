"""Policy: as-of views, the shipped data, agency overlays, errors and thread safety."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pmi_workflow.enums import ActorRole, CostComponent, Scheme, Step
from pmi_workflow.errors import InvalidInputError, PolicyError
from pmi_workflow.findings import Severity
from pmi_workflow.policy import Closure, Policy, PolicyView

DAY = datetime.date(2024, 5, 20)


@pytest.fixture
def policy() -> Policy:
    return Policy.default()


def write(tmp_path: Path, text: str, name: str = "agency.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_policy_is_read_once_and_shared() -> None:
    assert Policy.default() is Policy.default()


def test_default_policy_names_the_files_it_was_read_from(policy: Policy) -> None:
    assert "procedure.toml" in policy.sources
    assert "destinations.toml" in policy.sources


def test_every_entry_has_a_source(policy: Policy) -> None:
    assert all(entry.source.strip() for entry in policy.entries)


def test_uncertain_figures_are_shipped_unconfirmed(policy: Policy) -> None:
    view = policy.as_of(DAY)
    for name in (
        "health_certificate_max_months",
        "passport_min_months_after_contract",
        "lapor_diri_days",
    ):
        entry = view.parameter_entry(name)
        assert entry is not None, name
        assert entry.confirmed is False
        assert entry in view.unconfirmed


def test_kepmenaker_260_lists_nineteen_confirmed_countries_and_three_announced(
    policy: Policy,
) -> None:
    closures = policy.as_of(DAY).of_kind(Closure)
    banned = {c.destination for c in closures if c.scope == "individual_employer"}
    confirmed = {
        c.destination for c in closures if c.scope == "individual_employer" and c.confirmed
    }
    assert len(confirmed) == 19
    assert banned - confirmed == {"IR", "PK", "SS"}


def test_a_2016_case_is_judged_by_2016_rules(policy: Policy) -> None:
    view_2016 = policy.as_of(datetime.date(2016, 3, 1))
    view_2024 = policy.as_of(DAY)
    assert view_2016.exempt_occupations == frozenset()
    assert "housekeeper" in view_2024.exempt_occupations
    assert view_2016.premiums is None
    assert view_2024.premiums is not None
    assert view_2016.channels_for("SA", domestic=True) == ()
    assert view_2016.version != view_2024.version


def test_kepmenaker_260_starts_on_1_july_2015(policy: Policy) -> None:
    before = policy.as_of(datetime.date(2015, 6, 30))
    after = policy.as_of(datetime.date(2015, 7, 1))
    # the ban keys on the individual employer, whatever the job (sources.md 11 item 1)
    assert before.closure_for("SA", domestic=False, individual_employer=True) is None
    ban = after.closure_for("SA", domestic=False, individual_employer=True)
    assert ban is not None
    assert ban.id == "kepmenaker-260-2015/SA"
    assert after.closure_for("QA", domestic=True, individual_employer=False) is None


def test_malaysia_suspension_covers_13_july_to_31_july_2022(policy: Policy) -> None:
    def closed(day: datetime.date) -> bool:
        view = policy.as_of(day)
        return view.closure_for("MY", domestic=True, individual_employer=False) is not None

    assert not closed(datetime.date(2022, 7, 12))
    assert closed(datetime.date(2022, 7, 13))
    assert closed(datetime.date(2022, 7, 31))
    assert not closed(datetime.date(2022, 8, 1))


def test_malaysia_ocs_is_required_from_the_2022_mou(policy: Policy) -> None:
    assert policy.as_of(datetime.date(2022, 3, 31)).channels_for("MY", domestic=True) == ()
    channels = policy.as_of(datetime.date(2022, 4, 1)).channels_for("MY", domestic=True)
    assert [rule.channel.value for rule in channels] == ["ocs"]
    assert policy.as_of(DAY).channels_for("MY", domestic=False) == ()


def test_scheme_paths_hold_no_exits(policy: Policy) -> None:
    view = policy.as_of(DAY)
    for scheme in Scheme:
        steps = view.scheme_steps(scheme)
        assert steps, scheme
        assert not any(step.is_exit for step in steps)


def test_hard_constraints_are_errors_and_the_rest_warnings(policy: Policy) -> None:
    view = policy.as_of(DAY)
    assert (Step.PLACEMENT_AGREEMENT_SIGNED, Severity.ERROR) in view.prerequisites(
        Scheme.P2P, Step.SOCIAL_SECURITY_ENROLLED
    )
    assert (Step.VISA_ISSUED, Severity.ERROR) in view.prerequisites(Scheme.P2P, Step.OPP_COMPLETED)
    assert (Step.INFORMED, Severity.WARNING) in view.prerequisites(Scheme.P2P, Step.REGISTERED)
    assert (Step.REGISTERED_ABROAD, Severity.ERROR) in view.prerequisites(
        Scheme.P2P, Step.CONTRACT_EXTENDED
    )


def test_prerequisites_skip_steps_outside_the_scheme_path(policy: Policy) -> None:
    view = policy.as_of(DAY)
    required = {
        step for step, _ in view.prerequisites(Scheme.PERSEORANGAN, Step.SOCIAL_SECURITY_ENROLLED)
    }
    assert Step.PLACEMENT_AGREEMENT_SIGNED not in required
    assert Step.EMPLOYMENT_CONTRACT_SIGNED in required


def test_successors_are_the_reverse_of_prerequisites(policy: Policy) -> None:
    view = policy.as_of(DAY)
    assert (Step.DEPARTED, Severity.ERROR) in view.successors(Scheme.P2P, Step.OPP_COMPLETED)


def test_roles_and_documents_are_policy_data(policy: Policy) -> None:
    view = policy.as_of(DAY)
    assert view.allowed_roles(Step.REGISTERED_ABROAD) == frozenset({ActorRole.PERWAKILAN})
    assert "placement_agreement" in view.required_documents(Scheme.P2P, Step.DEPARTED)
    assert "placement_agreement" not in view.required_documents(Scheme.PERSEORANGAN, Step.DEPARTED)
    assert "risk_statement" in view.required_documents(Scheme.PERSEORANGAN, Step.DEPARTED)
    assert "leave_letter" in view.required_documents(Scheme.RE_ENTRY, Step.DEPARTED)


def test_fee_and_premium_figures(policy: Policy) -> None:
    view = policy.as_of(DAY)
    assert len(view.exempt_occupations) == 10
    assert CostComponent.AGENCY_SERVICE_FEE in view.employer_borne_components
    assert CostComponent.PASSPORT not in view.employer_borne_components
    premiums = view.premiums
    assert premiums is not None
    assert (premiums.pre_work, premiums.extra_month) == (37500, 13500)
    assert [premiums.package_amount(m) for m in (6, 12, 24, 36)] == [108000, 189000, 332500, None]


def test_view_is_hashable_and_equal_for_the_same_day(policy: Policy) -> None:
    first = policy.as_of(DAY)
    second = policy.as_of(DAY)
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second, policy.as_of(datetime.date(2016, 1, 1))}) == 2


def test_days_with_the_same_rules_share_a_version(policy: Policy) -> None:
    assert policy.as_of(DAY).version == policy.as_of(datetime.date(2024, 5, 21)).version
    assert policy.as_of(DAY).version.startswith("pmi-workflow-default@")


def test_view_and_policy_cannot_be_changed(policy: Policy) -> None:
    view = policy.as_of(DAY)
    with pytest.raises(AttributeError):
        view.day = datetime.date(2000, 1, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        policy._entries = ()  # type: ignore[misc]
    assert isinstance(view.entries, tuple)


def test_as_of_accepts_a_datetime_and_refuses_other_things(policy: Policy) -> None:
    moment = datetime.datetime(2024, 5, 20, 10, 0)
    assert policy.as_of(moment).day == DAY
    with pytest.raises(InvalidInputError, match=r"datetime\.date, not str"):
        policy.as_of("2024-05-20")  # type: ignore[arg-type]


def test_unknown_schemes_and_steps_are_input_errors(policy: Policy) -> None:
    view = policy.as_of(DAY)
    with pytest.raises(InvalidInputError, match="unknown scheme 'g2x'"):
        view.scheme_steps("g2x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="unknown step 'landed'"):
        view.allowed_roles("landed")  # type: ignore[arg-type]


def test_concurrent_as_of_calls_give_identical_views(policy: Policy) -> None:
    days = [datetime.date(2015 + i % 10, 1 + i % 12, 1 + i % 28) for i in range(400)]
    expected = {day: policy.as_of(day).version for day in days}
    barrier = threading.Barrier(8)

    def work(offset: int) -> list[tuple[datetime.date, str]]:
        barrier.wait()
        return [(day, policy.as_of(day).version) for day in days[offset:] + days[:offset]]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(0, 400, 50)))
    for result in results:
        assert all(expected[day] == version for day, version in result)


def test_overlay_replaces_an_entry_by_id_and_leaves_the_base_untouched(
    policy: Policy, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        """
        [policy]
        name = "disnaker-tangerang"

        [[parameter]]
        id = "parameter/health_certificate_max_months"
        name = "health_certificate_max_months"
        value = 6
        unit = "months"
        source = "Surat Edaran Disnaker (example)"
        confirmed = true
        """,
    )
    agency = Policy.load(path)
    assert agency.name == "disnaker-tangerang"
    assert agency.as_of(DAY).parameter("health_certificate_max_months") == 6
    assert policy.as_of(DAY).parameter("health_certificate_max_months") == 3
    assert str(path) in agency.sources
    assert agency.as_of(DAY).version != policy.as_of(DAY).version


def test_overlay_can_switch_an_entry_off(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [[closure]]
        id = "kepmenaker-260-2015/SA"
        destination = "SA"
        scope = "individual_employer"
        effective_from = 2015-07-01
        source = "Kepmenaker 260/2015"
        disabled = true
        """,
    )
    lifted = Policy.load(path).as_of(DAY)
    assert lifted.closure_for("SA", domestic=False, individual_employer=True) is None
    assert lifted.closure_for("QA", domestic=False, individual_employer=True) is not None


def test_overlay_can_date_the_saudi_lift(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        [[closure]]
        id = "kepmenaker-260-2015/SA"
        destination = "SA"
        scope = "individual_employer"
        effective_from = 2015-07-01
        effective_to = 2025-06-30
        source = "Kepmenaker 260/2015; lifted for Saudi Arabia (agency assumption)"
        confirmed = false
        """,
    )
    agency = Policy.load(path)
    entry = agency.as_of(datetime.date(2025, 6, 30)).entry("kepmenaker-260-2015/SA")
    assert entry is not None
    assert not entry.confirmed
    assert agency.as_of(datetime.date(2025, 6, 30)).closure_for(
        "SA", domestic=False, individual_employer=True
    )
    assert (
        agency.as_of(datetime.date(2025, 7, 1)).closure_for(
            "SA", domestic=False, individual_employer=True
        )
        is None
    )


MOVED_MORATORIUM = """
[[closure]]
id = "moratorium-2011/SA"
destination = "SA"
scope = "domestic"
unless_channel = "spsk"
effective_from = 2011-07-01
source = "Moratorium on domestic placements to Saudi Arabia (start date per our office notes)"
"""


def test_an_overlay_entry_that_does_not_say_confirmed_keeps_an_unconfirmed_default_unconfirmed(
    policy: Policy,
) -> None:
    default = policy.as_of(DAY).entry("moratorium-2011/SA")
    assert default is not None
    assert not default.confirmed
    moved = Policy.from_toml(MOVED_MORATORIUM, file="agency.toml").as_of(DAY)
    entry = moved.entry("moratorium-2011/SA")
    assert entry is not None
    assert entry.effective_from == datetime.date(2011, 7, 1)
    assert not entry.confirmed


def test_an_overlay_entry_that_does_not_say_confirmed_keeps_a_confirmed_default_confirmed(
    policy: Policy,
) -> None:
    text = """
    [[closure]]
    id = "kepmenaker-260-2015/QA"
    destination = "QA"
    scope = "individual_employer"
    effective_from = 2015-07-02
    source = "Kepmenaker 260/2015 (agency copy)"
    """
    entry = Policy.from_toml(text, file="agency.toml").as_of(DAY).entry("kepmenaker-260-2015/QA")
    assert entry is not None
    assert entry.confirmed


def test_an_overlay_entry_confirms_only_by_saying_confirmed_true() -> None:
    confirmed = Policy.from_toml(MOVED_MORATORIUM + "confirmed = true\n", file="agency.toml")
    entry = confirmed.as_of(DAY).entry("moratorium-2011/SA")
    assert entry is not None
    assert entry.confirmed


def test_a_new_overlay_entry_that_does_not_say_confirmed_is_unconfirmed() -> None:
    text = """
    [[closure]]
    id = "agency/closure/XX"
    destination = "YE"
    scope = "all"
    source = "Agency guess, not checked"
    """
    entry = Policy.from_toml(text, file="agency.toml").as_of(DAY).entry("agency/closure/XX")
    assert entry is not None
    assert not entry.confirmed


def test_overlays_stacked_keep_the_certainty_of_the_entry_they_replace(tmp_path: Path) -> None:
    first = write(tmp_path, MOVED_MORATORIUM, "first.toml")
    second = write(tmp_path, MOVED_MORATORIUM.replace("2011-07-01", "2011-06-01"), "second.toml")
    for policy in (Policy.load(first, second), Policy.load(second, base=Policy.load(first))):
        entry = policy.as_of(DAY).entry("moratorium-2011/SA")
        assert entry is not None
        assert not entry.confirmed


@pytest.mark.parametrize("value", ["1", '"true"', '"yes"'])
def test_an_overlay_confirms_only_with_a_toml_boolean(value: str) -> None:
    with pytest.raises(PolicyError) as raised:
        Policy.from_toml(MOVED_MORATORIUM + f"confirmed = {value}\n", file="agency.toml")
    assert raised.value.key == "closure[0].confirmed"


BAD_FILES: list[tuple[str, str, Callable[[PolicyError], bool]]] = [
    ("not toml = = 1", "", lambda e: "not valid TOML" in e.problem),
    (
        "[[moratorium]]\nid = 'x'\nsource = 's'",
        "moratorium",
        lambda e: "unknown section" in e.problem,
    ),
    (
        "[[parameter]]\nid = 'p'\nname = 'lapor_diri_days'\nvalue = 'thirty'\n"
        "unit = 'days'\nsource = 's'",
        "parameter[0].value",
        lambda e: "integer" in e.problem,
    ),
    (
        "[[closure]]\nid = 'c'\ndestination = 'Atlantis'\nscope = 'all'\nsource = 's'",
        "closure[0].destination",
        lambda e: "country" in e.problem,
    ),
    (
        "[[age_range]]\nid = 'a'\nmin_age = 40\nmax_age = 30\nsource = 's'",
        "age_range[0]",
        lambda e: "max_age is below min_age" in e.problem,
    ),
    (
        "[[required_documents]]\nid = 'r'\nscheme = 'p2p'\nstep = 'departed'\n"
        "documents = ['ktp']\nsource = 's'",
        "required_documents[0].documents",
        lambda e: "unknown document type" in e.problem,
    ),
    (
        "[[parameter]]\nid = 'p'\nname = 'lapor_diri_days'\nvalue = 30\nunit = 'days'\n"
        "source = 's'\neffective_from = 2024-01-02\neffective_to = 2024-01-01",
        "parameter[0]",
        lambda e: "effective_to is before effective_from" in e.problem,
    ),
    (
        "[[minimum_age]]\nid = 'age/minimum'\nage = 18\nsource = 's'\n[[minimum_age]]\n"
        "id = 'age/minimum'\nage = 21\nsource = 's'",
        "minimum_age[1].id",
        lambda e: "used twice" in e.problem,
    ),
    (
        "[[minimum_age]]\nid = 'path/p2p'\nage = 21\nsource = 's'",
        "path/p2p",
        lambda e: "scheme_path entry" in e.problem,
    ),
    ("[policy]\nversion = 2", "policy", lambda e: "unknown key" in e.problem),
    ("parameter = 3", "parameter", lambda e: "array of tables" in e.problem),
]


@pytest.mark.parametrize(("text", "key", "check"), BAD_FILES)
def test_a_bad_policy_file_names_file_key_and_problem(
    policy: Policy, tmp_path: Path, text: str, key: str, check: Callable[[PolicyError], bool]
) -> None:
    before = policy.as_of(DAY).version
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as caught:
        Policy.load(path)
    error = caught.value
    assert error.file == str(path)
    if key:
        assert error.key == key
    assert check(error), error.problem
    assert str(path) in str(error)
    assert Policy.default().as_of(DAY).version == before


def test_a_missing_policy_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read the file") as caught:
        Policy.load(tmp_path / "absent.toml")
    assert caught.value.file == str(tmp_path / "absent.toml")


def test_overlays_stack_in_order(tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "[[minimum_age]]\nid = 'age/minimum'\nage = 19\nsource = 'first'\n",
        "first.toml",
    )
    second = write(
        tmp_path,
        "[[minimum_age]]\nid = 'age/minimum'\nage = 20\nsource = 'second'\n",
        "second.toml",
    )
    assert Policy.load(first, second).as_of(DAY).minimum_age == 20
    assert Policy.load(second, base=Policy.load(first)).as_of(DAY).minimum_age == 20


def test_policy_exports_its_entries_as_json(policy: Policy) -> None:
    import json

    exported = json.loads(policy.to_json())
    assert len(exported) == len(policy.entries)
    assert {"kind", "id", "source", "confirmed"} <= set(exported[0])


def test_policy_view_of_an_empty_policy_gives_safe_defaults() -> None:
    view = Policy([]).as_of(DAY)
    assert isinstance(view, PolicyView)
    assert view.scheme_steps(Scheme.P2P) == ()
    assert view.minimum_age == 18
    assert view.premiums is None
    assert view.parameter("lapor_diri_days") is None


def test_the_announced_saudi_lift_ships_as_an_optional_dated_overlay(policy: Policy) -> None:
    assert "saudi_moratorium_lift_2025" in Policy.overlay_names()
    lifted = Policy.load_overlay("saudi_moratorium_lift_2025")
    june = datetime.date(2025, 6, 1)
    may = datetime.date(2025, 5, 31)
    assert lifted.as_of(june).closure_for("SA", domestic=True, individual_employer=True) is None
    assert lifted.as_of(may).closure_for("SA", domestic=True, individual_employer=True)
    assert policy.as_of(june).closure_for("SA", domestic=True, individual_employer=True)
    assert lifted.as_of(june).channels_for("SA", domestic=True)


def test_the_shipped_saudi_lift_dates_its_closures_as_unconfirmed() -> None:
    lifted = Policy.load_overlay("saudi_moratorium_lift_2025")
    for entry_id in ("kepmenaker-260-2015/SA", "moratorium-2011/SA"):
        entry = lifted.as_of(datetime.date(2025, 5, 31)).entry(entry_id)
        assert entry is not None
        assert entry.effective_to == datetime.date(2025, 5, 31)
        assert not entry.confirmed


def test_an_unknown_shipped_overlay_is_a_policy_error() -> None:
    with pytest.raises(PolicyError, match="no shipped overlay 'lift'"):
        Policy.load_overlay("lift")


def test_the_policy_in_force_for_a_timestamp_is_that_of_its_own_day() -> None:
    policy = Policy.default()
    makassar = datetime.datetime.fromisoformat("2024-01-08T00:30:00+08:00")
    assert policy.as_of(makassar).day == datetime.date(2024, 1, 8)
    assert policy.as_of(makassar) == policy.as_of(datetime.date(2024, 1, 8))


def test_an_employer_kind_given_as_text_does_not_change_the_ranges_of_the_real_kind() -> None:
    from pmi_workflow.enums import EmployerKind

    view = Policy.default().as_of(datetime.date(2016, 6, 1))
    args = (Scheme.P2P, "TW", "caregiver")
    expected = view.age_ranges(*args, domestic=True, employer_kind=EmployerKind.INDIVIDUAL)
    assert expected  # the individual-employer range of UU 39/2004
    fresh = Policy.default().as_of(datetime.date(2016, 6, 2))
    as_text = fresh.age_ranges(*args, domestic=True, employer_kind="individual")  # type: ignore[arg-type]
    assert fresh.age_ranges(*args, domestic=True, employer_kind=EmployerKind.INDIVIDUAL) == (
        expected
    )
    assert as_text == ()  # entries compare the kind itself, as before


def test_an_unknown_scheme_is_an_input_error_whatever_was_looked_up_before() -> None:
    view = Policy.default().as_of(datetime.date(2024, 5, 20))
    view.closures("SA")
    with pytest.raises(InvalidInputError):
        view.prerequisites("closures", Step.DEPARTED, "SA")  # type: ignore[arg-type]
