"""The ``screen`` command: cek lowongan, on a terminal or over an offer file.

``pmi-workflow screen`` asks about the offer in Indonesian, one question at a
time, and prints the red flags, what they mean and what to do instead.
``pmi-workflow screen offers.json`` screens every offer in a file (JSON: one
offer, an array, or ``{"offers": [...]}``; YAML with the ``yaml`` extra).
``--leaflet leaflet.html`` writes the one-page leaflet for the policy in force.
``--session ID --sessions FILE`` records each screening against an
information session in that file, for the district report.

Exit codes: 0 no red flag, 1 a red flag in some offer, 2 bad input or usage.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from pmi_workflow.cli.common import (
    BadValue,
    Lang,
    RegistryOpt,
    bilingual,
    bilingual_doc,
    cannot_write,
    fail,
    fail_error,
    message_lang,
    parse_as_of,
    settle_message_lang,
)
from pmi_workflow.errors import InvalidInputError, PmiWorkflowError
from pmi_workflow.findings import basis_text
from pmi_workflow.policy import Policy
from pmi_workflow.privacy import redact, redact_data
from pmi_workflow.safe_load import JsonValueError, NestingTooDeepError, load_json, load_yaml

__all__ = ["register", "screen_command"]

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FLAGS = 1
EXIT_BAD_INPUT = 2

_SEVERITY_WORDS = {
    ("error", "id"): "TANDA BAHAYA",
    ("warning", "id"): "PERINGATAN",
    ("error", "en"): "RED FLAG",
    ("warning", "en"): "CAUTION",
}
_VERDICT_WORDS = {
    ("red_flags", "id"): "ada tanda bahaya",
    ("cautions", "id"): "ada peringatan",
    ("no_flags", "id"): "tidak ditemukan tanda bahaya",
    ("red_flags", "en"): "red flags found",
    ("cautions", "en"): "cautions found",
    ("no_flags", "en"): "no red flag found",
}
_PLACES = {
    "id": "Disnaker: Dinas Tenaga Kerja kabupaten/kota. LTSA: Layanan Terpadu Satu Atap. "
    "BP3MI: Balai Pelayanan Pelindungan PMI.",
    "en": "Disnaker: the district manpower office. LTSA: the one-stop placement service. "
    "BP3MI: the regional office for the protection of migrant workers.",
}


class _BadAnswerError(Exception):
    """An answer that cannot be used: the message says why, in Indonesian and in English."""

    def __init__(self, id_text: str, en_text: str) -> None:
        super().__init__(id_text)
        self.texts = {"id": id_text, "en": en_text}


# -- reading offers -----------------------------------------------------------------------


def _load_file(path: str) -> list[Any]:
    """The offer records of a file (JSON, or YAML by its extension), read by the safe loaders
    of :mod:`pmi_workflow.safe_load`: a repeated key, a number too long or nesting too deep is
    bad input naming the field; YAML values are read as text (no octal ``017``, ``NO`` is
    Norway) and anchors are refused."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError.single(
            f"cannot read the file ({error.__class__.__name__})", "offers.io", source=path
        ) from None
    try:
        data = _parse(text, path)
    except NestingTooDeepError:
        raise InvalidInputError.single(
            "the record is nested too deeply", "too_deep", source=path
        ) from None
    except JsonValueError as error:
        from pmi_workflow.domain.case import problem_from_json_error
        from pmi_workflow.screening import offer_field_names

        problem = problem_from_json_error(error, offer_field_names())
        raise InvalidInputError([problem], source=path) from None
    if isinstance(data, dict) and "offers" in data:
        data = data["offers"]
    if isinstance(data, dict):
        return [data]
    if not isinstance(data, list):
        raise InvalidInputError.single(
            "an offer file holds one offer, a list of offers, or {'offers': [...]}",
            "offers",
            source=path,
        )
    return data


def _parse(text: str, path: str) -> Any:
    if not path.endswith((".yaml", ".yml")):
        try:
            return load_json(text)
        except json.JSONDecodeError as error:
            raise InvalidInputError.single(
                f"not valid JSON: {error.msg} at line {error.lineno}",
                "offers.syntax",
                source=path,
            ) from None
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InvalidInputError.single(
            "reading YAML needs the 'yaml' extra (pip install 'pmi-workflow[yaml]')",
            "offers.yaml",
            source=path,
        ) from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InvalidInputError.single(
            f"not valid YAML{where}", "offers.syntax", source=path
        ) from None


