"""Who may see what: roles from the ID token's claims, by the rules of one access file.

The access file (TOML, its path the setting REGIE_ACCESS_FILE) lists rules in order; the first
rule whose claim matches gives the role, and for `lid` the member, for `analist` the members:

    contact = "het team Regie, regie@turfbrug.nl"   # whom a user without access should ask

    [[rule]]
    claim = "roles"                 # an ID-token claim: a string or a list of strings
    value = "Regie.Bestuur"         # matches when the claim is, or holds, this value
    role = "bestuur"

    [[rule]]
    claim = "email"
    domain = "kleidam.nl"           # matches an e-mail address in this domain
    role = "lid"
    municipality = "GM9003"

Roles: `bestuur` every member and page; `lid` its own municipality, the other members only in
the published comparisons; `analist` every table and download of its members (all when
`members` is not given); `beheer` imports, undo and the audit log, nothing more. Without sign-in
(no [auth] in secrets.toml) the demo role applies: everything, as a board member sees it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

ROLES = ("bestuur", "lid", "analist", "beheer")
DEMO = "demo"

# The pages each role sees (the file names under pages/); the demo sees them all.
DATA_PAGES = ("overzicht", "dienstverlening", "kosten", "leveranciers", "samen", "herijking", "gegevens", "vergadering")
PAGES = {
    "bestuur": DATA_PAGES,
    "lid": DATA_PAGES,
    "analist": DATA_PAGES,
    "beheer": ("beheer",),
    DEMO: (*DATA_PAGES, "beheer"),
}


# The published comparisons: queries that every scope runs on all members' rows. The members'
# figures side by side and their average (kpis.member_figures) are published too.
PUBLISHED = frozenset({"member_counts", "spend_by_member", "cost_key_alternatives", "sla_target"})


class AccessFileError(ValueError):
    """The access file cannot be used; the message names the file, the rule and what is wrong."""


@dataclass(frozen=True)
class Rule:
    claim: str
    role: str
    value: str | None = None
    domain: str | None = None
    municipality: str | None = None
    members: tuple[str, ...] | None = None

    def matches(self, claims: dict) -> bool:
        found = claims.get(self.claim)
        values = [str(v) for v in found] if isinstance(found, list | tuple) else [] if found is None else [str(found)]
        if self.domain is not None:
            return any(v.lower().endswith("@" + self.domain.lower()) for v in values)
        return self.value in values


@dataclass(frozen=True)
class Scope:
    """What one session may see: its role, the account (subject identifier, never a name) and
    the members whose rows it may read (None: every member)."""

    role: str
    subject: str = ""
    home: str | None = None
    members: tuple[str, ...] | None = None

    @property
    def signed_in(self) -> bool:
        return self.role != DEMO

    def pages(self) -> tuple[str, ...]:
        return PAGES[self.role]

    def may_read(self, member: str) -> bool:
        return self.members is None or member in self.members

    @property
    def may_import(self) -> bool:
        return self.role in ("beheer", DEMO)

    @property
    def key(self) -> tuple:
        """What the rows it reads depend on: a cache key."""
        return (self.members,)


OPEN = Scope(DEMO)


@dataclass(frozen=True)
class Access:
    rules: tuple[Rule, ...]
    contact: str = ""

    def scope(self, claims: dict) -> Scope | None:
        """The session's scope by the first matching rule; None when no rule matches."""
        subject = str(claims.get("sub", ""))
        for rule in self.rules:
            if rule.matches(claims):
                if rule.role == "lid":
                    return Scope("lid", subject, rule.municipality, (rule.municipality,))
                if rule.role == "analist":
                    return Scope("analist", subject, rule.members[0] if rule.members else None, rule.members)
                return Scope(rule.role, subject)
        return None


def load(path: Path) -> Access:
    """The access file's rules; AccessFileError naming the file, the rule and the problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AccessFileError(f"{path}: access file not found (setting REGIE_ACCESS_FILE)") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AccessFileError(f"{path}: not a readable TOML file: {error}") from None
    unknown = set(data) - {"contact", "rule"}
    if unknown:
        raise AccessFileError(f"{path}: unknown setting {', '.join(sorted(unknown))}; use contact and [[rule]]")
    rules = []
    for number, raw in enumerate(data.get("rule", []), start=1):
        rules.append(_rule(path, number, raw))
    return Access(tuple(rules), str(data.get("contact", "")))


def _rule(path: Path, number: int, raw: dict) -> Rule:
    where = f"{path}, rule {number}"
    keys = {"claim", "value", "domain", "role", "municipality", "members"}
    if set(raw) - keys:
        raise AccessFileError(
            f"{where}: unknown key {', '.join(sorted(set(raw) - keys))}; use {', '.join(sorted(keys))}"
        )
    if not isinstance(raw.get("claim"), str) or not raw["claim"]:
        raise AccessFileError(f"{where}: claim is missing (the ID-token claim to match, such as roles or email)")
    if ("value" in raw) == ("domain" in raw):
        raise AccessFileError(f"{where}: give either value or domain, not both or neither")
    role = raw.get("role")
    if role not in ROLES:
        raise AccessFileError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    municipality = raw.get("municipality")
    if role == "lid" and not municipality:
        raise AccessFileError(f"{where}: a lid rule needs municipality (its member's code, such as GM9003)")
    if role != "lid" and municipality:
        raise AccessFileError(f"{where}: municipality is for a lid rule; an analist rule takes members")
    members = raw.get("members")
    if members is not None and (role != "analist" or not members or not all(isinstance(m, str) for m in members)):
        raise AccessFileError(f"{where}: members is a non-empty list of member codes, for an analist rule only")
    return Rule(raw["claim"], role, raw.get("value"), raw.get("domain"), municipality,
                tuple(members) if members else None)  # fmt: skip
