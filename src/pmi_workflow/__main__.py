"""``python -m pmi_workflow`` runs the command line (same as ``pmi-workflow``)."""

from pmi_workflow.cli import main

if __name__ == "__main__":
    main()
