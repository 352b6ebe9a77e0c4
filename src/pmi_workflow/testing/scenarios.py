"""Scenarios that pin the law: golden case records, and scenario files an officer can write.

A **scenario file** (``*.scenarios.toml``) describes cases without Python: a
procedural sample of a scheme with a few changes, or a whole record; the day
it is judged; the verdict expected; codes that must and must not appear. The
format is documented in ``docs/concepts/scenario-files.md``; ``pmi-workflow
test PATH...`` runs them, and so does the pytest plugin.

They ship as JSON files inside the package (``pmi_workflow/testing/golden``)
so that a system embedding the library can replay them against its own
integration — import them, run them through its own pipeline, and compare.

>>> names = [scenario.name for scenario in golden_scenarios()]
>>> "visit_visa" in names and "procedural_p2p" in names
True
>>> scenario = golden_scenario("visit_visa")
>>> scenario.expected_verdict, scenario.expected_codes
('non_procedural', ('documents.visa_not_work',))
>>> scenario.mismatches()
[]
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

from pmi_workflow.domain.case import Case, parse_case
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.policy import Policy
from pmi_workflow.workflow import AuditReport, Workflow

__all__ = [
    "Expectation",
    "GoldenScenario",
    "Scenario",
    "ScenarioResult",
    "golden_scenario",
    "golden_scenarios",
    "load_scenario_file",
    "scenario_paths",
    "shipped_scenario_paths",
    "shipped_scenarios",
]


@dataclass(frozen=True)
class GoldenScenario:
    """One scenario: the record, the date to judge it on, the expected verdict and codes."""

    name: str
    description: str
    as_of: datetime.date
    expected_verdict: str
    expected_codes: tuple[str, ...]
    data: dict[str, Any]

    @property
    def case(self) -> Case:
        """The record as a :class:`~pmi_workflow.domain.Case`."""
        return parse_case(self.data, source=f"golden scenario {self.name}")

    def audit(self, workflow: Workflow | None = None) -> AuditReport:
        """Audit the scenario's case with ``workflow`` (a default one if omitted)."""
        return (workflow or Workflow()).audit(self.case, as_of=self.as_of)

    def mismatches(self, workflow: Workflow | None = None) -> list[str]:
        """What differs from the expectation (empty when the library agrees)."""
        report = self.audit(workflow)
        problems = []
        if report.verdict != self.expected_verdict:
            problems.append(f"verdict {report.verdict!r}, expected {self.expected_verdict!r}")
        if report.codes != self.expected_codes:
            problems.append(f"codes {list(report.codes)}, expected {list(self.expected_codes)}")
        return problems


@cache
def _load_all() -> tuple[GoldenScenario, ...]:
    folder = resources.files("pmi_workflow.testing") / "golden"
    found = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".json"):
            continue
        raw = json.loads(item.read_text(encoding="utf-8"))
        found.append(
            GoldenScenario(
                name=raw["name"],
                description=raw["description"],
                as_of=datetime.date.fromisoformat(raw["as_of"]),
                expected_verdict=raw["expected"]["verdict"],
                expected_codes=tuple(raw["expected"]["codes"]),
                data=raw["case"],
            )
        )
    return tuple(found)


def golden_scenarios() -> tuple[GoldenScenario, ...]:
    """Every golden scenario shipped with the package, by name."""
    return _load_all()


def golden_scenario(name: str) -> GoldenScenario:
    """One scenario by name (``KeyError`` names the known ones when it does not exist)."""
    for scenario in _load_all():
        if scenario.name == name:
            return scenario
    known = ", ".join(s.name for s in _load_all())
    raise KeyError(f"no golden scenario {name!r}; known: {known}")


# -- scenario files ------------------------------------------------------------------------

SCHEMES = ("p2p", "g2g", "g2p", "ukps", "perseorangan", "re_entry")
_SCENARIO_KEYS = frozenset(
    {
        "name",
        "description",
        "source",
        "as_of",
        "scheme",
        "destination",
        "occupation",
        "employer",
        "channel",
        "shift_years",
        "changes",
        "remove_documents",
        "remove_steps",
        "add_events",
        "add_documents",
        "add_costs",
        "case",
        "case_file",
        "policy",
        "expect",
    }
)
_EXPECT_KEYS = frozenset({"verdict", "codes", "absent", "exactly", "errors", "warnings"})
_VERDICTS = ("procedural", "non_procedural")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$")
_MAX_SCENARIO_FILE = 2_000_000


