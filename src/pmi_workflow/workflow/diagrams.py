"""Pictures of the procedure, generated from the definition: Mermaid diagrams and tables.

Labels are bilingual (Indonesian / English). The copies in ``docs/diagrams``
are regenerated with ``python -m pmi_workflow.workflow.diagrams docs/diagrams``
and a test keeps them in step with the code.

>>> import datetime
>>> from pmi_workflow.enums import Scheme
>>> text = mermaid(Scheme.PERSEORANGAN, on=datetime.date(2024, 1, 1))
>>> text.splitlines()[0]
'stateDiagram-v2'
>>> "placement_agreement_signed" in text
False
"""

from __future__ import annotations

import datetime
import itertools
import sys
from pathlib import Path

from pmi_workflow.enums import Scheme, Stage, Step
from pmi_workflow.policy import Policy
from pmi_workflow.workflow.definition import (
    INITIAL,
    ProcedureDefinition,
    definition_for,
    gate_codes,
)

__all__ = ["DIAGRAM_DATE", "mermaid", "pages", "transition_table", "write_docs"]

DIAGRAM_DATE = datetime.date(2025, 1, 1)
"""The day whose policy the published diagrams show."""

_STAGE_LABELS = {
    Stage.PRE_PLACEMENT: "Sebelum bekerja / Pre-placement",
    Stage.PLACEMENT: "Selama bekerja / Placement",
    Stage.POST_PLACEMENT: "Setelah bekerja / Post-placement",
}


def _label(state: str) -> str:
    if state == INITIAL:
        return "Baru / New"
    step = Step(state)
    return f"{step.label_id} / {step.label_en}"


def _definition(scheme: Scheme, on: datetime.date, policy: Policy | None) -> ProcedureDefinition:
    return definition_for(scheme, (policy or Policy.default()).as_of(on))


def mermaid(
    scheme: Scheme | str = Scheme.P2P,
    *,
    on: datetime.date = DIAGRAM_DATE,
    policy: Policy | None = None,
) -> str:
    """A Mermaid state diagram of one scheme's procedure, grouped by protection stage.

    Shows the main path, the placement loops and the exits; the note on the
    pre-placement stage names the steps that may happen in any order.
    """
    definition = _definition(Scheme(scheme), on, policy)
    path = [INITIAL, *(step.value for step in definition.path)]
    stage_of = {state: Step(state).stage for state in path[1:]}
    stage_of[INITIAL] = Stage.PRE_PLACEMENT
    lines = ["stateDiagram-v2", "    direction TB", f"    [*] --> {INITIAL}"]
    for stage, title in _STAGE_LABELS.items():
        members = [state for state in path if stage_of[state] is stage]
        if not members:
            continue
        lines.append(f'    state "{title}" as {stage.value} {{')
        lines.extend(f'        state "{_label(state)}" as {state}' for state in members)
        lines.extend(
            f"        {source} --> {dest}"
            for source, dest in itertools.pairwise(members)
            if definition.target(source, Step(dest)) == dest
        )
        if stage is Stage.PLACEMENT:
            for loop in (Step.CONTRACT_EXTENDED, Step.EMPLOYER_CHANGED):
                lines.extend(
                    f"        {source} --> {source}: {loop.label_id} / {loop.label_en}"
                    for source in members
                    if definition.target(source, loop) == source
                )
        lines.append("    }")
    for source, dest in itertools.pairwise(path):
        if stage_of[source] is not stage_of[dest] and definition.target(source, Step(dest)) == dest:
            lines.append(f"    {source} --> {dest}")
    others = [state for state in definition.states if state not in stage_of]
    lines.extend(f'    state "{_label(state)}" as {state}' for state in others)
    for exit_state in others:
        exit_step = Step(exit_state)
        stages = []
        for source in definition.states:
            if (
                source in stage_of
                and definition.target(source, exit_step) == exit_state
                and stage_of[source] not in stages
            ):
                stages.append(stage_of[source])
        lines.extend(f"    {stage.value} --> {exit_state}" for stage in stages)
    if Step.ARRIVED_HOME.value in path and Step.REPATRIATED.value in definition.states:
        lines.append(f"    {Step.REPATRIATED.value} --> {Step.ARRIVED_HOME.value}")
        lines.append(f"    {Step.REPATRIATED.value} --> {Step.DECEASED.value}")
    lines.extend(
        f"    {terminal} --> [*]"
        for terminal in sorted(definition.terminal)
        if terminal in others or terminal == path[-1]
    )
    parallel = [
        step.label_en
        for step in (Step.MEDICALLY_CLEARED, Step.COMPETENCE_CERTIFIED, Step.PASSPORT_ISSUED)
        if step in definition.path
    ]
    if parallel:
        lines.append(
            f"    note right of {Stage.PRE_PLACEMENT.value}: may run in parallel / "
            f"boleh paralel: {', '.join(parallel)}"
        )
    return "\n".join(lines) + "\n"


def transition_table(
    scheme: Scheme | str = Scheme.P2P,
    *,
    on: datetime.date = DIAGRAM_DATE,
    policy: Policy | None = None,
) -> str:
    """A markdown table: each step, the states it may be recorded in, where it leads, its gate."""
    definition = _definition(Scheme(scheme), on, policy)
    rows = [
        "| Step (langkah) | Recorded in state | Leads to | Gate: rule codes |",
        "|---|---|---|---|",
    ]
    for step in Step:
        sources = [s for s in definition.states if definition.target(s, step) is not None]
        if not sources:
            continue
        dests = sorted({definition.target(s, step) or s for s in sources})
        rows.append(
            f"| `{step.value}` {step.label_id} / {step.label_en} "
            f"| {', '.join(f'`{s}`' for s in sources)} "
            f"| {', '.join(f'`{d}`' for d in dests)} "
            f"| {', '.join(f'`{c}`' for c in gate_codes(step))} |"
        )
    return "\n".join(rows) + "\n"


def _page(scheme: Scheme) -> str:
    return (
        f"# {scheme.label_en}\n\n"
        f"*{scheme.label_id}* — the procedure as a state machine, generated from the code under "
        f"the policy in force on {DIAGRAM_DATE.isoformat()}.\n\n"
        "```mermaid\n"
        f"{mermaid(scheme)}"
        "```\n\n"
        "## Transitions\n\n"
        f"{transition_table(scheme)}"
    )


def write_docs(folder: Path | str) -> list[Path]:
    """Write one page per scheme into ``folder`` and return their paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for scheme in Scheme:
        path = target / f"{scheme.value}.md"
        path.write_text(_page(scheme), encoding="utf-8")
        written.append(path)
    return written


def pages() -> dict[str, str]:
    """The generated pages by file name (what :func:`write_docs` writes)."""
    return {f"{scheme.value}.md": _page(scheme) for scheme in Scheme}


if __name__ == "__main__":  # pragma: no cover - a maintenance entry point
    for written_path in write_docs(sys.argv[1] if len(sys.argv) > 1 else "docs/diagrams"):
        sys.stdout.write(f"{written_path}\n")
