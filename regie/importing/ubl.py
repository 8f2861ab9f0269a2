"""UBL 2.1 e-invoices (Peppol BIS 3, NLCIUS / SI-UBL 2.0) as invoice lines in contract columns.

One row per invoice line, plus one per document-level allowance (negative) or charge,
so that the lines add up to the document's TaxExclusiveAmount; that sum is checked.
Credit notes are stored negative. Each tax category's VAT total (TaxSubtotal) is
divided over its lines in proportion to their amounts by largest remainder, so the
lines' VAT adds up to the document's VAT to the cent. A document in another currency
is converted only when it carries a VAT total in EUR (the tax currency): at the rate
that total implies. XML with a DTD or entity declarations is refused, never resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from math import floor
from pathlib import Path

import defusedxml
import pyarrow as pa
from defusedxml import ElementTree

from regie.importing.problems import ImportFailed, Problem

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "credit_note",
}
CREDIT_TYPE_CODES = {"381", "396", "532"}
KVK = "0106"
KVK_NUMBER = re.compile(r"[0-9]{8}")
COLUMNS = (
    "invoice_id", "line_no", "document_type", "supplier_id", "supplier_name", "contract_id", "municipality_code",
    "invoice_date", "period_start", "period_end", "cost_category", "route", "amount_excl_vat_eur", "vat_eur",
    "buyer_id",
)  # fmt: skip
CENT = Decimal("0.01")


@dataclass
class Line:
    where: str
    amount: Decimal
    tax: tuple[str, Decimal]
    period: tuple[str | None, str | None]


def _text(node, path: str) -> str | None:
    found = node.find(path, NS)
    return found.text.strip() if found is not None and found.text else None


def _amount(node, path: str, file: str, where: str) -> Decimal | None:
    value = _text(node, path)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ImportFailed([Problem.of(file, where, path.split(":")[-1], value, "rule_not_number")]) from None


def party_id(party) -> str | None:
    """The party's identity, in a fixed order: a KvK number (scheme 0106, 8 digits); else
    `scheme:value` of its first other identifier (party identification, legal registration,
    electronic address except e-mail), a 0106 value of another shape or an OIN (0190) included;
    else its `VAT:` number. An identifier's shape never refuses a document: the summary says
    which supplier has no KvK number (`note_supplier_id`)."""
    found = []
    for path in ("cac:PartyIdentification/cbc:ID", "cac:PartyLegalEntity/cbc:CompanyID", "cbc:EndpointID"):
        for node in party.findall(path, NS):
            if node.text and node.text.strip() and node.get("schemeID") != "EM":  # EM: an e-mail address
                found.append((node.get("schemeID") or "", node.text.strip()))
    kvk = [value for scheme, value in found if scheme == KVK and KVK_NUMBER.fullmatch(value)]
    if kvk:
        return kvk[0]
    vat = _text(party, "cac:PartyTaxScheme/cbc:CompanyID")
    with_scheme = [f"{s}:{v}" for s, v in found if s] + ([f"VAT:{vat}"] if vat else [])
    return with_scheme[0] if with_scheme else None


def _category(node, path: str) -> tuple[str, Decimal]:
    return (_text(node, f"{path}/cbc:ID") or "?", Decimal(_text(node, f"{path}/cbc:Percent") or "0").normalize())


def spread(total_cents: int, weights: list[Decimal]) -> list[int]:
    """`total_cents` divided over the weights in proportion, by largest remainder (exact sum)."""
    whole = sum(weights)
    if whole == 0:
        base = [0] * len(weights)
        if weights:
            base[0] = total_cents
        return base
    shares = [Fraction(total_cents) * Fraction(w) / Fraction(whole) for w in weights]
    floors = [floor(s) for s in shares]
    left = total_cents - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def _parse(path: Path):
    try:
        return ElementTree.parse(path, forbid_dtd=True).getroot()
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden) as exc:
        refused = Problem.of(path.name, "document", "-", "", "rule_xml_dtd", detail=type(exc).__name__)
        raise ImportFailed([refused]) from None
    except ElementTree.ParseError as exc:
        raise ImportFailed(
            [Problem.of(path.name, f"line {exc.position[0]}", "-", "", "rule_xml_malformed", detail=str(exc))]
        ) from None


def read(path: Path, contracts: dict[str, tuple[str, str]]) -> tuple[pa.Table, list[str]]:
    """One document's lines as text columns (with `_file` and `_row`), and notes for the summary."""
    file = path.name
    root = _parse(path)
    document = ROOTS.get(root.tag)
    if document is None:
        raise ImportFailed([Problem.of(file, "document", "-", root.tag, "rule_not_ubl")])
    if _text(root, "cbc:InvoiceTypeCode") in CREDIT_TYPE_CODES:
        document = "credit_note"
    sign = Decimal(-1 if document == "credit_note" else 1)
    currency = _text(root, "cbc:DocumentCurrencyCode") or "EUR"
    problems = []

    period = (_text(root, "cac:InvoicePeriod/cbc:StartDate"), _text(root, "cac:InvoicePeriod/cbc:EndDate"))
    lines = []
    tag = "InvoiceLine" if root.find("cac:InvoiceLine", NS) is not None else "CreditNoteLine"
    for i, node in enumerate(root.findall(f"cac:{tag}", NS), start=1):
        where = f"{tag}[{i}]"
        amount = _amount(node, "cbc:LineExtensionAmount", file, where)
        if amount is None:
            problems.append(Problem.of(file, where, "LineExtensionAmount", "", "rule_required"))
            continue
        own = (_text(node, "cac:InvoicePeriod/cbc:StartDate"), _text(node, "cac:InvoicePeriod/cbc:EndDate"))
        lines.append(
            Line(where, amount, _category(node, "cac:Item/cac:ClassifiedTaxCategory"), own if any(own) else period)
        )
    for i, node in enumerate(root.findall("cac:AllowanceCharge", NS), start=1):
        where = f"AllowanceCharge[{i}]"
        amount = _amount(node, "cbc:Amount", file, where) or Decimal(0)
        charge = _text(node, "cbc:ChargeIndicator") == "true"
        lines.append(Line(where, amount if charge else -amount, _category(node, "cac:TaxCategory"), period))
    if not lines:
        problems.append(Problem.of(file, tag, "-", "", "rule_no_lines"))

    exclusive = _amount(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", file, "LegalMonetaryTotal")
    added = sum((line.amount for line in lines), Decimal(0))
    if exclusive is not None and added != exclusive:
        where = ("LegalMonetaryTotal", "TaxExclusiveAmount", exclusive)
        problems.append(Problem.of(file, *where, "rule_lines_total", total=str(added)))

    vat = [Decimal(0)] * len(lines)
    totals = [t for t in root.findall("cac:TaxTotal", NS) if t.find("cac:TaxSubtotal", NS) is not None]
    for sub in totals[0].findall("cac:TaxSubtotal", NS) if totals else []:
        key = _category(sub, "cac:TaxCategory")
        members = [i for i, line in enumerate(lines) if line.tax == key]
        tax = _amount(sub, "cbc:TaxAmount", file, "TaxSubtotal") or Decimal(0)
        if not members and tax:
            problems.append(Problem.of(file, "TaxSubtotal", "TaxCategory", f"{key[0]} {key[1]}%", "rule_vat_category"))
        for i, cents in zip(members, spread(int(tax / CENT), [lines[i].amount for i in members]), strict=True):
            vat[i] = Decimal(cents) * CENT
    notes = []
    if currency != "EUR":
        eur = [t for t in root.findall("cac:TaxTotal", NS) if t.find("cbc:TaxAmount", NS) is not None
               and t.find("cbc:TaxAmount", NS).get("currencyID") == "EUR"]  # fmt: skip
        doc_vat = sum(vat, Decimal(0))
        if _text(root, "cbc:TaxCurrencyCode") != "EUR" or not eur or doc_vat == 0:
            raise ImportFailed([Problem.of(file, "DocumentCurrencyCode", "currency", currency, "rule_currency")])
        eur_vat = Decimal(_text(eur[0], "cbc:TaxAmount"))
        rate = eur_vat / doc_vat
        for line in lines:
            line.amount = (line.amount * rate).quantize(CENT, ROUND_HALF_UP)
        vat = [Decimal(c) * CENT for c in spread(int(eur_vat / CENT), vat)]
        notes.append(("note_converted", {"file": file, "currency": currency, "rate": f"{rate:.6f}"}))
    if problems:
        raise ImportFailed(problems)

    supplier = root.find("cac:AccountingSupplierParty/cac:Party", NS)
    buyer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    reference = _text(root, "cac:ContractDocumentReference/cbc:ID")
    known = reference if reference in contracts else None
    if reference and not known:
        notes.append(("note_contract_unknown", {"file": file, "reference": reference}))
    category, route = contracts.get(known, (None, None)) if known else (None, None)
    name = None
    if supplier is not None:
        name = _text(supplier, "cac:PartyLegalEntity/cbc:RegistrationName") or _text(supplier, "cac:PartyName/cbc:Name")
    supplier_id = party_id(supplier) if supplier is not None else None
    if supplier_id and not KVK_NUMBER.fullmatch(supplier_id):
        notes.append(("note_supplier_id", {"file": file, "supplier": name or "-", "id": supplier_id}))
    doc_id = _text(root, "cbc:ID")
    if document == "credit_note":  # a supplier may number its credit notes apart from its invoices
        doc_id = f"credit/{doc_id}"
    same = {
        # Invoice numbers are unique per supplier (and document type) only, so both are part of the key.
        "invoice_id": f"{supplier_id}/{doc_id}" if supplier_id else doc_id,
        "document_type": document,
        "supplier_id": supplier_id,
        "supplier_name": name,
        "contract_id": known,
        "municipality_code": None,
        "invoice_date": _text(root, "cbc:IssueDate"),
        "cost_category": category,
        "route": route,
        "buyer_id": party_id(buyer) if buyer is not None else None,
    }
    rows = []
    for number, (line, tax) in enumerate(zip(lines, vat, strict=True), start=1):
        amount, tax = (sign * line.amount).quantize(CENT), (sign * tax).quantize(CENT)
        rows.append({
            **same, "line_no": str(number), "period_start": line.period[0], "period_end": line.period[1],
            "amount_excl_vat_eur": str(amount), "vat_eur": str(tax), "_file": file, "_row": line.where,
        })  # fmt: skip
    names = [*COLUMNS, "_file", "_row"]
    return pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in names}), notes


