"""The ``offer.*`` codes, and what every flag says to the worker and what to do instead.

Where the rule catalog (:mod:`pmi_workflow.rules.catalog`) has a code for a red
flag, screening uses it; :data:`OFFER_RULES` holds the codes only an offer
can raise, in the catalog's own :class:`~pmi_workflow.findings.Rule` shape.
:data:`WORKER_TEXTS` holds, for every code screening raises, a plain
explanation addressed to the worker (*Anda*) and the advice, in Indonesian and
English (bahasa.md §2, "Addressing the worker").

>>> OFFER_RULES["offer.passport_held_by_other"].confirmed
False
>>> "destination.closed" in WORKER_TEXTS, "destination.closed" in OFFER_RULES
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pmi_workflow.findings import LegalBasis, Rule, Severity

__all__ = [
    "ASK_FIRST",
    "OFFER_RULES",
    "UNCONFIRMED_NOTE",
    "WORKER_TEXTS",
    "WorkerText",
    "offer_rule",
]

UU = "UU 18/2017"
_WAGE_BASIS = (
    LegalBasis(UU, "Pasal 6 ayat (1)"),
    LegalBasis("Ketentuan upah negara tujuan", instrument_en="Destination country wage rules"),
)

_OFFER_RULES: tuple[Rule, ...] = (
    Rule(
        code="offer.company_unknown",
        severity=Severity.WARNING,
        title_id="Perusahaan perekrut belum terverifikasi",
        title_en="Recruiting company not verified",
        legal_basis=(LegalBasis(UU, "Pasal 51"), LegalBasis(UU, "Pasal 59 ayat (1)")),
        template_id="Izin perekrut belum dapat dipastikan dari data perizinan ({reason_id}).",
        template_en=(
            "The recruiter's licence could not be confirmed from the licence data ({reason_en})."
        ),
        checks=(
            "the recruiter is not named, no licence data was consulted, or the data does not "
            "know the company"
        ),
    ),
    Rule(
        code="offer.permit_occupation_mismatch",
        severity=Severity.ERROR,
        title_id="SIP2MI untuk jabatan lain",
        title_en="SIP2MI for another job",
        legal_basis=(LegalBasis(UU, "Pasal 59"), LegalBasis(UU, "Pasal 19")),
        template_id="SIP2MI {number} tidak mencakup jabatan {job_id}.",
        template_en="SIP2MI {number} does not cover the job {job_en}.",
        checks="the SIP2MI lists other jobs than the one offered",
    ),
    Rule(
        code="offer.departure_point_unofficial",
        severity=Severity.ERROR,
        title_id="Tempat pemberangkatan tidak resmi",
        title_en="Departure point not official",
        legal_basis=(LegalBasis(UU, "Pasal 13"), LegalBasis("Perban BP2MI 4/2023")),
        template_id=(
            "Tempat pemberangkatan yang disebut tidak termasuk tempat pemberangkatan resmi."
        ),
        template_en="The departure point named is not one of the official departure points.",
        checks="the departure point is not on the policy's list of official departure points",
    ),
    Rule(
        code="offer.passport_held_by_other",
        severity=Severity.ERROR,
        title_id="Paspor dipegang pihak lain",
        title_en="Passport held by someone else",
        legal_basis=(LegalBasis(UU, "Pasal 6 ayat (1)"),),
        template_id="Paspor akan dipegang oleh {holder_id}, bukan oleh CPMI sendiri.",
        template_en="The passport is to be kept by {holder_en}, not by the worker.",
        checks="the offer says the recruiter, the company or the employer keeps the passport",
        confirmed=False,
    ),
    Rule(
        code="offer.salary_below_minimum",
        severity=Severity.ERROR,
        title_id="Gaji di bawah upah minimum",
        title_en="Salary below the minimum",
        legal_basis=_WAGE_BASIS,
        template_id=(
            "Gaji yang ditawarkan {salary_id} per bulan, di bawah upah minimum {minimum_id}."
        ),
        template_en=(
            "The salary offered, {salary_en} a month, is below the minimum of {minimum_en}."
        ),
        checks="the salary is below the destination's minimum wage for the job (policy data)",
    ),
    Rule(
        code="offer.salary_currency_differs",
        severity=Severity.WARNING,
        title_id="Gaji dalam mata uang lain",
        title_en="Salary in another currency",
        legal_basis=_WAGE_BASIS,
        template_id=(
            "Gaji yang ditawarkan {salary_id} per bulan tidak dapat dibandingkan dengan upah "
            "minimum {minimum_id} karena mata uangnya berbeda."
        ),
        template_en=(
            "The salary offered, {salary_en} a month, cannot be compared with the minimum of "
            "{minimum_en}: the currencies differ."
        ),
        checks=(
            "the salary is in another currency than the destination's minimum wage for the job "
            "and the policy data has no exchange rate (a caution: ask the amount in that currency)"
        ),
    ),
    Rule(
        code="offer.step_skipped",
        severity=Severity.ERROR,
        title_id="Langkah resmi tidak termasuk",
        title_en="Official step left out",
        legal_basis=(
            LegalBasis(UU, "Pasal 5"),
            LegalBasis(UU, "Pasal 12"),
            LegalBasis(UU, "Pasal 13"),
            LegalBasis("Perban BP2MI 4/2023"),
            LegalBasis("Permenaker 4/2023", "Pasal 7"),
        ),
        template_id="Tawaran tidak mencakup {step_id}, padahal langkah itu wajib.",
        template_en="The offer leaves out {step_en}, which is required.",
        checks=(
            "the offer says a required step (medical check, social security, OPP, training) is "
            "not part of it; a warning for training"
        ),
    ),
)

OFFER_RULES: Mapping[str, Rule] = MappingProxyType({item.code: item for item in _OFFER_RULES})
"""The codes only an offer raises (``offer.*``), by code."""


def offer_rule(code: str) -> Rule:
    """The ``offer.*`` rule with this code (``KeyError`` naming it if unknown)."""
    try:
        return OFFER_RULES[code]
    except KeyError:
        raise KeyError(f"unknown offer rule code {code!r}") from None


@dataclass(frozen=True, slots=True)
class WorkerText:
    """A flag's words for the worker: title, explanation and advice, in both languages.

    The texts are ``str.format`` templates over the flag's values.
    """

    title_id: str
    title_en: str
    explain_id: str
    explain_en: str
    advice_id: str
    advice_en: str


_ASK = (
    "Tanyakan dulu di Disnaker, LTSA, atau BP3MI sebelum membayar atau menyerahkan dokumen.",
    "Ask the Disnaker, the LTSA or the BP3MI first, before you pay or hand over any document.",
)

_TEXTS: dict[str, WorkerText] = {
    "destination.closed": WorkerText(
        "Negara tujuan ditutup",
        "Destination closed",
        "Pada {on_id}, Pemerintah menutup penempatan PMI ke {destination_id} {scope_id}. "
        "Anda tidak dapat berangkat secara resmi dengan lowongan ini.",
        "On {on_en}, the Government has closed placements to {destination_en} {scope_en}. "
        "You cannot leave the official way on this offer.",
        "Jangan berangkat dengan tawaran ini. Tanyakan di Disnaker atau BP3MI negara tujuan yang "
        "terbuka untuk jabatan Anda.",
        "Do not leave on this offer. Ask the Disnaker or the BP3MI which destinations are open "
        "for your job.",
    ),
    "destination.domestic_individual_employer_banned": WorkerText(
        "Dilarang bekerja pada pemberi kerja perseorangan",
        "Work for a household employer is banned",
        "Pemerintah melarang penempatan PMI pada pemberi kerja perseorangan (rumah tangga) di "
        "{destination_id} (Kepmenaker 260/2015). Tawaran bekerja pada keluarga di sana tidak "
        "resmi.",
        "The Government bans placing migrant workers with individual (household) employers in "
        "{destination_en} (Kepmenaker 260/2015). An offer to work for a family there is not "
        "official.",
        "Jangan membayar dan jangan berangkat. Tanyakan di Disnaker atau BP3MI lowongan resmi "
        "pada pemberi kerja berbadan hukum.",
        "Do not pay and do not leave. Ask the Disnaker or the BP3MI about official jobs with "
        "employers that are companies.",
    ),
    "destination.domestic_individual_employer_banned/unknown_employer": WorkerText(
        "Tanyakan siapa pemberi kerjanya",
        "Ask who the employer is",
        "Jika pemberi kerjanya perseorangan (rumah tangga), penempatan ke {destination_id} "
        "dilarang (Kepmenaker 260/2015). Tawaran ini tidak menyebutkan siapa pemberi kerjanya.",
        "If the employer is an individual (a household), placement to {destination_en} is banned "
        "(Kepmenaker 260/2015). The offer does not say who the employer is.",
        "Tanyakan nama dan jenis pemberi kerja, lalu periksa di Disnaker atau BP3MI.",
        "Ask for the employer's name and kind, then check with the Disnaker or the BP3MI.",
    ),
    "destination.channel_required": WorkerText(
        "Wajib melalui sistem satu kanal",
        "A one-channel system is required",
        "Penempatan sebagai {job_id} ke {destination_id} wajib melalui {channel_id}. Tawaran ini "
        "{channel_state_id}.",
        "Placement as {job_en} in {destination_en} must go through {channel_en}. This offer "
        "{channel_state_en}.",
        "Tanyakan di Disnaker atau BP3MI apakah lowongan ini terdaftar di {channel_short}.",
        "Ask the Disnaker or the BP3MI whether this job is registered in {channel_short}.",
    ),
    "executor.individual_recruiter": WorkerText(
        "Perekrut orang perseorangan (calo/sponsor)",
        "Recruited by an individual (broker or sponsor)",
        "Lowongan ini ditawarkan kepada Anda oleh orang perseorangan. Undang-undang melarang "
        "orang "
        "perseorangan menempatkan PMI; yang boleh hanya P3MI (Perusahaan Penempatan PMI) "
        "berizin, Pemerintah, atau perusahaan yang menempatkan pekerjanya sendiri.",
        "The job is offered by an individual. The law forbids individuals to place migrant "
        "workers; only a licensed placement company (P3MI), the Government, or a company placing "
        "its own employees may.",
        "Jangan menyerahkan uang, KTP, atau paspor kepada orang itu. Daftarlah sendiri di "
        "Disnaker atau LTSA.",
        "Do not give that person money, your identity card or your passport. Register yourself "
        "at the Disnaker or the LTSA.",
    ),
    "executor.licence_invalid": WorkerText(
        "Izin perusahaan tidak berlaku",
        "The company's licence is not valid",
        "Menurut data perizinan, izin usaha (SIP3MI) {company} tidak berlaku pada {on_id} "
        "({reason_id}). Perusahaan tanpa izin yang berlaku tidak boleh merekrut Anda.",
        "According to the licence data, the licence (SIP3MI) of {company} is not valid on "
        "{on_en} ({reason_en}). A company without a valid licence may not recruit you.",
        "Jangan membayar. Periksa daftar P3MI berizin di Disnaker atau BP3MI.",
        "Do not pay. Check the list of licensed P3MI at the Disnaker or the BP3MI.",
    ),
    "executor.licence_invalid/other_holder": WorkerText(
        "Nomor izin milik perusahaan lain",
        "The licence number of another company",
        "Menurut data perizinan, SIP3MI (Surat Izin Perusahaan Penempatan PMI) nomor {number} "
        "adalah milik {holder}, bukan milik {company}. Perusahaan tidak boleh merekrut dengan "
        "izin perusahaan lain; meminjam nomor izin perusahaan berizin adalah cara yang sering "
        "dipakai perekrut tanpa izin.",
        "According to the licence data, SIP3MI {number} belongs to {holder}, not to {company}. "
        "A company may not recruit under another company's licence; quoting a licensed "
        "company's numbers is a common trick of unlicensed recruiters.",
        "Jangan membayar dan jangan menyerahkan dokumen. Tanyakan di Disnaker atau BP3MI apakah "
        "{company} memiliki SIP3MI sendiri.",
        "Do not pay and do not hand over any document. Ask the Disnaker or the BP3MI whether "
        "{company} holds a SIP3MI of its own.",
    ),
    "executor.licence_invalid/holder_branch": WorkerText(
        "Izin atas nama kantor pusat",
        "Licence in the head office's name",
        "Menurut data perizinan, SIP3MI (Surat Izin Perusahaan Penempatan PMI) nomor {number} "
        "adalah milik {holder}; tawaran ini menyebut kantor cabangnya, {company}. Kantor cabang "
        "yang sebenarnya merekrut atas izin kantor pusat, tetapi nama cabang juga sering dipakai "
        "perekrut tanpa izin.",
        "According to the licence data, SIP3MI {number} belongs to {holder}; the offer names "
        "its branch, {company}. A real branch recruits under its head office's licence, but "
        "branch names are also used by unlicensed recruiters.",
        "Tanyakan di Disnaker atau BP3MI apakah kantor cabang itu terdaftar sebelum membayar.",
        "Ask the Disnaker or the BP3MI whether that branch is registered before you pay.",
    ),
    "executor.licence_invalid/unknown_to_registry": WorkerText(
        "Nomor SIP3MI tidak ditemukan",
        "SIP3MI number not found",
        "SIP3MI (Surat Izin Perusahaan Penempatan PMI) nomor {number} yang disebut dalam "
        "tawaran ini tidak ditemukan dalam data perizinan yang dipakai. Nomor itu mungkin salah "
        "tulis, atau bukan nomor izin yang sebenarnya.",
        "The SIP3MI number {number} given in this offer is not in the licence data used. It may "
        "be mistyped, or not a real licence number.",
        "Minta salinan SIP3MI dan periksa nomornya di Disnaker atau BP3MI sebelum membayar.",
        "Ask for a copy of the SIP3MI and check its number with the Disnaker or the BP3MI "
        "before you pay.",
    ),
    "executor.recruitment_permit_missing": WorkerText(
        "Tidak ada izin perekrutan (SIP2MI)",
        "No recruitment permit (SIP2MI)",
        "Menurut data perizinan, {company} tidak memiliki SIP2MI (Surat Izin Perekrutan PMI) "
        "yang berlaku pada {on_id} untuk lowongan ini di {destination_id}. Tanpa SIP2MI, "
        "perusahaan tidak boleh merekrut untuk lowongan ini.",
        "According to the licence data, {company} has no recruitment permit (SIP2MI) valid on "
        "{on_en} for this job in {destination_en}. Without one, the company may not recruit "
        "for it.",
        "Minta nomor SIP2MI lowongan ini dan periksa di Disnaker atau BP3MI sebelum membayar.",
        "Ask for the job's SIP2MI number and check it with the Disnaker or the BP3MI before "
        "you pay.",
    ),
    "executor.recruitment_permit_missing/unclear": WorkerText(
        "Izin perekrutan (SIP2MI) belum jelas",
        "Recruitment permit (SIP2MI) unclear",
        "Data perizinan belum menunjukkan SIP2MI (Surat Izin Perekrutan PMI) {company} yang "
        "mencakup lowongan sebagai {job_id} di {destination_id}.",
        "The licence data does not show a recruitment permit (SIP2MI) of {company} that covers "
        "this job as {job_en} in {destination_en}.",
        "Minta nomor SIP2MI lowongan ini dan periksa di Disnaker atau BP3MI sebelum membayar.",
        "Ask for the job's SIP2MI number and check it with the Disnaker or the BP3MI before "
        "you pay.",
    ),
    "executor.recruitment_permit_missing/other_holder": WorkerText(
        "SIP2MI milik perusahaan lain",
        "The SIP2MI of another company",
        "Menurut data perizinan, SIP2MI (Surat Izin Perekrutan PMI) nomor {sip2mi} adalah milik "
        "{holder}, bukan milik {company}. Perusahaan hanya boleh merekrut dengan SIP2MI-nya "
        "sendiri.",
        "According to the licence data, the recruitment permit (SIP2MI) {sip2mi} belongs to "
        "{holder}, not to {company}. A company may only recruit under its own SIP2MI.",
        "Jangan membayar. Minta nomor SIP2MI perusahaan itu sendiri dan periksa di Disnaker atau "
        "BP3MI.",
        "Do not pay. Ask for the company's own SIP2MI number and check it with the Disnaker or "
        "the BP3MI.",
    ),
    "executor.recruitment_permit_destination_mismatch": WorkerText(
        "SIP2MI untuk negara lain",
        "SIP2MI for another country",
        "SIP2MI {number} berlaku untuk {permit_destination_id}, bukan untuk {destination_id}. "
        "Izin itu tidak dapat dipakai untuk lowongan ini.",
        "SIP2MI {number} is for {permit_destination_en}, not {destination_en}. It cannot be "
        "used for this job.",
        "Minta SIP2MI yang menyebut {destination_id} dan periksa di Disnaker atau BP3MI.",
        "Ask for a SIP2MI that names {destination_en} and check it with the Disnaker or the BP3MI.",
    ),
    "offer.permit_occupation_mismatch": WorkerText(
        "SIP2MI untuk jabatan lain",
        "SIP2MI for another job",
        "SIP2MI {number} tidak mencakup jabatan {job_id}. Anda hanya boleh direkrut untuk "
        "jabatan yang tercantum dalam izin itu.",
        "SIP2MI {number} does not cover the job {job_en}. You may only be recruited for a job "
        "the permit names.",
        "Tanyakan di Disnaker atau BP3MI lowongan apa yang tercantum dalam SIP2MI itu.",
        "Ask the Disnaker or the BP3MI which jobs that SIP2MI names.",
    ),
    "executor.licence_evidence_stale": WorkerText(
        "Data izin perlu diperiksa ulang",
        "Licence data needs a fresh check",
        "Data izin {company} terakhir diperiksa pada {checked_id}, lebih dari {maximum_days} hari "
        "yang lalu.",
        "The licence data of {company} was last checked on {checked_en}, more than "
        "{maximum_days} days ago.",
        "Periksa lagi izin perusahaan itu di Disnaker atau BP3MI sebelum Anda mendaftar.",
        "Check the company's licence again with the Disnaker or the BP3MI before you sign up.",
    ),
    "offer.company_unknown": WorkerText(
        "Perusahaan perekrut belum terverifikasi",
        "Recruiting company not verified",
        "{state_id} Belum dapat dipastikan bahwa perekrut memiliki izin.",
        "{state_en} It is not yet certain that the recruiter is licensed.",
        "Tanyakan nama lengkap perusahaan, nomor SIP3MI, dan nomor SIP2MI, lalu periksa di "
        "Disnaker, LTSA, atau BP3MI sebelum membayar apa pun.",
        "Ask for the company's full name, its SIP3MI number and the SIP2MI number, then check "
        "them with the Disnaker, the LTSA or the BP3MI before you pay anything.",
    ),
    "fees.exempt_occupation_charged": WorkerText(
        "Jabatan ini bebas biaya penempatan",
        "This job is free of placement costs",
        "Anda diminta membayar {amount_id} untuk {purpose_id}. Jabatan {job_id} termasuk "
        "jabatan yang dibebaskan dari biaya penempatan: Anda tidak wajib membayar biaya ini; "
        "pemberi kerja yang menanggungnya.",
        "You are asked to pay {amount_en} for {purpose_en}. The job {job_en} is one of the jobs "
        "free of placement costs: you do not have to pay this; the employer bears it.",
        "Jangan membayar. Laporkan permintaan biaya ini ke Disnaker atau BP3MI.",
        "Do not pay. Report the request to the Disnaker or the BP3MI.",
    ),
    "fees.charged_to_worker": WorkerText(
        "Biaya yang ditanggung pemberi kerja",
        "A cost the employer bears",
        "Anda diminta membayar {amount_id} untuk {purpose_id}. Biaya ini seharusnya ditanggung "
        "pemberi kerja, bukan oleh Anda.",
        "You are asked to pay {amount_en} for {purpose_en}. The employer should bear this cost, "
        "not you.",
        "Tanyakan di Disnaker atau BP3MI biaya apa saja yang boleh dibebankan kepada Anda untuk "
        "negara dan jabatan ini.",
        "Ask the Disnaker or the BP3MI which costs you may be charged for this country and job.",
    ),
    "fees.placement_loan": WorkerText(
        "Pinjaman atau potongan gaji",
        "A loan or salary deductions",
        "Anda diminta membayar {purpose_id} sebesar {amount_id} dengan {financing_id}. Biaya "
        "penempatan tidak boleh dibebankan kepada Anda melalui pinjaman atau potongan gaji; "
        "cara ini sering berakhir dengan jeratan utang.",
        "You are asked to pay the {purpose_en} of {amount_en} with {financing_en}. Placement "
        "costs may not be put on you through a loan or salary deductions; this often ends in "
        "debt bondage.",
        "Jangan menandatangani pinjaman atau potongan gaji. Tanyakan di Disnaker atau BP3MI.",
        "Do not sign a loan or salary deductions. Ask the Disnaker or the BP3MI.",
    ),
    "documents.visa_not_work": WorkerText(
        "Bukan visa kerja",
        "Not a work visa",
        "Anda dijanjikan {visa_id}, bukan visa kerja. Bekerja di luar negeri wajib dengan visa "
        "kerja; dengan visa lain Anda tidak terlindungi dan dapat ditahan atau dideportasi.",
        "You are promised {visa_en}, not a work visa. Working abroad requires a work visa; "
        "with another visa you are not protected and may be detained or deported.",
        "Jangan berangkat dengan visa selain visa kerja. Visa kerja diurus setelah Anda "
        "terdaftar di Disnaker atau LTSA.",
        "Do not leave on any visa but a work visa. A work visa is arranged after you register "
        "at the Disnaker or the LTSA.",
    ),
    "eligibility.age_below_minimum": WorkerText(
        "Belum cukup umur",
        "Below the minimum age",
        "Untuk melindungi Anda, undang-undang menetapkan usia paling rendah {minimum} tahun "
        "untuk bekerja di luar negeri. Usia Anda sekarang {age} tahun.",
        "To protect you, the law sets a minimum age of {minimum} to work abroad. You are {age}.",
        "Jangan mengubah umur pada dokumen. Tanyakan di Disnaker tentang pelatihan kerja sambil "
        "menunggu cukup umur.",
        "Do not change your age on any document. Ask the Disnaker about job training while you "
        "wait.",
    ),
    "eligibility.age_outside_destination_range": WorkerText(
        "Usia di luar batas negara tujuan",
        "Age outside the destination's range",
        "Untuk jabatan {job_id} di {destination_id}, usia yang diterima {range_id}. Usia Anda "
        "{age} tahun.",
        "For the job {job_en} in {destination_en}, the accepted age is {range_en}. You are {age}.",
        "Tanyakan di Disnaker atau BP3MI negara tujuan atau jabatan lain yang sesuai dengan usia "
        "Anda.",
        "Ask the Disnaker or the BP3MI about destinations or jobs that fit your age.",
    ),
    "offer.departure_point_unofficial": WorkerText(
        "Tempat pemberangkatan tidak resmi",
        "Departure point not official",
        "Anda akan diberangkatkan melalui \u201c{point}\u201d. Tempat itu tidak termasuk tempat "
        "pemberangkatan resmi PMI yang tercatat; jalur seperti ini sering dipakai untuk "
        "penempatan nonprosedural.",
        "You would leave through \u201c{point}\u201d. It is not one of the recorded official "
        "departure points; such routes are often used for non-procedural placements.",
        "PMI resmi berangkat setelah Orientasi Pra Pemberangkatan (OPP), melalui tempat "
        "pemberangkatan dengan layanan BP3MI. Tanyakan di BP3MI.",
        "Official migrant workers leave after the pre-departure orientation (OPP), through a "
        "departure point with a BP3MI service desk. Ask the BP3MI.",
    ),
    "offer.passport_held_by_other": WorkerText(
        "Paspor dipegang orang lain",
        "Passport kept by someone else",
        "Tawaran ini menyebut paspor Anda akan dipegang oleh {holder_id}. Paspor adalah milik "
        "Anda; PMI berhak memegang sendiri dokumen perjalanannya.",
        "The offer says your passport will be kept by {holder_en}. Your passport is yours; a "
        "migrant worker has the right to keep their own travel documents.",
        "Jangan menyerahkan paspor. Jika paspor ditahan, laporkan ke BP3MI atau Perwakilan RI.",
        "Do not hand over your passport. If it is withheld, report it to the BP3MI or the "
        "Indonesian mission.",
    ),
    "offer.salary_below_minimum": WorkerText(
        "Gaji di bawah upah minimum",
        "Salary below the minimum",
        "Gaji yang ditawarkan kepada Anda {salary_id} per bulan, di bawah upah minimum "
        "{minimum_id} per bulan untuk jabatan {job_id} di {destination_id}.",
        "The salary offered is {salary_en} a month, below the minimum of {minimum_en} a month "
        "for the job {job_en} in {destination_en}.",
        "Tanyakan upah yang berlaku di Disnaker atau BP3MI; gaji wajib tercantum dalam "
        "Perjanjian Kerja.",
        "Ask the Disnaker or the BP3MI about the wage that applies; the salary must be written "
        "in the employment contract.",
    ),
    "offer.salary_currency_differs": WorkerText(
        "Gaji dalam mata uang lain",
        "Salary in another currency",
        "Gaji yang ditawarkan kepada Anda {salary_id} per bulan, sedangkan upah minimum untuk "
        "jabatan {job_id} di {destination_id} adalah {minimum_id} per bulan. Karena mata uangnya "
        "berbeda, gaji ini belum dapat dibandingkan dengan upah minimum.",
        "The salary offered is {salary_en} a month, while the minimum for the job {job_en} in "
        "{destination_en} is {minimum_en} a month. The currencies differ, so the salary could "
        "not be compared with the minimum.",
        "Tanyakan berapa gaji per bulan dalam {currency}, lalu periksa di Disnaker atau BP3MI; "
        "gaji wajib tercantum dalam Perjanjian Kerja.",
        "Ask what the monthly salary is in {currency}, then check it with the Disnaker or the "
        "BP3MI; the salary must be written in the employment contract.",
    ),
    "offer.step_skipped": WorkerText(
        "Langkah resmi dilewati",
        "An official step is skipped",
        "Tawaran ini tidak mencakup {step_id}. {why_id}",
        "The offer leaves out {step_en}. {why_en}",
        "Tanyakan di Disnaker atau LTSA langkah resmi yang harus Anda ikuti sebelum berangkat.",
        "Ask the Disnaker or the LTSA which official steps you must take before you leave.",
    ),
}

WORKER_TEXTS: Mapping[str, WorkerText] = MappingProxyType(_TEXTS)
"""Words for the worker per code (and ``code/variant`` for a caution's own wording)."""

ASK_FIRST: tuple[str, str] = _ASK
"""The advice every screening ends with, in Indonesian and English."""

UNCONFIRMED_NOTE: tuple[str, str] = (
    "Dasar aturan ini belum dikonfirmasi, jadi ini peringatan, bukan kepastian.",
    "The basis of this rule is not confirmed, so this is a caution, not a verdict.",
)
"""Added to the explanation of a flag that rests on an unconfirmed basis."""
