"""UBL e-invoices: hand-worked documents, credit notes, allowances, currencies and unsafe XML."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from regie.importing import ImportFailed, run_import
from regie.importing.ubl import spread
from tests.importing.files import base, fingerprint, rows

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0</cbc:CustomizationID>
<cbc:ID>{number}</cbc:ID><cbc:IssueDate>2025-02-03</cbc:IssueDate>
<cbc:DocumentCurrencyCode>{currency}</cbc:DocumentCurrencyCode>{extra}
<cac:InvoicePeriod><cbc:StartDate>2025-01-01</cbc:StartDate><cbc:EndDate>2025-01-31</cbc:EndDate></cac:InvoicePeriod>
{contract}
<cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="EM">factuur@bel.nl</cbc:EndpointID>
<cac:PartyLegalEntity><cbc:RegistrationName>Bel BV</cbc:RegistrationName>
<cbc:CompanyID schemeID="0106">12345678</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
<cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="0190">00000001001234567000</cbc:EndpointID>
</cac:Party></cac:AccountingCustomerParty>
"""


def line(tag: str, number: int, amount: str, percent: str) -> str:
    return (
        f"<cac:{tag}><cbc:ID>{number}</cbc:ID><cbc:LineExtensionAmount>{amount}</cbc:LineExtensionAmount>"
        f"<cac:Item><cbc:Name>abonnement</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>"
        f"<cbc:Percent>{percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
        f"</cac:ClassifiedTaxCategory></cac:Item></cac:{tag}>"
    )


def subtotal(taxable: str, tax: str, percent: str) -> str:
    return (
        f"<cac:TaxSubtotal><cbc:TaxableAmount>{taxable}</cbc:TaxableAmount><cbc:TaxAmount>{tax}</cbc:TaxAmount>"
        f"<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{percent}</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal>"
    )


def document(root="Invoice", number="F-1", currency="EUR", extra="", contract="C-TEL", body="") -> str:
    reference = f"<cac:ContractDocumentReference><cbc:ID>{contract}</cbc:ID></cac:ContractDocumentReference>"
    head = HEAD.format(root=root, number=number, currency=currency, extra=extra, contract=reference if contract else "")
    return head + body + f"</{root}>"


# F-1: three lines (100.00 and 33.33 at 21%, 50.00 at 9%) and a document allowance of 10.00 at 21%.
# TaxExclusiveAmount 173.33. VAT 21% on 123.33 is 25.90, divided by largest remainder in proportion
# to 100.00 / 33.33 / -10.00: 2100.05 / 699.95 / -210.01 cents, floors 2100 / 699 / -211 (2588),
# the 2 cents left go to the largest remainders (-210.01 and 699.95): 21.00 / 7.00 / -2.10.
INVOICE = document(body=(
    "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount>10.00</cbc:Amount>"
    "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent></cac:TaxCategory></cac:AllowanceCharge>"
    "<cac:TaxTotal><cbc:TaxAmount>30.40</cbc:TaxAmount>" + subtotal("123.33", "25.90", "21")
    + subtotal("50.00", "4.50", "9") + "</cac:TaxTotal>"
    "<cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount>173.33</cbc:TaxExclusiveAmount></cac:LegalMonetaryTotal>"
    + line("InvoiceLine", 1, "100.00", "21") + line("InvoiceLine", 2, "33.33", "21")
    + line("InvoiceLine", 3, "50.00", "9")
))  # fmt: skip
# CN-1: a credit note of 40.00 + 8.40 VAT without a known contract: stored negative, category and route by default.
CREDIT = document(root="CreditNote", number="CN-1", contract="", body=(
    "<cac:TaxTotal><cbc:TaxAmount>8.40</cbc:TaxAmount>" + subtotal("40.00", "8.40", "21") + "</cac:TaxTotal>"
    "<cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount>40.00</cbc:TaxExclusiveAmount></cac:LegalMonetaryTotal>"
    + line("CreditNoteLine", 1, "40.00", "21")
))  # fmt: skip
SUPPLIER = ("12345678", "Bel BV")


@pytest.fixture
def data_dir(tmp_path):
    return base(tmp_path / "data")


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_spread_by_largest_remainder():
    assert spread(2590, [Decimal("100.00"), Decimal("33.33"), Decimal("-10.00")]) == [2100, 700, -210]
    assert spread(100, [Decimal(1)] * 3) == [34, 33, 33]


def test_a_folder_of_invoices_and_credit_notes(tmp_path, data_dir):
    write(tmp_path / "in", "f1.xml", INVOICE)
    write(tmp_path / "in", "cn1.xml", CREDIT)
    outcome = run_import("invoices", [tmp_path / "in"], data_dir, municipality="GM9001")
    assert (outcome.read, outcome.written, outcome.dropped_columns) == (5, 5, [])  # buyer_id: for a mapping
    same = (*SUPPLIER, "C-TEL", "GM9001", date(2025, 2, 3), date(2025, 1, 1), date(2025, 1, 31), "telephony",
            "collective")  # fmt: skip
    other = (*SUPPLIER, None, "GM9001", date(2025, 2, 3), date(2025, 1, 1), date(2025, 1, 31), "other", "own")
    assert rows(data_dir, "invoices") == [
        ("12345678/F-1", 1, "invoice", *same, Decimal("100.00"), Decimal("21.00")),
        ("12345678/F-1", 2, "invoice", *same, Decimal("33.33"), Decimal("7.00")),
        ("12345678/F-1", 3, "invoice", *same, Decimal("50.00"), Decimal("4.50")),
        ("12345678/F-1", 4, "invoice", *same, Decimal("-10.00"), Decimal("-2.10")),
        ("12345678/credit/CN-1", 1, "credit_note", *other, Decimal("-40.00"), Decimal("-8.40")),
    ]