def latest_documents(documents: list[tuple[Path, pa.Table]]) -> tuple[list[tuple[Path, pa.Table]], list]:
    """Of documents with the same supplier and number (one invoice_id), the one with the latest
    IssueDate, then the later file name; a note for each document set aside."""

    def key(item):
        path, table = item
        return table.column("invoice_date")[0].as_py() or "", path.name

    by_id: dict[str, list] = {}
    for item in documents:
        by_id.setdefault(item[1].column("invoice_id")[0].as_py(), []).append(item)
    kept, notes = [], []
    for invoice, items in by_id.items():
        ordered = sorted(items, key=key)
        kept.append(ordered[-1])
        for path, table in ordered[:-1]:
            values = {"file": path.name, "invoice": invoice, "date": key((path, table))[0], "kept": ordered[-1][0].name}
            notes.append(("note_set_aside", values))
    kept_paths = {id(item) for item in kept}
    return [item for item in documents if id(item) in kept_paths], notes


OWN_COLUMNS = {"buyer_id"}  # for a mapping to use (mappings/ubl.toml); not listed as not imported


def without_set_aside(notes: list, aside: list) -> list:
    """The notes of the documents that count: a set-aside document's notes (its supplier's
    identifier, an unknown contract) would count it twice."""
    files = {values["file"] for _, values in aside}
    return [(key, values) for key, values in notes if values.get("file") not in files]


def grouped(notes: list) -> list:
    """The notes, with one `note_supplier_id` per supplier (how many documents, the first file)."""
    out, suppliers = [], {}
    for key, values in notes:
        if key != "note_supplier_id":
            out.append((key, values))
        elif values["id"] in suppliers:
            suppliers[values["id"]][1]["documents"] += 1
        else:
            suppliers[values["id"]] = (key, {**values, "documents": 1})
            out.append(suppliers[values["id"]])
    return [(k, {**v, "n": v["documents"]}) if k == "note_supplier_id" else (k, v) for k, v in out]