# -- asking on a terminal -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    from pmi_workflow.labels import label

    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for name in (
            label("country", code, "id"),
            label("country", code, "en"),
            code,
            str(country.alpha_3),
        ):
            names[_name_key(name)] = code
    names.update(_COUNTRY_WORDS)
    return names


# Names a prospective worker says for the usual destinations, beside the official ones.
_COUNTRY_WORDS = {
    "saudi": "SA", "ksa": "SA", "korea": "KR", "uea": "AE", "uae": "AE", "dubai": "AE",
    "abudhabi": "AE", "emirat": "AE", "brunei": "BN", "inggris": "GB",
}  # fmt: skip


def _name_key(name: str) -> str:
    """A country's name as compared: letters only, lower case (``Hongkong`` is Hong Kong)."""
    return "".join(char for char in name.lower() if char.isalpha())


def _ask(
    question: str,
    parse: Callable[[str], Any],
    read: Callable[[str], str],
    *,
    hint: str = "",
) -> Any:
    prompt = f"{question} {hint}".rstrip()
    for _ in range(5):
        answer = read(prompt).strip()
        try:
            return parse(answer)
        except _BadAnswerError as problem:
            typer.echo(f"  {problem.texts[message_lang().value]}")
    raise fail(
        f"tidak ada jawaban yang dapat dipakai untuk pertanyaan: {question}",
        f"no usable answer to: {question}",
        EXIT_BAD_INPUT,
    )


def _choice(
    options: Sequence[tuple[str, Any]], *, allow_unknown: bool = True
) -> Callable[[str], Any]:
    def parse(answer: str) -> Any:
        if not answer and allow_unknown:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][1]
        raise _BadAnswerError(
            f"Pilih nomor 1 sampai {len(options)}" + (" atau kosongkan." if allow_unknown else "."),
            f"Choose a number from 1 to {len(options)}"
            + (" or leave it empty." if allow_unknown else "."),
        )

    return parse


def _menu(options: Sequence[tuple[str, Any]]) -> str:
    return "\n".join(f"  {number}. {label}" for number, (label, _) in enumerate(options, 1))


def _yes_no(answer: str) -> bool | None:
    word = answer.lower()
    if not word:
        return None
    if word in ("y", "ya", "yes"):
        return True
    if word in ("t", "tidak", "n", "no"):
        return False
    raise _BadAnswerError(
        "Jawab ya atau tidak, atau kosongkan jika tidak tahu.",
        "Answer ya (yes) or tidak (no), or leave it empty if you do not know.",
    )


_NUMBER = re.compile(r"\d[\d.,]*")
_MULTIPLIERS = {"juta": 1_000_000, "jt": 1_000_000, "ribu": 1_000, "rb": 1_000}
# What people write for a currency, beside the ISO code: unambiguous names and signs only
# (a riyal, rial or dirham is several countries' money: the code is asked for instead).
_CURRENCY_WORDS = {
    "rp": "IDR", "rupiah": "IDR", "rm": "MYR", "ringgit": "MYR", "nt$": "TWD", "ntd": "TWD",
    "hk$": "HKD", "s$": "SGD", "sgd$": "SGD", "us$": "USD", "won": "KRW", "yen": "JPY",
}  # fmt: skip
_AMOUNT_HINT = (
    "Tulis jumlahnya dengan angka, misalnya 15000000, 15.000.000 atau 15 juta.",
    "Write the amount in figures, e.g. 15000000, 15.000.000 or 15 juta (million).",
)
_MOST = Decimal(10) ** 15  # far above any fee or monthly salary; the record keeps 18 digits


def _number(text: str, multiplied: bool) -> Decimal:
    """Figures as people write them: ``15.000.000`` and ``15,000,000`` are thousands; one or
    two digits after the last separator are decimals (``1200.00``, ``1.200,00``, ``1,5 juta``);
    anything else (``1.2345``, ``1,125 juta``: thousands or decimals?) is asked again."""
    if not any(char in ".," for char in text):
        return Decimal(text)
    last = max(text.rfind("."), text.rfind(","))
    head, tail = text[:last], text[last + 1 :]
    if len(tail) in (1, 2):
        if text[last] in head:  # "1.200.00"
            raise _BadAnswerError(*_AMOUNT_HINT)
        return Decimal(f"{_grouped(head, ',' if text[last] == '.' else '.')}.{tail}")
    if len(tail) != 3 or (multiplied and text.count(text[last]) == 1):
        raise _BadAnswerError(*_AMOUNT_HINT)
    return Decimal(_grouped(text, text[last]))