def _bad(message: str, file: str, *location: str | int) -> InvalidInputError:
    return InvalidInputError.single(message, "scenario", location, source=file)


@dataclass(frozen=True)
class Expectation:
    """What a scenario expects: a verdict, codes that must and must not appear.

    ``codes`` must appear (any severity), ``errors`` / ``warnings`` must appear
    with that severity, ``absent`` must not appear, and ``exactly`` (when
    given) is the whole set of codes found.
    """

    verdict: str | None = None
    codes: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    exactly: tuple[str, ...] | None = None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def problems(self, report: AuditReport) -> list[str]:
        """What in ``report`` differs from the expectation (empty when it holds)."""
        found = set(report.codes)
        errors = {finding.code for finding in report.errors}
        warnings = {finding.code for finding in report.warnings}
        problems = []
        if self.verdict is not None and report.verdict != self.verdict:
            problems.append(f"verdict {report.verdict}, expected {self.verdict}")
        missing = [code for code in self.codes if code not in found]
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        missing = [code for code in self.errors if code not in errors]
        if missing:
            problems.append(f"not an error: {', '.join(missing)}")
        missing = [code for code in self.warnings if code not in warnings]
        if missing:
            problems.append(f"not a warning: {', '.join(missing)}")
        present = [code for code in self.absent if code in found]
        if present:
            problems.append(f"unexpected {', '.join(present)}")
        if self.exactly is not None and found != set(self.exactly):
            problems.append(f"codes {sorted(found)}, expected exactly {sorted(self.exactly)}")
        return problems


@dataclass(frozen=True)
class ScenarioResult:
    """The outcome of one scenario: the audit report and what differed."""

    scenario: Scenario
    report: AuditReport
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """``True`` when the library agrees with the scenario."""
        return not self.problems


@dataclass(frozen=True)
class Scenario:
    """One scenario of a scenario file: a case, the day it is judged, what is expected.

    Built by :func:`load_scenario_file`; ``data`` is the case record after
    the scenario's changes, ``policy_files`` the overlays it is judged under.
    """

    name: str
    file: str
    as_of: datetime.date
    data: dict[str, Any]
    expect: Expectation
    description: str = ""
    source: str = ""
    policy_files: tuple[str, ...] = ()

    @property
    def case(self) -> Case:
        """The record as a :class:`~pmi_workflow.domain.Case`."""
        return parse_case(self.data, source=f"{self.file}: {self.name}")

    def policy(self) -> Policy:
        """The policy the scenario is judged under (the default, or its overlays)."""
        if not self.policy_files:
            return Policy.default()
        shipped = set(Policy.overlay_names())
        policy = Policy.default()
        for item in self.policy_files:
            if item in shipped:
                policy = Policy.load_overlay(item, base=policy)
            else:
                policy = Policy.load(Path(self.file).parent / item, base=policy)
        return policy

    def run(self, workflow: Workflow | None = None) -> ScenarioResult:
        """Audit the case on ``as_of`` and compare with the expectation."""
        chosen = workflow or Workflow(self.policy())
        report = chosen.audit(self.case, as_of=self.as_of)
        return ScenarioResult(self, report, tuple(self.expect.problems(report)))


def _codes(value: Any, file: str, *location: str | int) -> tuple[str, ...]:
    from pmi_workflow.rules.catalog import CATALOG

    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _bad("must be a list of rule codes", file, *location)
    unknown = [code for code in value if code not in CATALOG]
    if unknown:
        raise _bad(f"unknown rule code {unknown[0]!r}", file, *location)
    return tuple(value)


