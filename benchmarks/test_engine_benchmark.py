"""The verdict engine: audit cost as histories grow, and batch audit against ``json.loads``.

Every figure is a ratio measured in this one process, in CPU time
(``time.process_time``), so that other work on the machine changes both sides alike.

- **growth**: the audit of one case whose history has 5, 14, 100 and 1,000
  events (the P2P sample, then the placement loops); the cost per event must
  stay flat: at 1,000 events at most 1.5x the cost per event at 100 (measured
  in alternating rounds: one audit of 1,000 events against ten of 100).
- **batch**: the batch audit of JSON Lines as the command line runs it
  (read, decode, parse, audit, write a JSON result) against a plain
  ``json.loads`` of the same lines, in alternating rounds (the median of the
  per-round ratios); target at most 5x, goal 2.5x.
- **floor**: what that target leaves for the rules. The cheapest parse the model allows
  (pydantic-core reading the same records in one pass with every Python validator of the model
  taken out, :mod:`_floor`), the NIK check of python-stdnum, and the reading and writing of the
  batch, each against ``json.loads`` of the lines it reads; the rest of 5x is all the rules of
  every event may cost. No target of its own: it explains the batch figure.

Run with ``pytest benchmarks/test_engine_benchmark.py``; ``scripts/bench`` prints
the targets met or missed.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from _floor import python_free_validator
from _timing import cpu_per_call, paired_ratio

from pmi_workflow.cli.demo import demo_cases
from pmi_workflow.cli.jobs import Settings, audit_record
from pmi_workflow.domain import Case, parse_case
from pmi_workflow.identifiers import nik as nik_module
from pmi_workflow.io import read_records
from pmi_workflow.io.batch import batch_collection
from pmi_workflow.samples import PROCEDURAL_SCHEMES, procedural_case_data
from pmi_workflow.workflow import Workflow

AS_OF = datetime.date(2026, 12, 31)
SIZES = (5, 14, 100, 1000)
WORKFLOW = Workflow()


def history_of(length: int) -> Case:
    """The P2P sample cut or grown to ``length`` events (contract extensions and employer
    changes, alternating, an hour apart, after the PMI started work)."""
    data = procedural_case_data("p2p")
    events = list(data["history"])
    last = events[-1]
    start = datetime.datetime(2024, 6, 1, 9)
    loop = 0
    while len(events) < length:
        sequence = len(events) + 1
        events.append(
            {
                **last,
                "sequence": sequence,
                "event_id": f"00000000-0000-4000-8000-{sequence:012d}",
                "step": "employer_changed" if loop % 2 else "contract_extended",
                "occurred_at": (start + datetime.timedelta(hours=loop)).isoformat() + "+07:00",
                "actor": {"role": "perwakilan"},
                "evidence": [],
            }
        )
        loop += 1
    data["history"] = events[:length]
    return parse_case(data)


def growth_table() -> dict[int, float]:
    """CPU microseconds per event of an audit, by history length."""
    table = {}
    for size in SIZES:
        case = history_of(size)
        seconds = cpu_per_call(lambda case=case: WORKFLOW.audit(case, as_of=AS_OF))
        table[size] = seconds / size * 1e6
    return table


def test_audit_cost_per_event_stays_flat_as_histories_grow(benchmark: Any) -> None:
    benchmark.group = "growth"
    table = growth_table()
    # The target in alternating rounds: one audit of 1,000 events against ten of 100 events,
    # so the ratio of the two is the ratio of the costs per event.
    long, short = history_of(1000), history_of(100)
    _, _, ratio = paired_ratio(
        lambda: WORKFLOW.audit(long, as_of=AS_OF),
        lambda: [WORKFLOW.audit(short, as_of=AS_OF) for _ in range(10)],
        rounds=9,
        calls=2,
    )
    benchmark.extra_info.update(
        {f"us_per_event_at_{size}": round(value, 1) for size, value in table.items()}
    )
    benchmark.extra_info.update(
        target="audit per event at 1,000 events <= 1.5x per event at 100",
        measured=round(ratio, 2),
        met=ratio <= 1.5,
    )
    case = history_of(1000)
    benchmark.pedantic(WORKFLOW.audit, args=(case,), kwargs={"as_of": AS_OF}, rounds=3)
    assert all(value > 0 for value in table.values())


def _lines() -> list[str]:
    datas = [procedural_case_data(scheme) for scheme in PROCEDURAL_SCHEMES]
    datas += [data for _, _, data in demo_cases()[1:]]
    texts = [json.dumps(data, ensure_ascii=False) for data in datas]
    return [
        text.replace(data["case_id"], f"BENCH-{number:05d}")
        for number in range(200)
        for data, text in [(datas[number % len(datas)], texts[number % len(texts)])]
    ]


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("engine") / "cases.jsonl"
    path.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    return path


def _batch(path: Path) -> int:
    """The batch as ``pmi-workflow audit`` runs it: records read, judged and written inside
    the command's garbage-collection setting (:func:`pmi_workflow.io.batch.batch_collection`)."""
    settings = Settings(as_of=datetime.date(2024, 6, 1))
    written = 0
    with batch_collection():
        for record in read_records(path, defer_decoding=True):
            written += len(json.dumps(audit_record(settings, record), ensure_ascii=False))
    return written