def _grouped(text: str, mark: str) -> str:
    """Digits grouped by threes with ``mark`` (``15.000.000``), without the marks."""
    groups = text.split(mark)
    wrong = len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:])
    )
    digits = "".join(groups)
    if wrong or not digits.isdigit():
        raise _BadAnswerError(*_AMOUNT_HINT)
    return digits


def _money(answer: str) -> tuple[Decimal, str | None] | None:
    """An amount as answered (``15 juta``, ``Rp15.000.000,-``, ``1,5jt``, ``RM 1500``,
    ``HK$4990``, ``1200.00 SAR``) and its currency when one is written."""
    text = answer.strip().lower()
    if not text:
        return None
    if re.search(r"(?<![\d.,])-\s*\d", text):
        raise _BadAnswerError("Jumlah tidak boleh negatif.", "The amount cannot be negative.")
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:  # none (nan, inf), or several (1e400000000, 1500-2000)
        raise _BadAnswerError(*_AMOUNT_HINT)
    before, _, after = text.partition(numbers[0])
    after = after.removeprefix("-")  # "15.000.000,-"
    multiplier, currency = 1, None
    for word in (before + " " + after).replace(".", " ").split():
        if word in _MULTIPLIERS and multiplier == 1:
            multiplier = _MULTIPLIERS[word]
        elif word in _CURRENCY_WORDS and currency is None:
            currency = _CURRENCY_WORDS[word]
        elif currency is None:
            currency = word.upper()  # a code (SAR), or a word _currency refuses (riyal, $)
        else:
            raise _BadAnswerError(*_AMOUNT_HINT)
    value = _number(numbers[0].rstrip(".,"), multiplier != 1) * multiplier
    if value == value.to_integral_value():
        value = value.to_integral_value()  # 1,5 juta is 1500000, not 1500000.0
    if value >= _MOST:
        raise _BadAnswerError(
            "Jumlahnya terlalu besar; periksa lagi angkanya.",
            "The amount is too large: check the figures.",
        )
    return value, currency


def _amount(answer: str, field: str = "amount") -> dict[str, str] | None:
    """An amount as answered, under ``field``, with its currency (rupiah when none is said)."""
    money = _money(answer)
    if money is None:
        return None
    value, currency = money
    return {field: str(value), "currency": _currency(currency or "IDR")}


def _currency(code: str) -> str:
    from pmi_workflow.domain.base import Money

    if not (len(code) == 3 and code.isalpha()):
        code = "?"
    try:
        Money(amount=Decimal(0), currency=code)
    except ValueError:
        raise _BadAnswerError(
            "Mata uang tidak dikenal. Tulis misalnya 1500 SAR, RM 1500 atau 4000000 IDR.",
            "Unknown currency. Write e.g. 1500 SAR, RM 1500 or 4000000 IDR.",
        ) from None
    return code


def _country(answer: str) -> str:
    code = _country_names().get(_name_key(answer))
    if code is None:
        raise _BadAnswerError(
            "Negara tidak dikenal. Tulis namanya, misalnya Malaysia atau Arab Saudi.",
            "Unknown country. Write its name, e.g. Malaysia or Arab Saudi (Saudi Arabia).",
        )
    return code


def _age(answer: str) -> int | None:
    if not answer:
        return None
    if not answer.isdigit() or not 0 < int(answer) < 120:
        raise _BadAnswerError(
            "Tulis usia dalam tahun, misalnya 24, atau kosongkan.",
            "Write the age in years, e.g. 24, or leave it empty.",
        )
    return int(answer)


def _salary(answer: str) -> dict[str, str] | None:
    return _amount(answer, "monthly_amount")


def _prompt(question: str) -> str:
    return str(typer.prompt(question, default="", show_default=False, prompt_suffix=" "))


