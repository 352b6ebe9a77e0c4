"""The former name of :mod:`pmi_workflow.store.postgresql`, kept so that old imports work.

``from pmi_workflow.store.sql import PostgresStore`` still works; new code
imports from :mod:`pmi_workflow.store.postgresql` (or :mod:`pmi_workflow.store`).
"""

from __future__ import annotations

from pmi_workflow.store.postgresql import POSITION_COLUMN, PostgresStore

__all__ = ["POSITION_COLUMN", "PostgresStore"]
