"""The helpers every command shares, in one module that no command module imports back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer

import pmi_workflow
from pmi_workflow.cli.app import COMMANDS, app
from pmi_workflow.cli.common import check_output_dir, check_output_file, non_empty
from pmi_workflow.errors import InvalidInputError
from pmi_workflow.io import SourceRecord

SOURCE = Path(pmi_workflow.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _command_modules() -> list[Path]:
    modules = [
        SOURCE.joinpath(*target.split(":")[0].split(".")[1:]) for target in COMMANDS.values()
    ]
    return [path.with_suffix(".py") for path in modules]


@pytest.mark.parametrize("path", _command_modules(), ids=lambda path: path.stem)
def test_no_command_module_imports_the_application_back(path: Path) -> None:
    assert "pmi_workflow.cli.app" not in _imports(path)


def test_no_cli_module_but_the_entry_point_imports_the_application() -> None:
    importers = sorted(
        path.name
        for path in (SOURCE / "cli").glob("*.py")
        if path.name != "app.py" and "pmi_workflow.cli.app" in _imports(path)
    )
    assert importers == ["__init__.py"]


def test_every_registered_command_is_on_the_application() -> None:
    names = {command.name for command in app.registered_commands}
    names |= {group.name for group in app.registered_groups}
    assert set(COMMANDS) <= names


def test_a_file_with_no_records_is_an_input_error() -> None:
    with pytest.raises(InvalidInputError, match="holds no case records"):
        non_empty(iter([]), "cases.jsonl")


def test_records_pass_through_unchanged() -> None:
    record = SourceRecord("f", "line", 1, 1, {"case_id": "C-1"})
    assert list(non_empty(iter([record, record]), "f")) == [record, record]


def test_an_output_file_in_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    with pytest.raises(typer.Exit):
        check_output_file(blocker / "report.html")
    with pytest.raises(typer.Exit):
        check_output_dir(blocker / "reports")
    check_output_file(tmp_path / "report.html")
    check_output_dir(tmp_path / "new" / "reports")


def test_no_module_imports_click_itself() -> None:
    # Recent typer releases carry their own copy of click: the `cli` extra installs typer and
    # rich only, so a direct `import click` fails on a clean install.
    import re
    from pathlib import Path

    import pmi_workflow

    root = Path(pmi_workflow.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if re.search(r"^\s*(import click|from click\b)", path.read_text("utf-8"), re.MULTILINE)
    ]
    assert offenders == []
