"""The diagrams and tables come from the definition, and the published copies match the code."""

from pathlib import Path

import pytest

from pmi_workflow.enums import Scheme
from pmi_workflow.workflow.diagrams import mermaid, pages, transition_table, write_docs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagrams"


@pytest.mark.parametrize("name", sorted(pages()))
def test_the_published_diagrams_match_the_code(name: str) -> None:
    published = DOCS / name
    assert published.exists(), f"missing {published}"
    assert published.read_text(encoding="utf-8") == pages()[name], (
        "regenerate with: python -m pmi_workflow.workflow.diagrams docs/diagrams"
    )


def test_labels_are_in_both_languages() -> None:
    text = mermaid(Scheme.P2P)
    assert "Berangkat / Departed" in text
    assert "Telah mengikuti OPP / Pre-departure orientation completed" in text


def test_each_scheme_shows_only_its_own_steps() -> None:
    assert "placement_agreement_signed" not in mermaid(Scheme.PERSEORANGAN)
    assert "informed" not in mermaid(Scheme.RE_ENTRY)
    assert "placement_agreement_signed" in mermaid(Scheme.P2P)


def test_the_table_lists_every_gate() -> None:
    table = transition_table(Scheme.P2P)
    departed = next(line for line in table.splitlines() if line.startswith("| `departed`"))
    assert "`documents.missing`" in departed
    assert "`fees.charged_to_worker`" in departed


def test_write_docs_writes_a_page_per_scheme(tmp_path: Path) -> None:
    written = write_docs(tmp_path)
    assert {path.name for path in written} == {f"{scheme.value}.md" for scheme in Scheme}


def test_the_diagram_is_drawn_by_transitions_from_the_definitions_transitions() -> None:
    text = mermaid(Scheme.P2P)
    assert "    opp_completed --> departed: departed" in text  # transitions' edge format
    assert "    repatriated --> reintegrated: reintegrated" in text
    assert "    started_work --> started_work: contract_extended | employer_changed" in text


def test_korea_eps_is_drawn_in_its_own_order() -> None:
    text = mermaid(Scheme.G2G, destination="KR")
    assert "    medically_cleared --> selected: selected" in text
    assert "    employment_contract_signed --> visa_issued: visa_issued" in text
