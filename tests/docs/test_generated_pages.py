"""The generated reference pages match the code and the shipped policy."""

import os
from pathlib import Path

import pytest

from pmi_workflow import _docgen
from pmi_workflow.rules import CATALOG

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference"


@pytest.mark.parametrize("name", ["rules.md", "policy.md", "occupations.md", "cli.md"])
def test_the_published_page_matches_the_code(name: str) -> None:
    published = (REFERENCE / name).read_text(encoding="utf-8")
    assert published == _docgen.pages()[name], (
        f"docs/reference/{name} is stale: run python -m pmi_workflow._docgen docs/reference"
    )


def test_the_catalog_page_lists_every_code_with_both_messages() -> None:
    page = _docgen.rule_catalog_page()
    for code, rule in CATALOG.items():
        assert f"### `{code}`" in page
        assert rule.title_id in page
        assert rule.title_en in page


def test_the_policy_page_marks_unconfirmed_entries() -> None:
    page = _docgen.policy_reference_page()
    assert "`parameter/health_certificate_max_months`" in page
    assert "| **unconfirmed** |" in page


def test_the_catalog_page_shows_the_entries_each_rule_rests_on_with_certainty() -> None:
    page = _docgen.rule_catalog_page()
    section = page.split("### `destination.domestic_individual_employer_banned`")[1]
    section = section.split("### ")[0]
    assert "| `kepmenaker-260-2015/SA` | 2015-07-01 – open | confirmed |" in section
    assert "| `kepmenaker-260-2015-announced/PK` | 2015-07-01 – open | **unconfirmed** |" in section


def test_the_occupations_page_maps_every_code_and_names_the_sources() -> None:
    from pmi_workflow.domain.occupation import OCCUPATIONS

    page = _docgen.occupations_page()
    for code in OCCUPATIONS:
        assert f"| `{code}` |" in page
    assert "pengasuh lanjut usia in HK, TW (`jabatan/caregiver/TW-HK`)" in page
    assert (
        "| `factory_operator` | Operator produksi | Factory operator | no | outside the ten |"
        in (page)
    )


def test_the_cli_page_documents_every_command() -> None:
    page = _docgen.cli_reference_page()
    for command in (
        "validate",
        "audit",
        "explain",
        "rules",
        "diagram",
        "schema",
        "demo",
        "report",
        "impact",
        "store",
    ):
        assert f"## pmi-workflow {command}" in page


def test_the_cli_reference_is_english_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    monkeypatch.setenv("PMI_WORKFLOW_LANG", "id")
    page = _docgen.cli_reference_page()
    assert page == (REFERENCE / "cli.md").read_text(encoding="utf-8")
    assert "Validate case dossiers" in page
    assert "Memeriksa berkas CPMI" not in page
    assert "Cara pakai" not in page
    assert os.environ["PMI_WORKFLOW_LANG"] == "id"  # the choice is given back afterwards