def test_the_buyer_can_name_the_member_through_a_mapping(tmp_path, data_dir):
    mapping = tmp_path / "kopers.toml"
    mapping.write_text(
        'kind = "invoices"\n[columns]\ncost_category = { default = "other" }\nroute = { default = "own" }\n'
        'municipality_code = { column = "buyer_id", values = { "0190:00000001001234567000" = "GM9002" } }\n'
    )
    run_import("invoices", [write(tmp_path, "cn1.xml", CREDIT)], data_dir, mapping)
    assert [r[6] for r in rows(data_dir, "invoices")] == ["GM9002"]


def test_lines_that_do_not_add_up_are_refused(tmp_path, data_dir):
    wrong = INVOICE.replace("173.33</cbc:TaxExclusiveAmount>", "183.33</cbc:TaxExclusiveAmount>")
    with pytest.raises(ImportFailed) as caught:
        run_import("invoices", [write(tmp_path, "f1.xml", wrong)], data_dir, municipality="GM9001")
    assert [p.line() for p in caught.value.problems] == [
        "f1.xml, row LegalMonetaryTotal, column TaxExclusiveAmount: value '183.33': the lines and document "
        "allowances/charges add up to 173.33, not to the TaxExclusiveAmount"
    ]


def test_other_currencies_need_a_vat_total_in_euro(tmp_path, data_dir):
    body = (
        "<cac:TaxTotal><cbc:TaxAmount>250.00</cbc:TaxAmount>" + subtotal("1000.00", "250.00", "25") + "</cac:TaxTotal>"
        "<cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount>1000.00</cbc:TaxExclusiveAmount></cac:LegalMonetaryTotal>"
        + line("InvoiceLine", 1, "1000.00", "25")
    )  # fmt: skip
    usd = write(tmp_path, "usd.xml", document(number="U-1", currency="USD", contract="", body=body))
    with pytest.raises(ImportFailed) as caught:
        run_import("invoices", [usd], data_dir, municipality="GM9001")
    assert [p.line() for p in caught.value.problems] == [
        "usd.xml, row DocumentCurrencyCode, column currency: value 'USD': amounts are not in EUR and the document has "
        "no VAT total in EUR (tax currency) to convert them"
    ]
    # 250.00 DKK of VAT is 33.50 EUR: the rate is 0.134, so the line of 1000.00 DKK is 134.00 EUR.
    eur_total = '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">33.50</cbc:TaxAmount></cac:TaxTotal>'
    dkk = document(number="D-1", currency="DKK", extra="<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>", contract="",
                   body=body + eur_total)  # fmt: skip
    outcome = run_import("invoices", [write(tmp_path, "dkk.xml", dkk)], data_dir, municipality="GM9001")
    assert outcome.report().splitlines()[3:] == [
        "  dkk.xml: converted from DKK at 0.134000, the rate its EUR VAT total implies",
        "  1 row read without municipality_code took the default 'GM9001'",
        "  1 row read without cost_category took the default 'other'",
        "  1 row read without route took the default 'own'",
    ]
    assert [r[-2:] for r in rows(data_dir, "invoices")] == [(Decimal("134.00"), Decimal("33.50"))]


XXE = """<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>"""


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("xxe.xml", XXE, "xxe.xml, row document, column -: XML with a DTD or entity declarations is refused for safety "
         "(DTDForbidden)"),
        ("lol.xml", LAUGHS, "lol.xml, row document, column -: XML with a DTD or entity declarations is refused for "
         "safety (DTDForbidden)"),
        ("order.xml", "<Order xmlns='urn:x'/>", "order.xml, row document, column -: value '{urn:x}Order': not a UBL "
         "Invoice or CreditNote"),
        ("half.xml", INVOICE[:900], "half.xml, row line 12, column -: not well-formed XML: unclosed token: line 12, "
         "column 0"),
    ],
)  # fmt: skip
def test_unsafe_or_broken_xml_is_refused_and_nothing_changes(tmp_path, data_dir, name, text, expected):
    before = fingerprint(data_dir)
    with pytest.raises(ImportFailed) as caught:
        run_import("invoices", [write(tmp_path, name, text)], data_dir, municipality="GM9001")
    assert [p.line() for p in caught.value.problems] == [expected]
    assert fingerprint(data_dir) == before


