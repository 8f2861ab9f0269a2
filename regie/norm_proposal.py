"""A proposal of DVO norms: the norms in force, the changes to them, and the compact form a link carries.

A proposal holds only the norms that differ from those in force at the end of the chosen period
(queries/dvo_norms.sql). In the URL it is one value: the changed norms joined by "_", each
`<type><priority>-<response minutes>-<resolution minutes>-<clock>-<target %>`, the type and clock
by their first letter, e.g. `i3-240-1620-b-90` (incident priority 3: response 240 minutes,
resolution 1,620 on the business clock, target 90%).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pandas as pd

from regie import i18n, labels

TYPES = {"i": "incident", "r": "request", "c": "change"}
CLOCKS = {"b": "business", "c": "calendar"}
MAX_MINUTES = 525_600  # a year on the calendar clock: a norm beyond it is a typing error
_ENTRY = re.compile(r"([irc])([1-4])-(\d{1,6})-(\d{1,6})-([bc])-(\d{1,3}(?:\.\d{1,2})?)")


class ProposalError(ValueError):
    """A proposal that cannot be used: the message says which norm and which rule (in English; `text`
    says it in the UI's language)."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        shown = {"measure": lambda v: labels.show(labels.MEASURES, v, lang).lower(),
                 "type": lambda v: labels.show(labels.TICKET_TYPES, v, lang),
                 "most": lambda v: i18n.number(v, 0, lang)}  # fmt: skip
        values = {k: shown.get(k, str)(v) for k, v in self.values.items()}
        return labels.show(labels.PROPOSAL_ERRORS, self.key, lang, **values)


@dataclass(frozen=True)
class Norm:
    ticket_type: str
    priority: int
    response_minutes: int
    resolution_minutes: int
    clock: str
    target_pct: Decimal

    @property
    def key(self) -> tuple[str, int]:
        return self.ticket_type, self.priority

    def code(self) -> str:
        letter = {v: k for k, v in TYPES.items()}[self.ticket_type]
        clock = {v: k for k, v in CLOCKS.items()}[self.clock]
        target = format(self.target_pct.normalize(), "f")
        return f"{letter}{self.priority}-{self.response_minutes}-{self.resolution_minutes}-{clock}-{target}"

    def check(self) -> None:
        """Raise ProposalError when a value breaks the contract's rules for sla_norms."""
        name = {"type": self.ticket_type, "priority": self.priority}
        for label, minutes in (("response", self.response_minutes), ("resolution", self.resolution_minutes)):
            if not 0 < minutes <= MAX_MINUTES:
                raise ProposalError("minutes", **name, measure=label, most=MAX_MINUTES)
        if self.clock not in CLOCKS.values():
            raise ProposalError("clock", **name)
        if not Decimal(0) < self.target_pct <= Decimal(100) or self.target_pct != round(self.target_pct, 2):
            raise ProposalError("target", **name)

    def param(self) -> dict:
        return {
            "ticket_type": self.ticket_type,
            "priority": self.priority,
            "response_minutes": self.response_minutes,
            "resolution_minutes": self.resolution_minutes,
            "clock": self.clock,
            "target_pct": self.target_pct,
        }


def _norm(row, prefix: str = "") -> Norm:
    """The norm in a dvo_norms row: the one in force, or with prefix "previous_" the one before it."""
    return Norm(
        row.ticket_type,
        int(row.priority),
        int(getattr(row, f"{prefix}response_minutes")),
        int(getattr(row, f"{prefix}resolution_minutes")),
        getattr(row, f"{prefix}clock"),
        Decimal(str(getattr(row, f"{prefix}target_pct"))).quantize(Decimal("0.01")),
    )


def in_force(frame: pd.DataFrame) -> list[Norm]:
    """The norms of a dvo_norms result."""
    return [_norm(r) for r in frame.itertuples()]


def changed_during(frame: pd.DataFrame) -> list[tuple[Norm, date]]:
    """The norms of a dvo_norms result that took effect inside its period: the norm before each, and the day."""
    return [
        (_norm(r, "previous_"), r.valid_from.date() if hasattr(r.valid_from, "date") else r.valid_from)
        for r in frame.itertuples()
        if r.changed_in_period
    ]