def _loads(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        for line in handle:
            count += len(json.loads(line))
    return count


def test_batch_audit_against_plain_json_loads(benchmark: Any, batch_file: Path) -> None:
    benchmark.group = "batch"
    cases = len(_lines())
    # Alternating rounds, so that other work on the machine slows both sides alike.
    audit, loads, ratio = paired_ratio(
        lambda: _batch(batch_file), lambda: _loads(batch_file), rounds=9, calls=1
    )
    audit, loads = audit / cases, loads / cases
    benchmark.extra_info.update(
        cpu_us_per_case=round(audit * 1e6, 1),
        json_loads_us_per_case=round(loads * 1e6, 1),
        cases_per_cpu_second=round(1 / audit),
        target="batch audit CPU per case <= 5x json.loads (goal 2.5x)",
        measured=round(ratio, 1),
        met=ratio <= 5,
    )
    benchmark.pedantic(_batch, args=(batch_file,), rounds=1, iterations=1)
    assert audit > loads


def test_what_the_batch_target_leaves_for_the_rules(benchmark: Any, batch_file: Path) -> None:
    benchmark.group = "batch"
    raw = [line.encode() for line in _lines()]
    cases = [parse_case(line) for line in raw]
    canonical = [case.model_dump_json(exclude_none=True).encode() for case in cases]
    validator, removed = python_free_validator()
    niks = [case.applicant.nik.reveal() for case in cases]
    settings = Settings(as_of=datetime.date(2024, 6, 1))
    results = [audit_record(settings, record) for record in read_records(batch_file)]

    def loads(lines: list[bytes]) -> None:
        for line in lines:
            json.loads(line)

    def floor_parse() -> None:
        for line in canonical:
            validator.validate_json(line)

    def nik_checks() -> None:
        for number in niks:
            nik_module.validate(number)

    def read_and_write() -> None:
        for _ in read_records(batch_file, defer_decoding=True):
            pass
        for result in results:
            json.dumps(result, ensure_ascii=False)

    def rules() -> None:
        for case in cases:
            WORKFLOW.audit(case, as_of=settings.as_of)

    with batch_collection():
        now = paired_ratio(rules, lambda: loads(raw), rounds=9, calls=3)[2]
        parse = paired_ratio(floor_parse, lambda: loads(canonical), rounds=9, calls=3)[2]
        nik = paired_ratio(nik_checks, lambda: loads(raw), rounds=9, calls=3)[2]
        io = paired_ratio(read_and_write, lambda: loads(raw), rounds=9, calls=3)[2]
    benchmark.extra_info.update(
        python_validators_removed=removed,
        floor_parse_x=round(parse, 2),
        nik_check_x=round(nik, 2),
        read_and_write_x=round(io, 2),
        left_for_the_rules_within_5x=round(5 - parse - nik - io, 2),
        rules_now_x=round(now, 2),  # parsed cases audited again: their dossier indexes are warm
    )
    benchmark.pedantic(floor_parse, rounds=1, iterations=1)
    assert removed > 0
    assert parse > 1  # building the records costs more than decoding the text
