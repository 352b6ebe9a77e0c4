"""Identifiers: NIK, passport numbers, NPWP and ISO country codes.

Each module has the same small API as python-stdnum (``compact``,
``validate``, ``is_valid``, ``format``) and a pydantic type.
"""

from pmi_workflow.identifiers import country, nik, npwp, passport
from pmi_workflow.identifiers.country import CountryCode
from pmi_workflow.identifiers.nik import InvalidNikError, Nik
from pmi_workflow.identifiers.npwp import Npwp
from pmi_workflow.identifiers.passport import PassportNumber

__all__ = [
    "CountryCode",
    "InvalidNikError",
    "Nik",
    "Npwp",
    "PassportNumber",
    "country",
    "nik",
    "npwp",
    "passport",
]
