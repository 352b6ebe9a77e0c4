"""Generated documentation pages: the rule catalog, the policy reference, the CLI reference.

The pages in ``docs/reference`` are written by
``python -m pmi_workflow._docgen docs/reference`` and a test keeps them in
step with the code, so the catalog and the policy have one source: the code
and the shipped policy data.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from pmi_workflow.domain.occupation import OCCUPATIONS
from pmi_workflow.policy import Policy
from pmi_workflow.policy.entries import JABATAN, ExemptOccupations, OccupationJabatan
from pmi_workflow.rules.catalog import CATALOG, rule_entries

__all__ = [
    "cli_reference_page",
    "occupations_page",
    "pages",
    "policy_reference_page",
    "rule_catalog_page",
    "write",
]

_AREA_TITLES = {
    "identity": "Identity (identitas)",
    "eligibility": "Eligibility (persyaratan)",
    "documents": "Documents (dokumen)",
    "executor": "Executor and licences (pelaksana penempatan dan izin)",
    "destination": "Destination (negara tujuan)",
    "scheme": "Scheme (skema)",
    "fees": "Placement costs (biaya penempatan)",
    "social_security": "Social security (jaminan sosial)",
    "contract": "Employment contract (perjanjian kerja)",
    "procedure": "Procedure (prosedur)",
}
_BASE_FIELDS = {
    "id",
    "source",
    "confirmed",
    "effective_from",
    "effective_to",
    "note",
    "disabled",
    "instrument",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rule_catalog_page() -> str:
    """The rule catalog as markdown: every code with severity, legal basis and both messages."""
    by_area: dict[str, list[str]] = defaultdict(list)
    for code in CATALOG:
        by_area[code.split(".", 1)[0]].append(code)
    lines = [
        "# Rule catalog",
        "",
        "Generated from `pmi_workflow.rules.CATALOG` — the single source for this page, the",
        "command line (`pmi-workflow explain CODE`) and every finding. A code, once released, is",
        "never renamed or reused. **error**: the case is not procedural; **warning**: suspicious,",
        "or the legal basis is uncertain — never blocking on its own.",
        "",
        "**Certainty.** Every finding names the policy entries it rests on and its certainty:",
        "`confirmed` when the rule and every entry are confirmed by a source, otherwise",
        "`unconfirmed`. An unconfirmed finding is always a **warning**, whatever the severity",
        "below; an agency that has confirmed a figure marks the entry `confirmed = true` in its",
        "own policy file, and the finding becomes an error again. Each rule below lists the",
        "entries of the shipped policy it may rest on, with their dates, certainty and source",
        "(see also the [policy reference](policy.md)).",
        "",
        f"{len(CATALOG)} rules.",
        "",
    ]
    policy = Policy.default()
    for area, codes in by_area.items():
        lines += [f"## {_AREA_TITLES.get(area, area)}", ""]
        lines += ["| Code | Severity | Checks | Legal basis |", "|---|---|---|---|"]
        shown = [CATALOG[code].to_dict() for code in codes]  # the one shape of a rule
        for data in shown:
            basis = "; ".join(data["legal_basis_en"]) or "—"
            lines.append(
                f"| `{data['code']}` | {data['severity']} | {_cell(data['checks'])} "
                f"| {_cell(basis)} |"
            )
        lines.append("")
        for data in shown:
            title, template = data["title"], data["message_template"]
            lines += [
                f"### `{data['code']}`",
                "",
                f"*{title['id']}* / {title['en']} — **{data['severity']}**"
                + ("" if data["confirmed"] else " (legal basis unconfirmed: always a warning)"),
                "",
                f"- Bahasa Indonesia: {_cell(template['id'])}",
                f"- English: {_cell(template['en'])}",
                "",
            ]
            lines += _rule_entries(CATALOG[data["code"]], policy)
    return "\n".join(lines).rstrip() + "\n"


def _in_force(entry: Any) -> str:
    start = entry.effective_from.isoformat() if entry.effective_from else "always"
    end = entry.effective_to.isoformat() if entry.effective_to else "open"
    return f"{start} – {end}"


def _certainty(entry: Any) -> str:
    return "confirmed" if entry.confirmed else "**unconfirmed**"


def _rule_entries(rule: Any, policy: Policy) -> list[str]:
    if not rule.entry_kinds:
        return ["Rests on the statute alone (no policy entry).", ""]
    found = rule_entries(rule, policy.entries)
    kinds = ", ".join(f"`{kind}`" for kind in rule.entry_kinds)
    if not found:
        return [f"Rests on policy entries of kind {kinds}; none is shipped.", ""]
    lines = [
        f"Rests on policy entries of kind {kinds}:",
        "",
        "| entry | in force | certainty | source |",
        "|---|---|---|---|",
    ]
    for entry in sorted(found, key=lambda item: item.id):
        lines.append(
            f"| `{entry.id}` | {_in_force(entry)} | {_certainty(entry)} | {_cell(entry.source)} |"
        )
    return [*lines, ""]


def _value(entry: Any) -> str:
    data = entry.model_dump(mode="json", exclude=_BASE_FIELDS, exclude_none=True)
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            items = [str(item) for item in value]
            if isinstance(getattr(entry, key, None), (set, frozenset)):
                items.sort()  # sets arrive in hash order: sort them so the page is stable
            shown = ", ".join(items) if items else "—"
        elif isinstance(value, dict):
            shown = ", ".join(f"{k}: {v}" for k, v in value.items())
        else:
            shown = str(value)
        parts.append(f"{key}: {shown}")
    return _cell("; ".join(parts))


def policy_reference_page() -> str:
    """Every entry of the shipped default policy: value, effective dates, source, confirmed."""
    policy = Policy.default()
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for entry in policy.entries:
        by_kind[entry.kind].append(entry)
    unconfirmed = sum(1 for entry in policy.entries if not entry.confirmed)
    lines = [
        "# Policy reference",
        "",
        "Generated from the policy data shipped with the package (`Policy.default()`). Every rule",
        "figure that the law or its practice may change is an entry here, with the dates it is in",
        "force, its source, and whether that source was confirmed in a primary text. A case is",
        "judged by the entries in force on each step's day (`Policy.as_of(day)`).",
        "",
        f"{len(policy.entries)} entries, {unconfirmed} of them unconfirmed. Optional overlays "
        f"shipped with the package: {', '.join(f'`{n}`' for n in Policy.overlay_names()) or '—'}.",
        "",
        "## Overriding the defaults",
        "",
        "An agency lays its own TOML file over the defaults. An entry with an existing `id`",
        "replaces it, `disabled = true` switches it off, a new `id` adds an entry; the defaults",
        "themselves never change, and a bad file is refused with an error naming the file, the",
        "key and the problem. To switch an entry off, give it whole (every field its kind needs)",
        "with `disabled = true`.",
        "",
        "Only `confirmed = true` confirms an entry. One that leaves `confirmed` out keeps the",
        "certainty of the entry it replaces (the example below stays unconfirmed, as the",
        "default it replaces), and a new id is unconfirmed: a finding resting on it is a warning",
        "until the agency writes `confirmed = true`. In the shipped defaults an entry that",
        "leaves it out is confirmed; every unconfirmed figure there says `confirmed = false`.",
        "",
        "```python",
        ">>> import datetime",
        ">>> from pmi_workflow import Policy",
        ">>> agency = Policy.from_toml('''",
        "... [[parameter]]",
        '... id = "parameter/health_certificate_max_months"',
        '... name = "health_certificate_max_months"',
        "... value = 6",
        '... unit = "months"',
        '... source = "Agency circular 12/2025"',
        "... ''', file=\"agency.toml\")",
        '>>> agency.as_of(datetime.date(2025, 6, 1)).parameter("health_certificate_max_months")',
        "6",
        ">>> Policy.default().as_of(datetime.date(2025, 6, 1))"
        '.parameter("health_certificate_max_months")',
        "3",
        "",
        "```",
        "",
        "Files are read with `Policy.load(path, ...)`; the command line takes `--policy FILE`.",
        "",
    ]
    for kind, entries in sorted(by_kind.items()):
        lines += [f"## `{kind}`", ""]
        used_by = [f"`{rule.code}`" for rule in CATALOG.values() if kind in rule.entry_kinds]
        if used_by:
            lines += [f"Used by {', '.join(used_by)}.", ""]
        lines += [
            "| id | value | in force | source | certainty |",
            "|---|---|---|---|---|",
        ]
        for entry in sorted(entries, key=lambda item: item.id):
            lines.append(
                f"| `{entry.id}` | {_value(entry)} | {_in_force(entry)} | {_cell(entry.source)} "
                f"| {_certainty(entry)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def occupations_page() -> str:
    """The occupation codes the library knows, each with the jabatan it counts as and the source."""
    policy = Policy.default()
    mappings = [entry for entry in policy.entries if isinstance(entry, OccupationJabatan)]
    exempt = [entry for entry in policy.entries if isinstance(entry, ExemptOccupations)]
    lines = [
        "# Occupation codes",
        "",
        "Generated from `pmi_workflow.domain.OCCUPATIONS` and the `occupation_jabatan` entries of",
        "the shipped policy. A case names its occupation by one of these codes (or gives a full",
        "occupation with code and labels). Perban BP2MI 9/2020 frees ten *jabatan* from every",
        "placement cost; an occupation code counts as one of them only through an explicit",
        "mapping below, each with its source. A mapping may hold for some destinations only.",
        "",
        "The ten jabatan: "
        + ", ".join(f"{index}. {name.replace('_', ' ')}" for index, name in enumerate(JABATAN, 1))
        + ".",
        "",
        "| code | Bahasa Indonesia | English | domestic | jabatan (Perban 9/2020) |",
        "|---|---|---|---|---|",
    ]
    for code, item in OCCUPATIONS.items():
        found = []
        for mapping in mappings:
            if mapping.occupation != code:
                continue
            where = f" in {', '.join(sorted(mapping.destinations))}" if mapping.destinations else ""
            found.append(f"{mapping.jabatan.replace('_', ' ')}{where} (`{mapping.id}`)")
        lines.append(
            f"| `{code}` | {_cell(item.label_id)} | {_cell(item.label_en)} "
            f"| {'yes' if item.domestic else 'no'} | {'; '.join(found) or 'outside the ten'} |"
        )
    lines += ["", "## Mappings and their sources", ""]
    lines += ["| entry | in force | certainty | source |", "|---|---|---|---|"]
    for mapping in mappings:
        lines.append(
            f"| `{mapping.id}` | {_in_force(mapping)} | {_certainty(mapping)} "
            f"| {_cell(mapping.source)} |"
        )
    lines += ["", "## Exempt jabatan entries", ""]
    lines += ["| entry | in force | certainty | source |", "|---|---|---|---|"]
    for entry in exempt:
        lines.append(
            f"| `{entry.id}` | {_in_force(entry)} | {_certainty(entry)} | {_cell(entry.source)} |"
        )
    return "\n".join(lines).rstrip() + "\n"


def _command_help(command: Any, path: str) -> list[str]:
    import typer  # typer's own Context: typer may carry its own copy of click

    ctx = typer.Context(command, info_name=path)
    text = command.get_help(ctx)
    return ["```text", *(line.rstrip() for line in text.splitlines()), "```", ""]


def cli_reference_page() -> str:
    """The help of every command of ``pmi-workflow`` (needs the ``cli`` extra).

    Always in English, whatever the locale: the help follows
    ``PMI_WORKFLOW_LANG``, set to ``en`` while the page is written.
    """
    import os

    import typer

    from pmi_workflow.cli.app import app

    forced = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PMI_WORKFLOW_LANG": "en"}
    saved = {name: os.environ.get(name) for name in forced}
    os.environ.update(forced)
    try:
        return _cli_page(typer.main.get_command(app))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _cli_page(group: Any) -> str:
    lines = [
        "# Command-line reference",
        "",
        "Generated from the help texts of `pmi-workflow` (install the `cli` extra).",
        "Exit codes: **0** every case procedural, **1** findings with errors, **2** bad input or",
        "usage. Output is a table on a terminal and JSON lines when piped.",
        "",
        "## pmi-workflow",
        "",
        *_command_help(group, "pmi-workflow"),
    ]
    commands = getattr(group, "commands", {})
    for name, command in commands.items():
        lines += [f"## pmi-workflow {name}", "", *_command_help(command, f"pmi-workflow {name}")]
        for sub_name, sub in getattr(command, "commands", {}).items():
            lines += [
                f"### pmi-workflow {name} {sub_name}",
                "",
                *_command_help(sub, f"pmi-workflow {name} {sub_name}"),
            ]
    return "\n".join(lines).rstrip() + "\n"


def pages() -> dict[str, str]:
    """The generated pages by file name."""
    return {
        "rules.md": rule_catalog_page(),
        "policy.md": policy_reference_page(),
        "occupations.md": occupations_page(),
        "cli.md": cli_reference_page(),
    }


def write(folder: str | Path) -> list[Path]:
    """Write the generated pages into ``folder``."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintenance entry point
    for written_path in write(sys.argv[1] if len(sys.argv) > 1 else "docs/reference"):
        sys.stdout.write(f"{written_path}\n")
