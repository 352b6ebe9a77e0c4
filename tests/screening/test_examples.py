"""The example offers in ``examples/offers`` are screened as their README says."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from pmi_workflow.rules.registry import FileLicenceRegistry
from pmi_workflow.screening import parse_offers, screen_offer

FOLDER = Path(__file__).resolve().parents[2] / "examples" / "offers"


def test_the_example_offers_are_one_clean_and_one_red_flagged() -> None:
    offers = parse_offers(json.loads((FOLDER / "offers.json").read_text("utf-8"))["offers"])
    registry = FileLicenceRegistry.from_file(FOLDER / "registry.json")
    verdicts = [
        screen_offer(offer, on=datetime.date(2024, 5, 6), registry=registry).verdict
        for offer in offers
    ]
    assert verdicts == ["no_flags", "red_flags"]
