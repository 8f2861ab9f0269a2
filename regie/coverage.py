"""What the data cover, and so which periods have figures (product.md, "Coverage: no data is
not zero").

The data run from the first day of the first month with tickets or invoices up to and
including `data_until`. A period wholly outside that span has no figures: the command line
refuses it and the app does not offer it. A period that runs past `data_until` is cut there
(periods.Period.cut): every figure of it, and of its comparison periods, covers that part only.
Every figure is computed for a period clipped here; which members take part in a year is the
other half of coverage, and queries/member_counts.sql decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from regie import manifest
from regie.periods import Period, PeriodError, available, containing

KINDS = ("quarter", "month", "year")


@dataclass(frozen=True)
class Coverage:
    first: date  # the first day of the first month with data
    until: date  # the first day not covered: data_until + 1 day

    @classmethod
    def of(cls, body: dict | None) -> Coverage:
        """The coverage a manifest states."""
        first, until = manifest.span(body)
        return cls(first.replace(day=1), until)

    @property
    def last_day(self) -> date:
        return self.until - timedelta(days=1)

    def covers(self, period: Period) -> bool:
        """Whether the data cover part of the period (of its covered part, when it is cut)."""
        return period.start < self.until and period.end > self.first

    def clip(self, period: Period) -> Period | None:
        """The covered part of `period`, or None when the data cover none of it."""
        return period.cut_at(self.until) if self.covers(period) else None

    def offered(self) -> list[Period]:
        """The periods the app offers, newest first per kind: the one running now, cut at the
        data's end, and every complete one since the first month."""
        complete = available(self.first, self.until)
        result = []
        for kind in KINDS:
            current = containing(kind, self.last_day).cut_at(self.until)
            if current.partial:
                result.append(current)
            result += [p for p in complete if p.kind == kind]
        return result

    def refuse(self, text: str) -> Period:
        """The covered part of the period `text` names; PeriodError when malformed or not covered."""
        period = Period.parse(text)
        clipped = self.clip(period)
        if clipped is None:
            span = f"{self.first.isoformat()} up to and including {self.last_day.isoformat()}"
            raise PeriodError(f"no data for {period}: the data cover {span}")
        return clipped