def decode(text: str, current: list[Norm]) -> list[Norm]:
    """The changed norms a link's value holds, checked against the norms in force; raises ProposalError."""
    known = {n.key: n for n in current}
    changed: dict[tuple[str, int], Norm] = {}
    for part in text.strip().lower().split("_") if text and text.strip() else []:
        found = _ENTRY.fullmatch(part)
        if not found:
            raise ProposalError("form", part=part)
        letter, priority, response, resolution, clock, target = found.groups()
        norm = Norm(TYPES[letter], int(priority), int(response), int(resolution), CLOCKS[clock], Decimal(target))
        if norm.key not in known:
            raise ProposalError("unknown", part=part, type=norm.ticket_type, priority=norm.priority)
        if norm.key in changed:
            raise ProposalError("twice", part=part, type=norm.ticket_type, priority=norm.priority)
        norm.check()
        if norm != known[norm.key]:
            changed[norm.key] = norm
    return [changed[n.key] for n in current if n.key in changed]


def encode(changed: list[Norm]) -> str:
    return "_".join(n.code() for n in changed)


def apply(current: list[Norm], changed: list[Norm]) -> list[Norm]:
    """The norms of the proposal: those in force with the changed ones in their place."""
    by_key = {n.key: n for n in changed}
    return [by_key.get(n.key, n) for n in current]


def changes(current: list[Norm], proposed: list[Norm]) -> list[Norm]:
    """The proposed norms that differ from those in force (in the order of the norms in force)."""
    return [p for n, p in zip(current, proposed, strict=True) if p != n]


def with_values(norm: Norm, response_minutes: int, resolution_minutes: int, clock: str, target_pct: Decimal) -> Norm:
    """The norm with edited values (a ProposalError when they break a rule)."""
    edited = replace(
        norm,
        response_minutes=int(response_minutes),
        resolution_minutes=int(resolution_minutes),
        clock=clock,
        target_pct=target_pct.quantize(Decimal("0.01")),
    )
    edited.check()
    return edited


EDITOR_COLUMNS = ("ticket_type", "priority", "clock", "response_hours", "resolution_hours", "target_pct")
# A number as typed in the editor: a decimal comma or point, no thousands separator ("2,5" is two and a
# half hours, never 25).
TYPED = re.compile(r"\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*")


def typed_text(value: float | Decimal, lang: str) -> str:
    """A number as the editor shows it: '2', '0,25', '92,5' (decimal point in English)."""
    text = format(Decimal(str(value)).quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", ",") if lang == "nl" else text


def typed_number(text: object) -> Decimal | None:
    """The number a cell holds, or None when it is not one (see TYPED)."""
    found = TYPED.fullmatch(str(text)) if text is not None and not pd.isna(text) else None
    if not found:
        return None
    whole, fraction = found.groups()
    return Decimal(f"{whole}.{fraction or 0}")


def to_frame(norms: list[Norm], lang: str = i18n.DEFAULT) -> pd.DataFrame:
    """The norms as the editor shows them: the type by its name, times in hours on the norm's clock and
    the target in %, as text in the language's way (the grid's own number cells read a comma as a
    thousands separator)."""
    return pd.DataFrame(
        [
            (
                labels.show(labels.TICKET_TYPES, n.ticket_type, lang),
                n.priority,
                n.clock,
                typed_text(Decimal(n.response_minutes) / 60, lang),
                typed_text(Decimal(n.resolution_minutes) / 60, lang),
                typed_text(n.target_pct, lang),
            )
            for n in norms
        ],
        columns=list(EDITOR_COLUMNS),
    )


def from_frame(frame: pd.DataFrame, base: list[Norm]) -> tuple[list[Norm], list[ProposalError]]:
    """The norms an edited table holds (row for row with `base`), and why a row was not taken: a row
    whose values break a rule keeps its values from `base`."""
    norms, problems = [], []
    for norm, row in zip(base, frame.itertuples(), strict=True):
        try:
            numbers = [typed_number(v) for v in (row.response_hours, row.resolution_hours, row.target_pct)]
            if any(v is None for v in numbers) or row.clock not in CLOCKS.values():
                raise ProposalError("missing", type=norm.ticket_type, priority=norm.priority)
            response, resolution, target = numbers
            norms.append(with_values(norm, round(response * 60), round(resolution * 60), row.clock, target))
        except ProposalError as problem:
            norms.append(norm)
            problems.append(problem)
    return norms, problems
