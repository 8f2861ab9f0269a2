"""What an import reports: problems with their place in the source, and the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field

from regie import labels
from regie.i18n import number, t, tn

SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One reason to refuse an import: where (file, row or XML element, column), the value and the rule.

    The rule is a key of the translation table with its values, so the command line says it
    in English and the dashboard in the user's language.
    """

    file: str
    row: str
    column: str
    value: str
    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, file: str, row: str, column: str, value: object, key: str, **values: object) -> Problem:
        return cls(str(file), str(row), str(column), "" if value is None else str(value), key, tuple(values.items()))

    def rule(self, lang: str = "en") -> str:
        return labels.show(labels.RULES, self.key, lang, **dict(self.values))

    def line(self, lang: str = "en") -> str:
        value = f": value '{self.value}'" if self.value else ""
        return f"{self.file}, row {self.row}, column {self.column}{value}: {self.rule(lang)}"


class ImportFailed(Exception):
    """The import was refused; nothing was written."""

    def __init__(
        self,
        problems: list[Problem],
        read: int = 0,
        rejected: int | None = None,
        total: int | None = None,
        counts: list[tuple[str, str, dict, int]] | None = None,
    ):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
        self.total = max(total or 0, len(problems))
        self.read = read
        # Rows refused; a problem of a whole file (row '-', such as a missing file) refuses no row.
        self.rejected = len({(p.file, p.row) for p in problems if p.row != "-"}) if rejected is None else rejected
        self.counts = counts or []  # (column, rule key, its values, rows): every rule broken, counted

    def tally(self, lang: str = "en") -> list[str]:
        """One line per column and rule broken, with the number of rows: '5,998 rows: opened_at: ...'."""
        return [
            tn("{count} row: {column}: {rule}", "{count} rows: {column}: {rule}", lang, n=count,
               count=number(count, 0, lang), column=column, rule=labels.show(labels.RULES, key, lang, **values))
            for column, key, values, count in self.counts
        ]  # fmt: skip

    def report(self) -> str:
        lines = [f"Import refused: {self.total:,} {'problem' if self.total == 1 else 'problems'}."]
        if any(count > 1 for *_, count in self.counts):  # the listing alone would not say how many
            lines += [f"  {line}" for line in self.tally()]
            lines.append("The first, in source order:")
        lines += [f"  {p.line()}" for p in self.problems[:SHOWN]]
        if self.total > SHOWN:
            lines.append(f"  ... and {self.total - SHOWN:,} more.")
        lines.append(
            f"Rows read: {self.read:,}; rejected: {self.rejected:,}. Nothing was written; the data are as they were."
        )
        return "\n".join(lines)


@dataclass
class Outcome:
    """A finished (or, with dry_run, a checked) import."""

    table: str
    files: list[str]
    read: int
    kept: int  # after taking the latest row per key of an event log
    written: int  # new or changed rows
    replaced: int  # of those, rows whose key was already there
    unchanged: int
    total: int  # rows in the table afterwards
    dropped_columns: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (translation key, values)
    committed: bool = False
    personal_columns: list[str] = field(default_factory=list)  # not imported: their names say personal data

    def report(self) -> str:
        changed = self.written or self.replaced
        verb = "Imported" if self.committed else "Checked, not written" if changed else "Nothing changed"
        # A check writes nothing: it says what the import would write.
        written, holds = ("written", "now holds") if self.committed or not changed else ("to write", "would hold")
        lines = [
            f"{verb}: {self.table} from {', '.join(self.files)}.",
            f"  rows read {self.read:,}; after latest-per-key {self.kept:,}; {written} {self.written:,} "
            f"(of which replaced {self.replaced:,}); unchanged {self.unchanged:,}; rejected 0.",
            f"  {self.table} {holds} {self.total:,} {'row' if self.total == 1 else 'rows'}.",
        ]
        if self.personal_columns:
            personal = ", ".join(self.personal_columns)
            lines.append("  " + t("Columns not imported (personal data or free text, never stored): {columns}.", "en",
                                  columns=personal))  # fmt: skip
        if self.dropped_columns:
            dropped = ", ".join(self.dropped_columns)
            lines.append("  " + t("Columns not imported (not in the data contract): {columns}.", "en", columns=dropped))
        lines += [f"  {labels.show(labels.NOTES, key, 'en', **values)}" for key, values in self.notes]
        return "\n".join(lines)