def test_a_resent_invoice_replaces_all_its_lines(tmp_path, data_dir):
    run_import("invoices", [write(tmp_path, "f1.xml", INVOICE)], data_dir, municipality="GM9001")
    shorter = document(body=(
        "<cac:TaxTotal><cbc:TaxAmount>21.00</cbc:TaxAmount>" + subtotal("100.00", "21.00", "21") + "</cac:TaxTotal>"
        "<cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount>100.00</cbc:TaxExclusiveAmount></cac:LegalMonetaryTotal>"
        + line("InvoiceLine", 1, "100.00", "21")
    ))  # fmt: skip
    outcome = run_import("invoices", [write(tmp_path, "f1b.xml", shorter)], data_dir, municipality="GM9001")
    assert (outcome.written, outcome.replaced, outcome.unchanged, outcome.total) == (0, 3, 1, 1)
    assert [(r[0], r[1], r[-2]) for r in rows(data_dir, "invoices")] == [("12345678/F-1", 1, Decimal("100.00"))]


KVK_PARTY = '<cbc:CompanyID schemeID="0106">12345678</cbc:CompanyID>'


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        # SI-UBL's test files: a KvK field of another shape is kept with its scheme, never refused.
        ('<cbc:CompanyID schemeID="0106">SITEST00000</cbc:CompanyID>', "0106:SITEST00000"),
        # No legal registration: the OIN of its electronic address (after the e-mail one, skipped).
        ('</cac:PartyLegalEntity><cbc:EndpointID schemeID="0190">00000001820029336000</cbc:EndpointID>'
         "<cac:PartyLegalEntity>", "0190:00000001820029336000"),
        # Nothing but a VAT number.
        ('</cac:PartyLegalEntity><cac:PartyTaxScheme><cbc:CompanyID>NL001234567B01</cbc:CompanyID>'
         "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity>",
         "VAT:NL001234567B01"),
    ],
)  # fmt: skip
def test_a_supplier_without_a_kvk_number_is_identified_otherwise_and_said(tmp_path, data_dir, party, expected):
    path = write(tmp_path, "cn1.xml", CREDIT.replace(KVK_PARTY, party))
    outcome = run_import("invoices", [path], data_dir, municipality="GM9001")
    assert [(r[0], r[3]) for r in rows(data_dir, "invoices")] == [(f"{expected}/credit/CN-1", expected)]
    assert outcome.report().splitlines()[-4:] == [
        f"  supplier Bel BV has no 8-digit KvK number; identified as {expected} (1 document, cn1.xml)",
        "  1 row read without municipality_code took the default 'GM9001'",  # --municipality
        "  1 row read without cost_category took the default 'other'",  # no contract named: mappings/ubl.toml
        "  1 row read without route took the default 'own'",
    ]


def _sent(folder, name, issued, amount):
    """CN-1 again, issued on `issued` for `amount` (VAT 21%)."""
    vat = f"{Decimal(amount) * Decimal('0.21'):.2f}"
    text = CREDIT.replace("2025-02-03", issued).replace("40.00", amount).replace("8.40", vat)
    return write(folder, name, text)


def test_a_folder_that_repeats_a_document_keeps_the_latest_and_lists_the_others(tmp_path, data_dir):
    folder = tmp_path / "in"
    _sent(folder, "a.xml", "2025-02-10", "30.00")  # the latest issue date, though the first file name
    _sent(folder, "b.xml", "2025-02-03", "40.00")
    _sent(folder, "c.xml", "2025-02-03", "50.00")
    (folder / "c.pdf").write_bytes(b"%PDF-1.7")  # the invoice's picture, as suppliers send it
    outcome = run_import("invoices", [folder], data_dir, municipality="GM9001")
    assert outcome.report().splitlines()[3] == (
        "  skipped, not of a type that is imported (.csv, .json, .parquet, .xlsx, .xml): c.pdf"
    )
    assert [(r[0], r[7], r[-2]) for r in rows(data_dir, "invoices")] == [
        ("12345678/credit/CN-1", date(2025, 2, 10), Decimal("-30.00"))
    ]
    set_aside = [n for n in outcome.report().splitlines() if "set aside" in n]
    assert set_aside == [
        f"  {name}: set aside: invoice 12345678/credit/CN-1 (2025-02-03) is also in a.xml, which counts "
        "(the latest issue date, then the later file name)"
        for name in ("b.xml", "c.xml")
    ]
    # The same date: the later file name counts. --strict refuses the repeat, as before.
    (folder / "a.xml").unlink()
    run_import("invoices", [folder], data_dir, municipality="GM9001")
    assert [r[-2] for r in rows(data_dir, "invoices")] == [Decimal("-50.00")]
    with pytest.raises(ImportFailed) as caught:
        run_import("invoices", [folder], data_dir, municipality="GM9001", strict=True)
    assert [(p.file, p.key) for p in caught.value.problems] == [("c.xml", "rule_key_repeated")]
    for name in ("b.xml", "c.xml"):
        (folder / name).unlink()
    with pytest.raises(ImportFailed) as caught:
        run_import("invoices", [folder], data_dir, municipality="GM9001")
    assert [p.line() for p in caught.value.problems] == [
        f"{folder}, row -, column -: no files to import; a folder gives its files of these types: .csv, .json, "
        ".parquet, .xlsx, .xml"
    ]
