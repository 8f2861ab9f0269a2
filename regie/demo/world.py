"""The fictional demo world: six members of one SSC, their suppliers, norms and initiatives.

Figures follow domain.md: 25,000-90,000 inhabitants, about one workstation per
100 inhabitants, ICT cost per inhabitant rising from about EUR 96 (2021) by some
3-4% a year, DVO norms after a published supplier example.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME_CODE = "GM9001"
CONTRADICTED_CODE = "GM9006"  # whose mobile saving of the fourth year its invoices do not support


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    inhabitants: int  # in the first demo year
    growth: float  # yearly growth of inhabitants
    cost_factor: float  # own spend relative to the average member


MEMBERS = (
    Member("GM9001", "Turfbrug", 52_400, 0.006, 1.06),
    Member("GM9002", "Veenhoven", 88_900, 0.009, 0.95),
    Member("GM9003", "Kleidam", 33_800, 0.002, 1.10),
    Member("GM9004", "Zandwijk", 61_200, 0.004, 0.98),
    Member("GM9005", "Beekveld", 25_600, -0.001, 1.14),
    Member("GM9006", "Heidemond", 43_100, 0.005, 1.01),
)
SSC_NAME = "SSC De Venen ICT"

# ICT cost per inhabitant of the first demo year, and its yearly rise.
COST_PER_INHABITANT = 96.0
COST_RISE = 0.035

# Share of the average member's ICT cost by category and route; `ssc` lines are billed
# to the SSC pseudo-member and spread by the cost key.
SPEND_MIX = (
    ("ssc_contribution", "ssc", 0.30),
    ("hosting", "ssc", 0.09),
    ("network", "ssc", 0.06),
    ("workplace", "ssc", 0.07),
    ("security", "ssc", 0.02),
    ("telephony", "collective", 0.05),
    ("licences", "collective", 0.12),
    ("applications", "own", 0.16),
    ("consultancy", "own", 0.08),
    ("workplace", "own", 0.02),
    ("telephony", "own", 0.01),
    ("other", "own", 0.02),
)


@dataclass(frozen=True)
class Supplier:
    supplier_id: str
    name: str


SUPPLIERS = {
    "ssc": Supplier("50123874", "SSC De Venen ICT"),
    "hosting": Supplier("27346512", "CloudHaven Hosting B.V."),
    "network": Supplier("33982217", "NetLink Infra B.V."),
    "workplace": Supplier("30125874", "Werkplek Partners B.V."),
    "security": Supplier("27112233", "VeiligNet Security B.V."),
    "mobile": Supplier("24418890", "Polder Mobiel B.V."),
    "licences": Supplier("31772045", "LicentieNet B.V."),
    "zaak": Supplier("28871933", "Zaakwerk Software B.V."),
    "burgerzaken": Supplier("34109876", "Burgerzaken Systemen B.V."),
    "gegevens": Supplier("0190:00000001823288444000", "Stichting Gemeentelijke Gegevensdiensten"),
    "advies": Supplier("30998765", "Regie & Raad Adviseurs B.V."),
    "inhuur": Supplier("36650021", "Flexpool ICT Inhuur B.V."),
    "vast": Supplier("38207714", "Lokaal Telecom B.V."),
    "overig": Supplier("29930457", "Kantoorhuis Oost B.V."),
}

# Which supplier takes which (category, route) line, and under which contract key.
# A contract key of None means the purchase is made without a contract.
SPEND_SUPPLIER = {
    ("ssc_contribution", "ssc"): ("ssc", "ssc-dvo"),
    ("hosting", "ssc"): ("hosting", "ssc-hosting"),
    ("network", "ssc"): ("network", "ssc-network"),
    ("workplace", "ssc"): ("workplace", "ssc-workplace"),
    ("security", "ssc"): ("security", "ssc-security"),
    ("telephony", "collective"): ("mobile", "vng-mobile"),
    ("licences", "collective"): ("licences", "vng-microsoft"),
    ("applications", "own"): ("zaak", "own-zaak"),
    ("consultancy", "own"): ("advies", "own-advies"),
    ("workplace", "own"): ("overig", None),
    ("telephony", "own"): ("vast", None),
    ("other", "own"): ("overig", None),
}

# Ticket categories: (category, subcategories, assignee group, supplier key, weight).
TICKET_CATEGORIES = (
    ("Werkplek", ("Laptop", "Printer", "Account", "Monitor"), "Werkplekbeheer", "workplace", 0.34),
    ("Applicaties", ("Zaaksysteem", "Financieel", "Burgerzaken", "Office"), "Applicatiebeheer", "zaak", 0.30),
    ("Netwerk", ("Wifi", "VPN", "Govroam"), "Netwerkbeheer", "network", 0.12),
    ("Telefonie", ("Mobiel", "Vast"), "Telefonie", "mobile", 0.09),
    ("Hosting", ("Server", "Opslag", "Back-up"), "Infra en hosting", "hosting", 0.08),
    ("Beveiliging", ("Phishing", "Toegang"), "Security Office", "security", 0.07),
)

# DVO norms: (type, priority, response min, resolution min, clock, target %); a working day is 540 min.
SLA_NORMS = (
    ("incident", 1, 15, 120, "calendar", 95),
    ("incident", 2, 30, 480, "business", 90),
    ("incident", 3, 240, 540, "business", 90),
    ("incident", 4, 540, 1080, "business", 90),
    ("request", 1, 60, 540, "business", 90),
    ("request", 2, 120, 1080, "business", 90),
    ("request", 3, 480, 2700, "business", 90),
    ("request", 4, 540, 5400, "business", 90),
    ("change", 1, 60, 1080, "business", 90),
    ("change", 2, 240, 2700, "business", 90),
    ("change", 3, 540, 5400, "business", 90),
    ("change", 4, 1080, 10800, "business", 90),
)
# The DVO revision from year 4 of the demo, 1 July: P2 incidents resolved within 4 service hours.
NORM_CHANGE = ("incident", 2, 30, 240, "business", 90)


@dataclass(frozen=True)
class Initiative:
    initiative_id: str
    name: str
    route: str
    kind: str
    saving_per_inhabitant: float  # expected saving a year
    realisation: float  # share of the expectation that is realised
    contract_key: str | None
    first_year_offset: int = 0


INITIATIVES = (
    # Turfbrug's mobile telephony yields about EUR 200,000 a year (52,400 inhabitants).
    Initiative(
        "GT-MOBIEL", "Collectieve inkoop mobiele telefonie", "collective", "hard_saving", 3.90, 0.98, "vng-mobile"
    ),
    Initiative(
        "VNG-MICROSOFT",
        "Collectieve Microsoft-overeenkomst",
        "collective",
        "cost_avoidance",
        2.10,
        1.00,
        "vng-microsoft",
    ),
    Initiative("SSC-HOSTING", "Gezamenlijke hosting in het SSC", "ssc", "hard_saving", 1.60, 0.95, "ssc-hosting"),
    # The story of a collective contract that realises far less than expected.
    Initiative("GT-WERKPLEK", "Collectieve inkoop werkplekhardware", "collective", "hard_saving", 1.20, 0.55, None, 2),
    Initiative("REG-PRINT", "Regionale aanbesteding printdiensten", "regional", "hard_saving", 0.45, 0.90, None, 1),
)
