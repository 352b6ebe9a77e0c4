"""Every ``pmi-workflow`` command written in the documentation parses: its command, its options
and its number of arguments are the ones the command line has (a page cannot drift from it)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer

from pmi_workflow.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
_BLOCK = re.compile(r"```(?:sh|bash|console|shell)\n(.*?)```", re.DOTALL)


def _commands(page: Path) -> list[tuple[int, str]]:
    """The ``pmi-workflow`` lines of a page's shell blocks (continued lines joined)."""
    found = []
    text = page.read_text("utf-8")
    for block in _BLOCK.finditer(text):
        start = text.count("\n", 0, block.start()) + 2
        joined = block.group(1).replace("\\\n", " ")
        for offset, line in enumerate(joined.splitlines()):
            line = line.strip().removeprefix("$ ")
            for part in re.split(r"\s*(?:&&|\|\||;)\s*", line):
                part = part.split(" | ")[0].split(" > ")[0].split(" < ")[0]
                words = part.split()
                while words and "=" in words[0] and not words[0].startswith("-"):
                    words = words[1:]  # PMI_WORKFLOW_LANG=id pmi-workflow ...
                if words and words[0].endswith("pmi-workflow"):
                    found.append((start + offset, " ".join(words)))
    return found


EXAMPLES = [
    pytest.param(line, id=f"{page.relative_to(ROOT)}:{number}")
    for page in PAGES
    for number, line in _commands(page)
]


def test_the_documentation_has_command_examples_to_check() -> None:
    assert len(EXAMPLES) > 20


@pytest.mark.parametrize("line", EXAMPLES)
def test_a_documented_command_parses_as_the_command_line_has_it(line: str) -> None:
    words = shlex.split(line, comments=True)[1:]
    command: Any = typer.main.get_command(app)
    path = ["pmi-workflow"]
    while hasattr(command, "list_commands") and words and not words[0].startswith("-"):
        found = command.get_command(None, words[0])
        assert found is not None, f"{line}: no command {words[0]!r}"
        path.append(words.pop(0))
        command = found
    assert not hasattr(command, "list_commands"), f"{line}: no command named after the group"
    if "--help" in words:
        return
    try:
        command.make_context(" ".join(path), list(words), resilient_parsing=False)
    except Exception as error:  # the command line's own parser (typer's copy of click)
        if type(error).__name__ == "MissingParameter":
            return  # an example may leave a required value to the reader's environment
        if hasattr(error, "format_message"):
            pytest.fail(f"{line}: {error.format_message()}")
        raise
