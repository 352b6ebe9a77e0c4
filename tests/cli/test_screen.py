"""``pmi-workflow screen``: questions on a terminal, offer files, the leaflet, sessions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_workflow.cli.app import app

RUNNER = CliRunner()

# Answers in the order the questions come (an empty line: "I do not know").
CALO_ANSWERS = [
    "Arab Saudi",  # destination
    "1",  # job: pengurus rumah tangga
    "1",  # employer: a household
    "1",  # recruiter: a person
    "ya",  # asked to pay?
    "15 juta",  # how much
    "15",  # for what: biaya penempatan (other)
    "3",  # paid with salary deductions
    "tidak",  # asked to pay anything else?
    "3",  # visa: visit
    "17",  # age
    "1",  # sex: female
    "2",  # married
    "Batam",  # departure point
    "",  # medical check: do not know
    "tidak",  # social security: no
    "",  # OPP: do not know
    "",  # training: do not know
    "2",  # passport: the recruiter
    "",  # salary: do not know
]


def test_the_questions_are_asked_in_indonesian_and_the_red_flags_explained() -> None:
    result = RUNNER.invoke(
        app, ["screen", "--as-of", "7 April 2025"], input="\n".join(CALO_ANSWERS) + "\n"
    )
    assert result.exit_code == 1, result.output
    out = result.output
    assert "Negara tujuan kerja?" in out
    assert "Apakah Anda diminta membayar sesuatu?" in out
    assert "Apakah ada biaya lain yang diminta?" in out
    assert "?:" not in out
    assert out.index("[TANDA BAHAYA]") < out.index("[PERINGATAN]")  # red flags come first
    assert "Hasil cek lowongan per 7 April 2025: ada tanda bahaya." in out
    assert "[TANDA BAHAYA] Bukan visa kerja" in out
    assert "[TANDA BAHAYA] Perekrut orang perseorangan (calo/sponsor)" in out
    assert "Rp15.000.000" in out
    assert "pendaftaran BPJS Ketenagakerjaan" in out
    assert "[PERINGATAN] Tempat pemberangkatan tidak resmi" in out
    assert "Yang sebaiknya dilakukan:" in out
    assert "Dasar hukum: UU 18/2017 Pasal 13 huruf f" in out
    assert "Apakah ada pemeriksaan kesehatan dan psikologi?" in out  # still to ask
    assert "Traceback" not in out


def test_a_wrong_answer_is_asked_again_with_a_hint() -> None:
    answers = ["Atlantis", *CALO_ANSWERS]
    result = RUNNER.invoke(
        app, ["screen", "--as-of", "2025-04-07"], input="\n".join(answers) + "\n"
    )
    assert "Negara tidak dikenal" in result.output
    assert result.exit_code == 1


def test_an_offer_file_is_screened_in_batch_as_json(tmp_path: Path) -> None:
    offers = tmp_path / "offers.json"
    offers.write_text(
        json.dumps(
            {
                "offers": [
                    {"destination": "TW", "job": "factory_operator", "visa": "work"},
                    {"destination": "MY", "job": "cook", "visa": "umrah"},
                ]
            }
        ),
        "utf-8",
    )
    result = RUNNER.invoke(
        app, ["screen", str(offers), "--as-of", "2024-05-06", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [item["verdict"] for item in data] == ["cautions", "red_flags"]
    assert "documents.visa_not_work" in data[1]["codes"]


def test_a_yaml_offer_file_and_a_registry_clear_a_procedural_offer(tmp_path: Path) -> None:
    offers = tmp_path / "offer.yaml"
    offers.write_text(
        "destination: TW\njob: factory_operator\nemployer_kind: legal_entity\n"
        "recruiter: {kind: company, company_name: PT Sentosa Karya Mandiri}\n"
        "visa: work\nexamples_are_strict: no\n",
        "utf-8",
    )
    bad = RUNNER.invoke(app, ["screen", str(offers), "--as-of", "2024-05-06"])
    assert bad.exit_code == 2
    assert "examples_are_strict" in bad.output
    offers.write_text(
        "destination: TW\njob: factory_operator\nemployer_kind: legal_entity\n"
        "recruiter: {kind: company, company_name: PT Sentosa Karya Mandiri}\n"
        "visa: work\ndeparture_point: Juanda\npassport_kept_by: worker\n"
        "included: {medical_check: yes, social_security: yes, opp: yes}\n"
        "salary: {monthly_amount: 27470, currency: TWD}\n",
        "utf-8",
    )
    registry = tmp_path / "registry.json"
    registry.write_text(
        json.dumps(
            {
                "licences": [
                    {
                        "kind": "sip3mi",
                        "number": "B.5/77/PK.02/2022",
                        "holder": "PT Sentosa Karya Mandiri",
                        "issued_on": "2022-01-03",
                        "checked_at": "2024-05-02T09:00:00+07:00",
                        "source": "SIP3MI register",
                    },
                    {
                        "kind": "sip2mi",
                        "number": "KEP.12/SIP2MI/2024",
                        "holder": "PT Sentosa Karya Mandiri",
                        "destination": "TW",
                        "occupations": ["factory_operator"],
                        "issued_on": "2024-01-08",
                        "checked_at": "2024-05-02T09:00:00+07:00",
                        "source": "SIP2MI register",
                    },
                ]
            }
        ),
        "utf-8",
    )
    result = RUNNER.invoke(
        app,
        ["screen", str(offers), "--as-of", "2024-05-06", "--registry", str(registry)],
    )
    assert result.exit_code == 0, result.output
    assert "tidak ditemukan tanda bahaya" in result.output
    assert "Tanyakan dulu di Disnaker, LTSA, atau BP3MI" in result.output


def test_results_in_english_on_request(tmp_path: Path) -> None:
    offers = tmp_path / "offer.json"
    offers.write_text(json.dumps({"destination": "MY", "job": "welder", "visa": "visit"}), "utf-8")
    result = RUNNER.invoke(app, ["screen", str(offers), "--lang", "en", "--as-of", "2024-05-06"])
    assert "[RED FLAG] Not a work visa" in result.output
    assert "Legal basis:" in result.output


def test_bad_input_is_a_clear_message_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    result = RUNNER.invoke(app, ["screen", str(broken), "--lang", "en"])
    assert result.exit_code == 2
    assert "not valid JSON" in result.output
    missing = RUNNER.invoke(app, ["screen", str(tmp_path / "absent.json"), "--lang", "en"])
    assert missing.exit_code == 2
    assert "cannot read the file" in missing.output
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps([{"destination": "MY"}]), "utf-8")
    result = RUNNER.invoke(app, ["screen", str(wrong), "--lang", "en"])
    assert result.exit_code == 2
    assert "0.job" in result.output
    assert "Traceback" not in result.output


def test_an_offer_file_with_a_key_twice_is_refused_naming_the_field(tmp_path: Path) -> None:
    # The last "visa" would win and hide the visit visa.
    dup = tmp_path / "dup.json"
    dup.write_text('{"destination": "SA", "job": "housekeeper", "visa": "visit", "visa": "work"}')
    result = RUNNER.invoke(app, ["screen", str(dup), "--as-of", "2024-05-06", "--lang", "id"])
    assert result.exit_code == 2
    assert "visa: kolom ini tercantum dua kali" in result.output
    dup_yaml = tmp_path / "dup.yaml"
    dup_yaml.write_text("destination: SA\njob: housekeeper\nvisa: visit\nvisa: work\n")
    result = RUNNER.invoke(app, ["screen", str(dup_yaml), "--as-of", "2024-05-06", "--lang", "en"])
    assert result.exit_code == 2
    assert "visa: the key appears twice" in result.output


def test_an_offer_file_with_a_number_too_long_is_bad_input_not_a_traceback(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.json"
    big.write_text(
        '{"destination": "TW", "job": "cook", "applicant": {"age": 1' + "1" * 5000 + "}}"
    )
    result = RUNNER.invoke(app, ["screen", str(big), "--as-of", "2024-05-06", "--lang", "id"])
    assert result.exit_code == 2
    assert "applicant.age: angkanya terlalu panjang" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_yaml_offer_is_read_as_written_not_as_yaml_1_1_guesses(tmp_path: Path) -> None:
    offer = tmp_path / "offer.yaml"
    offer.write_text("destination: NO\njob: factory_operator\napplicant: {age: 017}\n")
    result = RUNNER.invoke(
        app, ["screen", str(offer), "--as-of", "2024-05-06", "--lang", "id", "--format", "json"]
    )
    assert result.exit_code == 1, result.output  # under age: a red flag, at 17 (not 15)
    data = json.loads(result.output)
    assert "17 tahun" in json.dumps(data, ensure_ascii=False)
    assert "15 tahun" not in json.dumps(data, ensure_ascii=False)
    assert "negara tidak dikenal" not in result.output


def test_yaml_anchors_in_an_offer_file_are_refused(tmp_path: Path) -> None:
    offer = tmp_path / "offer.yaml"
    offer.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "destination: TW\njob: factory_operator\n"
    )
    result = RUNNER.invoke(app, ["screen", str(offer), "--as-of", "2024-05-06", "--lang", "id"])
    assert result.exit_code == 2
    assert "anchor dan alias YAML" in result.output


def test_a_sessions_file_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    offer = tmp_path / "offer.json"
    offer.write_text(json.dumps({"destination": "TW", "job": "cook"}))
    sessions = tmp_path / "sessions.json"
    sessions.write_text('[{"session_id": "S-1", "session_id": "S-2"}]')
    result = RUNNER.invoke(
        app,
        ["screen", str(offer), "--as-of", "2024-05-06", "--session", "S-2",
         "--sessions", str(sessions), "--lang", "en"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "sessions file" in result.output
    assert sessions.read_text() == '[{"session_id": "S-1", "session_id": "S-2"}]'


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ([], "0.destination: negara tidak dikenal"),
        (["--format", "xml"], "--format harus 'text' atau 'json'."),
        (["--as-of", "2024-13-45"], "--as-of bukan tanggal yang sah"),
        (["--session", "S-1"], "--session dan --sessions harus diberikan bersama."),
    ],
)
def test_without_lang_errors_speak_indonesian_as_the_results_do_whatever_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], said: str
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PMI_WORKFLOW_LANG", "en")
    offer = tmp_path / "offer.json"
    offer.write_text(json.dumps({"destination": "XX", "job": "factory_operator"}))
    result = RUNNER.invoke(app, ["screen", str(offer), *extra])
    assert result.exit_code == 2
    assert said in result.output
    assert "error:" not in result.output
    english = RUNNER.invoke(app, ["screen", str(offer), "--lang", "en"])
    assert "0.destination: unknown country" in english.output


def test_a_nik_typed_into_free_text_is_masked_in_text_and_json(tmp_path: Path) -> None:
    offer = tmp_path / "offer.json"
    offer.write_text(
        json.dumps(
            {
                "destination": "SA",
                "job": "housekeeper",
                "departure_point": "Batam 3603121505950002",
                "fees": [{"amount": 15000000}],
            }
        )
    )
    for output_format in ("text", "json"):
        result = RUNNER.invoke(
            app, ["screen", str(offer), "--as-of", "2024-05-06", "--format", output_format]
        )
        assert "Batam 3603**********02" in result.output
        assert "3603121505950002" not in result.output


def test_the_leaflet_is_written_for_the_policy_of_the_day(tmp_path: Path) -> None:
    target = tmp_path / "leaflet.html"
    result = RUNNER.invoke(app, ["screen", "--leaflet", str(target), "--as-of", "6 Mei 2024"])
    assert result.exit_code == 0, result.output
    page = target.read_text("utf-8")
    assert "Berlaku per 6 Mei 2024" in page
    assert "Tanda bahaya" in page


def test_a_leaflet_that_cannot_be_written_is_an_error_with_exit_two_not_a_traceback(
    tmp_path: Path,
) -> None:
    target = tmp_path / "no-such-folder" / "leaflet.html"
    result = RUNNER.invoke(app, ["screen", "--leaflet", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == "error: cannot write leaflet.html (No such file or directory)\n"
    result = RUNNER.invoke(app, ["screen", "--leaflet", str(target), "--lang", "id"])
    assert (result.exit_code, result.stderr) == (
        2,
        "kesalahan: leaflet.html tidak dapat ditulis.\n",
    )


def test_a_screening_is_recorded_against_its_session(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions.json"
    sessions.write_text(
        json.dumps(
            [
                {
                    "session_id": "SOS-3603-2024-01",
                    "held_on": "2024-01-08",
                    "place": "Aula Disnaker Kabupaten Tangerang",
                    "region": {
                        "province": "Banten",
                        "regency": "Kabupaten Tangerang",
                        "regency_code": "3603",
                    },
                    "organisers": [{"role": "disnaker"}],
                    "anonymous_participants": 80,
                }
            ]
        ),
        "utf-8",
    )
    offers = tmp_path / "offer.json"
    offers.write_text(json.dumps({"destination": "MY", "job": "welder", "visa": "visit"}), "utf-8")
    args = ["screen", str(offers), "--as-of", "2024-01-08", "--sessions", str(sessions)]
    result = RUNNER.invoke(app, [*args, "--session", "SOS-3603-2024-01"])
    assert result.exit_code == 1, result.output
    saved = json.loads(sessions.read_text("utf-8"))
    assert saved[0]["screenings"] == [
        {
            "screened_on": "2024-01-08",
            "codes": ["documents.visa_not_work", "offer.company_unknown"],
            "red_flags": 1,
            "cautions": 1,
        }
    ]
    unknown = RUNNER.invoke(app, [*args, "--session", "SOS-9999"])
    assert unknown.exit_code == 2
    assert "sesi sosialisasi dengan nomor ini tidak ada di berkas sesi" in unknown.output
    alone = RUNNER.invoke(app, ["screen", str(offers), "--session", "SOS-3603-2024-01"])
    assert alone.exit_code == 2


def test_questions_cut_short_exit_with_2_not_as_red_flags() -> None:
    result = RUNNER.invoke(app, ["screen"], input="Malaysia\n1\n")
    assert result.exit_code == 2
    assert "pertanyaan terhenti" in result.output


def _interview(answers: list[str], *options: str) -> tuple[int, str, dict[str, object]]:
    result = RUNNER.invoke(
        app,
        ["screen", "--as-of", "2025-06-01", "--format", "json", *options],
        input="\n".join(answers) + "\n",
    )
    start = result.output.index("\n{")
    return result.exit_code, result.output[:start], json.loads(result.output[start:])


@pytest.mark.parametrize("bad", ["nan", "inf", "1e400000000", "-500", "1,125 juta", "1.2345"])
def test_an_amount_that_is_no_amount_is_asked_again_not_a_traceback(bad: str) -> None:
    answers = [*CALO_ANSWERS]
    answers[5:6] = [bad, "15 juta"]  # the fee: refused, then answered
    code, asked, data = _interview(answers)
    assert code == 1
    assert "Tulis jumlahnya dengan angka" in asked or "tidak boleh negatif" in asked
    assert "Rp15.000.000" in json.dumps(data, ensure_ascii=False)


def test_an_amount_refused_is_explained_in_english_with_lang_en() -> None:
    answers = [*CALO_ANSWERS]
    answers[5:6] = ["nan", "15 juta"]
    _, asked, _ = _interview(answers, "--lang", "en")
    assert "Write the amount in figures" in asked


@pytest.mark.parametrize(
    ("salary", "read"),
    [
        ("1200.00 SAR", ("1200", "SAR")),
        ("1.200,00 SAR", ("1200", "SAR")),
        ("1.200 SAR", ("1200", "SAR")),
        ("RM 1500", ("1500", "MYR")),
        ("1500 ringgit", ("1500", "MYR")),
        ("HK$4990", ("4990", "HKD")),
        ("NT$ 27000", ("27000", "TWD")),
        ("1,5jt", ("1500000", "IDR")),
        ("1.5 juta", ("1500000", "IDR")),
        ("Rp15.000.000,-", ("15000000", "IDR")),
        ("15,000,000", ("15000000", "IDR")),
    ],
)
def test_a_salary_is_read_as_people_write_it(salary: str, read: tuple[str, str]) -> None:
    from pmi_workflow.cli.screen import _salary

    assert _salary(salary) == {"monthly_amount": read[0], "currency": read[1]}


def test_a_saudi_salary_written_with_decimals_below_the_minimum_is_questioned() -> None:
    answers = [*CALO_ANSWERS]
    answers[-1] = "1200.00 SAR"  # not SAR 120.000: below the SAR 1.500 minimum
    _, _, data = _interview(answers)
    assert "offer.salary_below_minimum" in data["codes"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("said", "code"),
    [("Hongkong", "HK"), ("Saudi", "SA"), ("KSA", "SA"), ("Korea", "KR"), ("UEA", "AE"),
     ("Dubai", "AE")],
)  # fmt: skip
def test_the_names_workers_use_for_a_country_are_understood(said: str, code: str) -> None:
    from pmi_workflow.cli.screen import _country

    assert _country(said) == code


def test_an_unknown_currency_is_asked_again() -> None:
    answers = [*CALO_ANSWERS]
    answers[-1:] = ["1500 riyal", "1500 SAR"]
    _, asked, data = _interview(answers)
    assert "Mata uang tidak dikenal" in asked
    assert "1500 riyal" not in json.dumps(data)
