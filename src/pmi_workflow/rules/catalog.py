"""The rule catalog: every finding code, in one place, with its legal basis and messages.

Codes are stable: agencies store and search them, so a code once released is
never renamed or reused. Message templates are ``str.format`` strings over a
finding's compared values (which are masked where personal).

>>> rule = CATALOG["eligibility.age_below_minimum"]
>>> rule.severity, str(rule.legal_basis[0])
(<Severity.ERROR: 'error'>, 'UU 18/2017 Pasal 5 huruf a')
>>> render(rule, {"age": "17", "minimum": "18"})
('Usia 17 tahun, di bawah batas usia minimal 18 tahun.', 'Aged 17, below the minimum age of 18.')
>>> len(CATALOG)
48
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType

from pmi_workflow.enums import Step
from pmi_workflow.findings import LegalBasis, Rule, Severity

__all__ = ["CATALOG", "catalog_markdown", "render", "rule"]

UU = "UU 18/2017"
E = Severity.ERROR
W = Severity.WARNING


def _b(*parts: tuple[str, str | None] | str) -> tuple[LegalBasis, ...]:
    result = []
    for part in parts:
        if isinstance(part, str):
            result.append(LegalBasis(part))
        else:
            result.append(LegalBasis(*part))
    return tuple(result)


_RULES: tuple[Rule, ...] = (
    # -- identity -------------------------------------------------------------------
    Rule(
        "identity.nik_invalid",
        E,
        "NIK tidak valid",
        "Invalid NIK",
        _b((UU, "Pasal 1 angka 1"), "UU 23/2006 jo. UU 24/2013 (Adminduk)"),
        "NIK {nik} tidak valid: {reason_id}.",
        "NIK {nik} is not valid: {reason_en}.",
        "the NIK fails python-stdnum's checks (digits, length, birth date, region)",
    ),
    Rule(
        "identity.nik_birth_date_mismatch",
        E,
        "Tanggal lahir berbeda dengan NIK",
        "Birth date differs from the NIK",
        _b((UU, "Pasal 65"), (UU, "Pasal 79")),
        "Tanggal lahir yang dinyatakan berbeda dengan yang tercantum dalam NIK {nik} "
        "(berbeda pada: {differs_in_id}).",
        "The declared birth date differs from the one encoded in NIK {nik} "
        "(differs in: {differs_in_en}).",
        "the birth date encoded in the NIK differs from the declared one",
    ),
    Rule(
        "identity.nik_sex_mismatch",
        E,
        "Jenis kelamin berbeda dengan NIK",
        "Sex differs from the NIK",
        _b((UU, "Pasal 65"), (UU, "Pasal 79")),
        "Jenis kelamin yang dinyatakan ({declared}) bertentangan dengan NIK {nik} ({encoded}).",
        "The declared sex ({declared}) contradicts NIK {nik} ({encoded}).",
        "the NIK's day+40 marker contradicts the declared sex",
    ),
    # -- eligibility ----------------------------------------------------------------
    Rule(
        "eligibility.age_below_minimum",
        E,
        "Di bawah usia minimal",
        "Below the minimum age",
        _b((UU, "Pasal 5 huruf a"), (UU, "Pasal 66"), (UU, "Pasal 80")),
        "Usia {age} tahun, di bawah batas usia minimal {minimum} tahun.",
        "Aged {age}, below the minimum age of {minimum}.",
        "younger than the legal minimum (18) on the date judged (registration and departure)",
    ),
    Rule(
        "eligibility.age_outside_destination_range",
        E,
        "Usia di luar batas negara tujuan",
        "Age outside the destination's range",
        _b("Ketentuan negara tujuan (data kebijakan)"),
        "Usia {age} tahun di luar batas {minimum}-{maximum} tahun untuk {destination} "
        "({occupation}).",
        "Aged {age}, outside the range {minimum}-{maximum} for {destination} ({occupation}).",
        "outside the policy's age range for the destination and occupation",
    ),
    Rule(
        "eligibility.medically_unfit",
        E,
        "Tidak sehat (unfit)",
        "Medically unfit",
        _b((UU, "Pasal 5 huruf c"), (UU, "Pasal 13 huruf d")),
        "Surat keterangan sehat {document} menyatakan tidak layak (unfit) pada pemeriksaan "
        "{exam_id}.",
        "Health certificate {document} says unfit on the {exam_en} examination.",
        "the health or psychological result is unfit",
        step=Step.MEDICALLY_CLEARED,
    ),
    # -- documents ------------------------------------------------------------------
    Rule(
        "documents.missing",
        E,
        "Dokumen tidak ada",
        "Document missing",
        _b((UU, "Pasal 13"), "Daftar dokumen per skema (data kebijakan)"),
        "Dokumen {document_type} wajib ada untuk langkah {step_id}, tetapi tidak ditemukan.",
        "The document {document_type} is required for the step {step_en} but was not found.",
        "a document required at this step, for this scheme, is absent",
    ),
    Rule(
        "documents.expired",
        E,
        "Dokumen kedaluwarsa",
        "Document expired",
        _b(
            (UU, "Pasal 13"),
        ),
        "Dokumen {document} ({document_type}) sudah tidak berlaku pada {on} "
        "(berlaku sampai {expires_on}).",
        "Document {document} ({document_type}) is not valid on {on} (valid until {expires_on}).",
        "a document has expired on the date it is relied on",
    ),
    Rule(
        "documents.consent_not_acknowledged",
        E,
        "Izin keluarga tidak diketahui kepala desa",
        "Family consent not acknowledged",
        _b(
            (UU, "Pasal 13 huruf b"),
        ),
        "Surat izin keluarga {document} tidak diketahui oleh kepala desa atau lurah.",
        "Family consent {document} is not acknowledged by the village head or lurah.",
        "family consent not acknowledged by the village head or lurah",
    ),
    Rule(
        "documents.marriage_book_missing",
        E,
        "Fotokopi buku nikah tidak ada",
        "Marriage book copy missing",
        _b(
            (UU, "Pasal 13 huruf a"),
        ),
        "Pemohon berstatus menikah tetapi fotokopi buku nikah tidak ada.",
        "The applicant is married but there is no copy of the marriage book.",
        "declared married but no marriage-book copy",
    ),
    Rule(
        "documents.health_without_psychological",
        E,
        "Tanpa pemeriksaan psikologi",
        "No psychological examination",
        _b(
            (UU, "Pasal 13 huruf d"),
        ),
        "Surat keterangan sehat {document} tidak mencakup pemeriksaan psikologi.",
        "Health certificate {document} does not include the psychological examination.",
        "health certificate lacks the psychological examination",
    ),
    Rule(
        "documents.health_certificate_stale",
        W,
        "Surat keterangan sehat terlalu lama",
        "Health certificate too old",
        _b("Permenkes 29/2013 (jangka waktu: data kebijakan, belum terkonfirmasi)"),
        "Surat keterangan sehat {document} berumur {age_months} bulan pada {on}, "
        "melebihi batas {maximum_months} bulan.",
        "Health certificate {document} is {age_months} months old on {on}, "
        "beyond the {maximum_months}-month window.",
        "health certificate older than the policy window on departure",
        step=Step.DEPARTED,
        confirmed=False,
    ),
    Rule(
        "documents.passport_validity_short",
        W,
        "Masa berlaku paspor kurang",
        "Passport validity too short",
        _b("Praktik (data kebijakan, belum terkonfirmasi)"),
        "Paspor {document} berlaku sampai {expires_on}, sebelum Perjanjian Kerja berakhir "
        "({needed_until}).",
        "Passport {document} expires on {expires_on}, before the employment contract ends "
        "({needed_until}).",
        "passport expires before the contract ends",
        confirmed=False,
    ),
    Rule(
        "documents.visa_not_work",
        E,
        "Bukan visa kerja",
        "Not a work visa",
        _b(
            (UU, "Pasal 13 huruf f"),
        ),
        "Visa {document} berjenis {visa_type}, bukan visa kerja.",
        "Visa {document} is a {visa_type} visa, not a work visa.",
        "visa type is not a work visa (visit, tourist, umrah, ziarah...)",
    ),
    Rule(
        "documents.visa_destination_mismatch",
        E,
        "Visa untuk negara lain",
        "Visa for another country",
        _b((UU, "Pasal 13 huruf f"), (UU, "Pasal 59 ayat (3)")),
        "Visa {document} untuk {visa_country}, sedangkan negara penempatan {destination}.",
        "Visa {document} is for {visa_country}, but the destination is {destination}.",
        "visa country differs from the placement destination",
    ),
    # -- executor -------------------------------------------------------------------
    Rule(
        "executor.individual_recruiter",
        E,
        "Penempatan oleh orang perseorangan",
        "Placement by an individual",
        _b((UU, "Pasal 69"), (UU, "Pasal 81")),
        "Penempatan dilaksanakan oleh orang perseorangan, bukan Badan, P3MI atau perusahaan "
        "(UKPS).",
        "The placement is run by an individual, not the agency, a P3MI or a UKPS company.",
        "an individual (not agency, P3MI or UKPS company) runs the placement",
        step=Step.SELECTED,
    ),
    Rule(
        "executor.licence_invalid",
        E,
        "Izin pelaksana tidak berlaku",
        "Executor licence not valid",
        _b((UU, "Pasal 51"), (UU, "Pasal 58")),
        "{licence} {number} tidak berlaku pada {on}: {reason_id}.",
        "{licence} {number} is not valid on {on}: {reason_en}.",
        "the P3MI's SIP3MI (or the UKPS permit) is missing, expired or revoked on the date",
        step=Step.SELECTED,
    ),
    Rule(
        "executor.recruitment_permit_missing",
        E,
        "SIP2MI tidak ada",
        "No SIP2MI",
        _b(
            (UU, "Pasal 59 ayat (1)"),
        ),
        "Tidak ada SIP2MI yang berlaku pada {on} untuk job order {job_order}.",
        "No SIP2MI valid on {on} for job order {job_order}.",
        "no SIP2MI for the job order",
        step=Step.SELECTED,
    ),
    Rule(
        "executor.recruitment_permit_destination_mismatch",
        E,
        "SIP2MI untuk negara lain",
        "SIP2MI for another country",
        _b(
            (UU, "Pasal 59 ayat (3)"),
        ),
        "SIP2MI {number} untuk {permit_destination}, sedangkan negara penempatan {destination}.",
        "SIP2MI {number} names {permit_destination}, but the destination is {destination}.",
        "the SIP2MI names another destination",
        step=Step.SELECTED,
    ),
    Rule(
        "executor.licence_evidence_stale",
        W,
        "Bukti izin sudah lama",
        "Licence evidence is stale",
        _b((UU, "Pasal 51"), (UU, "Pasal 59"), "Data registri"),
        "Data {licence} {number} terakhir diperiksa {checked_on}, lebih dari {maximum_days} "
        "hari sebelum {on}.",
        "{licence} {number} was last checked on {checked_on}, more than {maximum_days} days "
        "before {on}.",
        "the licence/permit lookup is older than the policy's freshness window",
        confirmed=False,
    ),
    Rule(
        "executor.job_order_missing",
        E,
        "Tidak ada job order",
        "No job order",
        _b(
            (UU, "Pasal 59 ayat (4) huruf b"),
        ),
        "Tidak ada job order atau surat permintaan (demand letter) di balik seleksi.",
        "There is no job order or demand letter behind the selection.",
        "no demand letter / job order behind the selection",
        step=Step.SELECTED,
    ),
    # -- destination ----------------------------------------------------------------
    Rule(
        "destination.closed",
        E,
        "Negara tujuan tertutup",
        "Destination closed",
        _b((UU, "Pasal 31"), (UU, "Pasal 32")),
        "Penempatan ke {destination} tertutup pada {on} ({scope_id}; {source}).",
        "Placement to {destination} is closed on {on} ({scope_en}; {source}).",
        "the destination is closed (for this occupation/employer type) on the date",
    ),
    Rule(
        "destination.domestic_individual_employer_banned",
        E,
        "Larangan PLRT pada pengguna perseorangan",
        "Domestic work for individuals banned",
        _b("Kepmenaker 260/2015"),
        "Pekerjaan rumah tangga pada pengguna perseorangan di {destination} dilarang pada {on} "
        "({source}).",
        "Domestic work for an individual employer in {destination} is banned on {on} ({source}).",
        "domestic job with an individual employer in a Kepmenaker 260/2015 country",
    ),
    Rule(
        "destination.channel_required",
        E,
        "Wajib melalui sistem satu kanal",
        "Mandatory channel bypassed",
        _b("Kepmenaker 291/2018", "MoU RI-Malaysia 1 April 2022"),
        "Penempatan ke {destination} wajib melalui {required_channel}; kanal yang tercatat: "
        "{channel}.",
        "Placement to {destination} must go through {required_channel}; recorded channel: "
        "{channel}.",
        "placement bypasses a mandatory channel (Saudi SPSK, Malaysia OCS)",
    ),
    # -- scheme ---------------------------------------------------------------------
    Rule(
        "scheme.independent_employer_not_legal_entity",
        E,
        "PMI perseorangan pada pemberi kerja perseorangan",
        "Independent PMI, individual employer",
        _b(
            (UU, "Pasal 63"),
        ),
        "PMI perseorangan hanya boleh bekerja pada pemberi kerja berbadan hukum; "
        "pemberi kerja tercatat sebagai {employer_kind}.",
        "An independent PMI may only work for a legal-entity employer; the employer is "
        "recorded as {employer_kind}.",
        "Perseorangan with an individual employer",
    ),
    Rule(
        "scheme.independent_lowest_position",
        W,
        "PMI perseorangan pada jabatan terendah",
        "Independent PMI in the lowest position",
        _b((UU, "Pasal 63"), "Praktik"),
        "PMI perseorangan pada jabatan {occupation}, yang tergolong jabatan terendah di sektornya.",
        "Independent PMI in the position {occupation}, counted as the lowest of its sector.",
        "Perseorangan in the lowest position of a sector",
        confirmed=False,
    ),
    # -- fees -----------------------------------------------------------------------
    Rule(
        "fees.charged_to_worker",
        E,
        "Biaya dibebankan kepada PMI",
        "Cost charged to the worker",
        _b((UU, "Pasal 30"), "Perban BP2MI 9/2020"),
        "Komponen biaya {component} sebesar {amount} dibayar oleh PMI; komponen ini "
        "ditanggung pemberi kerja.",
        "The cost component {component} of {amount} was paid by the worker; the employer bears it.",
        "an employer-borne cost component is charged to the worker",
        step=Step.DEPARTED,
    ),
    Rule(
        "fees.exempt_occupation_charged",
        E,
        "Jabatan bebas biaya dikenai biaya",
        "Exempt occupation charged",
        _b("Perban BP2MI 9/2020", (UU, "Pasal 30")),
        "Jabatan {occupation} dibebaskan dari biaya penempatan, tetapi PMI membayar "
        "{component} sebesar {amount}.",
        "The occupation {occupation} is exempt from placement costs, but the worker paid "
        "{component} of {amount}.",
        "anything is charged to a worker in one of the ten exempt occupations",
        step=Step.DEPARTED,
    ),
    Rule(
        "fees.placement_loan",
        E,
        "Pinjaman atau potongan gaji untuk biaya penempatan",
        "Placement loan or deduction",
        _b("Perban BP2MI 9/2020 Pasal 4"),
        "Biaya {component} dibiayai dengan {financing}, yang dilarang untuk biaya penempatan.",
        "The cost {component} is financed by {financing}, which is forbidden for placement costs.",
        "a loan or salary deduction imposed to pay placement costs",
        step=Step.DEPARTED,
    ),
    # -- social security --------------------------------------------------------------
    Rule(
        "social_security.not_enrolled",
        E,
        "Tidak terdaftar jaminan sosial",
        "Not enrolled in social security",
        _b((UU, "Pasal 5 huruf d"), ("Permenaker 4/2023", "Pasal 7")),
        "Tidak ada kepesertaan JKK dan JKM yang aktif pada {on} ({reason_id}).",
        "No active JKK and JKM membership on {on} ({reason_en}).",
        "no active JKK+JKM membership when required",
    ),
    Rule(
        "social_security.premium_before_placement_agreement",
        W,
        "Iuran sebelum Perjanjian Penempatan",
        "Premium before the placement agreement",
        _b(
            ("Permenaker 4/2023", "Pasal 19"),
        ),
        "Iuran sebelum bekerja dibayar {paid_on}, sebelum Perjanjian Penempatan ditandatangani "
        "({signed_on}).",
        "The pre-work premium was paid on {paid_on}, before the placement agreement was signed "
        "({signed_on}).",
        "pre-work premium paid before the placement agreement",
        step=Step.SOCIAL_SECURITY_ENROLLED,
    ),
    Rule(
        "social_security.pre_work_cover_lapsed",
        E,
        "Perlindungan sebelum bekerja berakhir",
        "Pre-work cover lapsed",
        _b(
            ("Permenaker 4/2023", None),
        ),
        "Keberangkatan {on} lebih dari {maximum_months} bulan setelah perlindungan sebelum "
        "bekerja dimulai ({cover_start}); wajib daftar dan bayar ulang.",
        "Departure on {on} is more than {maximum_months} months after pre-work cover began "
        "({cover_start}); re-registration and a new premium are required.",
        "departure more than 5 months after pre-work cover began",
        step=Step.DEPARTED,
    ),
    Rule(
        "social_security.cover_shorter_than_contract",
        E,
        "Paket iuran lebih pendek dari PK",
        "Cover shorter than the contract",
        _b(("Permenaker 4/2023", "Pasal 18"), ("Permenaker 4/2023", "Pasal 20")),
        "Iuran yang dibayar mencakup {paid_months} bulan, sedangkan Perjanjian Kerja "
        "{contract_months} bulan.",
        "The premiums paid cover {paid_months} months, but the employment contract runs "
        "{contract_months} months.",
        "the paid package does not cover the PK length",
        step=Step.DEPARTED,
    ),
    Rule(
        "social_security.independent_registered_early",
        W,
        "PMI perseorangan mendaftar terlalu awal",
        "Independent PMI registered too early",
        _b(
            ("Permenaker 4/2023", "Pasal 10"),
        ),
        "PMI perseorangan terdaftar {cover_start}, lebih dari {maximum_months} bulan sebelum "
        "berangkat ({on}).",
        "The independent PMI registered on {cover_start}, more than {maximum_months} month(s) "
        "before departure ({on}).",
        "Perseorangan registered more than 1 month before departure",
        step=Step.DEPARTED,
    ),
    # -- contract -------------------------------------------------------------------
    Rule(
        "contract.missing_terms",
        E,
        "Isi Perjanjian Kerja tidak lengkap",
        "Contract terms missing",
        _b(
            (UU, "Pasal 15 ayat (2)"),
        ),
        "Perjanjian Kerja {document} tidak memuat: {missing}.",
        "Employment contract {document} lacks: {missing}.",
        "the PK lacks a Pasal 15(2) element",
        step=Step.EMPLOYMENT_CONTRACT_SIGNED,
    ),
    Rule(
        "contract.position_mismatch",
        E,
        "Jabatan berbeda dengan job order",
        "Position differs from the job order",
        _b((UU, "Pasal 19"), (UU, "Pasal 67"), (UU, "Pasal 82")),
        "Jabatan dalam Perjanjian Kerja ({contract_position}) berbeda dengan job order "
        "({job_order_position}).",
        "The contract's position ({contract_position}) differs from the job order's "
        "({job_order_position}).",
        "the PK's position differs from the job order's",
        step=Step.EMPLOYMENT_CONTRACT_SIGNED,
    ),
    Rule(
        "contract.extension_outside_mission",
        E,
        "Perpanjangan tidak di hadapan Perwakilan RI",
        "Extension not before the mission",
        _b(
            (UU, "Pasal 17"),
        ),
        "Perpanjangan Perjanjian Kerja {document} ditandatangani di hadapan {signed_before}, "
        "bukan Perwakilan RI.",
        "Contract extension {document} was signed before {signed_before}, not the Indonesian "
        "mission.",
        "an extension not executed before the Perwakilan RI",
        step=Step.CONTRACT_EXTENDED,
    ),
    Rule(
        "contract.extension_incomplete",
        E,
        "Perpanjangan tidak lengkap",
        "Extension incomplete",
        _b("Perban BP2MI 1/2020", ("Permenaker 4/2023", "Pasal 20")),
        "Perpanjangan Perjanjian Kerja tidak lengkap: {problem_id}.",
        "The contract extension is incomplete: {problem_en}.",
        "extension without consent, with a new employer, or without extended social security",
        step=Step.CONTRACT_EXTENDED,
    ),
    # -- procedure ------------------------------------------------------------------
    Rule(
        "procedure.step_missing",
        E,
        "Langkah terlewat",
        "Step missing",
        _b("Permenaker 9/2019", "Perban BP2MI 7/2022"),
        "Langkah {required_id} harus dilakukan sebelum {step_id}, tetapi belum tercatat.",
        "The step {required_en} must come before {step_en} but was never recorded.",
        "a step that must come before this one never happened",
    ),
    Rule(
        "procedure.out_of_order",
        E,
        "Urutan langkah salah",
        "Steps out of order",
        _b("Permenaker 9/2019", "Perban BP2MI 7/2022"),
        "Langkah {before_id} seharusnya dilakukan sebelum {after_id} ({basis_id}).",
        "The step {before_en} should come before {after_en} ({basis_en}).",
        "steps happened against a hard (error) or soft (warning) ordering constraint",
    ),
    Rule(
        "procedure.after_exit",
        E,
        "Langkah setelah kasus berakhir",
        "Step after the case ended",
        (),
        "Langkah {step_id} dicatat setelah kasus berakhir ({exit_id}).",
        "The step {step_en} was recorded after the case ended ({exit_en}).",
        "an event after the case has ended (withdrawn, failed, deceased...)",
    ),
    Rule(
        "procedure.step_not_in_scheme",
        E,
        "Langkah tidak dikenal dalam skema",
        "Step not part of the scheme",
        _b(("Permenaker 9/2019", None), (UU, "Pasal 63")),
        "Langkah {step_id} bukan bagian dari skema {scheme_id}.",
        "The step {step_en} is not part of the {scheme_en} scheme.",
        "a step was recorded that the case's scheme does not have (for example a placement "
        "agreement for an independent PMI)",
    ),
    Rule(
        "procedure.actor_not_authorized",
        W,
        "Pencatat tidak berwenang",
        "Recorder not authorised",
        _b("Permenaker 9/2019", "PP 59/2021"),
        "Langkah {step_id} dicatat oleh {role}; yang berwenang: {allowed}.",
        "The step {step_en} was recorded by {role}; allowed: {allowed}.",
        "a step was recorded by a role that the policy does not allow to record it",
    ),
    Rule(
        "procedure.information_incomplete",
        W,
        "Informasi tidak lengkap",
        "Information incomplete",
        _b(
            ("PP 59/2021", "Pasal 4"),
        ),
        "Sesi informasi yang diikuti belum mencakup topik: {missing}.",
        "The information sessions attended did not cover: {missing}.",
        "the information sessions an applicant attended did not cover the required topics",
        step=Step.INFORMED,
    ),
    Rule(
        "procedure.not_registered_abroad",
        W,
        "Belum lapor diri di Perwakilan RI",
        "Not registered at the mission",
        _b(
            (UU, "Pasal 21 ayat (1) huruf a"),
        ),
        "Berangkat {departed_on}, tetapi belum terdata di Perwakilan RI dalam {maximum_days} "
        "hari (per {on}).",
        "Departed on {departed_on} but not registered at the Indonesian mission within "
        "{maximum_days} days (as of {on}).",
        "no registration at the Perwakilan within the policy window after arrival",
        step=Step.REGISTERED_ABROAD,
        confirmed=False,
    ),
    Rule(
        "procedure.return_not_reported",
        W,
        "Kepulangan tidak dilaporkan",
        "Return not reported",
        _b(
            (UU, "Pasal 25"),
        ),
        "Kepulangan tidak dilaporkan oleh pelaksana penempatan kepada Perwakilan RI.",
        "The return was not reported by the placement executor to the Indonesian mission.",
        "return not reported by the P3MI to the Perwakilan",
        step=Step.ARRIVED_HOME,
    ),
    Rule(
        "procedure.date_out_of_order",
        E,
        "Tanggal langkah tidak runtut",
        "Step dated out of order",
        _b("data integrity"),
        "Langkah {step_id} bertanggal {occurred_id}, {reason_id}. Periksa tanggal yang dicatat.",
        "The step {step_en} is dated {occurred_en}, {reason_en}. Check the recorded date.",
        "an event is dated after the day judged, or before the event it follows (a wrong "
        "date hides the real order of the steps)",
    ),
    Rule(
        "procedure.step_repeated",
        E,
        "Langkah dicatat dua kali",
        "Step recorded twice",
        _b("Permenaker 9/2019", "Perban BP2MI 7/2022"),
        "Langkah {step_id} sudah tercatat pada {previous_id}; langkah ini tidak dicatat dua kali.",
        "The step {step_en} was already recorded on {previous_en}; it is not recorded twice.",
        "a step that happens once in a placement was recorded again",
    ),
)

CATALOG: Mapping[str, Rule] = MappingProxyType({item.code: item for item in _RULES})
"""Every rule by code: the single source for the validators, the docs and the CLI."""


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(rule: Rule, values: Mapping[str, str]) -> tuple[str, str]:
    """The rule's Indonesian and English messages over ``values`` (missing ones show ``?``)."""
    filled = _Values(values)
    return rule.template_id.format_map(filled), rule.template_en.format_map(filled)


def rule(code: str) -> Rule:
    """The catalog entry for ``code`` (``KeyError`` naming it if unknown)."""
    try:
        return CATALOG[code]
    except KeyError:
        raise KeyError(f"unknown rule code {code!r}") from None


def catalog_markdown() -> str:
    """The catalog as a markdown table (for the docs and the CLI)."""
    lines = [
        "| code | severity | checks | legal basis |",
        "|---|---|---|---|",
    ]
    for item in _RULES:
        basis = "; ".join(str(part) for part in item.legal_basis) or "—"
        lines.append(f"| `{item.code}` | {item.severity.value} | {item.checks} | {basis} |")
    return "\n".join(lines)


def template_fields(code: str) -> frozenset[str]:
    """The placeholders a rule's templates use (both languages)."""
    item = rule(code)
    return frozenset(_fields(item.template_id) | _fields(item.template_en))