def interview(read: Callable[[str], str]) -> dict[str, Any]:
    """Ask about an offer, question by question (in Indonesian); the offer as data."""
    from pmi_workflow.domain.occupation import OCCUPATIONS
    from pmi_workflow.screening._text import COST_LABELS, VISA_LABELS

    typer.echo("Cek lowongan. Kosongkan jawaban jika Anda tidak tahu.\n")
    data: dict[str, Any] = {}
    data["destination"] = _ask("Negara tujuan kerja?", _country, read)
    jobs = [(item.label_id, code) for code, item in OCCUPATIONS.items()]
    typer.echo("Jabatan yang ditawarkan:\n" + _menu(jobs))
    data["job"] = _ask("Nomor jabatan?", _choice(jobs, allow_unknown=False), read)
    employers = [("Perseorangan (rumah tangga)", "individual"), ("Perusahaan", "legal_entity")]
    typer.echo("Pemberi kerja:\n" + _menu(employers))
    data["employer_kind"] = _ask("Nomor pilihan?", _choice(employers), read)
    recruiters = [
        ("Orang perseorangan (calo/sponsor)", "person"),
        ("Perusahaan (P3MI)", "company"),
        ("Pemerintah (Disnaker, BP3MI, G to G)", "government"),
    ]
    typer.echo("Siapa yang menawarkan lowongan ini?\n" + _menu(recruiters))
    kind = _ask("Nomor pilihan?", _choice(recruiters), read)
    if kind is not None:
        recruiter: dict[str, Any] = {"kind": kind}
        if kind == "company":
            for key, question in (
                ("company_name", "Nama perusahaan?"),
                ("licence_number", "Nomor SIP3MI (izin perusahaan)?"),
                ("permit_number", "Nomor SIP2MI (izin perekrutan)?"),
            ):
                answer = read(question).strip()
                if answer:
                    recruiter[key] = answer
        data["recruiter"] = recruiter
    purposes = [
        (label_id[0].upper() + label_id[1:], cost.value)
        for cost, (label_id, _) in COST_LABELS.items()
        if cost.value != "other"
    ]
    purposes.append(("Lainnya atau tidak jelas", "other"))
    financings = [("Tunai", "cash"), ("Pinjaman", "loan"), ("Potongan gaji", "salary_deduction")]
    fees: list[dict[str, Any]] = []
    question = "Apakah Anda diminta membayar sesuatu? (ya/tidak)"
    while _ask(question, _yes_no, read):
        question = "Apakah ada biaya lain yang diminta? (ya/tidak)"
        amount = _ask("Berapa jumlahnya (Rp)?", _amount, read) or {"amount": "0"}
        typer.echo("Untuk apa?\n" + _menu(purposes))
        purpose = _ask("Nomor pilihan?", _choice(purposes), read)
        typer.echo("Dibayar dengan:\n" + _menu(financings))
        financing = _ask("Nomor pilihan?", _choice(financings), read)
        fees.append(
            {
                **amount,
                "purpose": purpose or "other",
                "financing": financing or "cash",
            }
        )
        if len(fees) >= 10:
            break
    data["fees"] = fees
    visas = [
        (label_id[0].upper() + label_id[1:], visa.value)
        for visa, (label_id, _) in VISA_LABELS.items()
    ]
    typer.echo("Visa yang dijanjikan:\n" + _menu(visas))
    data["visa"] = _ask("Nomor pilihan?", _choice(visas), read)
    applicant: dict[str, Any] = {"age": _ask("Usia Anda (tahun)?", _age, read)}
    sexes = [("Perempuan", "female"), ("Laki-laki", "male")]
    applicant["sex"] = _ask("Jenis kelamin: 1. perempuan, 2. laki-laki?", _choice(sexes), read)
    statuses = [
        ("Belum kawin", "single"),
        ("Kawin", "married"),
        ("Cerai hidup", "divorced"),
        ("Cerai mati", "widowed"),
    ]
    typer.echo("Status perkawinan:\n" + _menu(statuses))
    applicant["marital_status"] = _ask("Nomor pilihan?", _choice(statuses), read)
    data["applicant"] = applicant
    point = read("Berangkat dari mana (bandara atau pelabuhan)?").strip()
    if point:
        data["departure_point"] = point[:200]
    included = {}
    for key, question in (
        ("medical_check", "Apakah ada pemeriksaan kesehatan dan psikologi? (ya/tidak)"),
        ("social_security", "Apakah Anda didaftarkan di BPJS Ketenagakerjaan? (ya/tidak)"),
        ("opp", "Apakah ada Orientasi Pra Pemberangkatan (OPP)? (ya/tidak)"),
        ("training", "Apakah ada pelatihan kerja? (ya/tidak)"),
    ):
        included[key] = _ask(question, _yes_no, read)
    data["included"] = included
    holders = [
        ("Saya sendiri", "worker"),
        ("Perekrut", "recruiter"),
        ("Perusahaan", "company"),
        ("Pemberi kerja", "employer"),
    ]
    typer.echo("Siapa yang memegang paspor Anda?\n" + _menu(holders))
    data["passport_kept_by"] = _ask("Nomor pilihan?", _choice(holders), read)
    data["salary"] = _ask("Gaji per bulan? (misalnya 1500 SAR)", _salary, read)
    return {key: value for key, value in data.items() if value is not None}


