"""Placement costs as a ledger: each item with its component, amount and payer.

>>> item = CostItem(component="departure_ticket", amount="4500000", paid_by="employer")
>>> item.money
Money(amount=Decimal('4500000'), currency='IDR')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from pmi_workflow.dates import LenientDate
from pmi_workflow.domain.base import CurrencyCode, Money, Record
from pmi_workflow.enums import CostComponent, Financing, Payer

__all__ = ["CostItem"]


class CostItem(Record):
    """One line of the placement-cost ledger."""

    component: CostComponent
    amount: Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, allow_inf_nan=False)]
    currency: CurrencyCode = "IDR"
    paid_by: Payer
    financing: Financing = Financing.CASH
    paid_on: LenientDate | None = None
    description: Annotated[str, Field(max_length=300)] | None = None

    @property
    def money(self) -> Money:
        """Amount and currency as :class:`Money`."""
        return Money(amount=self.amount, currency=self.currency)
