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
49
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from pmi_workflow.enums import Step
from pmi_workflow.findings import LegalBasis, Rule, Severity

if TYPE_CHECKING:
    from pmi_workflow.policy.entries import Entry

__all__ = ["CATALOG", "catalog_markdown", "render", "rule", "rule_entries"]

UU = "UU 18/2017"


_RULES: tuple[Rule, ...] = (
    # -- identity ------------------------------------------------------------------------
    Rule(
        code="identity.nik_invalid",
        severity=Severity.ERROR,
        title_id="NIK tidak valid",
        title_en="Invalid NIK",
        checks="the NIK fails python-stdnum's checks (digits, length, birth date, region)",
        legal_basis=(
            LegalBasis(UU, "Pasal 1 angka 1"),
            LegalBasis("UU 23/2006 jo. UU 24/2013 (Adminduk)"),
        ),
        template_id="NIK {nik} tidak valid: {reason_id}.",
        template_en="NIK {nik} is not valid: {reason_en}.",
    ),
    Rule(
        code="identity.nik_birth_date_mismatch",
        severity=Severity.ERROR,
        title_id="Tanggal lahir berbeda dengan NIK",
        title_en="Birth date differs from the NIK",
        checks="the birth date encoded in the NIK differs from the declared one",
        legal_basis=(LegalBasis(UU, "Pasal 65"), LegalBasis(UU, "Pasal 79")),
        template_id=(
            "Tanggal lahir yang dinyatakan berbeda dengan yang tercantum dalam NIK {nik} (berbeda"
            " pada: {differs_in_id})."
        ),
        template_en=(
            "The declared birth date differs from the one encoded in NIK {nik} (differs in: "
            "{differs_in_en})."
        ),
    ),
    Rule(
        code="identity.nik_sex_mismatch",
        severity=Severity.ERROR,
        title_id="Jenis kelamin berbeda dengan NIK",
        title_en="Sex differs from the NIK",
        checks="the NIK's day+40 marker contradicts the declared sex",
        legal_basis=(LegalBasis(UU, "Pasal 65"), LegalBasis(UU, "Pasal 79")),
        template_id=(
            "Jenis kelamin pada data CPMI ({declared}) tidak sesuai dengan NIK {nik} ({encoded})."
        ),
        template_en="The declared sex ({declared}) contradicts NIK {nik} ({encoded}).",
    ),
    # -- eligibility ---------------------------------------------------------------------
    Rule(
        code="eligibility.age_below_minimum",
        severity=Severity.ERROR,
        title_id="Di bawah usia minimal",
        title_en="Below the minimum age",
        checks=(
            "younger than the legal minimum (18) on the date judged (registration and departure)"
        ),
        legal_basis=(
            LegalBasis(UU, "Pasal 5 huruf a"),
            LegalBasis(UU, "Pasal 66"),
            LegalBasis(UU, "Pasal 80"),
        ),
        template_id="Usia {age} tahun, di bawah batas usia minimal {minimum} tahun.",
        template_en="Aged {age}, below the minimum age of {minimum}.",
        entry_kinds=("minimum_age",),
    ),
    Rule(
        code="eligibility.age_outside_destination_range",
        severity=Severity.ERROR,
        title_id="Usia di luar batas negara tujuan",
        title_en="Age outside the destination's range",
        checks="outside the policy's age range for the destination and occupation",
        legal_basis=(
            LegalBasis(
                "Ketentuan negara tujuan (data kebijakan)",
                instrument_en="Destination country rules (policy data)",
            ),
        ),
        template_id=(
            "Usia {age} tahun di luar batas {minimum}–{maximum} tahun untuk {destination} "
            "(jabatan {occupation})."
        ),
        template_en=(
            "Aged {age}, outside the range {minimum}-{maximum} for {destination} ({occupation})."
        ),
        entry_kinds=("age_range",),
    ),
    Rule(
        code="eligibility.medically_unfit",
        severity=Severity.ERROR,
        title_id="Tidak sehat (unfit)",
        title_en="Medically unfit",
        checks="the health or psychological result is unfit",
        legal_basis=(LegalBasis(UU, "Pasal 5 huruf c"), LegalBasis(UU, "Pasal 13 huruf d")),
        template_id=(
            "Surat keterangan sehat ({document}) menyatakan unfit (tidak memenuhi syarat) pada "
            "pemeriksaan {exam_id}."
        ),
        template_en="Health certificate {document} says unfit on the {exam_en} examination.",
        step=Step.MEDICALLY_CLEARED,
    ),
    # -- documents -----------------------------------------------------------------------
    Rule(
        code="documents.missing",
        severity=Severity.ERROR,
        title_id="Dokumen tidak ada",
        title_en="Document missing",
        checks="a document required at this step, for this scheme, is absent",
        legal_basis=(
            LegalBasis(UU, "Pasal 13"),
            LegalBasis(
                "Daftar dokumen per skema (data kebijakan)",
                instrument_en="Documents per scheme (policy data)",
            ),
        ),
        template_id='Dokumen {document_type} belum ada, padahal wajib untuk langkah "{step_id}".',
        template_en=(
            "The document {document_type} is required for the step {step_en} but was not found."
        ),
        entry_kinds=("required_documents",),
    ),
    Rule(
        code="documents.expired",
        severity=Severity.ERROR,
        title_id="Dokumen kedaluwarsa",
        title_en="Document expired",
        checks="a document has expired on the date it is relied on",
        legal_basis=(LegalBasis(UU, "Pasal 13"),),
        template_id=(
            "Dokumen {document_type} ({document}) sudah tidak berlaku pada {on} (berlaku sampai "
            "{expires_on})."
        ),
        template_en=(
            "Document {document} ({document_type}) is not valid on {on} (valid until {expires_on})."
        ),
    ),
    Rule(
        code="documents.consent_not_acknowledged",
        severity=Severity.ERROR,
        title_id="Izin keluarga tidak diketahui kepala desa",
        title_en="Family consent not acknowledged",
        checks="family consent not acknowledged by the village head or lurah",
        legal_basis=(LegalBasis(UU, "Pasal 13 huruf b"),),
        template_id=(
            "Surat izin keluarga ({document}) belum diketahui (ditandatangani) kepala desa atau "
            "lurah."
        ),
        template_en="Family consent {document} is not acknowledged by the village head or lurah.",
        entry_kinds=("required_documents",),
    ),
    Rule(
        code="documents.marriage_book_missing",
        severity=Severity.ERROR,
        title_id="Fotokopi buku nikah tidak ada",
        title_en="Marriage book copy missing",
        checks="declared married but no marriage-book copy",
        legal_basis=(LegalBasis(UU, "Pasal 13 huruf a"),),
        template_id="CPMI berstatus kawin, tetapi fotokopi buku nikah belum dilampirkan.",
        template_en="The applicant is married but there is no copy of the marriage book.",
        entry_kinds=("required_documents",),
    ),
    Rule(
        code="documents.health_without_psychological",
        severity=Severity.ERROR,
        title_id="Tanpa pemeriksaan psikologi",
        title_en="No psychological examination",
        checks="health certificate lacks the psychological examination",
        legal_basis=(LegalBasis(UU, "Pasal 13 huruf d"),),
        template_id="Surat keterangan sehat ({document}) tidak mencakup pemeriksaan psikologi.",
        template_en="Health certificate {document} does not include the psychological examination.",
    ),
    Rule(
        code="documents.health_certificate_stale",
        severity=Severity.WARNING,
        title_id="Surat keterangan sehat terlalu lama",
        title_en="Health certificate too old",
        checks="health certificate older than the policy window on departure",
        # the window is a parameter entry: its certainty is the finding's, never the basis text's
        legal_basis=(LegalBasis("Permenkes 29/2013"),),
        template_id=(
            "Surat keterangan sehat ({document}) berumur {age_months} bulan pada {on}, melebihi "
            "batas {maximum_months} bulan."
        ),
        template_en=(
            "Health certificate {document} is {age_months} months old on {on}, beyond the "
            "{maximum_months}-month window."
        ),
        step=Step.DEPARTED,
        entry_kinds=("parameter",),
    ),
    Rule(
        code="documents.passport_validity_short",
        severity=Severity.WARNING,
        title_id="Masa berlaku paspor kurang",
        title_en="Passport validity too short",
        checks="passport expires before the contract ends",
        legal_basis=(
            LegalBasis("Praktik (data kebijakan)", instrument_en="Practice (policy data)"),
        ),
        template_id=(
            "Paspor ({document}) berlaku sampai {expires_on}, sebelum Perjanjian Kerja berakhir "
            "({needed_until})."
        ),
        template_en=(
            "Passport {document} expires on {expires_on}, before the employment contract ends "
            "({needed_until})."
        ),
        entry_kinds=("parameter",),
    ),
    Rule(
        code="documents.visa_not_work",
        severity=Severity.ERROR,
        title_id="Bukan visa kerja",
        title_en="Not a work visa",
        checks="visa type is not a work visa (visit, tourist, umrah, ziarah...)",
        legal_basis=(LegalBasis(UU, "Pasal 13 huruf f"),),
        template_id="Visa ({document}) adalah {visa_type}, bukan visa kerja.",
        template_en="Visa {document} is a {visa_type} visa, not a work visa.",
        entry_kinds=("work_visa_types",),
    ),
    Rule(
        code="documents.visa_destination_mismatch",
        severity=Severity.ERROR,
        title_id="Visa untuk negara lain",
        title_en="Visa for another country",
        checks="visa country differs from the placement destination",
        legal_basis=(LegalBasis(UU, "Pasal 13 huruf f"), LegalBasis(UU, "Pasal 59 ayat (3)")),
        template_id=(
            "Visa ({document}) berlaku untuk {visa_country}, sedangkan negara penempatan adalah "
            "{destination}."
        ),
        template_en="Visa {document} is for {visa_country}, but the destination is {destination}.",
    ),
    # -- executor ------------------------------------------------------------------------
    Rule(
        code="executor.individual_recruiter",
        severity=Severity.ERROR,
        title_id="Penempatan oleh orang perseorangan",
        title_en="Placement by an individual",
        checks="an individual (not agency, P3MI or UKPS company) runs the placement",
        legal_basis=(LegalBasis(UU, "Pasal 69"), LegalBasis(UU, "Pasal 81")),
        template_id=(
            "Penempatan dilaksanakan oleh orang perseorangan (calo/sponsor), bukan oleh "
            "KP2MI/BP2MI, P3MI, atau perusahaan UKPS."
        ),
        template_en=(
            "The placement is run by an individual, not the agency, a P3MI or a UKPS company."
        ),
        step=Step.SELECTED,
    ),
    Rule(
        code="executor.licence_invalid",
        severity=Severity.ERROR,
        title_id="Izin pelaksana tidak berlaku",
        title_en="Executor licence not valid",
        checks=(
            "the P3MI's SIP3MI (or the UKPS permit) is missing, expired or revoked on the date, or "
            "the licence data gives its number to another company than the executor"
        ),
        legal_basis=(LegalBasis(UU, "Pasal 51"), LegalBasis(UU, "Pasal 58")),
        template_id="{licence} {number} tidak berlaku pada {on}: {reason_id}.",
        template_en="{licence} {number} is not valid on {on}: {reason_en}.",
        step=Step.SELECTED,
        entry_kinds=("parameter",),
    ),
    Rule(
        code="executor.recruitment_permit_missing",
        severity=Severity.ERROR,
        title_id="SIP2MI tidak ada",
        title_en="No SIP2MI",
        checks=(
            "no SIP2MI for the job order, or the licence data gives its number to another "
            "company than the P3MI"
        ),
        legal_basis=(LegalBasis(UU, "Pasal 59 ayat (1)"),),
        template_id="Tidak ada SIP2MI yang berlaku pada {on} untuk job order {job_order}.",
        template_en="No SIP2MI valid on {on} for job order {job_order}.",
        step=Step.SELECTED,
    ),
    Rule(
        code="executor.recruitment_permit_destination_mismatch",
        severity=Severity.ERROR,
        title_id="SIP2MI untuk negara lain",
        title_en="SIP2MI for another country",
        checks="the SIP2MI names another destination",
        legal_basis=(LegalBasis(UU, "Pasal 59 ayat (3)"),),
        template_id=(
            "SIP2MI {number} untuk {permit_destination}, sedangkan negara penempatan adalah "
            "{destination}."
        ),
        template_en=(
            "SIP2MI {number} names {permit_destination}, but the destination is {destination}."
        ),
        step=Step.SELECTED,
    ),
    Rule(
        code="executor.licence_evidence_stale",
        severity=Severity.WARNING,
        title_id="Bukti izin sudah lama",
        title_en="Licence evidence is stale",
        checks="the licence/permit lookup is older than the policy's freshness window",
        legal_basis=(
            LegalBasis(UU, "Pasal 51"),
            LegalBasis(UU, "Pasal 59"),
            LegalBasis("Data perizinan", instrument_en="Licence data"),
        ),
        template_id=(
            "Data {licence} {number} terakhir diperiksa {checked_on}, lebih dari {maximum_days} "
            "hari sebelum {on}."
        ),
        template_en=(
            "{licence} {number} was last checked on {checked_on}, more than {maximum_days} days "
            "before {on}."
        ),
        entry_kinds=("parameter",),
    ),
    Rule(
        code="executor.job_order_missing",
        severity=Severity.ERROR,
        title_id="Tidak ada job order",
        title_en="No job order",
        checks="no demand letter / job order behind the selection",
        legal_basis=(LegalBasis(UU, "Pasal 59 ayat (4) huruf b"),),
        template_id="Seleksi dilakukan tanpa job order (surat permintaan) dari pemberi kerja.",
        template_en="There is no job order or demand letter behind the selection.",
        step=Step.SELECTED,
    ),
    # -- destination ---------------------------------------------------------------------
    Rule(
        code="destination.closed",
        severity=Severity.ERROR,
        title_id="Negara tujuan tertutup",
        title_en="Destination closed",
        checks="the destination is closed (for this occupation/employer type) on the date",
        legal_basis=(LegalBasis(UU, "Pasal 31"), LegalBasis(UU, "Pasal 32")),
        template_id="Pada {on}, penempatan ke {destination} ditutup untuk {scope_id}.",
        template_en="Placement to {destination} is closed on {on} ({scope_en}; {source}).",
        entry_kinds=("closure",),
    ),
    Rule(
        code="destination.domestic_individual_employer_banned",
        severity=Severity.ERROR,
        title_id="Larangan penempatan pada pengguna perseorangan",
        title_en="Placement with individual employers banned",
        checks=(
            "any job with an individual employer (pengguna perseorangan) in a Kepmenaker 260/2015"
            " country (the code keeps its name)"
        ),
        legal_basis=(LegalBasis("Kepmenaker 260/2015"),),
        template_id=(
            "Pada {on}, penempatan pada pengguna perseorangan di {destination} dilarang "
            "(Kepmenaker 260/2015)."
        ),
        template_en=(
            "Placement with an individual employer in {destination} is banned on {on} ({source})."
        ),
        entry_kinds=("closure",),
    ),
    Rule(
        code="destination.channel_required",
        severity=Severity.ERROR,
        title_id="Wajib melalui sistem satu kanal",
        title_en="Mandatory channel bypassed",
        checks="placement bypasses a mandatory channel (Saudi SPSK, Malaysia OCS)",
        legal_basis=(LegalBasis("Kepmenaker 291/2018"), LegalBasis("MoU RI-Malaysia 1 April 2022")),
        template_id=(
            "Penempatan ke {destination} wajib melalui {required_channel}, sedangkan berkas ini "
            "{channel}."
        ),
        template_en=(
            "Placement to {destination} must go through {required_channel}; recorded channel: "
            "{channel}."
        ),
        entry_kinds=("channel",),
    ),
    Rule(
        code="destination.outside_channel_limits",
        severity=Severity.ERROR,
        title_id="Di luar batas sistem satu kanal",
        title_en="Outside the channel's limits",
        checks=(
            "a placement through a one-channel system outside its limits (SPSK: six jobs, "
            "legal-entity users)"
        ),
        legal_basis=(LegalBasis("Kepmenaker 291/2018"),),
        template_id=(
            "Penempatan ke {destination} {channel} hanya untuk jabatan dan pemberi kerja yang "
            "ditetapkan; jabatan {occupation_id} dengan pemberi kerja {employer_id} tidak "
            "termasuk."
        ),
        template_en=(
            "Placement to {destination} through {channel} is limited to named jobs and users; the"
            " job {occupation_en} with {employer_en} is not among them."
        ),
        entry_kinds=("channel",),
        since="0.2.0",
    ),
    # -- scheme --------------------------------------------------------------------------
    Rule(
        code="scheme.independent_employer_not_legal_entity",
        severity=Severity.ERROR,
        title_id="PMI perseorangan pada pemberi kerja perseorangan",
        title_en="Independent PMI, individual employer",
        checks="Perseorangan with an individual employer",
        legal_basis=(LegalBasis(UU, "Pasal 63"),),
        template_id=(
            "PMI perseorangan hanya boleh bekerja pada pemberi kerja berbadan hukum, sedangkan "
            "pemberi kerja tercatat sebagai pemberi kerja {employer_kind}."
        ),
        template_en=(
            "An independent PMI may only work for a legal-entity employer; the employer is "
            "recorded as {employer_kind}."
        ),
    ),
    Rule(
        code="scheme.independent_lowest_position",
        severity=Severity.WARNING,
        title_id="PMI perseorangan pada jabatan terendah",
        title_en="Independent PMI in the lowest position",
        checks="Perseorangan in the lowest position of a sector",
        legal_basis=(LegalBasis(UU, "Pasal 63"), LegalBasis("Praktik", instrument_en="Practice")),
        template_id=(
            "PMI perseorangan pada jabatan {occupation}, yang tergolong jabatan terendah di "
            "sektornya."
        ),
        template_en=(
            "Independent PMI in the position {occupation}, counted as the lowest of its sector."
        ),
        entry_kinds=("lowest_positions",),
    ),
    # -- fees ----------------------------------------------------------------------------
    Rule(
        code="fees.charged_to_worker",
        severity=Severity.ERROR,
        title_id="Biaya dibebankan kepada PMI",
        title_en="Cost charged to the worker",
        checks="an employer-borne cost component is charged to the worker",
        legal_basis=(LegalBasis(UU, "Pasal 30"),),  # and the instrument of the entry used
        template_id=(
            "Biaya {component} sebesar {amount} dibayar oleh CPMI{paid_id}, padahal biaya ini "
            "seharusnya ditanggung pemberi kerja."
        ),
        template_en=(
            "The cost component {component} of {amount} was paid by the worker{paid_en}; the "
            "employer bears it."
        ),
        step=Step.DEPARTED,
        entry_kinds=("employer_borne",),
    ),
    Rule(
        code="fees.exempt_occupation_charged",
        severity=Severity.ERROR,
        title_id="Jabatan bebas biaya dikenai biaya",
        title_en="Exempt occupation charged",
        checks="anything is charged to a worker in one of the ten exempt occupations",
        legal_basis=(LegalBasis(UU, "Pasal 30"),),  # and the instrument of the entry used
        template_id=(
            "Jabatan {occupation} dibebaskan dari biaya penempatan, tetapi CPMI dibebani "
            "{component}{amount_id}{paid_id}."
        ),
        template_en=(
            "The occupation {occupation} is exempt from placement costs, but the worker paid "
            "{component} of {amount}{paid_en}."
        ),
        step=Step.DEPARTED,
        entry_kinds=("exempt_occupations",),
    ),
    Rule(
        code="fees.placement_loan",
        severity=Severity.ERROR,
        title_id="Pinjaman atau potongan gaji untuk biaya penempatan",
        title_en="Placement loan or deduction",
        checks="a loan or salary deduction imposed to pay placement costs",
        legal_basis=(LegalBasis(UU, "Pasal 30"),),  # and the instrument of the entry used
        template_id=(
            "Biaya {component} dibiayai dengan {financing}{paid_id}, padahal biaya penempatan "
            "tidak boleh dibiayai dengan pinjaman atau potongan gaji."
        ),
        template_en=(
            "The cost {component} is financed by {financing}{paid_en}, which is forbidden for "
            "placement costs."
        ),
        step=Step.DEPARTED,
        entry_kinds=("employer_borne",),
    ),
    # -- social_security -----------------------------------------------------------------
    Rule(
        code="social_security.not_enrolled",
        severity=Severity.ERROR,
        title_id="Tidak terdaftar jaminan sosial",
        title_en="Not enrolled in social security",
        checks="no active JKK+JKM membership when required",
        legal_basis=(LegalBasis(UU, "Pasal 5 huruf d"), LegalBasis("Permenaker 4/2023", "Pasal 7")),
        template_id=(
            "Pada {on}, belum ada kepesertaan BPJS Ketenagakerjaan (JKK dan JKM) yang aktif: "
            "{reason_id}."
        ),
        template_en="No active JKK and JKM membership on {on} ({reason_en}).",
    ),
    Rule(
        code="social_security.premium_before_placement_agreement",
        severity=Severity.WARNING,
        title_id="Iuran sebelum Perjanjian Penempatan",
        title_en="Premium before the placement agreement",
        checks="pre-work premium paid before the placement agreement",
        legal_basis=(LegalBasis("Permenaker 4/2023", "Pasal 19"),),
        template_id=(
            "Iuran sebelum bekerja dibayar {paid_on}, sebelum Perjanjian Penempatan "
            "ditandatangani ({signed_on})."
        ),
        template_en=(
            "The pre-work premium was paid on {paid_on}, before the placement agreement was "
            "signed ({signed_on})."
        ),
        step=Step.SOCIAL_SECURITY_ENROLLED,
    ),
    Rule(
        code="social_security.pre_work_cover_lapsed",
        severity=Severity.ERROR,
        title_id="Perlindungan sebelum bekerja berakhir",
        title_en="Pre-work cover lapsed",
        checks="departure more than 5 months after pre-work cover began",
        legal_basis=(LegalBasis("Permenaker 4/2023"),),
        template_id=(
            "Pemberangkatan pada {on} lebih dari {maximum_months} bulan setelah pelindungan "
            "sebelum bekerja dimulai ({cover_start}); CPMI wajib mendaftar dan membayar iuran "
            "ulang."
        ),
        template_en=(
            "Departure on {on} is more than {maximum_months} months after pre-work cover began "
            "({cover_start}); re-registration and a new premium are required."
        ),
        step=Step.DEPARTED,
        entry_kinds=("premiums",),
    ),
    Rule(
        code="social_security.cover_shorter_than_contract",
        severity=Severity.ERROR,
        title_id="Paket iuran lebih pendek dari PK",
        title_en="Cover shorter than the contract",
        checks="the paid package does not cover the PK length",
        legal_basis=(
            LegalBasis("Permenaker 4/2023", "Pasal 18"),
            LegalBasis("Permenaker 4/2023", "Pasal 20"),
        ),
        template_id=(
            "Iuran yang dibayar mencakup {paid_months} bulan, sedangkan jangka waktu Perjanjian "
            "Kerja {contract_months} bulan."
        ),
        template_en=(
            "The premiums paid cover {paid_months} months, but the employment contract runs "
            "{contract_months} months."
        ),
        step=Step.DEPARTED,
        entry_kinds=("premiums",),
    ),
    Rule(
        code="social_security.independent_registered_early",
        severity=Severity.WARNING,
        title_id="PMI perseorangan mendaftar terlalu awal",
        title_en="Independent PMI registered too early",
        checks="Perseorangan registered more than 1 month before departure",
        legal_basis=(LegalBasis("Permenaker 4/2023", "Pasal 10"),),
        template_id=(
            "PMI perseorangan terdaftar {cover_start}, lebih dari {maximum_months} bulan sebelum "
            "berangkat ({on})."
        ),
        template_en=(
            "The independent PMI registered on {cover_start}, more than {maximum_months} month(s)"
            " before departure ({on})."
        ),
        step=Step.DEPARTED,
        entry_kinds=("premiums",),
    ),
    # -- contract ------------------------------------------------------------------------
    Rule(
        code="contract.missing_terms",
        severity=Severity.ERROR,
        title_id="Isi Perjanjian Kerja tidak lengkap",
        title_en="Contract terms missing",
        checks="the PK lacks a Pasal 15(2) element",
        legal_basis=(LegalBasis(UU, "Pasal 15 ayat (2)"),),
        template_id="Perjanjian Kerja ({document}) belum memuat: {missing}.",
        template_en="Employment contract {document} lacks: {missing}.",
        step=Step.EMPLOYMENT_CONTRACT_SIGNED,
        entry_kinds=("contract_terms",),
    ),
    Rule(
        code="contract.position_mismatch",
        severity=Severity.ERROR,
        title_id="Jabatan berbeda dengan job order",
        title_en="Position differs from the job order",
        checks="the PK's position differs from the job order's",
        legal_basis=(
            LegalBasis(UU, "Pasal 19"),
            LegalBasis(UU, "Pasal 67"),
            LegalBasis(UU, "Pasal 82"),
        ),
        template_id=(
            "Jabatan dalam Perjanjian Kerja ({contract_position}) berbeda dengan job order "
            "({job_order_position})."
        ),
        template_en=(
            "The contract's position ({contract_position}) differs from the job order's "
            "({job_order_position})."
        ),
        step=Step.EMPLOYMENT_CONTRACT_SIGNED,
    ),
    Rule(
        code="contract.extension_outside_mission",
        severity=Severity.ERROR,
        title_id="Perpanjangan tidak di hadapan Perwakilan RI",
        title_en="Extension not before the mission",
        checks="an extension not executed before the Perwakilan RI",
        legal_basis=(LegalBasis(UU, "Pasal 17"),),
        template_id=(
            "Perpanjangan Perjanjian Kerja ({document}) ditandatangani di hadapan "
            "{signed_before}, padahal wajib di hadapan pejabat Perwakilan RI."
        ),
        template_en=(
            "Contract extension {document} was signed before {signed_before}, not the Indonesian "
            "mission."
        ),
        step=Step.CONTRACT_EXTENDED,
        entry_kinds=("extension_channel",),
    ),
    Rule(
        code="contract.extension_incomplete",
        severity=Severity.ERROR,
        title_id="Perpanjangan tidak lengkap",
        title_en="Extension incomplete",
        checks=(
            "extension without consent, with a new employer, or without extended social security"
        ),
        legal_basis=(
            LegalBasis("Perban BP2MI 1/2020"),
            LegalBasis("Permenaker 4/2023", "Pasal 20"),
        ),
        template_id="Perpanjangan Perjanjian Kerja tidak lengkap: {problem_id}.",
        template_en="The contract extension is incomplete: {problem_en}.",
        step=Step.CONTRACT_EXTENDED,
    ),
    # -- procedure -----------------------------------------------------------------------
    Rule(
        code="procedure.step_missing",
        severity=Severity.ERROR,
        title_id="Langkah terlewat",
        title_en="Step missing",
        checks="a step that must come before this one never happened",
        legal_basis=(LegalBasis("Permenaker 9/2019"), LegalBasis("Perban BP2MI 7/2022")),
        template_id=(
            'Langkah "{required_id}" wajib dilakukan sebelum langkah "{step_id}", tetapi belum '
            "tercatat."
        ),
        template_en="The step {required_en} must come before {step_en} but was never recorded.",
        entry_kinds=("ordering",),
    ),
    Rule(
        code="procedure.out_of_order",
        severity=Severity.ERROR,
        title_id="Urutan langkah salah",
        title_en="Steps out of order",
        checks="steps happened against a hard (error) or soft (warning) ordering constraint",
        legal_basis=(LegalBasis("Permenaker 9/2019"), LegalBasis("Perban BP2MI 7/2022")),
        template_id=(
            'Langkah "{before_id}" seharusnya dilakukan sebelum langkah "{after_id}" ({basis_id}).'
        ),
        template_en="The step {before_en} should come before {after_en} ({basis_en}).",
        entry_kinds=("ordering", "scheme_path"),
    ),
    Rule(
        code="procedure.after_exit",
        severity=Severity.ERROR,
        title_id="Langkah setelah kasus berakhir",
        title_en="Step after the case ended",
        checks="an event after the case has ended (withdrawn, failed, deceased...)",
        legal_basis=(),
        template_id='Langkah "{step_id}" dicatat setelah proses penempatan berakhir ({exit_id}).',
        template_en="The step {step_en} was recorded after the case ended ({exit_en}).",
    ),
    Rule(
        code="procedure.step_not_in_scheme",
        severity=Severity.ERROR,
        title_id="Langkah tidak dikenal dalam skema",
        title_en="Step not part of the scheme",
        checks=(
            "a step was recorded that the case's scheme does not have (for example a placement "
            "agreement for an independent PMI)"
        ),
        legal_basis=(LegalBasis("Permenaker 9/2019"), LegalBasis(UU, "Pasal 63")),
        template_id='Langkah "{step_id}" bukan bagian dari skema {scheme_id}.',
        template_en="The step {step_en} is not part of the {scheme_en} scheme.",
        entry_kinds=("scheme_path",),
    ),
    Rule(
        code="procedure.actor_not_authorized",
        severity=Severity.WARNING,
        title_id="Pencatat tidak berwenang",
        title_en="Recorder not authorised",
        checks="a step was recorded by a role that the policy does not allow to record it",
        legal_basis=(LegalBasis("Permenaker 9/2019"), LegalBasis("PP 59/2021")),
        template_id=(
            'Langkah "{step_id}" dicatat oleh {role}, padahal yang berwenang mencatatnya adalah '
            "{allowed}."
        ),
        template_en="The step {step_en} was recorded by {role}; allowed: {allowed}.",
        entry_kinds=("roles",),
    ),
    Rule(
        code="procedure.information_incomplete",
        severity=Severity.WARNING,
        title_id="Informasi tidak lengkap",
        title_en="Information incomplete",
        checks="the information sessions an applicant attended did not cover the required topics",
        legal_basis=(LegalBasis("PP 59/2021", "Pasal 4"),),
        template_id="Sosialisasi yang diikuti belum mencakup topik: {missing}.",
        template_en="The information sessions attended did not cover: {missing}.",
        step=Step.INFORMED,
        entry_kinds=("information_topics",),
    ),
    Rule(
        code="procedure.not_registered_abroad",
        severity=Severity.WARNING,
        title_id="Belum lapor diri di Perwakilan RI",
        title_en="Not registered at the mission",
        checks="no registration at the Perwakilan within the policy window after arrival",
        legal_basis=(LegalBasis(UU, "Pasal 21 ayat (1) huruf a"),),
        template_id=(
            "Berangkat pada {departed_on}, tetapi belum lapor diri di Perwakilan RI dalam "
            "{maximum_days} hari (per {on})."
        ),
        template_en=(
            "Departed on {departed_on} but not registered at the Indonesian mission within "
            "{maximum_days} days (as of {on})."
        ),
        step=Step.REGISTERED_ABROAD,
        entry_kinds=("parameter",),
    ),
    Rule(
        code="procedure.return_not_reported",
        severity=Severity.WARNING,
        title_id="Kepulangan tidak dilaporkan",
        title_en="Return not reported",
        checks="return not reported by the P3MI to the Perwakilan",
        legal_basis=(LegalBasis(UU, "Pasal 25"),),
        template_id="Kepulangan tidak dilaporkan oleh pelaksana penempatan kepada Perwakilan RI.",
        template_en=(
            "The return was not reported by the placement executor to the Indonesian mission."
        ),
        step=Step.ARRIVED_HOME,
    ),
    Rule(
        code="procedure.date_out_of_order",
        severity=Severity.ERROR,
        title_id="Tanggal langkah tidak runtut",
        title_en="Step dated out of order",
        checks=(
            "an event is dated after the day judged, or before the event it follows (a wrong "
            "date hides the real order of the steps)"
        ),
        legal_basis=(LegalBasis("integritas data", instrument_en="data integrity"),),
        template_id=(
            "Langkah {step_id} bertanggal {occurred_id}, {reason_id}. Periksa tanggal yang dicatat."
        ),
        template_en=(
            "The step {step_en} is dated {occurred_en}, {reason_en}. Check the recorded date."
        ),
        since="0.2.0",
    ),
    Rule(
        code="procedure.step_repeated",
        severity=Severity.ERROR,
        title_id="Langkah dicatat dua kali",
        title_en="Step recorded twice",
        checks="a step that happens once in a placement was recorded again",
        legal_basis=(LegalBasis("Permenaker 9/2019"), LegalBasis("Perban BP2MI 7/2022")),
        template_id=(
            "Langkah {step_id} sudah tercatat pada {previous_id}; "
            "langkah ini tidak dicatat dua kali."
        ),
        template_en=(
            "The step {step_en} was already recorded on {previous_en}; it is not recorded twice."
        ),
        since="0.2.0",
    ),
)

