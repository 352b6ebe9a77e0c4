"""Occupations (jabatan): a stable code with Indonesian and English labels.

A case names its occupation by code (``"housekeeper"``) or gives a full
:class:`Occupation` for one the catalog does not know.

>>> occupation("housekeeper").label_id
'Pengurus rumah tangga'
>>> occupation("fishing_crew").seafarer
True
>>> Occupation.model_validate("caregiver").domestic
True
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from pmi_workflow.domain.base import Record

__all__ = ["OCCUPATIONS", "Occupation", "occupation"]

OccupationCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")]


class Occupation(Record):
    """An occupation (jabatan).

    ``domestic`` marks household work (PLRT), ``seafarer`` merchant or
    fishing crew (PP 22/2022), ``fishing_crew`` migrant fishing crew.
    """

    code: OccupationCode
    label_id: Annotated[str, Field(min_length=1, max_length=200)]
    label_en: Annotated[str, Field(min_length=1, max_length=200)]
    domestic: bool = False
    seafarer: bool = False
    fishing_crew: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_code(cls, value: Any) -> Any:
        if isinstance(value, str):
            known = _catalog_data().get(value.strip())
            if known is None:
                raise PydanticCustomError(
                    "occupation",
                    "unknown occupation code (give a full occupation with code and labels, "
                    "or one of the catalog's codes)",
                )
            return known
        if isinstance(value, dict) and set(value) == {"code"} and isinstance(value["code"], str):
            return _catalog_data().get(value["code"], value)
        return value


def _o(code: str, label_id: str, label_en: str, **flags: bool) -> Occupation:
    # Trusted constants: constructed without validation, so that importing the catalog
    # does not build the model's validator (a test validates every entry).
    return Occupation.model_construct(
        code=code,
        label_id=label_id,
        label_en=label_en,
        domestic=flags.get("domestic", False),
        seafarer=flags.get("seafarer", False),
        fishing_crew=flags.get("fishing_crew", False),
    )


OCCUPATIONS: Mapping[str, Occupation] = MappingProxyType(
    {
        o.code: o
        for o in (
            _o("housekeeper", "Pengurus rumah tangga", "Housekeeper", domestic=True),
            _o("baby_sitter", "Pengasuh bayi", "Baby sitter", domestic=True),
            _o("elderly_caretaker", "Pengasuh lanjut usia", "Elderly caretaker", domestic=True),
            _o("cook", "Juru masak", "Cook", domestic=True),
            _o("family_driver", "Sopir keluarga", "Family driver", domestic=True),
            _o("gardener", "Perawat taman", "Gardener", domestic=True),
            _o("child_carer", "Pengasuh anak", "Child carer", domestic=True),
            _o(
                "caregiver",
                "Perawat (caregiver) rumah tangga",
                "Household caregiver",
                domestic=True,
            ),
            _o("cleaner", "Petugas kebersihan", "Cleaner"),
            _o("plantation_worker", "Petugas ladang/perkebunan", "Farm or plantation worker"),
            _o(
                "fishing_crew",
                "Awak kapal perikanan migran",
                "Migrant fishing crew",
                seafarer=True,
                fishing_crew=True,
            ),
            _o("merchant_crew", "Awak kapal niaga migran", "Migrant merchant crew", seafarer=True),
            _o("factory_operator", "Operator produksi", "Factory operator"),
            _o("construction_worker", "Pekerja konstruksi", "Construction worker"),
            _o("welder", "Juru las", "Welder"),
            _o("nurse", "Perawat", "Nurse"),
            _o("hospitality_worker", "Pekerja perhotelan", "Hospitality worker"),
            _o("care_worker", "Careworker (kaigo)", "Care worker (institutional)"),
            _o("agricultural_worker", "Pekerja pertanian", "Agricultural worker"),
            _o("engineer", "Insinyur", "Engineer"),
        )
    }
)
"""The occupations the library knows by code (read-only: parsing, labels and the schema all read
this one catalog). The ten zero-cost occupations are among them. An occupation outside it is
given in full, with its code and labels."""


@lru_cache(maxsize=1)
def _catalog_data() -> dict[str, dict[str, Any]]:
    # The catalog entries as field values, dumped once (the validator only reads them).
    return {code: known.model_dump() for code, known in OCCUPATIONS.items()}


def occupation(code: str) -> Occupation:
    """The catalog occupation with this code (``KeyError`` names it if unknown)."""
    try:
        return OCCUPATIONS[code]
    except KeyError:
        raise KeyError(f"unknown occupation code {code!r}") from None
