"""A separate writer process for the reliability tests.

    python store_worker.py TARGET crash CASE_ID
        appends batches of 3 events forever, printing each committed version;
    python store_worker.py TARGET append COUNT CASE_ID...
        appends COUNT events one by one to each case (retrying on conflicts),
        then prints the ids it wrote as JSON.

TARGET is ``sqlite:PATH`` or ``postgres:SCHEMA`` (the URL comes from
``PMI_WORKFLOW_TEST_POSTGRES_URL``).
"""

from __future__ import annotations

import json
import os
import sys

from pmi_workflow.store import CaseStore, SqliteStore
from pmi_workflow.testing.store_contract import append_with_retry, make_events


def open_target(target: str) -> CaseStore:
    kind, _, where = target.partition(":")
    if kind == "sqlite":
        return SqliteStore(where)
    from pmi_workflow.store import PostgresStore

    return PostgresStore(os.environ["PMI_WORKFLOW_TEST_POSTGRES_URL"], schema=where)


def main(argv: list[str]) -> None:
    target, mode, *rest = argv
    store = open_target(target)
    if mode == "crash":
        (case_id,) = rest
        version = store.version(case_id)
        while True:
            events = make_events(case_id, version, 3, note="x" * 500)
            version = store.append(case_id, events, expected_version=version).version
            sys.stdout.write(f"{version}\n")
            sys.stdout.flush()
    count, *case_ids = rest
    written = {
        case_id: append_with_retry(store, case_id, int(count), f"pid {os.getpid()}")
        for case_id in case_ids
    }
    store.close()
    sys.stdout.write(json.dumps(written) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