CATALOG: Mapping[str, Rule] = MappingProxyType({item.code: item for item in _RULES})
"""Every rule by code: the single source for the validators, the docs and the CLI."""


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(
    rule: Rule, values: Mapping[str, str], values_id: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """The rule's Indonesian and English messages over ``values`` (missing ones show ``?``).

    ``values_id`` gives the Indonesian words for the Indonesian message (the
    English values when omitted).
    """
    filled = _Values(values)
    filled_id = _Values(values_id) if values_id is not None else filled
    return rule.template_id.format_map(filled_id), rule.template_en.format_map(filled)


def rule(code: str) -> Rule:
    """The catalog entry for ``code`` (``KeyError`` naming it if unknown)."""
    try:
        return CATALOG[code]
    except KeyError:
        raise KeyError(f"unknown rule code {code!r}") from None


def rule_entries(item: Rule, entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """The policy entries a rule's findings may rest on: those of its ``entry_kinds``.

    >>> from pmi_workflow.policy import Policy
    >>> found = rule_entries(rule("destination.channel_required"), Policy.default().entries)
    >>> [(entry.id, entry.confirmed) for entry in found]
    [('channel/SA/spsk', False), ('channel/MY/ocs', True)]
    """
    kinds = set(item.entry_kinds)
    return tuple(entry for entry in entries if entry.kind in kinds)


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