def _expectation(raw: Any, file: str, where: tuple[str | int, ...]) -> Expectation:
    if not isinstance(raw, Mapping):
        raise _bad("expect must be a table (verdict, codes, absent...)", file, *where)
    unknown = sorted(set(raw) - _EXPECT_KEYS)
    if unknown:
        raise _bad(
            f"unknown key {unknown[0]!r}; known: {', '.join(sorted(_EXPECT_KEYS))}", file, *where
        )
    verdict = raw.get("verdict")
    if verdict is not None and verdict not in _VERDICTS:
        raise _bad("verdict must be procedural or non_procedural", file, *where, "verdict")
    if not raw:
        raise _bad("expect says nothing: give a verdict or codes", file, *where)
    return Expectation(
        verdict=verdict,
        codes=_codes(raw.get("codes", []), file, *where, "codes"),
        absent=_codes(raw.get("absent", []), file, *where, "absent"),
        exactly=_codes(raw["exactly"], file, *where, "exactly") if "exactly" in raw else None,
        errors=_codes(raw.get("errors", []), file, *where, "errors"),
        warnings=_codes(raw.get("warnings", []), file, *where, "warnings"),
    )


def _as_date(value: Any, file: str, *location: str | int) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad("must be a date, YYYY-MM-DD", file, *location)


def _shift_text(text: str, years: int) -> str:
    match = _ISO_DATE.match(text)
    if match is None:
        return text
    try:
        day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return text
    moved = day + relativedelta(years=years)
    return moved.isoformat() + match[4]


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, str):
        return _shift_text(value, years)
    if isinstance(value, list):
        return [_shift(item, years) for item in value]
    if isinstance(value, dict):
        return {key: _shift(item, years) for key, item in value.items()}
    return value


def _move(data: dict[str, Any], destination: str) -> None:
    """Move a sample to another destination: employer, job order, permit and visas follow."""
    data["destination"] = destination
    if isinstance(data.get("employer"), dict):
        data["employer"]["country"] = destination
    order = data.get("job_order")
    if isinstance(order, dict):
        order["destination"] = destination
        if isinstance(order.get("sip2mi"), dict):
            order["sip2mi"]["destination"] = destination
    for document in data.get("documents", []):
        if document.get("type") == "visa":
            document["country"] = destination


def _step_into(node: Any, part: str, file: str, where: tuple[str | int, ...]) -> Any:
    if isinstance(node, list):
        if part.isdigit() and int(part) <= len(node):
            return node, int(part)  # one past the end appends
        for index, item in enumerate(node):
            if isinstance(item, dict) and part in (
                item.get("id"),
                item.get("component"),
                item.get("step"),
            ):
                return node, index
        raise _bad(f"no item {part!r} in this list (give an index or an id)", file, *where)
    if isinstance(node, dict):
        return node, part
    raise _bad(f"cannot go into {part!r}: not a table or list", file, *where)


def _apply(
    data: dict[str, Any], path: str, value: Any, file: str, where: tuple[str | int, ...]
) -> None:
    parts = path.split(".")
    node: Any = data
    for part in parts[:-1]:
        container, key = _step_into(node, part, file, where)
        if isinstance(container, dict) and key not in container:
            container[key] = {}
        node = container[key]
    container, key = _step_into(node, parts[-1], file, where)
    if isinstance(container, list) and key == len(container):
        container.append(value)
        return
    if value == "__remove__":
        if isinstance(container, dict):
            container.pop(key, None)
        else:
            del container[key]
        return
    container[key] = value


