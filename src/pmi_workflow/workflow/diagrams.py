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
from typing import Any

from pmi_workflow.enums import Scheme, Stage, Step
from pmi_workflow.labels import label
from pmi_workflow.policy import Policy
from pmi_workflow.policy.core import LOOP_STEPS
from pmi_workflow.workflow.definition import (
    INITIAL,
    ProcedureDefinition,
    TransitionSpec,
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
    return f"{label('state', state, 'id')} / {label('state', state, 'en')}"


def _definition(
    scheme: Scheme, on: datetime.date, policy: Policy | None, destination: str | None = None
) -> ProcedureDefinition:
    return definition_for(scheme, (policy or Policy.default()).as_of(on), destination)


def _drawn(definition: ProcedureDefinition) -> list[TransitionSpec]:
    """The transitions the picture shows: the path step by step, the placement loops, the exits
    and what may follow an exit. Steps that may come in any order before departure also have
    transitions that skip ahead or stay; the note on the diagram says so instead of drawing them."""
    path = [INITIAL, *(step.value for step in definition.path)]
    advances = set(itertools.pairwise(path))
    exits = {state for state in definition.states if state not in path}
    return [
        spec
        for spec in definition.transitions
        if spec.step not in definition.outside
        and (
            (spec.source, spec.dest) in advances
            or spec.dest in exits
            or spec.source in exits
            or (spec.source == spec.dest and spec.step in LOOP_STEPS)
        )
    ]


def mermaid(
    scheme: Scheme | str = Scheme.P2P,
    *,
    on: datetime.date = DIAGRAM_DATE,
    policy: Policy | None = None,
    destination: str | None = None,
) -> str:
    """A Mermaid state diagram of one scheme's procedure, drawn by transitions' own diagram
    support (``transitions.extensions.diagrams``, mermaid engine, no graphviz) from the
    transitions of the one definition, with bilingual labels.

    Shows the main path, the placement loops and the exits; the note names the steps that may
    happen in any order before departure.
    """
    from transitions.extensions.diagrams import GraphMachine

    definition = _definition(Scheme(scheme), on, policy, destination)
    machine = GraphMachine(
        model=None,
        states=list(definition.states),
        transitions=[
            {"trigger": spec.step.value, "source": spec.source, "dest": spec.dest}
            for spec in _drawn(definition)
        ],
        initial=definition.initial,
        auto_transitions=False,
        graph_engine="mermaid",
        show_state_attributes=False,
    )
    picture: Any = _Picture(definition.initial)
    drawn = str(machine._get_graph(picture).draw(None))
    lines = ["stateDiagram-v2", "    direction TB", f"    [*] --> {INITIAL}"]
    for line in drawn[drawn.index("stateDiagram-v2") :].splitlines()[1:]:
        text = line.strip()
        if not text or text.startswith(("classDef", "Class ", "direction")):
            continue
        if text.startswith("state "):
            name = text.rsplit(" as ", 1)[1]
            text = f'state "{_label(name)}" as {name}'
        lines.append(f"    {text}")
    lines.extend(f"    {terminal} --> [*]" for terminal in sorted(definition.terminal))
    parallel = [
        step.label_en
        for step in (Step.MEDICALLY_CLEARED, Step.COMPETENCE_CERTIFIED, Step.PASSPORT_ISSUED)
        if step in definition.path
    ]
    if parallel:
        lines.append(
            f"    note right of {INITIAL}: may run in any order before departure / "
            f"boleh berurutan bebas sebelum berangkat: {', '.join(parallel)}"
        )
    return "\n".join(lines) + "\n"


class _Picture:
    """The model transitions draws (its state is highlighted): a plain object, drawn once."""

    def __init__(self, state: str) -> None:
        self.state = state


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
        if not sources or step in definition.outside:
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
