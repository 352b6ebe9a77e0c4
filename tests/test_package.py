"""The package as a whole: public API, version, logging."""

import logging
import os
import subprocess
import sys

import pmi_workflow


def test_every_public_name_is_importable() -> None:
    for name in pmi_workflow.__all__:
        assert hasattr(pmi_workflow, name), name


def test_version_is_semantic() -> None:
    parts = pmi_workflow.__version__.split(".")
    assert len(parts) == 3
    assert all(part.isdigit() for part in parts)


def test_library_logger_has_a_null_handler() -> None:
    handlers = logging.getLogger("pmi_workflow").handlers
    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)


def test_importing_the_library_loads_no_optional_part() -> None:
    code = (
        "import sys, pmi_workflow, pmi_workflow.domain, pmi_workflow.testing;"
        "heavy = {'typer', 'rich', 'sqlalchemy', 'psycopg', 'mkdocs', 'hypothesis', 'pytest'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_records_and_policy_versions_are_the_same_in_every_process() -> None:
    code = (
        "import datetime, hashlib; from pmi_workflow import Policy, parse_case;"
        "from pmi_workflow.samples import procedural_case_data;"
        "view = Policy.default().as_of(datetime.date(2024, 6, 1));"
        "text = parse_case(procedural_case_data('p2p')).to_json();"
        "print(view.version, hashlib.sha256(text.encode()).hexdigest())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1, outputs