# -- showing results ------------------------------------------------------------------------


def _show(result: Any, lang: Literal["id", "en"], number: int | None) -> None:
    from pmi_workflow.labels import format_date

    label = f"Tawaran {number}: " if number is not None and lang == "id" else ""
    label = f"Offer {number}: " if number is not None and lang == "en" else label
    day = format_date(result.on, "id") if lang == "id" else result.on.isoformat()
    verdict = _VERDICT_WORDS[(result.verdict, lang)]
    heading = "Hasil cek lowongan per" if lang == "id" else "Offer screened as of"
    lines = [f"\n{label}{heading} {day}: {verdict}."]
    basis_word = "Dasar hukum" if lang == "id" else "Legal basis"
    todo_word = "Yang sebaiknya dilakukan" if lang == "id" else "What to do"
    for flag in (*result.red_flags, *result.cautions):
        word = _SEVERITY_WORDS[(flag.severity.value, lang)]
        lines.append(f"\n[{word}] {flag.title(lang)}")
        lines.append(_wrap(flag.explanation(lang)))
        lines.append(_wrap(f"{todo_word}: {flag.advice(lang)}"))
        basis = basis_text(flag.legal_basis, lang)
        lines.append(_wrap(f"{basis_word}: {basis}"))
    questions = result.questions(lang)
    if questions:
        lines.append("\n" + ("Yang perlu ditanyakan:" if lang == "id" else "Still to ask:"))
        lines.extend(f"  - {question}" for question in questions)
    ask = result.ask_first[0 if lang == "id" else 1]
    lines.append("\n" + _wrap(ask, indent="") + "\n" + _wrap(_PLACES[lang], indent=""))
    # The masking boundary of every output (a NIK typed into free text is masked, as over HTTP).
    typer.echo(redact("\n".join(lines)))


