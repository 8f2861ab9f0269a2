"""Sign-in's rules: roles from ID-token claims by the access file."""

from __future__ import annotations

import pytest

from regie import access

ACCESS = """
contact = "het team Regie, regie@turfbrug.nl"

[[rule]]
claim = "roles"
value = "Regie.Bestuur"
role = "bestuur"

[[rule]]
claim = "email"
domain = "kleidam.nl"
role = "lid"
municipality = "GM9003"

[[rule]]
claim = "groups"
value = "analisten"
role = "analist"
members = ["GM9001", "GM9002"]

[[rule]]
claim = "roles"
value = "Regie.Beheer"
role = "beheer"
"""


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "access.toml"
    path.write_text(ACCESS, encoding="utf-8")
    return access.load(path)


def test_the_first_matching_rule_gives_the_role_and_its_members(rules):
    assert rules.contact == "het team Regie, regie@turfbrug.nl"
    board = rules.scope({"sub": "s-1", "roles": ["Regie.Beheer", "Regie.Bestuur"]})
    assert board == access.Scope("bestuur", "s-1")  # the board's rule comes first
    assert rules.scope({"sub": "s-2", "email": "j.jansen@Kleidam.NL"}) == access.Scope(
        "lid", "s-2", "GM9003", ("GM9003",)
    )
    assert rules.scope({"sub": "s-3", "groups": ["x", "analisten"]}) == access.Scope(
        "analist", "s-3", "GM9001", ("GM9001", "GM9002")
    )
    assert rules.scope({"sub": "s-4", "roles": "Regie.Beheer"}).pages() == ("beheer",)


def test_a_user_whom_no_rule_matches_has_no_scope(rules):
    assert rules.scope({"sub": "s-5", "email": "iemand@kleidam.nl.example.com"}) is None
    assert rules.scope({"sub": "s-6", "roles": ["Regie.Bestuurder"]}) is None
    assert rules.scope({"sub": "s-7"}) is None


def test_what_each_role_may_do():
    lid = access.Scope("lid", "s", "GM9003", ("GM9003",))
    assert (lid.may_read("GM9003"), lid.may_read("GM9001"), lid.may_import) == (True, False, False)
    assert "beheer" not in lid.pages() and "gegevens" in lid.pages()
    assert access.Scope("beheer", "s").may_import and access.OPEN.may_import
    assert not access.OPEN.signed_in and access.OPEN.members is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nclaim = "roles"\nvalue = "x"\nrole = "koning"\n',
         "rule 1: role 'koning' is not one of bestuur, lid, analist, beheer"),
        ('[[rule]]\nclaim = "roles"\nvalue = "x"\nrole = "lid"\n',
         "rule 1: a lid rule needs municipality (its member's code, such as GM9003)"),
        ('[[rule]]\nclaim = "roles"\nrole = "bestuur"\n', "rule 1: give either value or domain, not both or neither"),
        ('[[rule]]\nvalue = "x"\nrole = "bestuur"\n',
         "rule 1: claim is missing (the ID-token claim to match, such as roles or email)"),
        ('[[rule]]\nclaim = "roles"\nvalue = "x"\nrole = "bestuur"\ngemeente = "GM9001"\n',
         "rule 1: unknown key gemeente; use claim, domain, members, municipality, role, value"),
        ('[[rule]]\nclaim = "roles"\nvalue = "x"\nrole = "lid"\nmunicipality = "GM9003"\nmembers = ["GM9001"]\n',
         "rule 1: members is a non-empty list of member codes, for an analist rule only"),
        ("regels = 1\n", "unknown setting regels; use contact and [[rule]]"),
        ("[[rule]\n", "not a readable TOML file"),
    ],
)  # fmt: skip
def test_a_broken_access_file_is_named_with_the_rule_and_the_problem(tmp_path, text, message):
    path = tmp_path / "access.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(access.AccessFileError) as caught:
        access.load(path)
    assert str(caught.value).startswith(f"{path}: {message}" if "rule 1" not in message else f"{path}, {message}")


def test_a_missing_access_file_is_named(tmp_path):
    with pytest.raises(access.AccessFileError, match="access file not found \\(setting REGIE_ACCESS_FILE\\)"):
        access.load(tmp_path / "nothere.toml")
