"""Hypothesis strategies: NIKs, dossiers and event histories, valid and broken.

Requires the ``hypothesis`` package (the ``testing`` extra).

>>> from hypothesis import given
>>> from pmi_workflow.identifiers import nik
>>> @given(niks())
... def check(number):
...     assert nik.is_valid(number)
>>> check()
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from pmi_workflow.domain import Case, parse_case
from pmi_workflow.enums import ActorRole, Step
from pmi_workflow.samples import PROCEDURAL_SCHEMES
from pmi_workflow.testing.factories import case_data, synthetic_nik

__all__ = [
    "broken_histories",
    "cases",
    "invalid_niks",
    "niks",
    "procedural_cases",
]

# Regions python-stdnum knows (province + regency), with made-up districts.
_REGIONS = ("360312", "320101", "317101", "330201", "350101", "520101", "530101", "120101")


@st.composite
def niks(
    draw: st.DrawFn,
    *,
    min_birth: datetime.date = datetime.date(1960, 1, 1),
    max_birth: datetime.date = datetime.date(2008, 12, 31),
) -> str:
    """Valid-in-form NIKs of made-up people born between the two dates."""
    born = draw(st.dates(min_value=min_birth, max_value=max_birth))
    return synthetic_nik(
        born,
        female=draw(st.booleans()),
        region=draw(st.sampled_from(_REGIONS)),
        serial=draw(st.integers(min_value=1, max_value=9999)),
    )


@st.composite
def invalid_niks(draw: st.DrawFn) -> str:
    """Strings that are not valid NIKs: wrong length, letters, impossible dates, bad regions."""
    kind = draw(st.sampled_from(["length", "letters", "date", "region", "day"]))
    valid = draw(niks())
    if kind == "length":
        cut = draw(st.integers(min_value=0, max_value=15))
        extra = draw(st.text("0123456789", min_size=1, max_size=4))
        return valid[:cut] if draw(st.booleans()) else valid + extra
    if kind == "letters":
        position = draw(st.integers(min_value=0, max_value=15))
        letter = draw(st.sampled_from("ABCXYZ"))
        return valid[:position] + letter + valid[position + 1 :]
    if kind == "date":
        month = draw(st.integers(min_value=13, max_value=99))
        return valid[:8] + f"{month:02d}" + valid[10:]
    if kind == "day":
        day = draw(st.sampled_from([0, 32, 35, 40, 72, 80, 85, 99]))
        return valid[:6] + f"{day:02d}" + valid[8:]
    return "99" + valid[2:]


def procedural_cases(scheme: str | None = None) -> st.SearchStrategy[Case]:
    """Procedural cases of one scheme (or any), complete or cut at any step of their history."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        chosen = scheme or draw(st.sampled_from(PROCEDURAL_SCHEMES))
        full = case_data(chosen)
        steps = [event["step"] for event in full["history"]]
        step = draw(st.sampled_from([None, *steps]))
        return parse_case(case_data(chosen, step))

    return build()


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Cases with varied applicants: valid records, not necessarily procedural ones."""
    scheme = draw(st.sampled_from(PROCEDURAL_SCHEMES))
    born = draw(st.dates(min_value=datetime.date(1955, 1, 1), max_value=datetime.date(2010, 1, 1)))
    female = draw(st.booleans())
    data = case_data(
        scheme,
        applicant__nik=synthetic_nik(born, female=female),
        applicant__birth_date=born.isoformat(),
        applicant__sex="female" if female else "male",
    )
    return parse_case(data)


_BREAKS = ("drop", "swap", "after_exit", "wrong_role", "backdate")


@st.composite
def broken_histories(draw: st.DrawFn, scheme: str | None = None) -> tuple[str, Case]:
    """A procedural case whose history was deliberately broken, with the kind of break.

    Kinds: ``drop`` (a step removed), ``swap`` (two steps exchanged),
    ``after_exit`` (a step after withdrawal), ``wrong_role`` (recorded by a
    role not allowed for it), ``backdate`` (departure dated before OPP).
    """
    chosen = scheme or draw(st.sampled_from(PROCEDURAL_SCHEMES))
    data = case_data(chosen)
    history: list[dict[str, Any]] = data["history"]
    kind = draw(st.sampled_from(_BREAKS))
    if kind == "drop":
        index = draw(st.integers(min_value=0, max_value=len(history) - 2))
        del history[index]
    elif kind == "swap":
        index = draw(st.integers(min_value=0, max_value=len(history) - 2))
        first, second = history[index], history[index + 1]
        first["step"], second["step"] = second["step"], first["step"]
        first["evidence"], second["evidence"] = second["evidence"], first["evidence"]
    elif kind == "after_exit":
        index = draw(st.integers(min_value=1, max_value=len(history) - 1))
        exit_event = dict(history[index - 1], step=Step.WITHDRAWN.value, evidence=[])
        history.insert(index, exit_event)
    elif kind == "wrong_role":
        index = draw(st.integers(min_value=0, max_value=len(history) - 1))
        history[index]["actor"] = {
            "role": ActorRole.EMPLOYER.value
            if history[index]["step"] in ("informed", "registered")
            else ActorRole.APPLICANT.value
        }
    else:
        steps = [event["step"] for event in history]
        departure = history[steps.index("departed")]
        departure["occurred_at"] = "2000-01-01T09:00:00+07:00"
    for sequence, event in enumerate(history, start=1):
        event["sequence"] = sequence
        event["event_id"] = f"00000000-0000-4000-8000-{sequence:012d}"
    return kind, parse_case(data)