def _plain(value: Any) -> Any:
    """TOML dates as ISO text, so the record reads as JSON would."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _record(raw: Mapping[str, Any], file: str, where: tuple[str | int, ...]) -> dict[str, Any]:
    if "case" in raw or "case_file" in raw:
        if "scheme" in raw:
            raise _bad(
                "give either a case (case or case_file) or a scheme sample, not both", file, *where
            )
        if "case" in raw:
            if not isinstance(raw["case"], Mapping):
                raise _bad("case must be a table (a case record)", file, *where, "case")
            return dict(_plain(dict(raw["case"])))
        path = Path(file).parent / str(raw["case_file"])
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise _bad(
                f"cannot read the case file: {error.__class__.__name__}", file, *where, "case_file"
            ) from None
        if isinstance(loaded, dict) and isinstance(loaded.get("case"), dict):
            loaded = loaded["case"]  # a golden scenario file
        if not isinstance(loaded, dict):
            raise _bad("the case file does not hold a case record", file, *where, "case_file")
        return loaded
    scheme = raw.get("scheme")
    if scheme not in SCHEMES:
        raise _bad(
            f"give a case, a case_file or a scheme ({', '.join(SCHEMES)})", file, *where, "scheme"
        )
    from pmi_workflow.samples import procedural_case_data

    data = procedural_case_data("p2p" if scheme == "g2p" else scheme)
    if scheme == "g2p":
        data["scheme"] = "g2p"
    return data


def _scenario(raw: Any, file: str, index: int) -> Scenario:
    where: tuple[str | int, ...] = ("scenario", index)
    if not isinstance(raw, Mapping):
        raise _bad("a scenario must be a table", file, *where)
    unknown = sorted(set(raw) - _SCENARIO_KEYS)
    if unknown:
        raise _bad(
            f"unknown key {unknown[0]!r}; known: {', '.join(sorted(_SCENARIO_KEYS))}", file, *where
        )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _bad("every scenario needs a name", file, *where, "name")
    if "as_of" not in raw:
        raise _bad("every scenario needs an as_of date", file, *where, "as_of")
    as_of = _as_date(raw["as_of"], file, *where, "as_of")
    if "expect" not in raw:
        raise _bad("every scenario needs an expect table", file, *where, "expect")
    data = copy.deepcopy(_record(raw, file, where))
    years = raw.get("shift_years", 0)
    if not isinstance(years, int) or isinstance(years, bool) or not -60 <= years <= 60:
        raise _bad(
            "shift_years must be a whole number of years (-60 to 60)", file, *where, "shift_years"
        )
    if years:
        applicant = data.get("applicant")
        data = _shift(data, years)
        data["applicant"] = applicant  # the NIK encodes the birth date: keep the person
    if "destination" in raw:
        if not isinstance(raw["destination"], str):
            raise _bad("destination must be a country code", file, *where, "destination")
        _move(data, raw["destination"])
    for key in ("occupation", "channel"):
        if key in raw:
            data[key] = _plain(raw[key])
    if "employer" in raw:
        if not isinstance(raw["employer"], Mapping):
            raise _bad("employer must be a table", file, *where, "employer")
        data["employer"] = {**data.get("employer", {}), **_plain(dict(raw["employer"]))}
    for document_id in raw.get("remove_documents", []):
        before = len(data.get("documents", []))
        data["documents"] = [d for d in data.get("documents", []) if d.get("id") != document_id]
        if len(data["documents"]) == before:
            raise _bad(f"no document {document_id!r} to remove", file, *where, "remove_documents")
    for key, target in (("add_documents", "documents"), ("add_costs", "costs")):
        added = raw.get(key, [])
        if not isinstance(added, list) or not all(isinstance(item, Mapping) for item in added):
            raise _bad(f"{key} must be a list of tables", file, *where, key)
        data[target] = [*data.get(target, []), *(_plain(dict(item)) for item in added)]
    steps = raw.get("remove_steps", [])
    if not isinstance(steps, list):
        raise _bad("remove_steps must be a list of step names", file, *where, "remove_steps")
    kept = [event for event in data.get("history", []) if event.get("step") not in steps]
    if len(kept) != len(data.get("history", [])):
        kept = [{**event, "sequence": number} for number, event in enumerate(kept, 1)]
        for event in kept:
            event.pop("event_id", None)  # derived from the sequence: a new one is given
    data["history"] = kept
    events = raw.get("add_events", [])
    if not isinstance(events, list) or not all(isinstance(item, Mapping) for item in events):
        raise _bad("add_events must be a list of tables", file, *where, "add_events")
    for number, event in enumerate(events):
        if not {"step", "on", "role"} <= set(event):
            raise _bad("an event needs step, on and role", file, *where, "add_events", number)
        day = _as_date(event["on"], file, *where, "add_events", number, "on")
        data["history"] = [
            *data["history"],
            {
                "case_id": data.get("case_id"),
                "sequence": max((e.get("sequence", 0) for e in data["history"]), default=0) + 1,
                "step": event["step"],
                "occurred_at": f"{day.isoformat()}T09:00:00+07:00",
                "actor": {"role": event["role"]},
            },
        ]
    changes = raw.get("changes", {})
    if not isinstance(changes, Mapping):
        raise _bad("changes must be a table of dotted paths", file, *where, "changes")
    for path, value in changes.items():
        _apply(data, str(path), _plain(value), file, (*where, "changes", str(path)))
    policy = raw.get("policy", [])
    if isinstance(policy, str):
        policy = [policy]
    if not isinstance(policy, list) or not all(isinstance(item, str) for item in policy):
        raise _bad(
            "policy must be an overlay name or file, or a list of them", file, *where, "policy"
        )
    return Scenario(
        name=name.strip(),
        file=file,
        as_of=as_of,
        data=data,
        expect=_expectation(raw["expect"], file, (*where, "expect")),
        description=str(raw.get("description", "")),
        source=str(raw.get("source", "")),
        policy_files=tuple(policy),
    )


def _golden_shape(raw: Mapping[str, Any], file: str) -> Scenario:
    expected = raw.get("expected")
    if not isinstance(expected, Mapping) or not isinstance(raw.get("case"), Mapping):
        raise _bad("a golden scenario needs case and expected", file)
    return Scenario(
        name=str(raw.get("name", Path(file).stem)),
        file=file,
        as_of=_as_date(raw.get("as_of"), file, "as_of"),
        data=dict(raw["case"]),
        expect=Expectation(
            verdict=_expectation({"verdict": expected.get("verdict")}, file, ("expected",)).verdict,
            exactly=_codes(expected.get("codes", []), file, "expected", "codes"),
        ),
        description=str(raw.get("description", "")),
    )


def load_scenario_file(path: str | Path) -> tuple[Scenario, ...]:
    """The scenarios of one file (TOML or JSON); a bad file is an ``InvalidInputError``
    naming the file, the scenario and the key.

    >>> from importlib import resources
    >>> folder = resources.files("pmi_workflow.testing") / "law"
    >>> found = load_scenario_file(str(folder / "kepmenaker_260_2015.scenarios.toml"))
    >>> found[0].name
    'a cleaner with an individual employer in Saudi Arabia is banned'
    """
    file = str(path)
    try:
        size = Path(path).stat().st_size
        if size > _MAX_SCENARIO_FILE:
            raise _bad(f"the file is larger than {_MAX_SCENARIO_FILE} bytes", file)
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _bad(f"cannot read the file: {error.__class__.__name__}", file) from None
    try:
        if file.endswith(".json"):
            raw: Any = json.loads(text)
        else:
            raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise _bad(
            f"not valid {'JSON' if file.endswith('.json') else 'TOML'}: {error}", file
        ) from None
    if not isinstance(raw, Mapping):
        raise _bad("a scenario file holds a table", file)
    if "scenario" not in raw:
        if "case" in raw and "expected" in raw:
            return (_golden_shape(raw, file),)
        raise _bad("no [[scenario]] in the file", file)
    items = raw["scenario"]
    if not isinstance(items, list) or not items:
        raise _bad("scenario must be a non-empty array of tables ([[scenario]])", file, "scenario")
    scenarios = tuple(_scenario(item, file, index) for index, item in enumerate(items))
    names = [scenario.name for scenario in scenarios]
    for name in names:
        if names.count(name) > 1:
            raise _bad(f"the scenario name {name!r} is used twice", file, "scenario")
    return scenarios


def scenario_paths(*paths: str | Path) -> list[Path]:
    """The scenario files under ``paths``: files as given; in folders (recursively) every
    ``*.scenarios.toml``, ``*.scenarios.json`` and golden ``*.json`` record."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (
                    child.name.endswith((".scenarios.toml", ".scenarios.json"))
                    or (child.parent.name == "golden" and child.suffix == ".json")
                ):
                    found.append(child)
        elif path.exists():
            found.append(path)
        else:
            raise _bad("no such file or folder", str(path))
    return found


def shipped_scenario_paths() -> list[Path]:
    """The scenario files shipped with the package: the legal review and the golden cases."""
    base = Path(str(resources.files("pmi_workflow.testing")))
    return scenario_paths(base / "law", base / "golden")


def shipped_scenarios() -> tuple[Scenario, ...]:
    """Every scenario shipped with the package."""
    return tuple(
        scenario for path in shipped_scenario_paths() for scenario in load_scenario_file(path)
    )
