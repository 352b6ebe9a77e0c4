"""District reports: information sessions, the placement funnel and audit outcomes per regency."""

from pmi_workflow.reports.district import (
    Auditor,
    AuditOutcome,
    Breakdown,
    BreakdownRow,
    CaseLine,
    DistrictReport,
    FindingCount,
    FunnelStage,
    Outcomes,
    Period,
    RegionSource,
    SessionSummary,
    build_district_report,
    case_regency_code,
    null_auditor,
    rules_auditor,
)

__all__ = [
    "AuditOutcome",
    "Auditor",
    "Breakdown",
    "BreakdownRow",
    "CaseLine",
    "DistrictReport",
    "FindingCount",
    "FunnelStage",
    "Outcomes",
    "Period",
    "RegionSource",
    "SessionSummary",
    "build_district_report",
    "case_regency_code",
    "null_auditor",
    "rules_auditor",
]
