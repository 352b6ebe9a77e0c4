"""``pmi-workflow store``: init, import, show and verify against an SQLite file."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmi_workflow.cli.app import app

from .conftest import AS_OF, EXAMPLES

runner = CliRunner()
NIK = "3603121505950002"


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _import(database: Path, file: Path) -> Any:
    return runner.invoke(
        app, ["store", "import", str(file), "--store", str(database), "--as-of", AS_OF]
    )


def test_init_creates_a_store_that_verifies_empty(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    assert runner.invoke(app, ["store", "init", "--store", str(database)]).exit_code == 0
    assert database.exists()
    result = runner.invoke(app, ["store", "verify", "--store", str(database)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["cases_checked"] == 0


def test_import_stores_each_case_and_reports_each_record(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    result = _import(database, EXAMPLES / "cases.jsonl")
    assert result.exit_code == 0, result.output
    records = _lines(result.stdout)
    assert [r["status"] for r in records] == ["stored"] * 10
    listed = runner.invoke(
        app, ["store", "show", "--store", str(database), "--verdict", "non_procedural"]
    )
    assert {r["case_id"] for r in _lines(listed.stdout)} == {
        f"CASE-DEMO-000{n}" for n in range(2, 7)
    }


def test_importing_again_changes_nothing_and_a_longer_history_is_appended(
    tmp_path: Path,
) -> None:
    database = tmp_path / "cases.db"
    data = json.loads((EXAMPLES / "schemes" / "p2p.json").read_text("utf-8"))
    full = tmp_path / "full.json"
    full.write_text(json.dumps(data), "utf-8")
    early = tmp_path / "early.json"
    early.write_text(json.dumps({**data, "history": data["history"][:5]}), "utf-8")
    assert _lines(_import(database, early).stdout)[0]["status"] == "stored"
    grown = _lines(_import(database, full).stdout)[0]
    assert (grown["status"], grown["version"]) == ("updated", 14)
    again = _import(database, full)
    assert again.exit_code == 0
    assert _lines(again.stdout)[0]["status"] == "unchanged"
    assert runner.invoke(app, ["store", "verify", "--store", str(database)]).exit_code == 0


def test_a_different_history_for_a_stored_case_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "demo" / "procedural.json")
    changed = json.loads((EXAMPLES / "demo" / "procedural.json").read_text("utf-8"))
    changed["history"][1]["occurred_at"] = "2024-01-16T09:00:00+07:00"
    for event in changed["history"]:
        event.pop("event_id")  # an export without event ids: matched by step, time and role
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed), "utf-8")
    result = _import(database, path)
    assert result.exit_code == 2
    [record] = _lines(result.stdout)
    assert record["status"] == "refused"
    assert record["problems"][0]["kind"] == "history_differs"
    assert record["problems"][0]["message_id"] == (
        "berkas dengan nomor ini sudah tersimpan dengan riwayat langkah yang berbeda "
        "(14 langkah tersimpan; berkas data memuat 14 langkah)"
    )


def test_a_stored_case_whose_dossier_changed_is_refused_not_called_unchanged(
    tmp_path: Path,
) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "demo" / "procedural.json")
    changed = json.loads((EXAMPLES / "demo" / "procedural.json").read_text("utf-8"))
    [visa] = [d for d in changed["documents"] if d["id"] == "visa-1"]
    visa["number"] = "VDR-00001"  # the same history, another dossier
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed), "utf-8")
    result = _import(database, path)
    assert result.exit_code == 2
    [record] = _lines(result.stdout)
    assert record["status"] == "refused"
    [problem] = record["problems"]
    assert (problem["where"], problem["kind"]) == ("dossier", "dossier_differs")
    assert "different dossier" in problem["message"]
    assert problem["message_id"].startswith(
        "berkas dengan nomor ini sudah tersimpan dengan isi yang berbeda (data diri CPMI, "
    )
    early = json.loads((EXAMPLES / "demo" / "procedural.json").read_text("utf-8"))
    (tmp_path / "early.json").write_text(json.dumps({**early, "history": early["history"][:5]}))
    _import(tmp_path / "early.db", tmp_path / "early.json")
    grown = _lines(_import(tmp_path / "early.db", path).stdout)[0]  # more events, another dossier
    assert (grown["status"], grown["problems"][0]["kind"]) == ("refused", "dossier_differs")
    exported = _store_cli("export", "--store", str(database), "--include-personal-data")
    assert "VDR-88812" in exported.stdout  # the stored dossier is kept as it was
    again = _import(database, EXAMPLES / "cases.csv")  # a dossier read back as stored
    assert _import(database, EXAMPLES / "cases.csv").stdout == again.stdout.replace(
        '"stored"', '"unchanged"'
    )


def test_an_import_whose_reader_goes_away_stores_every_case_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmi_workflow.cli import common
    from pmi_workflow.io import JsonlWriter

    written: list[str] = []

    def head_1(self: Any, record: Any) -> None:  # ``… | head -1``: one line, then a closed pipe
        if written:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")
        written.append(record["status"])

    monkeypatch.setattr(JsonlWriter, "write", head_1)
    monkeypatch.setattr(common, "silence_stdout", lambda: None)
    _language(monkeypatch, "id")
    database = tmp_path / "cases.db"
    result = _import(database, EXAMPLES / "cases.jsonl")
    assert (result.exit_code, written) == (0, ["stored"])
    assert result.stderr == (
        "catatan: keluaran hasil ditutup oleh pembacanya; impor tetap diselesaikan: 10 rekaman "
        "diproses, 0 di antaranya ditolak.\n"
    )
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM cases").fetchone() == (10,)
    connection.close()


def test_bad_records_are_reported_and_good_ones_stored(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    mixed = tmp_path / "mixed.jsonl"
    good = (EXAMPLES / "schemes" / "p2p.json").read_text("utf-8").replace("\n", "")
    mixed.write_text(good + "\n{oops\n", "utf-8")
    result = _import(database, mixed)
    assert result.exit_code == 2
    assert [r["status"] for r in _lines(result.stdout)] == ["stored", "invalid"]


def test_show_gives_one_case_timeline_without_personal_data(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "schemes" / "p2p.json")
    result = runner.invoke(
        app, ["store", "show", "CASE-P2P-0001", "--store", str(database), "--format", "json"]
    )
    shown = json.loads(result.stdout)
    assert shown["state"] == "started_work"
    assert shown["verdict"] == "procedural"
    assert [event["version"] for event in shown["events"]] == list(range(1, 15))
    table = runner.invoke(
        app, ["store", "show", "CASE-P2P-0001", "--store", str(database), "--format", "table"]
    )
    assert NIK not in result.stdout + table.stdout


def test_show_of_an_unknown_case_exits_two(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    runner.invoke(app, ["store", "init", "--store", str(database)])
    result = runner.invoke(app, ["store", "show", "NOPE", "--store", str(database)])
    assert result.exit_code == 2
    assert "NOPE" in result.output


def test_verify_finds_an_edited_event(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "schemes" / "g2g.json")
    with sqlite3.connect(database) as connection:
        tables = [row[0] for row in connection.execute("select name from sqlite_master")]
        table = next(name for name in tables if "event" in name and "idx" not in name)
        columns = [row[1] for row in connection.execute(f"pragma table_info({table})")]
        payload = next(c for c in columns if c in {"payload", "data", "event", "body"})
        connection.execute(
            f"update {table} set {payload} = replace({payload}, 'disnaker', 'p3mi') where rowid = 2"
        )
    result = runner.invoke(app, ["store", "verify", "--store", str(database)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["broken"][0]["case_id"] == "CASE-G2G-0001"


def test_an_unsupported_store_url_exits_two(tmp_path: Path) -> None:
    result = runner.invoke(app, ["store", "init", "--store", "mongodb://x"])
    assert result.exit_code == 2
    assert "unsupported store URL" in result.output


@pytest.mark.skipif(
    not os.environ.get("PMI_WORKFLOW_TEST_POSTGRES_URL"),
    reason="PMI_WORKFLOW_TEST_POSTGRES_URL is not set",
)
def test_the_store_commands_work_against_postgresql() -> None:
    url = os.environ["PMI_WORKFLOW_TEST_POSTGRES_URL"]
    suffix = uuid.uuid4().hex[:8]
    data = json.loads((EXAMPLES / "schemes" / "perseorangan.json").read_text("utf-8"))
    case_id = f"CLI-PG-{suffix}"
    data["case_id"] = case_id
    for event in data["history"]:
        event["case_id"] = case_id
        event.pop("event_id", None)
    assert runner.invoke(app, ["store", "init", "--store", url]).exit_code == 0
    imported = runner.invoke(
        app, ["store", "import", "-", "--store", url, "--as-of", AS_OF], input=json.dumps(data)
    )
    assert imported.exit_code == 0, imported.output
    shown = runner.invoke(app, ["store", "show", case_id, "--store", url, "--format", "json"])
    assert json.loads(shown.stdout)["version"] == len(data["history"])
    verified = runner.invoke(app, ["store", "verify", case_id, "--store", url])
    assert verified.exit_code == 0
    assert "password" not in imported.output


def test_import_reads_a_file_of_another_name_with_the_format_given(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    export = tmp_path / "export.txt"
    export.write_bytes((EXAMPLES / "cases.jsonl").read_bytes())
    result = runner.invoke(
        app,
        ["store", "import", str(export), "--store", str(database), "--input-format", "jsonl"],
    )
    assert result.exit_code == 0, result.output
    assert len(_lines(result.stdout)) == 10
    bad = runner.invoke(
        app, ["store", "import", str(export), "--store", str(database), "--input-format", "xml"]
    )
    assert bad.exit_code == 2


def _store_cli(*args: str) -> Any:
    return runner.invoke(app, ["store", *args])


def test_a_forged_verdict_in_the_summaries_fails_verify(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "cases.jsonl")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE case_summaries SET verdict = 'procedural' WHERE case_id = 'CASE-DEMO-0002'"
        )
    connection.close()
    result = _store_cli("verify", "--store", str(database))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["broken"] == [
        {
            "case_id": "CASE-DEMO-0002",
            "version": json.loads(result.stdout)["broken"][0]["version"],
            "reason": "the summary does not match the case head",
        }
    ]


def test_a_checkpoint_catches_a_deleted_case_and_a_rewritten_head(tmp_path: Path) -> None:
    database, point = tmp_path / "cases.db", tmp_path / "outside" / "checkpoint.json"
    point.parent.mkdir()
    _import(database, EXAMPLES / "cases.jsonl")
    made = _store_cli("checkpoint", "--store", str(database), "--out", str(point))
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["cases"] == 10
    assert "CASE-DEMO" not in point.read_text("utf-8")
    clean = _store_cli("verify", "--store", str(database), "--checkpoint", str(point))
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["checkpoint_cases"] == 10
    with sqlite3.connect(database) as connection:
        for table in ("events", "case_summaries", "cases"):
            connection.execute(f"DELETE FROM {table} WHERE case_id = 'CASE-DEMO-0003'")
    connection.close()
    assert _store_cli("verify", "--store", str(database)).exit_code == 0
    caught = _store_cli("verify", "--store", str(database), "--checkpoint", str(point))
    assert caught.exit_code == 1
    (broken,) = json.loads(caught.stdout)["broken"]
    assert broken["reason"] == "a case of the checkpoint is missing"
    assert broken["case_id"].startswith("sha256:")


def test_a_checkpoint_of_cases_keyed_by_nik_needs_a_seal_key_and_names_them_by_hmac(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from pmi_workflow.testing import make_case

    database, point, key = tmp_path / "cases.db", tmp_path / "point.json", tmp_path / "seal.key"
    case_id = f"PMI-{NIK}"
    (tmp_path / "nik.json").write_text(make_case("p2p", case_id=case_id).to_json(), "utf-8")
    _import(database, tmp_path / "nik.json")
    _language(monkeypatch, "id")
    refused = _store_cli("checkpoint", "--store", str(database), "--out", str(point))
    assert (refused.exit_code, refused.stdout, point.exists()) == (2, "", False)
    assert "titik periksa hanya dibuat dengan kunci segel (--key-file)" in refused.stderr
    assert NIK not in refused.stderr
    _store_cli("keygen", "--out", str(key))
    assert _store_cli("reseal", "--store", str(database), "--key-file", str(key)).exit_code == 0
    made = _store_cli("checkpoint", "--store", str(database), "--out", str(point), "--key-file",
                      str(key))  # fmt: skip
    assert (made.exit_code, made.stderr) == (0, "")
    plain = hashlib.sha256(b"pmi-workflow case\0" + case_id.encode()).hexdigest()
    assert plain not in point.read_text("utf-8")  # the unkeyed name a guesser would compute
    verify = ["verify", "--store", str(database), "--checkpoint", str(point)]
    assert _store_cli(*verify, "--key-file", str(key)).exit_code == 0
    assert _store_cli(*verify).exit_code == 2  # the names cannot be checked without the key


def test_a_checkpoint_without_a_key_says_its_case_names_can_be_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, point = tmp_path / "cases.db", tmp_path / "point.json"
    _import(database, EXAMPLES / "schemes" / "g2g.json")
    _language(monkeypatch, "en")
    made = _store_cli("checkpoint", "--store", str(database), "--out", str(point))
    assert made.exit_code == 0
    assert made.stderr.startswith("note: the checkpoint was made without --key-file: case ids ")


def test_checkpoint_and_keygen_check_their_output_paths(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    _store_cli("init", "--store", str(database))
    for args in (
        ["checkpoint", "--store", str(database), "--out", str(tmp_path)],
        ["checkpoint", "--store", str(database), "--out", str(tmp_path / "no" / "cp.json")],
        ["keygen", "--out", str(tmp_path)],
    ):
        result = _store_cli(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
    bad = _store_cli("verify", "--store", str(database), "--checkpoint", str(database))
    assert bad.exit_code == 2
    assert "checkpoint" in bad.output


def test_a_sealed_store_catches_a_consistent_rewrite_and_rotates_keys(tmp_path: Path) -> None:
    database, old_key, new_key = tmp_path / "cases.db", tmp_path / "old.key", tmp_path / "new.key"
    assert _store_cli("keygen", "--out", str(old_key)).exit_code == 0
    assert oct(old_key.stat().st_mode & 0o777) == "0o600"
    assert _store_cli("keygen", "--out", str(old_key)).exit_code == 2
    result = runner.invoke(
        app,
        ["store", "import", str(EXAMPLES / "cases.jsonl"), "--store", str(database)],
        env={"PMI_WORKFLOW_STORE_KEY_FILE": str(old_key)},
    )
    assert result.exit_code == 0, result.output
    sealed = _store_cli("verify", "--store", str(database), "--key-file", str(old_key))
    assert json.loads(sealed.stdout)["seals_checked"] is True
    assert sealed.exit_code == 0
    _store_cli("keygen", "--out", str(new_key))
    rotate = ["--store", str(database), "--key-file", str(new_key), "--key-file", str(old_key)]
    assert json.loads(_store_cli("reseal", *rotate).stdout) == {"resealed": 10}
    assert _store_cli("verify", "--store", str(database), "--key-file", str(new_key)).exit_code == 0
    with sqlite3.connect(database) as connection:  # a summary hash rewritten
        connection.execute("UPDATE cases SET summary_hash = 'x' WHERE case_id = 'CASE-DEMO-0002'")
    connection.close()
    caught = _store_cli("verify", "--store", str(database), "--key-file", str(new_key))
    assert caught.exit_code == 1
    assert _store_cli("reseal", "--store", str(database)).exit_code == 2


def test_export_streams_every_case_and_imports_back(tmp_path: Path) -> None:
    database, copy, out = tmp_path / "cases.db", tmp_path / "copy.db", tmp_path / "export.jsonl"
    _import(database, EXAMPLES / "cases.jsonl")
    refused = _store_cli("export", "--store", str(database), "--out", str(out))
    assert refused.exit_code == 2
    assert "--include-personal-data" in refused.output
    assert not out.exists()
    done = _store_cli(
        "export", "--store", str(database), "--out", str(out), "--include-personal-data"
    )
    assert done.exit_code == 0, done.output
    assert len(out.read_text("utf-8").splitlines()) == 10
    assert [r["status"] for r in _lines(_import(copy, out).stdout)] == ["stored"] * 10
    to_stdout = _store_cli("export", "--store", str(database), "--include-personal-data")
    assert to_stdout.stdout == out.read_text("utf-8")


def _language(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PMI_WORKFLOW_LANG", lang)


def test_a_file_the_store_cannot_write_is_named_after_its_option_in_the_message_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmi_workflow.store import Checkpoint

    def full(self: Checkpoint, path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    database, out = tmp_path / "cases.db", tmp_path / "checkpoint.json"
    _store_cli("init", "--store", str(database))
    monkeypatch.setattr(Checkpoint, "write", full)
    _language(monkeypatch, "id")
    result = _store_cli("checkpoint", "--store", str(database), "--out", str(out))
    assert (result.exit_code, result.stderr) == (
        2,
        f"kesalahan: --out: {out} tidak dapat ditulis.\n",
    )
    _language(monkeypatch, "en")
    result = _store_cli("checkpoint", "--store", str(database), "--out", str(out))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --out: cannot write {out} (No space left on device)\n",
    )


@pytest.mark.parametrize("command", ["keygen", "checkpoint", "export"])
def test_an_output_name_the_file_system_refuses_is_a_message_not_a_traceback(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / ("k" * 300)  # too long a name for the file system, even for root
    database = tmp_path / "cases.db"
    _store_cli("init", "--store", str(database))
    extra = {"keygen": [], "checkpoint": ["--store", str(database)]}.get(
        command, ["--store", str(database), "--include-personal-data"]
    )
    _language(monkeypatch, "id")
    result = _store_cli(command, "--out", str(out), *extra)
    assert (result.exit_code, result.stderr) == (
        2,
        f"kesalahan: --out: {out} tidak dapat ditulis.\n",
    )


def _show(database: Path, *args: str) -> str:
    result = runner.invoke(
        app, ["store", "show", *args, "--store", str(database), "--format", "table"],
        env={"COLUMNS": "400"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


# Field names and codes that the Indonesian table must not show.
RAW = re.compile(
    r"case_id|last_step|executor_kind|occurred_at|policy_version|\bstate\b|\bverdict\b|"
    r"\b(p2p|g2g|started_work|informed|opp_completed|non_procedural|procedural|disnaker|bp3mi|"
    r"MY|SA|KR)\b|\d{4}-\d\d-\d\dT"
)


def test_store_show_speaks_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "cases.jsonl")
    _language(monkeypatch, "id")
    listed = _show(database)
    assert "Berkas tersimpan" in listed
    for heading in ("Nomor berkas", "Skema", "Status terakhir", "Putusan", "Negara tujuan",
                    "Waktu langkah terakhir", "Jenis pelaksana penempatan"):  # fmt: skip
        assert heading in listed
    row = next(line for line in listed.splitlines() if "CASE-DEMO-0003" in line)
    for shown in ("Penempatan oleh P3MI (P to P)", "Mulai bekerja", "Nonprosedural",
                  "Arab Saudi", "27/05/2024 09.00 WIB", "P3MI"):  # fmt: skip
        assert shown in row
    one = _show(database, "CASE-G2G-0001")
    assert one.splitlines()[0] == (
        "CASE-G2G-0001  Penempatan oleh Pemerintah (G to G) → Korea Selatan  "
        "status terakhir: Mulai bekerja  putusan: Prosedural"
    )
    for shown in ("Urutan waktu langkah", "Langkah", "Pencatat", "Versi kebijakan",
                  "Memperoleh informasi resmi", "08/01/2024 09.00 WIB", "Disnaker kabupaten/kota",
                  "Telah mengikuti OPP", "BP3MI (Balai Pelayanan Pelindungan PMI)"):  # fmt: skip
        assert shown in one
    assert RAW.findall(listed + one) == []


def test_store_show_in_english_shows_english_labels_and_json_keeps_its_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "cases.jsonl")
    _language(monkeypatch, "en")
    listed = _show(database)
    row = next(line for line in listed.splitlines() if "CASE-DEMO-0003" in line)
    for shown in ("Started work", "Non-procedural", "Saudi Arabia", "27/05/2024 09:00 WIB"):
        assert shown in row
    assert "Timeline" in _show(database, "CASE-G2G-0001")
    _language(monkeypatch, "id")
    result = runner.invoke(
        app, ["store", "show", "CASE-DEMO-0003", "--store", str(database), "--format", "json"]
    )
    shown = json.loads(result.stdout)
    assert (shown["state"], shown["verdict"], shown["destination"]) == (
        "started_work",
        "non_procedural",
        "SA",
    )
    assert shown["events"][0]["step"] == "informed"
    assert shown["events"][0]["occurred_at"] == "2024-01-08T09:00:00+07:00"


def test_the_store_show_table_has_a_column_for_every_field_of_its_json(tmp_path: Path) -> None:
    from pmi_workflow.cli.store_commands import _EVENT_COLUMNS, _SUMMARY_COLUMNS

    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "schemes" / "p2p.json")
    listed = runner.invoke(app, ["store", "show", "--store", str(database), "--format", "json"])
    one = runner.invoke(
        app, ["store", "show", "CASE-P2P-0001", "--store", str(database), "--format", "json"]
    )
    assert [column[0] for column in _SUMMARY_COLUMNS] == list(json.loads(listed.stdout)[0])
    assert [column[0] for column in _EVENT_COLUMNS] == list(json.loads(one.stdout)["events"][0])


READING_COMMANDS = [
    pytest.param(["show"], id="show"),
    pytest.param(["show", "CASE-G2G-0001"], id="show one case"),
    pytest.param(["show", "--format", "json"], id="show as json"),
    pytest.param(["verify"], id="verify"),
    pytest.param(["export", "--include-personal-data", "--out", "{folder}/out.jsonl"], id="export"),
    pytest.param(["checkpoint", "--out", "{folder}/checkpoint.json"], id="checkpoint"),
    pytest.param(["reseal", "--key-file", "{key}"], id="reseal"),
    pytest.param(
        ["record", "CASE-G2G-0001", "registered", "--at", "2024-01-15", "--actor", "disnaker"],
        id="record (a step needs a stored case)",
    ),
]


@pytest.mark.parametrize("args", READING_COMMANDS)
def test_a_command_that_reads_a_missing_store_says_so_and_creates_nothing(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, keys = tmp_path / "store", tmp_path / "keys"
    folder.mkdir()
    keys.mkdir()
    _store_cli("keygen", "--out", str(keys / "seal.key"))
    filled = [arg.format(folder=folder, key=keys / "seal.key") for arg in args]
    database = folder / "cases.db"
    _language(monkeypatch, "id")
    result = _store_cli(*filled, "--store", str(database))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"kesalahan: --store: penyimpanan {database} tidak ada. Penyimpanan dibuat dengan "
        "perintah 'store init' atau 'store import'.\n",
    )
    _language(monkeypatch, "en")
    result = _store_cli(*filled, "--store", f"sqlite:///{database}")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --store: sqlite:///{database} does not exist; create it with 'store init' or "
        "'store import'\n",
    )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["verify"], id="verify"),
        pytest.param(["show"], id="show"),
        pytest.param(["export", "--include-personal-data"], id="export"),
        pytest.param(["checkpoint", "--out", "{folder}/point.json"], id="checkpoint"),
        pytest.param(["reseal", "--key-file", "{key}"], id="reseal"),
    ],
)
def test_a_reading_command_refuses_an_empty_file_as_no_store_and_leaves_it_empty(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "seal.key"
    _store_cli("keygen", "--out", str(key))
    database = tmp_path / "empty.db"
    database.write_bytes(b"")
    _language(monkeypatch, "id")
    filled = [arg.format(folder=tmp_path, key=key) for arg in args]
    result = _store_cli(*filled, "--store", str(database))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "kesalahan: berkas yang diberikan bukan basis data SQLite.\n"
    assert database.read_bytes() == b""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.db", "seal.key"]
    _language(monkeypatch, "en")
    english = _store_cli(*filled, "--store", str(database))
    assert english.stderr.startswith("error: the file is not a SQLite database (")


def test_store_show_without_a_store_option_names_the_default_file_and_leaves_it_uncreated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PMI_WORKFLOW_STORE", raising=False)
    _language(monkeypatch, "en")
    result = _store_cli("show")
    assert result.exit_code == 2
    assert "--store: pmi-workflow.db does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["init"], id="init"),
        pytest.param(
            ["import", str(EXAMPLES / "schemes" / "g2g.json"), "--as-of", AS_OF], id="import"
        ),
    ],
)
def test_the_commands_that_write_still_create_a_missing_store(
    args: list[str], tmp_path: Path
) -> None:
    database = tmp_path / "new" / "cases.db"
    database.parent.mkdir()
    assert _store_cli(*args, "--store", str(database)).exit_code == 0
    assert database.exists()
    assert runner.invoke(app, ["store", "verify", "--store", str(database)]).exit_code == 0


def test_verify_tells_the_officer_in_indonesian_how_many_cases_failed_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "cases.jsonl")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE case_summaries SET verdict = 'procedural' WHERE case_id = 'CASE-DEMO-0002'"
        )
        connection.execute(
            "UPDATE events SET payload = replace(payload, 'disnaker', 'p3mi') "
            "WHERE case_id = 'CASE-DEMO-0004' AND sequence = 2"
        )
    connection.close()
    _language(monkeypatch, "id")
    result = _store_cli("verify", "--store", str(database))
    assert result.exit_code == 1
    report = json.loads(result.stdout)  # the machine format is as it was, reasons in English
    assert list(report) == [
        "ok", "cases_checked", "events_checked", "seals_checked", "checkpoint_cases", "broken"
    ]  # fmt: skip
    assert [(link["case_id"], link["reason"]) for link in report["broken"]] == [
        ("CASE-DEMO-0002", "the summary does not match the case head"),
        ("CASE-DEMO-0004", "the event does not match its hash"),
    ]
    version = report["broken"][0]["version"]
    assert result.stderr.splitlines() == [
        "catatan: 2 berkas tidak lolos pemeriksaan keutuhan (10 berkas diperiksa).",
        f"catatan: CASE-DEMO-0002 pada versi {version}: ringkasan berkas tidak sesuai dengan "
        "hash ringkasan yang tercatat pada berkas.",
        "catatan: CASE-DEMO-0004 pada versi 2: isi catatan langkah tidak sesuai dengan hash-nya.",
    ]
    _language(monkeypatch, "en")
    result = _store_cli("verify", "--store", str(database))
    assert result.stderr.splitlines() == [
        "note: 2 case(s) failed verification (10 checked)",
        f"note: CASE-DEMO-0002 at version {version}: the summary does not match the case head",
        "note: CASE-DEMO-0004 at version 2: the event does not match its hash",
    ]


def test_verify_tells_of_events_left_behind_by_a_deleted_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "schemes" / "g2g.json")
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM case_summaries")
        connection.execute("DELETE FROM cases")
    connection.close()
    _language(monkeypatch, "id")
    result = _store_cli("verify", "--store", str(database))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["broken"] == [
        {"case_id": "CASE-G2G-0001", "version": 1,
         "reason": "events are stored for a case that has no case head"}
    ]  # fmt: skip
    assert result.stderr.splitlines()[1] == (
        "catatan: CASE-G2G-0001 pada versi 1: ada catatan langkah tersimpan untuk berkas yang "
        "data pokoknya sudah tidak ada."
    )


def test_verify_names_the_first_cases_that_failed_and_counts_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmi_workflow.cli import store_commands

    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "cases.jsonl")
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE case_summaries SET verdict = 'invalid'")
    connection.close()
    monkeypatch.setattr(store_commands, "_BROKEN_SHOWN", 3)
    _language(monkeypatch, "id")
    result = _store_cli("verify", "--store", str(database))
    lines = result.stderr.splitlines()
    assert lines[0] == "catatan: 10 berkas tidak lolos pemeriksaan keutuhan (10 berkas diperiksa)."
    assert len(lines) == 5
    assert lines[-1] == "catatan: dan 7 berkas lainnya; semuanya tercantum dalam keluaran JSON."
    assert len(json.loads(result.stdout)["broken"]) == 10


def test_a_clean_verify_prints_nothing_on_standard_error(tmp_path: Path) -> None:
    database = tmp_path / "cases.db"
    _import(database, EXAMPLES / "schemes" / "g2g.json")
    result = _store_cli("verify", "--store", str(database))
    assert (result.exit_code, result.stderr) == (0, "")