def _wrap(text: str, indent: str = "  ") -> str:
    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def _record(results: Sequence[Any], session_id: str, sessions_file: Path) -> None:
    from pmi_workflow.outreach import parse_sessions
    from pmi_workflow.screening import record_screening

    try:
        raw = load_json(sessions_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:  # JSONDecodeError, JsonValueError
        raise InvalidInputError.single(
            f"cannot read the sessions file ({error.__class__.__name__})",
            "sessions",
            source=str(sessions_file),
        ) from None
    records = raw if isinstance(raw, list) else [raw]
    sessions = list(parse_sessions(records, source=str(sessions_file)))
    for index, session in enumerate(sessions):
        if session.session_id == session_id:
            for result in results:
                session = record_screening(session, result)
            sessions[index] = session
            break
    else:
        raise InvalidInputError.single(
            "no session with this id in the sessions file",
            "sessions.session_id",
            source=str(sessions_file),
        )
    data = [session.model_dump(mode="json", exclude_defaults=True) for session in sessions]
    sessions_file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


@bilingual_doc(
    "Cek lowongan: memeriksa tawaran kerja untuk tanda bahaya, atau menulis selebarannya."
)
def screen_command(
    offers_file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE",
            help=bilingual(
                "Berkas tawaran kerja (JSON, atau YAML bila tambahan 'yaml' terpasang); '-' untuk "
                "masukan standar. Tanpa berkas, pertanyaan diajukan satu per satu di layar.",
                "Offers (JSON, or YAML with the yaml extra); '-' for standard input. "
                "Without a file, the questions are asked on the terminal.",
            ),
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=bilingual(
                "Periksa menurut kebijakan yang berlaku pada tanggal ini.",
                "Screen by the policy of this day.",
            ),
        ),
    ] = None,
    policy_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--policy",
            metavar="FILE",
            help=bilingual(
                "Berkas kebijakan instansi (TOML) yang menimpa kebijakan bawaan.",
                "Agency policy TOML over the defaults.",
            ),
        ),
    ] = None,
    registry_file: RegistryOpt = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help=bilingual(
                "Bahasa: 'id' (Indonesia, bawaan) atau 'en' (Inggris).", "id (default) or en."
            ),
        ),
    ] = "id",
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=bilingual(
                "Bentuk keluaran: 'text' (teks, bawaan) atau 'json'.", "text (default) or json."
            ),
        ),
    ] = "text",
    leaflet: Annotated[
        Path | None,
        typer.Option(
            "--leaflet",
            metavar="FILE",
            help=bilingual(
                "Tulis selebaran satu halaman (HTML).", "Write the one-page leaflet (HTML)."
            ),
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            metavar="ID",
            help=bilingual(
                "Catat hasil pemeriksaan pada sesi sosialisasi ini.",
                "Record the screening against this session.",
            ),
        ),
    ] = None,
    sessions_file: Annotated[
        Path | None,
        typer.Option(
            "--sessions",
            metavar="FILE",
            help=bilingual(
                "Berkas sesi sosialisasi tempat hasil dicatat.", "The sessions file to record into."
            ),
        ),
    ] = None,
) -> None:
    """Cek lowongan: screen a job offer for red flags, or write the leaflet."""
    from pmi_workflow.rules.registry import FileLicenceRegistry
    from pmi_workflow.screening import leaflet_html, parse_offers, screen_offer

    if lang not in ("id", "en"):
        raise BadValue("--lang harus 'id' atau 'en'.", "choose id or en", "--lang")
    language: Literal["id", "en"] = "en" if lang == "en" else "id"
    settle_message_lang(Lang(language))  # errors speak the results' language, not the locale's
    if output_format not in ("text", "json"):
        raise BadValue("--format harus 'text' atau 'json'.", "choose text or json", "--format")
    if (session is None) != (sessions_file is None):
        raise BadValue(
            "--session dan --sessions harus diberikan bersama.",
            "give --session and --sessions together",
            "--session",
        )
    day = parse_as_of(as_of)
    try:
        policy = Policy.load(*policy_files) if policy_files else Policy.default()
        if leaflet is not None:
            try:
                leaflet.write_text(leaflet_html(day, policy), "utf-8")
            except OSError as error:
                raise cannot_write(leaflet.name, error) from None
            typer.echo(str(leaflet))
            if offers_file is None:
                return
        registry = FileLicenceRegistry.from_file(registry_file) if registry_file else None
        if offers_file is None:
            try:
                records = [interview(_prompt)]
            except (typer.Abort, EOFError):
                raise fail(
                    "pertanyaan terhenti; tidak ada tawaran kerja yang diperiksa.",
                    "the questions were interrupted; nothing was screened",
                    EXIT_BAD_INPUT,
                ) from None
            source = "terminal"
        else:
            records = _load_file(offers_file)
            source = offers_file
        offers = parse_offers(records, source=source)
        results = [
            screen_offer(offer, on=day, registry=registry, policy=policy) for offer in offers
        ]
        if session is not None and sessions_file is not None:
            _record(results, session, sessions_file)
    except PmiWorkflowError as error:
        raise fail_error(error, code=EXIT_BAD_INPUT) from None
    if output_format == "json":
        data = redact_data([result.to_dict() for result in results])  # the masking boundary
        typer.echo(json.dumps(data if len(data) != 1 else data[0], ensure_ascii=False, indent=2))
    else:
        for number, result in enumerate(results, 1):
            _show(result, language, number if len(results) > 1 else None)
    raise typer.Exit(EXIT_FLAGS if any(r.verdict == "red_flags" for r in results) else EXIT_OK)


def register(parent: typer.Typer, name: str = "screen") -> None:
    """Add the ``screen`` command to ``parent`` (the main command line)."""
    parent.command(name)(screen_command)
