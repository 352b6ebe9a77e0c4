"""The ``pmi-workflow`` command line (needs the ``cli`` extra: typer and rich).

Run ``pmi-workflow --help``. Exit codes: 0 every case procedural, 1 findings
with errors, 2 bad input or usage.
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """Run the command line (the ``pmi-workflow`` console script)."""
    try:
        from pmi_workflow.cli.app import run
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        import sys

        sys.stderr.write(
            f"pmi-workflow: the command line needs the 'cli' extra ({error.name} is missing): "
            "pip install 'pmi-workflow[cli]'\n"
        )
        raise SystemExit(2) from None
    run()
