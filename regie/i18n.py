"""The one translation table and the number, money, date and period formats (Dutch first)."""

from __future__ import annotations

import math
from datetime import date

from regie.periods import Period

LANGUAGES = ("nl", "en")
DEFAULT = "nl"

MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
# The usual abbreviations: Dutch writes "mrt" for maart, not its first three letters.
SHORT_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

TEXT: dict[str, tuple[str, str]] = {
    # Shell and filters
    "app_title": ("Regiedashboard", "Commissioning dashboard"),
    "page_overzicht": ("Overzicht", "Overview"),
    "language": ("Taal", "Language"),
    "municipality": ("Gemeente", "Municipality"),
    "members": ("Vergelijk met", "Compare with"),
    "period": ("Periode", "Period"),
    "comparison": ("Vergelijking", "Comparison"),
    "comparison_previous": ("Vorige periode", "Previous period"),
    "comparison_year_ago": ("Zelfde periode vorig jaar", "Same period last year"),
    "data_until": ("Gegevens tot en met {date}", "Data up to {date}"),
    "up_to": ("t/m {date}", "up to {date}"),
    "ignored_params": (
        "Niet toegepast uit de link: {names}. De standaardinstelling is gebruikt.",
        "Not applied from the link: {names}. The default was used.",
    ),
    "data_span": (
        "Er zijn gegevens van {first} tot en met {last}.",
        "There are data from {first} up to and including {last}.",
    ),
    "no_data": (
        "Er zijn nog geen gegevens in `{dir}`. Maak demogegevens met `make run` of "
        "`python -m regie demo --data-dir {dir}`, of zet extracten volgens docs/data-contract.md in deze map "
        "en controleer ze met `python -m regie check --data-dir {dir}`.",
        "There are no data in `{dir}` yet. Create demo data with `make run` or "
        "`python -m regie demo --data-dir {dir}`, or put extracts as described in docs/data-contract.md in this "
        "folder and check them with `python -m regie check --data-dir {dir}`.",
    ),
    "not_taking_part": (
        "Niet deelnemend in {year}: {names} (geen regel in municipality_years). Voor dat jaar zijn er geen "
        "cijfers; ze tellen niet mee in gemiddelden, medianen en vergelijkingen.",
        "Not taking part in {year}: {names} (no municipality_years row). There are no figures for that year; "
        "they count in no average, median or comparison.",
    ),
    "no_members": ("De gegevens bevatten geen deelnemende gemeenten.", "The data hold no member municipalities."),
    # Overzicht
    "overview_heading": ("{name}, {period}", "{name}, {period}"),
    "overview_intro": (
        "Vergeleken met {comparison} en met het gemiddelde van de {count} deelnemende gemeenten.",
        "Compared with {comparison} and with the average of the {count} member municipalities.",
    ),
    "overview_intro_first": (
        "Vergeleken met het gemiddelde van de {count} deelnemende gemeenten; over {comparison} zijn er geen gegevens.",
        "Compared with the average of the {count} member municipalities; there are no data for {comparison}.",
    ),
    "trends": ("Ontwikkeling over acht volledige kwartalen", "Trend over eight complete quarters"),
    "members_side_by_side": ("Gemeenten naast elkaar, {period}", "Members side by side, {period}"),
    "members_compared": (
        "{count} gemeenten nemen in {year} deel en worden vergeleken; een gemeente zonder deelname dat jaar telt niet "
        "mee, ook niet in het gemiddelde.",
        "{count} members take part in {year} and are compared; a member not taking part that year does not count, "
        "not in the average either.",
    ),
    "definitions": ("Definities", "Definitions"),
    "show_table": ("Toon als tabel", "Show as table"),
    "member_average": ("Gemiddelde leden", "Member average"),
    "target": ("DVO-norm {value}", "DVO target {value}"),
    "quarter": ("Kwartaal", "Quarter"),
    "value": ("Waarde", "Value"),
    # KPI names
    "sla_resolution_pct": ("SLA-score oplossen", "SLA score resolution"),
    "sla_response_pct": ("SLA-score reactie", "SLA score response"),
    "satisfaction_mean": ("Tevredenheid", "Satisfaction"),
    "satisfaction_responses": ("Beoordelingen", "Responses"),
    "backlog_open": ("Openstaande meldingen", "Open tickets"),
    "spend_eur": ("IT-uitgaven", "IT spend"),
    "spend_per_inhabitant_eur": ("IT-uitgaven per inwoner", "IT spend per inhabitant"),
    "budget_eur": ("Begroting", "Budget"),
    "budget_used_pct": ("Uitgaven t.o.v. begroting", "Spend against budget"),
    "realized_savings_eur": ("Gerealiseerde besparing", "Realised savings"),
    "collective_share_pct": ("Aandeel samen ingekocht", "Collective share"),
    # Definition cards (product.md)
    "def_sla_resolution_pct": (
        "Van de meldingen die in de periode zijn opgelost: het aandeel dat binnen de DVO-norm voor hun soort en "
        "prioriteit is opgelost (de norm die gold op de dag van aanmelden; 'binnen' is kleiner dan of gelijk aan). "
        "Normen op de kantoorklok tellen servicetijd (ma-vr 08:00-17:00, zonder feestdagen), normen op de "
        "kalenderklok de werkelijk verstreken minuten. Meldingen zonder norm tellen niet mee.",
        "Of the tickets resolved in the period: the share resolved within the DVO norm for their type and priority "
        "(the norm valid on the day the ticket was opened; 'within' is less than or equal). Business-clock norms "
        "count service hours (Mon-Fri 08:00-17:00, public holidays excluded), calendar-clock norms the real "
        "elapsed minutes. Tickets without a norm are left out.",
    ),
    "def_sla_response_pct": (
        "Als de SLA-score oplossen, over de meldingen met een eerste reactie in de periode en de reactienorm.",
        "As the resolution SLA score, over the tickets first responded to in the period and the response norm.",
    ),
    "def_satisfaction_mean": (
        "Gemiddeld rapportcijfer (1-10) van de in de periode opgeloste meldingen met een beoordeling. Bij minder "
        "dan 30 beoordelingen tonen we geen gemiddelde: het zegt dan te weinig.",
        "Mean mark (1-10) of the tickets resolved in the period that were rated. With fewer than 30 responses no "
        "mean is shown: it would say too little.",
    ),
    "def_backlog_open": (
        "Meldingen die voor het einde van de periode zijn aangemeld en op dat moment nog niet waren opgelost. Loopt "
        "de periode door na de laatste dag van de gegevens, dan telt wat op die dag om 24.00 uur nog openstond.",
        "Tickets opened before the end of the period and not resolved by then. When the period runs past the last "
        "day of the data, those still open at the end of that day.",
    ),
    "def_spend_per_inhabitant_eur": (
        "IT-uitgaven exclusief btw, creditnota's verrekend, gedeeld door het aantal inwoners van dat jaar. "
        "Een factuurregel met een dienstperiode telt naar rato van de dagen in de periode; kosten van het SSC "
        "worden verdeeld met de verdeelsleutel van dat jaar.",
        "IT spend excluding VAT, credit notes netted, divided by the year's inhabitants. An invoice line with a "
        "service period counts pro rata by the days in the period; the SSC's own costs are spread by that year's "
        "cost key.",
    ),
    "def_budget_used_pct": (
        "IT-uitgaven als percentage van de begroting; een jaarbegroting telt voor een kwartaal of maand naar rato "
        "van de dagen, en voor een lopende periode alleen over de dagen waarover er gegevens zijn.",
        "IT spend as a percentage of the budget; a year's budget is prorated by days for a quarter or month, and "
        "for a period still running over the days the data cover only.",
    ),
    "def_realized_savings_eur": (
        "Gerealiseerde besparingen van samenwerkingsinitiatieven, naar rato van de dagen in de periode; alleen "
        "jaren waarvan de realisatie bekend is.",
        "Realised savings of joint initiatives, prorated by the days in the period; only years whose realisation "
        "is known.",
    ),
    "def_collective_share_pct": (
        "Uitgaven via collectieve (VNG) en SSC-routes als deel van alle IT-uitgaven.",
        "Spend through collective (VNG) and SSC routes as a share of all IT spend.",
    ),
    # Verdicts
    "verdict_better": ("beter dan {comparison} ({value})", "better than {comparison} ({value})"),
    "verdict_worse": ("slechter dan {comparison} ({value})", "worse than {comparison} ({value})"),
    "verdict_higher": ("hoger dan {comparison} ({value})", "higher than {comparison} ({value})"),
    "verdict_lower": ("lager dan {comparison} ({value})", "lower than {comparison} ({value})"),
    "verdict_same": ("gelijk aan {comparison}", "the same as {comparison}"),
    "verdict_no_comparison": ("geen vergelijking met {comparison} mogelijk", "no comparison with {comparison}"),
    "verdict_no_earlier_data": ("geen eerdere gegevens", "no earlier data"),
    "filter_not_a_number": (
        "'{value}' is geen getal voor kolom {column}: schrijf het zoals 1.234,5 of 1234,5. Er is niet gefilterd.",
        "'{value}' is not a number for column {column}: write it as 1,234.5 or 1234.5. Nothing was filtered.",
    ),
    "trend_none": (
        "Nog geen verloop: de gegevens bevatten geen kwartaal dat vóór het einde van deze periode is afgesloten.",
        "No trend yet: the data hold no quarter that ended before the end of this period.",
    ),
    "verdict_average": ("het gemiddelde van de leden is {value}", "the member average is {value}"),
    "verdict_no_value": ("Geen waarde voor deze periode.", "No value for this period."),
    "verdict_savings_unknown": (
        "De gerealiseerde besparing over {year} is nog niet bekend.",
        "The realised savings for {year} are not known yet.",
    ),
    "verdict_few_responses": (
        "Minder dan 30 beoordelingen ({count}): te weinig voor een gemiddelde.",
        "Fewer than 30 responses ({count}): too few for a mean.",
    ),
    "comparison_label_previous": ("de vorige periode", "the previous period"),
    "comparison_label_year_ago": ("dezelfde periode vorig jaar", "the same period last year"),
    # Chart summaries
    "summary_trend": (
        "{kpi} van {name} ging van {first} in {first_period} naar {last} in {last_period}; gemiddelde leden nu {avg}.",
        "{kpi} of {name} went from {first} in {first_period} to {last} in {last_period}; member average now {avg}.",
    ),
    "summary_trend_one": (
        "{kpi} van {name} was {last} in {last_period}, het eerste kwartaal met gegevens; gemiddelde leden {avg}.",
        "{kpi} of {name} was {last} in {last_period}, the first quarter with data; member average {avg}.",
    ),
    "summary_members": (
        "{kpi}: {name} {value}; hoogste {best_name} {best}, laagste {worst_name} {worst}.",
        "{kpi}: {name} {value}; highest {best_name} {best}, lowest {worst_name} {worst}.",
    ),
    "not_available": ("n.b.", "n/a"),
    # Dienstverlening
    "page_dienstverlening": ("Dienstverlening", "Service quality"),
    "service_intro": (
        "Of het SSC levert wat de dienstverleningsovereenkomst (DVO) belooft. Maandgrafieken tonen de twaalf "
        "maanden tot en met het einde van de periode.",
        "Whether the SSC delivers what the service agreement (DVO) promises. Monthly charts show the twelve "
        "months up to the end of the period.",
    ),
    "category": ("Categorie", "Category"),
    "assignee_group": ("Behandelaarsgroep", "Assignee group"),
    "all_categories": ("Alle categorieën", "All categories"),
    "all_groups": ("Alle behandelaarsgroepen", "All assignee groups"),
    "narrowed": ("Alleen meldingen van {what}.", "Only tickets of {what}."),
    "section_compliance": ("Normen uit de DVO", "DVO norm compliance"),
    "section_times": ("Reactie- en oplostijden in servicetijd", "Response and resolution times in service hours"),
    "section_flow": ("Instroom, uitstroom en werkvoorraad", "Inflow, outflow and backlog"),
    "section_breaches": ("Waar het misgaat", "Where it goes wrong"),
    "section_members": ("Gemeenten naast elkaar, {period}", "Members side by side, {period}"),
    "month": ("Maand", "Month"),
    "ticket_type": ("Soort", "Type"),
    "priority": ("Prioriteit", "Priority"),
    "tickets": ("Meldingen", "Tickets"),
    "within_norm": ("Binnen norm", "Within norm"),
    "score": ("Score", "Score"),
    "target_pct": ("Doel", "Target"),
    "status": ("Beoordeling", "Assessment"),
    "status_ok": ("op of boven doel", "at or above target"),
    "status_under": ("ONDER DOEL", "BELOW TARGET"),
    "incident": ("Incident", "Incident"),
    "request": ("Verzoek", "Request"),
    "change": ("Wijziging", "Change"),
    "sla_resolution_by_month": ("SLA-score oplossen per maand", "Resolution SLA score by month"),
    "sla_response_by_month": ("SLA-score reactie per maand", "Response SLA score by month"),
    "compliance_table": ("Per soort en prioriteit, {period}", "By type and priority, {period}"),
    "summary_compliance": (
        "{name}: {under} van de {months} maanden onder het doel van {target}; laatste maand {last}.",
        "{name}: {under} of {months} months below the target of {target}; last month {last}.",
    ),
    "resolution_hours_median": ("Mediane oplostijd", "Median resolution time"),
    "resolution_hours_p90": ("Oplostijd P90", "Resolution time P90"),
    "response_hours_median": ("Mediane reactietijd", "Median response time"),
    "times_by_month": ("Oplostijd per maand (uren servicetijd)", "Resolution time by month (service hours)"),
    "times_by_priority": ("Tijden per prioriteit, {period}", "Times by priority, {period}"),
    "median": ("mediaan", "median"),
    "p90": ("P90", "P90"),
    "summary_times": (
        "Mediane oplostijd {name} in {last_period}: {median}; 90% was binnen {p90} opgelost.",
        "Median resolution time of {name} in {last_period}: {median}; 90% was resolved within {p90}.",
    ),
    "distribution": ("Verdeling oplostijd, {period}", "Distribution of resolution time, {period}"),
    "hours_band": ("{lo} tot {hi} uur", "{lo} to {hi} hours"),
    "hours_band_open": ("{lo} uur of meer", "{lo} hours or more"),
    "summary_distribution": (
        "{share} van de meldingen was binnen {hours} uur servicetijd opgelost.",
        "{share} of the tickets was resolved within {hours} service hours.",
    ),
    "opened": ("Aangemeld", "Opened"),
    "resolved": ("Opgelost", "Resolved"),
    "backlog_end": ("Werkvoorraad einde maand", "Backlog at month end"),
    "flow_chart": ("Instroom en uitstroom per maand", "Inflow and outflow by month"),
    "summary_flow": (
        "In {last_period} {opened} aangemeld en {resolved} opgelost; werkvoorraad aan het eind {backlog}.",
        "In {last_period} {opened} opened and {resolved} resolved; backlog at the end {backlog}.",
    ),
    "backlog_age_chart": (
        "Werkvoorraad naar leeftijd (dagen) aan het eind van {date}",
        "Backlog by age (days) at the end of {date}",
    ),
    "summary_backlog_age": (
        "{total} meldingen open aan het eind van {date}, waarvan {past} over hun norm en {old} ouder dan 90 dagen.",
        "{total} tickets open at the end of {date}, of which {past} past their norm and {old} older than 90 days.",
    ),
    "breaches": ("Normoverschrijdingen", "Breaches"),
    "breach_rate_pct": ("Deel over norm", "Breach rate"),
    "share_of_breaches_pct": ("Aandeel in overschrijdingen", "Share of breaches"),
    "breaches_by_category": ("Overschrijdingen per categorie", "Breaches by category"),
    "breaches_by_group": ("Overschrijdingen per behandelaarsgroep", "Breaches by assignee group"),
    "click_hint": (
        "Klik op een staaf om de hele pagina tot die categorie of groep te beperken.",
        "Click a bar to narrow the whole page to that category or group.",
    ),
    "summary_breaches": (
        "Meeste overschrijdingen: {top} ({count}, {share} van alle overschrijdingen).",
        "Most breaches: {top} ({count}, {share} of all breaches).",
    ),
    "no_breaches": ("Geen overschrijdingen in deze periode.", "No breaches in this period."),
    "suppliers": ("Doorgezet naar leveranciers", "Escalated to suppliers"),
    "supplier": ("Leverancier", "Supplier"),
    "escalated_tickets": ("Doorgezette meldingen", "Escalated tickets"),
    "members_table": ("Alle gemeenten, met de mediaan van de leden", "All members, with the member median"),
    "member_median": ("Mediaan leden", "Member median"),
    "tickets_per_100_workstations": ("Meldingen per 100 werkplekken", "Tickets per 100 workstations"),
    "satisfaction_7plus_pct": ("Aandeel 7 of hoger", "Share 7 or higher"),
    "backlog_past_norm": ("Open en over de norm", "Open and past norm"),
    "first_contact_resolution_pct": ("Direct opgelost", "First-contact resolution"),
    "reopen_pct": ("Heropend", "Reopened"),
    "no_tickets": ("Geen meldingen voor deze keuze.", "No tickets for this choice."),
    "hours_unit": ("{value} uur", "{value} h"),
    "def_resolution_hours_median": (
        "Middelste oplostijd in uren servicetijd (ma-vr 08:00-17:00) van de meldingen die in de periode zijn "
        "opgelost; de helft was sneller.",
        "Middle resolution time in service hours (Mon-Fri 08:00-17:00) of the tickets resolved in the period; "
        "half were faster.",
    ),
    "def_resolution_hours_p90": (
        "Oplostijd in uren servicetijd waarbinnen 90% van de in de periode opgeloste meldingen klaar was "
        "(lineaire interpolatie).",
        "Resolution time in service hours within which 90% of the tickets resolved in the period were done "
        "(linear interpolation).",
    ),
    "def_backlog_past_norm": (
        "Openstaande meldingen aan het eind van de periode waarvan de tijd sinds aanmelden, op de klok van hun "
        "norm, de oplosnorm al overschrijdt.",
        "Tickets open at the end of the period whose time since opening, on their norm's clock, already exceeds "
        "the resolution norm.",
    ),
    "def_first_contact_resolution_pct": (
        "Deel van de in de periode opgeloste meldingen dat bij het eerste contact is opgelost.",
        "Share of the tickets resolved in the period that were resolved at first contact.",
    ),
    "def_reopen_pct": (
        "Deel van de in de periode opgeloste meldingen dat minstens één keer is heropend.",
        "Share of the tickets resolved in the period that were reopened at least once.",
    ),
    "def_month_target": (
        "Een maand is groen als de score op of boven het doel ligt. Het doel van een maand is het gemiddelde doel "
        "van de normen die op de meldingen van toepassing waren (bij één norm: het doel van die norm).",
        "A month is green when its score is at or above the target. A month's target is the mean target of the "
        "norms that applied to its tickets (with one norm: that norm's target).",
    ),
    # Kosten
    "page_kosten": ("Kosten", "Costs"),
    "costs_intro": (
        "Uitgaven exclusief btw, creditnota's verrekend. Kosten die aan het SSC zijn gefactureerd, zijn met de "
        "afgesproken verdeelsleutel van dat jaar over de leden verdeeld en tellen als route SSC; afrondingsverschillen "
        "gaan volgens de methode van de grootste resten naar de leden, zodat de verdeling op de cent sluit.",
        "Spend excluding VAT, credit notes netted. Costs billed to the SSC are spread over the members by that "
        "year's agreed cost key and count as route SSC; rounding differences go to the members by the "
        "largest-remainder method, so the spread adds up to the cent.",
    ),
    "spend_over_time": ("Uitgaven per {bucket}, {members}", "Spend per {bucket}, {members}"),
    "bucket": ("Per", "Per"),
    "bucket_1": ("maand", "month"),
    "bucket_3": ("kwartaal", "quarter"),
    "bucket_12": ("jaar", "year"),
    "breakdown": ("Naar", "By"),
    "breakdown_cost_category": ("kostensoort", "cost category"),
    "breakdown_route": ("route", "route"),
    "chosen_members": ("{count} gekozen gemeenten", "{count} chosen members"),
    "summary_spend_over_time": (
        "Uitgaven in {last}: {amount}; grootste post {top} ({top_amount}).",
        "Spend in {last}: {amount}; largest item {top} ({top_amount}).",
    ),
    "fair_comparison": (
        "Eerlijk vergeleken: per inwoner en per werkplek",
        "A fair comparison: per inhabitant and per workstation",
    ),
    "per_inhabitant_by_year": ("IT-uitgaven per inwoner per jaar", "IT spend per inhabitant by year"),
    "per_workstation_by_year": ("IT-uitgaven per werkplek per jaar", "IT spend per workstation by year"),
    "benchmark": (
        "Landelijke benchmark (M&I/Partners, externe bron)",
        "National benchmark (M&I/Partners, outside source)",
    ),
    "year": ("Jaar", "Year"),
    "summary_fair": (
        "{name} gaf in {year} {value} uit, de mediaan van de leden was {median}{benchmark}.",
        "{name} spent {value} in {year}; the member median was {median}{benchmark}.",
    ),
    "summary_benchmark": ("; landelijke benchmark {value}", "; national benchmark {value}"),
    "complete_years_only": ("Alleen volledige jaren.", "Complete years only."),
    "budget_section": ("Begroting en werkelijk, {year}", "Budget against actual, {year}"),
    "budget_section_partial": ("Begroting en prognose voor heel {year}", "Budget and forecast for all of {year}"),
    "budget_intro": (
        "Werkelijk tot en met {date}; de prognose voor het hele jaar volgt uit het tempo tot nu toe.",
        "Actual up to {date}; the forecast for the full year follows from the run rate so far.",
    ),
    "cost_category_label": ("Kostensoort", "Cost category"),
    "budget": ("Begroting", "Budget"),
    "actual": ("Werkelijk", "Actual"),
    "forecast": ("Prognose", "Forecast"),
    "variance": ("Verschil prognose - begroting", "Forecast minus budget"),
    "overrun": ("OVERSCHRIJDING", "OVERRUN"),
    "within_budget": ("binnen begroting", "within budget"),
    "no_budget": ("geen begroting", "no budget"),
    "budget_chart": ("Begroting en prognose per kostensoort, {name}", "Budget and forecast by cost category, {name}"),
    "summary_budget": (
        "{name}: {count} kostensoorten boven begroting; grootste overschrijding {top} ({amount}).",
        "{name}: {count} cost categories over budget; largest overrun {top} ({amount}).",
    ),
    "summary_budget_one": (
        "{name}: 1 kostensoort boven begroting: {top} ({amount}).",
        "{name}: 1 cost category over budget: {top} ({amount}).",
    ),
    "summary_budget_none": ("{name}: geen kostensoort boven begroting.", "{name}: no cost category over budget."),
    "cost_key_section": ("De verdeelsleutel, {period}", "The cost key, {period}"),
    "cost_key_intro": (
        "De kosten van het SSC zelf ({total}) verdeeld volgens de afgesproken sleutel en drie alternatieven. "
        "Elke verdeling sluit op de cent.",
        "The SSC's own costs ({total}) divided by the agreed key and three alternatives. Every division adds up "
        "to the cent.",
    ),
    "key_agreed": ("Afgesproken sleutel", "Agreed key"),
    "key_inhabitants": ("Naar inwoners", "By inhabitants"),
    "key_workstations": ("Naar werkplekken", "By workstations"),
    "key_tickets": ("Naar aantal meldingen", "By ticket volume"),
    "difference": ("verschil", "difference"),
    "cost_key_chart": ("Verschil met de afgesproken sleutel, {name}", "Difference from the agreed key, {name}"),
    "summary_cost_key": (
        "{name} betaalt {agreed}; naar inwoners {inhabitants}, naar werkplekken {workstations}, "
        "naar meldingen {tickets}.",
        "{name} pays {agreed}; by inhabitants {inhabitants}, by workstations {workstations}, by tickets {tickets}.",
    ),
    "route_ssc": ("SSC", "SSC"),
    "route_collective": ("collectief", "collective"),
    "route_own": ("eigen inkoop", "own purchasing"),
    "cat_workplace": ("werkplek", "workplace"),
    "cat_licences": ("licenties", "licences"),
    "cat_hosting": ("hosting en cloud", "hosting and cloud"),
    "cat_network": ("netwerk en connectiviteit", "network and connectivity"),
    "cat_telephony": ("telefonie", "telephony"),
    "cat_applications": ("applicaties", "applications"),
    "cat_consultancy": ("advies en inhuur", "consultancy and hiring"),
    "cat_ssc_contribution": ("bijdrage SSC", "SSC contribution"),
    "cat_security": ("informatiebeveiliging", "information security"),
    "cat_other": ("overig", "other"),
    "spend_per_workstation_eur": ("IT-uitgaven per werkplek", "IT spend per workstation"),
    "def_spend_eur": (
        "IT-uitgaven exclusief btw, creditnota's verrekend, met het aandeel in de kosten van het SSC.",
        "IT spend excluding VAT, credit notes netted, including the share of the SSC's costs.",
    ),
    "def_spend_per_workstation_eur": (
        "IT-uitgaven gedeeld door het aantal ICT-werkplekken van dat jaar.",
        "IT spend divided by the year's number of ICT workstations.",
    ),
    # Leveranciers en contracten
    "page_leveranciers": ("Leveranciers en contracten", "Suppliers and contracts"),
    "suppliers_intro": (
        "Voor de gekozen gemeenten: hun eigen facturen plus hun deel van wat aan het SSC is gefactureerd.",
        "For the chosen members: their own invoices plus their part of what was billed to the SSC.",
    ),
    "supplier_count": ("Leveranciers", "Suppliers"),
    "top5_share": ("Aandeel top 5", "Top 5 share"),
    "top10_share": ("Aandeel top 10", "Top 10 share"),
    "without_contract_total": ("Zonder contract", "Without a contract"),
    "ending_soon_count": ("Aflopend binnen 12 maanden", "Ending within 12 months"),
    "scorecard": ("Leveranciers, {period}", "Suppliers, {period}"),
    "spend_previous": ("Vorig jaar zelfde periode", "Same period last year"),
    "trend_pct": ("Verandering", "Change"),
    "invoices": ("Facturen", "Invoices"),
    "credit_notes": ("Creditnota's", "Credit notes"),
    "credit_notes_eur": ("Gecrediteerd", "Credited"),
    "share_pct": ("Aandeel", "Share"),
    "top_suppliers_chart": ("Grootste leveranciers, {period}", "Largest suppliers, {period}"),
    "summary_suppliers": (
        "De vijf grootste leveranciers hebben samen {top5} van de uitgaven; de grootste is {top} ({share}).",
        "The five largest suppliers hold {top5} of the spend together; the largest is {top} ({share}).",
    ),
    "contracts_ceiling": ("Contracten met een plafond", "Contracts with a ceiling"),
    "contract": ("Contract", "Contract"),
    "ceiling": ("Plafond", "Ceiling"),
    "spend_to_date": ("Besteed tot nu", "Spent to date"),
    "ceiling_used_pct": ("Gebruikt", "Used"),
    "ceiling_left": ("Nog beschikbaar", "Left"),
    "ceiling_date": ("Plafond bereikt rond", "Ceiling reached around"),
    "end_date": ("Einddatum", "End date"),
    "ceiling_before_end": ("PLAFOND VOOR EINDDATUM", "CEILING BEFORE END"),
    "ceiling_chart": ("Gebruik van het plafond", "Ceiling used"),
    "ceiling_warning": ("80% van het plafond", "80% of the ceiling"),
    "summary_ceiling": (
        "{count} contracten boven 80% van hun plafond; het hoogste is {top} met {pct}.",
        "{count} contracts above 80% of their ceiling; the highest is {top} at {pct}.",
    ),
    "summary_ceiling_one": (
        "1 contract boven 80% van zijn plafond: {top} met {pct}.",
        "1 contract above 80% of its ceiling: {top} at {pct}.",
    ),
    "ending_soon": (
        "Aflopend binnen 12 maanden (aanbestedingskalender)",
        "Ending within 12 months (re-tendering pipeline)",
    ),
    "no_ending_soon": ("Geen contracten die binnen 12 maanden aflopen.", "No contracts end within 12 months."),
    "without_contract": ("Uitgaven zonder contract, {period}", "Spend without a contract, {period}"),
    "lines": ("Factuurregels", "Invoice lines"),
    "all_members": ("alle leden", "all members"),
    # Samen doen
    "page_samen": ("Samen doen", "Together"),
    "together_intro": (
        "Het beleid: niets alleen doen als er een gezamenlijke regeling is. Deze pagina laat zien wat dat oplevert "
        "en waar het beleid niet wordt gevolgd. Besparingen gelden per jaar: de samenvatting, de initiatieven en de "
        "controle met de facturen gaan over {year}; de tegels en de uitzonderingen over {period}.",
        "The policy: do nothing alone when a joint arrangement exists. This page shows what that yields and where "
        "the policy is not followed. Savings are per year: the summary, the initiatives and the check against the "
        "invoices are about {year}; the tiles and the exceptions about {period}.",
    ),
    "expected_savings_eur": ("Verwachte besparing", "Expected savings"),
    "realization_pct": ("Realisatiegraad", "Realisation rate"),
    "policy_exception_spend_eur": ("Uitzonderingen op het beleid", "Exceptions to the policy"),
    "def_expected_savings_eur": (
        "Verwachte besparingen van samenwerkingsinitiatieven, naar rato van de dagen in de periode.",
        "Expected savings of joint initiatives, prorated by the days in the period.",
    ),
    "def_realization_pct": (
        "Gerealiseerde besparing gedeeld door de verwachte besparing, alleen over initiatief-jaren waarvan de "
        "realisatie bekend is.",
        "Realised savings divided by expected savings, only over initiative-years whose realisation is known.",
    ),
    "def_policy_exception_spend_eur": (
        "Eigen inkoop in een kostensoort waarvoor op die dag een collectief of SSC-contract loopt voor deze "
        "gemeente (of voor alle leden).",
        "Own purchasing in a cost category for which a collective or SSC contract runs that day for this member "
        "(or for all members).",
    ),
    "aldermen_summary": ("Samenvatting", "Summary"),
    "summary_saved": (
        "In {year} heeft {name} {realised} bespaard door samen te werken",
        "In {year}, {name} saved {realised} by working together",
    ),
    "summary_against": (", {comparison} dan in {last_year} ({last}).", ", {comparison} than in {last_year} ({last})."),
    "summary_no_last_year": ("; over {last_year} zijn er geen gegevens.", "; there are no data for {last_year}."),
    "summary_expected": (
        " Verwacht was {expected}; daarvan is {rate} gerealiseerd.",
        " {expected} was expected; {rate} of it was realised.",
    ),
    "more": ("meer", "more"),
    "less": ("minder", "less"),
    "summary_saved_unknown": (
        "De besparingen van {name} over {year} zijn nog niet bekend; verwacht wordt {expected}.",
        "The savings of {name} for {year} are not known yet; {expected} is expected.",
    ),
    "summary_last_year": (" In {last_year} was dat {last}.", " In {last_year} it was {last}."),
    "summary_exception": (
        " De grootste uitzondering op het beleid is {amount} eigen inkoop van {category} bij {supplier}, terwijl "
        "daarvoor een gezamenlijk contract bestaat.",
        " The largest exception to the policy is {amount} of own purchasing of {category} from {supplier}, while a "
        "joint contract exists for it.",
    ),
    "summary_no_exception": (" Er zijn geen uitzonderingen op het beleid.", " There are no exceptions to the policy."),
    "initiatives_section": ("Besparingen per initiatief, {year}", "Savings per initiative, {year}"),
    "initiative": ("Initiatief", "Initiative"),
    "route": ("Route", "Route"),
    "kind": ("Soort besparing", "Kind of saving"),
    "kind_hard_saving": ("harde besparing", "hard saving"),
    "kind_cost_avoidance": ("vermeden kosten", "cost avoidance"),
    "route_regional": ("regionaal", "regional"),
    "gap": ("Achterstand", "Gap"),
    "initiatives_chart": (
        "Verwacht en gerealiseerd per initiatief, {name} {year}",
        "Expected and realised per initiative, {name} {year}",
    ),  # noqa: E501
    "summary_initiatives": (
        "Grootste post: {top} ({amount}). Harde besparingen {hard}, vermeden kosten {avoided} (gerealiseerd, of "
        "verwacht waar dat nog niet bekend is).",
        "Largest item: {top} ({amount}). Hard savings {hard}, cost avoidance {avoided} (realised, or expected where "
        "not known yet).",
    ),
    "cumulative_section": ("Opgeteld over de jaren", "Accumulated over the years"),
    "cumulative_chart": ("Cumulatieve besparing, {name}", "Cumulative savings, {name}"),
    "realised": ("Gerealiseerd", "Realised"),
    "expected": ("Verwacht", "Expected"),
    "lagging": ("BLIJFT ACHTER", "LAGGING"),
    "on_track": ("op koers", "on track"),
    "summary_cumulative": (
        "Sinds {first} heeft {name} {realised} bespaard tegen {expected} verwacht; {count} initiatieven blijven "
        "achter.",
        "Since {first}, {name} saved {realised} against {expected} expected; {count} initiatives are lagging.",
    ),
    "summary_cumulative_one": (
        "Sinds {first} heeft {name} {realised} bespaard tegen {expected} verwacht; 1 initiatief blijft achter.",
        "Since {first}, {name} saved {realised} against {expected} expected; 1 initiative is lagging.",
    ),
    "members_cumulative": ("Per gemeente en totaal", "Per member and in total"),
    "total": ("Totaal", "Total"),
    "check_section": ("Gecontroleerd met de facturen, {year}", "Checked against the invoices, {year}"),
    "check_intro": (
        "Voor initiatieven met een contract: de besparing die de facturen laten zien (uitgangswaarde min de "
        "werkelijke uitgaven op het contract) tegenover de opgegeven besparing. Minder dan 95% gedekt is "
        "gemarkeerd.",
        "For initiatives with a contract: the saving the invoices show (baseline minus the actual spend on the "
        "contract) against the claimed saving. Less than 95% covered is marked.",
    ),
    "baseline": ("Uitgangswaarde", "Baseline"),
    "actual_spend": ("Werkelijke uitgaven contract", "Actual contract spend"),
    "supported": ("Gedekt door facturen", "Supported by invoices"),
    "claimed": ("Opgegeven besparing", "Claimed saving"),
    "unsupported": ("NIET GEDEKT", "NOT SUPPORTED"),
    "supported_ok": ("gedekt", "supported"),
    "not_known_yet": ("nog niet bekend", "not known yet"),
    "collective_share_section": ("Aandeel samen ingekocht per jaar", "Collective share by year"),
    "collective_share_chart": ("Aandeel via collectieve en SSC-routes", "Share through collective and SSC routes"),
    "summary_collective_share": (
        "In {year} liep {value} van de IT-uitgaven van {name} via collectieve en SSC-routes; mediaan leden {median}.",
        "In {year}, {value} of {name}'s IT spend went through collective and SSC routes; member median {median}.",
    ),
    "exceptions_section": ("Uitzonderingen op het beleid, {period}", "Exceptions to the policy, {period}"),
    "exceptions_chart": ("Grootste uitzonderingen", "Largest exceptions"),
    "summary_exceptions": (
        "{count} uitzonderingen, samen {total}; de grootste: {top} ({amount}).",
        "{count} exceptions, {total} together; the largest: {top} ({amount}).",
    ),
    "summary_exceptions_one": (
        "1 uitzondering: {top} ({amount}).",
        "1 exception: {top} ({amount}).",
    ),
    "no_exceptions": ("Geen uitzonderingen in deze periode.", "No exceptions in this period."),
    # Gegevens
    "page_gegevens": ("Gegevens", "Data"),
    "data_intro": (
        "Elke tabel achter het dashboard, beperkt tot de gekozen gemeenten en periode, met een eigen filter. "
        "Downloads bevatten het hele gefilterde resultaat, niet alleen het voorbeeld.",
        "Every table behind the dashboard, limited to the chosen members and period, with a filter of its own. "
        "Downloads hold the whole filtered result, not only the preview.",
    ),
    "table": ("Tabel", "Table"),
    "filter_column": ("Filter op kolom", "Filter on column"),
    "no_filter": ("(geen filter)", "(no filter)"),
    "operator": ("Voorwaarde", "Condition"),
    "op_=": ("is gelijk aan", "equals"),
    "op_contains": ("bevat", "contains"),
    "op_>=": ("is minstens", "is at least"),
    "op_<=": ("is hoogstens", "is at most"),
    "filter_value": ("Waarde", "Value"),
    "sort_column": ("Sorteer op", "Sort by"),
    "no_sort": ("(standaard)", "(default)"),
    "descending": ("Aflopend", "Descending"),
    "rows_found": (
        "{count} rijen; hieronder rij {first} tot en met {last}.",
        "{count} rows; below rows {first} to {last}.",
    ),
    "rows_found_one": ("1 rij, hieronder.", "1 row, below."),
    "rows_found_none": ("Geen rijen voor deze keuze.", "No rows for this choice."),
    "preview_page": ("Pagina", "Page"),
    "downloads": ("Downloaden", "Download"),
    "download_csv_nl": ("CSV voor Excel (NL)", "CSV for Dutch Excel"),
    "download_csv": ("CSV (standaard)", "CSV (plain)"),
    "download_xlsx": ("Excel (XLSX)", "Excel (XLSX)"),
    "download_parquet": ("Parquet", "Parquet"),
    "xlsx_too_large": (
        "{count} rijen past niet in Excel (maximaal 1.048.575). Download als CSV of Parquet, of filter verder.",
        "{count} rows do not fit in Excel (at most 1,048,575). Download as CSV or Parquet, or filter further.",
    ),
    "download_chart": ("Download deze gegevens (CSV voor Excel)", "Download this data (CSV for Excel)"),
    "share_link": ("Link naar deze weergave", "Link to this view"),
    "share_link_help": (
        "Kopieer de link (knop rechtsboven) voor het verslag: wie hem opent, ziet dezelfde pagina en filters.",
        "Copy the link (button top right) for the minutes: whoever opens it sees the same page and filters.",
    ),
    "trust": ("Versheid en kwaliteit", "Freshness and quality"),
    "rows": ("Rijen", "Rows"),
    "date_range": ("Periode in de gegevens", "Dates covered"),
    "loaded_at": ("Geladen", "Loaded"),
    "source": ("Bron", "Source"),
    "check_clean": ("Alle tabellen voldoen aan het datacontract.", "All tables meet the data contract."),
    "check_problems": ("{count} afwijkingen van het datacontract:", "{count} violations of the data contract:"),
    "notes_table": ("Tabel", "Table"),
    "notes_members": ("Gemeenten", "Members"),
    "notes_period": ("Periode", "Period"),
    "notes_filter": ("Filter", "Filter"),
    "notes_sort": ("Sortering", "Sort"),
    "notes_data_until": ("Gegevens tot en met", "Data up to"),
    "notes_columns": ("Kolommen", "Columns"),
    "import_header": ("Gegevens inlezen", "Import data"),
    "import_url": (
        "De gegevens komen uit {dir}. Inlezen gebeurt in een lokale map, waarna de beheerder die naar de opslag "
        "kopieert (zie docs/deployment.md).",
        "The data come from {dir}. Imports are done in a local folder, which the administrator then copies to "
        "the storage (see docs/deployment.md).",
    ),
    "import_intro": (
        "Lees een export in (CSV, XLSX, Parquet of UBL-facturen; hoogstens {limit} MB per bestand; {types}). "
        "Eerst wordt alles gecontroleerd; er verandert niets tot u de import bevestigt. Namen, e-mailadressen, "
        "telefoonnummers en vrije tekst worden niet opgeslagen.",
        "Import an export (CSV, XLSX, Parquet or UBL invoices; at most {limit} MB per file; {types}). Everything is "
        "checked first; nothing changes until you confirm the import. Names, e-mail addresses, phone numbers and "
        "free text are not stored.",
    ),
    "import_files": ("Bestanden", "Files"),
    "import_kind": ("Inlezen in tabel", "Import into table"),
    "import_mapping": ("Vertaling van de kolommen", "Column mapping"),
    "import_mapping_auto": ("standaard (kolommen heten als in het datacontract)", "standard (contract column names)"),
    "import_member": ("Gemeente voor rijen zonder gemeente", "Member for rows without one"),
    "import_member_none": ("geen", "none"),
    "import_replace": (
        "Hele tabel vervangen (anders worden rijen met dezelfde sleutel bijgewerkt)",
        "Replace the whole table (otherwise rows with the same key are updated)",
    ),
    "import_check": ("Controleren", "Check"),
    "import_checking": ("Bezig met controleren...", "Checking..."),
    "import_confirm": ("Import bevestigen", "Confirm the import"),
    "import_running": ("Bezig met inlezen...", "Importing..."),
    "import_checked": (
        "Gecontroleerd: alles voldoet. Bevestig om in te lezen.",
        "Checked: everything is valid. Confirm to import.",
    ),
    "import_nothing": ("Geen wijzigingen: deze gegevens staan er al.", "No changes: these data are already there."),
    "import_done": ("Ingelezen.", "Imported."),
    "import_summary": (
        "{table}. Rijen gelezen: {read}; na de laatste stand per sleutel: {kept}; nieuw of gewijzigd: {written} "
        "(vervangen: {replaced}); ongewijzigd: {unchanged}; daarna in de tabel: {total}.",
        "{table}. Rows read: {read}; after the latest row per key: {kept}; new or changed: {written} "
        "(replaced: {replaced}); unchanged: {unchanged}; afterwards in the table: {total}.",
    ),
    "import_dropped": (
        "Niet ingelezen kolommen (niet in het datacontract): {columns}.",
        "Columns not imported (not in the data contract): {columns}.",
    ),
    "import_personal": (
        "Niet ingelezen kolommen (persoonsgegevens of vrije tekst, nooit opgeslagen): {columns}.",
        "Columns not imported (personal data or free text, never stored): {columns}.",
    ),
    "import_refused": (
        "Niet ingelezen: {count} problemen in {rejected} rijen. Er is niets veranderd.",
        "Not imported: {count} problems in {rejected} rows. Nothing has changed.",
    ),
    "import_refused_one": (
        "Niet ingelezen: 1 probleem. Er is niets veranderd.",
        "Not imported: 1 problem. Nothing has changed.",
    ),
    "import_more": ("De eerste 20 staan hieronder; nog {more} andere.", "The first 20 are below; {more} more."),
    "import_col_file": ("Bestand", "File"),
    "import_col_row": ("Rij of element", "Row or element"),
    "import_col_column": ("Kolom", "Column"),
    "import_col_value": ("Waarde", "Value"),
    "import_col_rule": ("Regel", "Rule"),
    "page_vergadering": ("Vergadering", "Board meeting"),
    "page_beheer": ("Beheer", "Administration"),
    "signin_title": ("Regiedashboard: aanmelden", "Regiedashboard: sign in"),
    "signin_intro": (
        "Meld u aan met het account van uw gemeente. U ziet daarna wat uw rol toestaat.",
        "Sign in with your municipality's account. You will then see what your role allows.",
    ),
    "signin_button": ("Aanmelden", "Sign in"),
    "signout_button": ("Afmelden", "Sign out"),
    "signed_in_as": ("Aangemeld: {name} ({role})", "Signed in: {name} ({role})"),
    "no_access_title": ("Geen toegang", "No access"),
    "no_access_text": (
        "U bent aangemeld, maar uw account heeft geen rol in het Regiedashboard. Vraag toegang aan bij {contact}.",
        "You are signed in, but your account has no role in the Regiedashboard. Ask {contact} for access.",
    ),
    "no_access_contact": ("de beheerder van het dashboard", "the dashboard's administrator"),
    "access_file_broken": (
        "Het toegangsbestand kan niet worden gebruikt; niemand krijgt toegang totdat het is hersteld. {detail}",
        "The access file cannot be used; no one gets access until it is fixed. {detail}",
    ),
    "demo_notice": (
        "Demo, zonder aanmelden: iedereen die deze server bereikt ziet alles.",
        "Demo, no sign-in: anyone who reaches this server sees everything.",
    ),
    "signin_required_missing": (
        "Aanmelden is verplicht (REGIE_REQUIRE_SIGNIN=yes), maar .streamlit/secrets.toml heeft geen [auth]-sectie.",
        "Sign-in is required (REGIE_REQUIRE_SIGNIN=yes) but .streamlit/secrets.toml has no [auth] section: "
        "the dashboard is not served. See docs/deployment.md, Sign-in.",
    ),
    "refused_members": (
        "Geen toegang tot de gegevens van {names}: uw rol geeft de gegevens van {allowed} en de gepubliceerde "
        "vergelijkingen. Er is niets van die gegevens getoond.",
        "No access to the data of {names}: your role gives the data of {allowed} and the published comparisons "
        "only. Nothing of those data is shown.",
    ),
    "access_unknown_member": (
        "Uw rol noemt {codes}, maar die gemeente staat niet in de gegevens. Vraag de beheerder van het "
        "toegangsbestand om de code te herstellen.",
        "Your role names {codes}, but the data hold no such municipality. Ask the administrator of the access "
        "file to correct the code.",
    ),
    "role_bestuur": ("bestuur", "board"),
    "role_lid": ("lid", "member"),
    "role_analist": ("analist", "analyst"),
    "role_beheer": ("beheer", "administration"),
    "role_demo": ("demo", "demo"),
    "undo_header": ("Laatste wijziging ongedaan maken", "Undo the last write"),
    "undo_last": ("Laatste wijziging: {what} (snapshot {id}, {time}).", "Last write: {what} (snapshot {id}, {time})."),
    "undo_sure": ("Ik wil deze wijziging ongedaan maken", "I want to undo this write"),
    "undo_button": ("Ongedaan maken", "Undo"),
    "undo_nothing": ("Er is nog niets geschreven om ongedaan te maken.", "Nothing has been written yet to undo."),
    "audit_header": ("Auditlog", "Audit log"),
    "audit_intro": (
        "Imports, herstel, downloads en gemaakte documenten, met het account (kenmerk, geen naam) en de rol. "
        "Regels ouder dan {days} dagen vervallen.",
        "Imports, undos, downloads and documents made, with the account (subject identifier, not a name) and "
        "role. Entries older than {days} days are dropped.",
    ),
    "audit_empty": ("Het auditlog is nog leeg.", "The audit log is still empty."),
    "audit_col_time": ("Tijd", "Time"),
    "audit_col_subject": ("Account (kenmerk)", "Account (subject)"),
    "audit_col_role": ("Rol", "Role"),
    "audit_col_action": ("Handeling", "Action"),
    "audit_col_what": ("Wat", "What"),
    "audit_col_members": ("Leden", "Members"),
    "access_header": ("Wie mag wat zien", "Who may see what"),
    "access_demo": (
        "Aanmelden staat uit (geen [auth] in .streamlit/secrets.toml): het toegangsbestand geldt niet.",
        "Sign-in is off (no [auth] in .streamlit/secrets.toml): the access file does not apply.",
    ),
    "access_col_claim": ("Claim", "Claim"),
    "access_col_match": ("Waarde", "Value"),
    "access_col_role": ("Rol", "Role"),
    "access_col_members": ("Leden", "Members"),
    "pack_title": ("Bestuurlijk overleg ICT: {scope}, {period}", "IT commissioning board: {scope}, {period}"),
    "pack_summary": ("Samenvatting", "Summary"),
    "pack_back": ("Terug naar het dashboard", "Back to the dashboard"),
    "pack_no_quarter": (
        "Er zijn nog geen gegevens voor een kwartaal.",
        "There are no data for a quarter yet.",
    ),
    "pack_part": ("Onderdeel", "Part"),
    "pack_ready": ("Klaar.", "Done."),
    "pack_points": ("Bespreekpunten", "Points for discussion"),
    "pack_points_count": ("Bespreekpunten volgens de regels: {count}.", "Points for discussion by the rules: {count}."),
    "pack_figure": ("Kengetal", "Figure"),
    "pack_change": ("Verschil met vorig kwartaal", "Change on the previous quarter"),
    "pack_verdict": ("Oordeel", "Verdict"),
    "pack_figures": ("Kengetallen van {name}", "Figures of {name}"),
    "pack_quarter": ("Kwartaal", "Quarter"),
    "pack_member": ("Gemeente", "Member"),
    "pack_section": ("Onderdeel {number} van {total}: {title}", "Part {number} of {total}: {title}"),
    "pack_previous": ("Vorige", "Previous"),
    "pack_next": ("Volgende", "Next"),
    "pack_document": ("Document voor agenda en verslag", "Document for the agenda and minutes"),
    "pack_make": ("Maak het document", "Make the document"),
    "pack_making": ("Document maken: {step}", "Making the document: {step}"),
    "pack_download_html": ("HTML (interactief, werkt offline)", "HTML (interactive, works offline)"),
    "pack_download_pdf": ("PDF (A4 liggend)", "PDF (A4 landscape)"),
    "pack_no_pdf": (
        "Voor de PDF is de browser chromium nodig, die hier ontbreekt. Installeer hem met "
        "`sudo apt-get install chromium` (of zet REGIE_CHROMIUM op het pad van een chromium). Het HTML-document "
        "werkt wel, en kan vanuit de browser als PDF worden afgedrukt.",
        "The PDF needs the chromium browser, which is missing here. Install it with `sudo apt-get install "
        "chromium` (or set REGIE_CHROMIUM to the path of a chromium). The HTML document works, and can be printed "
        "to PDF from the browser.",
    ),
    "pack_filters": (
        "Filters: {scope}, {period}. Gegevens tot en met {until}.",
        "Filters: {scope}, {period}. Data up to {until}.",
    ),  # noqa: E501
    "pack_made": ("Gemaakt met het Regiedashboard.", "Made with the Regiedashboard."),
    "pack_source": ("Gegevens: momentopname {number}.", "Data: snapshot {number}."),
    "pack_source_at": ("Gegevens: momentopname {number} van {when}.", "Data: snapshot {number} of {when}."),
    "pack_open": ("Bekijk op de pagina", "See the page"),
    "pack_contents": ("Inhoud", "Contents"),
    "def_points": (
        "Bespreekpunten volgen uit vaste regels: maanden onder de DVO-norm; de drie categorieën met de meeste "
        "overschrijdingen; kostensoorten waarvan de prognose boven de begroting ligt; lopende contracten boven 80% "
        "van hun plafond of die binnen 12 maanden aflopen; initiatieven die minder dan 90% van de verwachte "
        "besparing realiseerden; en de grootste eigen inkoop waar een collectief of SSC-contract is. Per regel "
        "hoogstens vijf punten, de grootste eerst.",
        "Points for discussion follow from fixed rules: months under the DVO target; the three categories with "
        "the most breaches; cost categories forecast over budget; running contracts past 80% of their ceiling or "
        "ending within 12 months; initiatives that realised less than 90% of the expected saving; and the largest "
        "own purchase where a collective or SSC contract exists. At most five points per rule, largest first.",
    ),
    "and": ("en", "and"),
    "point_months_under": (
        "{name} bleef in {months} onder de DVO-norm voor de oplostijd ({target}).",
        "{name} fell short of the DVO resolution target ({target}) in {months}.",
    ),
    "point_breaches": (
        "De meeste overschrijdingen van de oplostijd in {period}: {list}.",
        "Most resolution breaches in {period}: {list}.",
    ),
    "point_budget": (
        "{name}: {category} komt naar verwachting uit op {forecast}, {over} boven de begroting van {budget}.",
        "{name}: {category} is forecast at {forecast}, {over} over its budget of {budget}.",
    ),
    "point_ceiling": (
        "Contract '{title}' heeft {pct} van zijn plafond van {ceiling} gebruikt; in dit tempo is het plafond "
        "op {date} bereikt.",
        "Contract '{title}' has used {pct} of its ceiling of {ceiling}; at this rate the ceiling is reached on {date}.",
    ),
    "point_ceiling_nodate": (
        "Contract '{title}' heeft {pct} van zijn plafond van {ceiling} gebruikt.",
        "Contract '{title}' has used {pct} of its ceiling of {ceiling}.",
    ),
    "point_ending": (
        "Contract '{title}' loopt af op {date}; de opvolging moet op tijd geregeld zijn.",
        "Contract '{title}' ends on {date}; its successor must be arranged in time.",
    ),
    "point_savings": (
        "{initiative} ({name}): {realised} van de verwachte {expected} gerealiseerd ({pct}).",
        "{initiative} ({name}): {realised} of the expected {expected} realised ({pct}).",
    ),
    "point_exception": (
        "{name} kocht in {period} voor {amount} {category} zelf in bij {supplier}, terwijl er een collectief of "
        "SSC-contract is.",
        "{name} bought {category} for {amount} from {supplier} on its own in {period}, while a collective or SSC "
        "contract exists.",
    ),
    "point_more": ("En nog {count} van deze soort; zie {page}.", "And {count} more of this kind; see {page}."),
    "points_none": (
        "Volgens de regels zijn er geen bespreekpunten.",
        "By the rules there are no points for discussion.",
    ),
    # Import and contract rules (regie/importing, regie/check): one key per rule.
    "rule_file_not_found": ("bestand niet gevonden", "file not found"),
    "rule_unsupported_type": (
        "bestandssoort niet ondersteund; gebruik {supported}",
        "unsupported file type; use {supported}",
    ),
    "rule_file_empty": ("bestand is leeg", "file is empty"),
    "rule_not_valid_file": ("geen geldig {kind}-bestand", "not a valid {kind} file"),
    "rule_not_text_file": ("geen {kind}-tekstbestand", "not a {kind} text file"),
    "rule_header_cell_empty": ("kopcel is leeg", "header cell is empty"),
    "rule_header_twice": ("kolomnaam komt twee keer voor in de kop", "column name occurs twice in the header"),
    "rule_no_rows": ("bestand heeft een kop maar geen gegevensrijen", "file has a header but no data rows"),
    "rule_first_line_header": ("de eerste regel moet de kop zijn", "the first line must be the header"),
    "rule_field_count": (
        "rij heeft {found} velden, de kop heeft er {expected}",
        "row has {found} fields, the header has {expected}",
    ),  # noqa: E501
    "rule_truncated": ("bestand is afgebroken of beschadigd: {detail}", "file is truncated or malformed: {detail}"),
    "rule_encoding": (
        "byte {byte} op positie {position} is geen UTF-8- en geen Windows-1252-tekst (zet encoding in de mapping)",
        "byte {byte} at position {position} is neither UTF-8 nor Windows-1252 text (set encoding in the mapping)",
    ),
    "rule_xlsx_unreadable": ("geen leesbare XLSX-werkmap ({detail})", "not a readable XLSX workbook ({detail})"),
    "rule_no_sheet": ("geen werkblad met die naam; gevonden: {sheets}", "no sheet of that name; found {sheets}"),
    "rule_sheet_empty": ("het werkblad is leeg", "the sheet is empty"),
    "rule_parquet_unreadable": ("geen leesbaar Parquet-bestand ({detail})", "not a readable Parquet file ({detail})"),
    "rule_parquet_empty": ("bestand heeft geen rijen", "file has no rows"),
    "rule_mapping_not_found": (
        "vertaling niet gevonden; meegeleverd: {names}",
        "mapping not found; shipped mappings: {names}",
    ),  # noqa: E501
    "rule_mapping_toml": ("vertaling is geen geldige TOML: {detail}", "mapping is not valid TOML: {detail}"),
    "rule_mapping_setting": ("onbekende instelling in de vertaling", "unknown setting in the mapping"),
    "rule_mapping_kind": (
        "deze vertaling is voor {kind}, niet voor {wanted}",
        "this mapping is for {kind}, not {wanted}",
    ),
    "rule_mapping_column": ("geen kolom van {kind}", "not a column of {kind}"),
    "rule_column_missing_mapped": (
        "kolom ontbreekt (de vertaling haalt {target} eruit)",
        "column missing (the mapping takes {target} from it)",
    ),  # noqa: E501
    "rule_column_missing": (
        "kolom ontbreekt (verplicht in het datacontract)",
        "column missing (required by the contract)",
    ),
    "rule_latest_missing": (
        "kolom ontbreekt (de laatste-wijzigingkolom van het logboek)",
        "column missing (the event log's latest column)",
    ),  # noqa: E501
    "rule_personal_column": (
        "persoonsgegevens of vrije tekst worden niet ingelezen (als {target})",
        "personal data or free text may not be imported (as {target})",
    ),
    "rule_latest_format": (
        "de laatste-wijzigingkolom is geen tijdstip in het formaat {format}",
        "the event log's latest column is not a timestamp in the format {format}",
    ),
    "rule_key_repeated": (
        "sleutel komt meer dan eens voor in de import (eerst in {first})",
        "key occurs more than once in the import (first in {first})",
    ),
    "rule_not_date_hint": (
        "geen geldige datum in het formaat {format}; het formaat {would} leest deze waarden (zet het in de mapping "
        "als date_format onder [source] of als format van de kolom)",
        "not a valid date in the format {format}; the format {would} reads these values (put it in the mapping as "
        "date_format under [source] or as the column's format)",
    ),
    "rule_not_timestamp_hint": (
        "geen geldig tijdstip in het formaat {format}; het formaat {would} leest deze waarden (zet het in de "
        "mapping als timestamp_format onder [source] of als format van de kolom)",
        "not a valid timestamp in the format {format}; the format {would} reads these values (put it in the "
        "mapping as timestamp_format under [source] or as the column's format)",
    ),
    "rule_latest_format_hint": (
        "de laatste-wijzigingkolom is geen tijdstip in het formaat {format}; het formaat {would} leest deze waarden "
        "(zet het in de mapping als format onder [event_log])",
        "the event log's latest column is not a timestamp in the format {format}; the format {would} reads these "
        "values (put it in the mapping as format under [event_log])",
    ),
    "rule_mapping_format": (
        'een formaat is een strptime-formaat of een lijst daarvan, zoals "%d-%m-%Y %H:%M"',
        'a format is a strptime format or a list of them, such as "%d-%m-%Y %H:%M"',
    ),
    "note_defaults": (
        "{rows} gelezen rijen zonder {column} kregen de standaardwaarde '{value}'",
        "{rows} rows read without {column} took the default '{value}'",
    ),
    "note_defaults_one": (
        "1 gelezen rij zonder {column} kreeg de standaardwaarde '{value}'",
        "1 row read without {column} took the default '{value}'",
    ),
    "rule_not_date": ("geen geldige datum in het formaat {format}", "not a valid date in the format {format}"),
    "rule_not_timestamp": (
        "geen geldig tijdstip in het formaat {format}",
        "not a valid timestamp in the format {format}",
    ),
    "rule_not_amount": ("geen bedrag met hoogstens {scale} decimalen", "not an amount with at most {scale} decimals"),
    "rule_not_type": ("waarde is geen geldige {type}", "value is not a valid {type}"),
    "rule_required": ("verplichte waarde ontbreekt", "required value is missing"),
    "rule_allowed": ("waarde moet een van deze zijn: {allowed}", "value must be one of {allowed}"),
    "rule_min": ("waarde moet minstens {limit} zijn", "value must be at least {limit}"),
    "rule_greater": ("waarde moet groter zijn dan {limit}", "value must be greater than {limit}"),
    "rule_max": ("waarde mag hoogstens {limit} zijn", "value must be at most {limit}"),
    "rule_pattern": ("waarde moet passen op {pattern}", "value must match {pattern}"),
    "rule_not_before": ("mag niet voor {other} liggen", "must not be before {other}"),
    "rule_unknown_ref": ("onbekende waarde: niet in {target}", "unknown value: not in {target}"),
    "rule_value_map": (
        "waarde van bronkolom {source} staat niet in de vertaling van {target} (values onder [columns.{target}] in "
        "mapping {mapping}); voeg haar daar toe. Die vertaling kent: {known}",
        "value of source column {source} is not in the value map of {target} (values under [columns.{target}] in "
        "mapping {mapping}); add it there. The map knows: {known}",
    ),
    "rule_email": (
        "lijkt op een e-mailadres: persoonsgegevens worden niet opgeslagen",
        "looks like an e-mail address: personal data is not stored",
    ),
    "rule_phone": (
        "lijkt op een telefoonnummer: persoonsgegevens worden niet opgeslagen",
        "looks like a phone number: personal data is not stored",
    ),
    "rule_free_text": (
        "langer dan {limit} tekens: vrije tekst wordt niet opgeslagen",
        "longer than {limit} characters: free text is not stored",
    ),
    "rule_not_number": ("geen getal", "not a number"),
    "rule_xml_dtd": (
        "XML met een DTD of entiteiten wordt uit veiligheid geweigerd ({detail})",
        "XML with a DTD or entity declarations is refused for safety ({detail})",
    ),
    "rule_xml_malformed": ("geen correcte XML: {detail}", "not well-formed XML: {detail}"),
    "rule_not_ubl": ("geen UBL-factuur of -creditnota", "not a UBL Invoice or CreditNote"),
    "rule_no_lines": ("het document heeft geen regels", "the document has no lines"),
    "rule_lines_total": (
        "de regels en kortingen/toeslagen tellen op tot {total}, niet tot het TaxExclusiveAmount",
        "the lines and document allowances/charges add up to {total}, not to the TaxExclusiveAmount",
    ),
    "rule_vat_category": ("geen regel heeft dit btw-tarief", "no line has this VAT category"),
    "rule_currency": (
        "bedragen zijn niet in euro en het document heeft geen btw-totaal in euro om ze om te rekenen",
        "amounts are not in EUR and the document has no VAT total in EUR (tax currency) to convert them",
    ),
    "rule_xml_invoices_only": ("XML (UBL) wordt alleen voor facturen gelezen", "XML (UBL) is only read for invoices"),
    "rule_unknown_kind": ("onbekende tabel; kies uit {kinds}", "unknown kind; use one of {kinds}"),
    "rule_no_files": (
        "geen bestanden om in te lezen; een map levert haar bestanden van deze typen: {types}",
        "no files to import; a folder gives its files of these types: {types}",
    ),
    "note_skipped": (
        "overgeslagen, want niet van een type dat wordt ingelezen ({types}): {files}",
        "skipped, not of a type that is imported ({types}): {files}",
    ),
    "store_damaged_catalog": (
        "De catalogus {catalog} kan niet worden gelezen. Zet hem terug uit een back-up (docs/deployment.md, "
        "Back-ups); de gegevensbestanden in {files} zijn niet aangeraakt.",
        "The catalog {catalog} cannot be read. Restore it from a backup (docs/deployment.md, Backups); the data "
        "files in {files} are untouched.",
    ),
    "store_damaged_file": (
        "Een gegevensbestand in {folder} kan niet worden gelezen. Zet het terug uit een back-up, of ga terug naar "
        "de stand van voor de laatste schrijfactie met `python -m regie undo`.",
        "A data file of {folder} cannot be read. Restore it from a backup, or return to the state before the last "
        "write with `python -m regie undo`.",
    ),
    "store_damaged_detail": ("Technische melding: {detail}", "Technical message: {detail}"),
    "rule_not_a_lake": (
        "de gegevensmap is geen lake; zet oude extracten eerst om met python -m regie migrate",
        "the data directory is not a lake; turn old extracts into one with python -m regie migrate",
    ),
    "rule_busy": ("er loopt al een import in deze map", "another import into this directory is running"),
    "rule_contract": ("{text}", "{text}"),
    "rule_too_large": ("bestand is groter dan {limit} MB", "file is larger than {limit} MB"),
    "note_converted": (
        "{file}: omgerekend uit {currency} tegen {rate}, de koers die het btw-totaal in euro aangeeft",
        "{file}: converted from {currency} at {rate}, the rate its EUR VAT total implies",
    ),
    "note_contract_unknown": (
        "{file}: contractverwijzing '{reference}' staat niet in de contracten; ingelezen zonder contract",
        "{file}: contract reference '{reference}' is not in contracts; imported without a contract",
    ),
    "rule_json_unreadable": ("geen leesbare JSON: {detail}", "not readable JSON: {detail}"),
    "rule_json_shape": (
        "JSON moet een lijst van objecten zijn (zoals GET /tas/api/incidents die geeft)",
        "JSON must be a list of objects (as GET /tas/api/incidents returns)",
    ),
    "note_supplier_id": (
        "leverancier {supplier} heeft geen KvK-nummer van 8 cijfers; herkend als {id} ({documents} documenten, "
        "eerste {file})",
        "supplier {supplier} has no 8-digit KvK number; identified as {id} ({documents} documents, first {file})",
    ),
    "note_supplier_id_one": (
        "leverancier {supplier} heeft geen KvK-nummer van 8 cijfers; herkend als {id} (1 document, {file})",
        "supplier {supplier} has no 8-digit KvK number; identified as {id} (1 document, {file})",
    ),
    "note_set_aside": (
        "{file}: terzijde gelegd: factuur {invoice} ({date}) staat ook in {kept}, en die telt (de laatste "
        "factuurdatum, dan de laatste bestandsnaam)",
        "{file}: set aside: invoice {invoice} ({date}) is also in {kept}, which counts (the latest issue date, then "
        "the later file name)",
    ),
    "note_replace": (
        "vervangen: de {rows} rijen die er stonden zijn vervangen door deze import",
        "--replace: the {rows} rows that were there are replaced by this import",
    ),
    "table_municipalities": ("Gemeenten", "Municipalities"),
    "table_municipality_years": ("Gemeenten per jaar", "Members per year"),
    "table_sla_norms": ("DVO-normen", "DVO norms"),
    "table_contracts": ("Contracten", "Contracts"),
    "table_budgets": ("Begrotingen", "Budgets"),
    "table_tickets": ("Meldingen", "Tickets"),
    "table_invoices": ("Factuurregels", "Invoice lines"),
    "table_savings": ("Besparingen", "Savings"),
    "table_sla_by_month": ("SLA per maand, soort en prioriteit", "SLA by month, type and priority"),
    "table_ticket_flow_by_month": ("Instroom, uitstroom en werkvoorraad per maand", "Flow and backlog by month"),
    "table_service_times_by_month": ("Servicetijden per maand en prioriteit", "Service times by month and priority"),
    "table_breaches_by": ("Overschrijdingen per categorie", "Breaches by category"),
    "table_spend_cells": ("Uitgaven per gemeente, kostensoort en route", "Spend by member, cost category and route"),
    "table_budget_vs_actual": ("Begroting en werkelijk", "Budget against actual"),
    "table_cost_key_alternatives": ("Verdeelsleutels", "Cost keys"),
    "table_supplier_scorecard": ("Leveranciers", "Suppliers"),
    "table_contract_status": ("Contracten en plafonds", "Contracts and ceilings"),
    "table_savings_check": ("Besparingen getoetst aan facturen", "Savings checked against invoices"),
    "table_policy_exceptions": ("Uitzonderingen op het beleid", "Exceptions to the policy"),
    # DVO what-if (pages/herijking.py, regie/whatif.py)
    "page_herijking": ("DVO-herijking", "DVO what-if"),
    "whatif_heading": ("Voorgestelde normen op de meldingen van {period}", "Proposed norms on the tickets of {period}"),
    "whatif_intro": (
        "Wijzig een norm in de tabel en zie meteen wat die over de gekozen periode had betekend, per gemeente. "
        "Een voorgestelde norm geldt voor alle meldingen van die soort en prioriteit; de andere meldingen houden "
        "de norm die gold op de dag dat ze werden geopend. Binnen de norm is: kleiner dan of gelijk aan.",
        "Change a norm in the table and see at once what it would have meant over the chosen period, member by "
        "member. A proposed norm applies to every ticket of its type and priority; the other tickets keep the norm "
        "valid on the day they were opened. Within the norm means less than or equal.",
    ),
    "whatif_members": (
        "Gemeenten: {names}. Kies er meer in de zijbalk bij '{label}'.",
        "Members: {names}. Choose more in the sidebar under '{label}'.",
    ),
    "whatif_norms": ("Normen", "Norms"),
    "whatif_norms_help": (
        "Reactie- en oplostijd in uren op de klok van de norm (kantooruren: de servicetijden van de DVO). "
        "Dubbelklik op een cel om hem te wijzigen.",
        "Response and resolution time in hours on the norm's clock (business: the DVO's service hours). "
        "Double-click a cell to change it.",
    ),
    "whatif_changed_norm": (
        "De norm voor {type} prioriteit {priority} geldt sinds {date}; daarvoor: {earlier}. Een voorstel voor die "
        "norm geldt voor alle meldingen van de periode, ook voor die van vóór {date}: een ruimere norm dan nu kan "
        "daardoor strenger zijn dan de norm die voor hen gold.",
        "The norm for {type} priority {priority} applies since {date}; before it: {earlier}. A proposal for that "
        "norm applies to every ticket of the period, those of before {date} too: a norm more lenient than today's "
        "can therefore be stricter than the one that applied to them.",
    ),
    "whatif_reset": ("Terug naar de normen van nu", "Back to the current norms"),
    "whatif_no_change": (
        "Nog geen voorstel: de tabel toont de normen van nu. Wijzig een norm om te zien wat er verandert.",
        "No proposal yet: the table shows the current norms. Change a norm to see what changes.",
    ),
    "whatif_proposal_list": ("Voorstel: {norms}", "Proposal: {norms}"),
    "whatif_bad_value": ("Deze wijziging is niet gebruikt: {reason}", "This change was not used: {reason}"),
    "whatif_bad_link": (
        "Het voorstel in de link is niet gebruikt: {reason}",
        "The proposal in the link was not used: {reason}",
    ),
    "whatif_norm_text_short": (
        "reactie {response}, oplossen {resolution} ({clock}), doel {target}",
        "response {response}, resolution {resolution} ({clock}), target {target}",
    ),
    "whatif_norm_text": (
        "{type} prioriteit {priority}: reactie {response}, oplossen {resolution} ({clock}), doel {target}",
        "{type} priority {priority}: response {response}, resolution {resolution} ({clock}), target {target}",
    ),
    "clock_business": ("kantooruren", "business hours"),
    "clock_calendar": ("24x7", "24x7"),
    "whatif_clock": ("Klok", "Clock"),
    "whatif_response_hours": ("Reactie (uur)", "Response (hours)"),
    "whatif_resolution_hours": ("Oplossen (uur)", "Resolution (hours)"),
    "whatif_target_column": ("Doel (%)", "Target (%)"),
    "whatif_scores": ("Scores per gemeente", "Scores per member"),
    "whatif_today": ("Normen van nu", "Current norms"),
    "whatif_proposal": ("Voorstel", "Proposal"),
    "whatif_target": ("Doel {value}", "Target {value}"),
    "whatif_chart_resolution": ("Oplossen binnen de norm", "Resolved within the norm"),
    "whatif_chart_response": ("Reactie binnen de norm", "Responded within the norm"),
    "whatif_summary": (
        "Met het voorstel scoren {higher} van de {count} gemeenten hoger en {lower} lager op {measure}.",
        "With the proposal, {higher} of the {count} members score higher and {lower} lower on {measure}.",
    ),
    "whatif_summary_one": (
        "Met het voorstel is de score voor {measure} {after} in plaats van {before}.",
        "With the proposal, the score for {measure} is {after} instead of {before}.",
    ),
    "whatif_measure": ("Meting", "Measure"),
    "whatif_measure_resolution": ("Oplossen", "Resolution"),
    "whatif_measure_response": ("Reactie", "Response"),
    "whatif_tickets": ("Meldingen (aantal)", "Tickets (count)"),
    "whatif_difference": ("Verschil (%-punt)", "Difference (points)"),
    "whatif_norm": ("Norm", "Norm"),
    "whatif_realistic_norm": ("Haalbare norm", "Realistic norm"),
    "whatif_summary_same": (
        "Het voorstel verandert geen score voor {measure}.",
        "The proposal changes no score for {measure}.",
    ),
    "points_value": ("{value} pp", "{value} pts"),
    "whatif_no_tickets": ("geen meldingen", "no tickets"),
    "whatif_months": ("Maanden die het doel halen", "Months that meet the target"),
    "whatif_months_help": (
        "✓ gehaald, ✗ niet gehaald, ✗ → ✓ gehaald met het voorstel, ✓ → ✗ niet meer gehaald met het voorstel, "
        "– geen meldingen in die maand.",
        "✓ met, ✗ not met, ✗ → ✓ met with the proposal, ✓ → ✗ no longer met with the proposal, – no tickets "
        "that month.",
    ),
    "whatif_months_gained": (
        " Met het voorstel halen {count} maanden het doel die het nu missen.",
        " With the proposal, {count} months meet the target that miss it now.",
    ),
    "whatif_months_gained_one": (
        " Met het voorstel haalt 1 maand het doel die het nu mist.",
        " With the proposal, 1 month meets the target that misses it now.",
    ),
    "whatif_months_lost": (
        " Met het voorstel missen {count} maanden het doel die het nu halen.",
        " With the proposal, {count} months miss the target that meet it now.",
    ),
    "whatif_months_lost_one": (
        " Met het voorstel mist 1 maand het doel die het nu haalt.",
        " With the proposal, 1 month misses the target that meets it now.",
    ),
    "whatif_months_met": ("Gehaald (nu → voorstel)", "Met (now → proposal)"),
    "months_met": ("{today} → {proposed} van {months}", "{today} → {proposed} of {months}"),
    "months_met_same": ("{today} van {months}", "{today} of {months}"),
    "minutes_unit": ("{value} min", "{value} min"),
    "whatif_flips": ("Meldingen die van kant wisselen", "Tickets that change side"),
    "whatif_flips_none": ("Geen melding wisselt van kant.", "No ticket changes side."),
    "whatif_to_within": ("Naar binnen de norm (aantal)", "Into the norm (count)"),
    "whatif_to_over": ("Naar buiten de norm (aantal)", "Out of the norm (count)"),
    "whatif_evidence": ("Per soort en prioriteit: wat is haalbaar", "Per type and priority: what is realistic"),
    "whatif_evidence_help": (
        "Haalbaar: de kortste norm waarbinnen het doel van de meldingen van de gekozen gemeenten in deze periode "
        "zou zijn gehaald (het doel als kwantiel van de tijden op de klok van de norm); n.b. als geen norm het doel "
        "haalt, omdat meldingen zonder gemeten tijd nooit binnen de norm zijn.",
        "Realistic: the shortest norm within which the chosen members' tickets of this period would have met the "
        "target (the target as a quantile of the times on the norm's clock); n/a when no norm meets it, as tickets "
        "without a measured time are never within.",
    ),
    "whatif_download": ("Download voorstel en uitkomsten (Excel)", "Download proposal and results (Excel)"),
    "whatif_to_pack": ("Neem op in het stuk voor het overleg", "Add to the board pack"),
    "whatif_no_data": (
        "Geen meldingen met een norm in {period} voor deze gemeenten.",
        "No tickets with a norm in {period} for these members.",
    ),
    "whatif_members_label": ("Gemeenten", "Members"),
    "whatif_data_until": ("Gegevens tot en met", "Data up to and including"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "whatif_response_minutes": ("Reactie (minuten)", "Response (minutes)"),
    "whatif_resolution_minutes": ("Oplossen (minuten)", "Resolution (minutes)"),
    "whatif_within_today": ("Binnen de norm nu (aantal)", "Within the norm now (count)"),
    "whatif_within_proposed": ("Binnen de norm voorstel (aantal)", "Within the norm proposal (count)"),
    "whatif_score_today": ("Score nu (%)", "Score now (%)"),
    "whatif_score_proposed": ("Score voorstel (%)", "Score proposal (%)"),
    "whatif_target_today": ("Doel nu (%)", "Target now (%)"),
    "whatif_target_proposed": ("Doel voorstel (%)", "Target proposal (%)"),
    "whatif_met_today": ("Doel gehaald nu", "Target met now"),
    "whatif_met_proposed": ("Doel gehaald voorstel", "Target met proposal"),
    "whatif_value": ("Waarde", "Value"),
    "whatif_dimension": ("Indeling", "Breakdown"),
    "whatif_realistic": ("Haalbare normen", "Realistic norms"),
    "whatif_realistic_minutes": ("Haalbare norm (minuten)", "Realistic norm (minutes)"),
    "whatif_none": ("geen (de normen van nu)", "none (the current norms)"),
    "whatif_link_code": ("Voorstel in de link (dvo=)", "Proposal in the link (dvo=)"),
    "whatif_rules": ("Rekenregels", "Rules"),
    "whatif_sheet_scores": ("Scores", "Scores"),
    "whatif_sheet_months": ("Maanden", "Months"),
    "whatif_sheet_flips": ("Wisselingen", "Changes of side"),
    "pack_proposal": ("Voorstel DVO-normen", "Proposed DVO norms"),
    "proposal_form": (
        "'{part}' is geen norm. Een norm is soort (i incident, r verzoek, c wijziging) en prioriteit (1-4), "
        "reactie en oplossen in minuten, klok (b kantooruren, c 24x7) en doel in %, met streepjes, bv. "
        "i3-240-1620-b-90; meer normen met _ ertussen",
        "'{part}' is not a norm. A norm is the type (i incident, r request, c change) and priority (1-4), "
        "response and resolution in minutes, the clock (b business hours, c 24x7) and the target in %, with "
        "dashes, e.g. i3-240-1620-b-90; more norms with _ between them",
    ),
    "proposal_unknown": (
        "'{part}': er geldt geen norm voor {type} prioriteit {priority}",
        "'{part}': no norm for {type} priority {priority} is in force",
    ),
    "proposal_twice": (
        "'{part}': {type} prioriteit {priority} staat er twee keer in",
        "'{part}': {type} priority {priority} is proposed twice",
    ),
    "proposal_minutes": (
        "{type} prioriteit {priority}: de norm voor {measure} moet meer dan 0 en hoogstens {most} minuten zijn",
        "{type} priority {priority}: the {measure} norm must be more than 0 and at most {most} minutes",
    ),
    "proposal_clock": (
        "{type} prioriteit {priority}: de klok is kantooruren of 24x7",
        "{type} priority {priority}: the clock must be business or calendar",
    ),
    "proposal_target": (
        "{type} prioriteit {priority}: het doel moet meer dan 0% en hoogstens 100% zijn, in honderdsten",
        "{type} priority {priority}: the target must be more than 0% and at most 100%, in hundredths",
    ),
    "proposal_missing": (
        "{type} prioriteit {priority}: elke waarde moet een getal zijn, met een komma of punt voor de decimalen",
        "{type} priority {priority}: every value must be a number, with a comma or point for the decimals",
    ),
    "proposal_period": (
        "de periode (dvo_periode) ontbreekt of valt buiten de gegevens",
        "the period (dvo_periode) is missing or outside the data",
    ),
    "pack_proposal_intro": (
        "Getoetst op de meldingen van {period} van {members}. Zonder voorstel telt elke melding met de norm die gold "
        "op de dag dat ze werd geopend.",
        "Tried on the tickets of {period} of {members}. Without a proposal, every ticket counts with the norm valid "
        "on the day it was opened.",
    ),
}


def t(key: str, lang: str = DEFAULT, **values: object) -> str:
    """The text for `key` in the language, with `values` filled in.

    With `count` equal to 1, the text `<key>_one` is used where the table has one (the singular).
    An abbreviation at the end of a sentence ("n.b.") absorbs the sentence's full stop.
    """
    if values.get("count") == 1 and f"{key}_one" in TEXT:
        key = f"{key}_one"
    text = TEXT[key][LANGUAGES.index(lang) if lang in LANGUAGES else 0]
    text = text.format(**values) if values else text
    return text[:-1] if text.endswith("..") else text


def number(value: float | None, decimals: int = 0, lang: str = DEFAULT) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("not_available", lang)
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def eur(value: float | None, decimals: int = 2, lang: str = DEFAULT) -> str:
    """EUR 1.234,56 in Dutch as '€ 1.234,56', in English as '€1,234.56'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("not_available", lang)
    sign = "-" if value < 0 else ""
    amount = number(abs(value), decimals, lang)
    return f"€ {sign}{amount}" if lang == "nl" else f"{sign}€{amount}"


def pct(value: float | None, decimals: int = 1, lang: str = DEFAULT) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("not_available", lang)
    return f"{number(value, decimals, lang)}%"


def long_date(day: date, lang: str = DEFAULT) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def short_date(day, lang: str = DEFAULT) -> str:
    """Dates in tables: 31-12-2026 in Dutch (dd-mm-jjjj), 2026-12-31 in English; '' when missing."""
    if day is None or (isinstance(day, float) and math.isnan(day)) or str(day) in ("NaT", "nan", "None"):
        return ""
    day = day.date() if hasattr(day, "date") and callable(day.date) else day
    return f"{day.day:02d}-{day.month:02d}-{day.year}" if lang == "nl" else day.isoformat()


def period_label(period: Period, lang: str = DEFAULT) -> str:
    """'3e kwartaal 2025', 'juli 2025', '2025'; a cut period says how far the data cover it:
    '2026 t/m 30 november 2026' (product.md, "Coverage")."""
    if period.kind == "year":
        label = str(period.year)
    elif period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        label = f"{quarter}e kwartaal {period.year}" if lang == "nl" else f"Q{quarter} {period.year}"
    else:
        label = f"{MONTHS[lang][period.start.month - 1]} {period.year}"
    return f"{label} {t('up_to', lang, date=long_date(period.last_day, lang))}" if period.partial else label


def short_period_label(period: Period, lang: str = DEFAULT) -> str:
    """For chart axes: 'K3 2025' / 'Q3 2025', 'jul 2025', '2025'; a cut period says how far the
    data cover it: 'K4 2026 t/m 30 nov'."""
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        label = f"{'K' if lang == 'nl' else 'Q'}{quarter} {period.year}"
    elif period.kind == "month":
        label = f"{SHORT_MONTHS[lang][period.start.month - 1]} {period.year}"
    else:
        label = str(period.year)
    if not period.partial:
        return label
    last = period.last_day
    day = (
        f"{last.day} {SHORT_MONTHS[lang][last.month - 1]}"
        if lang == "nl"
        else f"{SHORT_MONTHS[lang][last.month - 1]} {last.day}"
    )
    return f"{label} {t('up_to', lang, date=day)}"


def plotly_separators(lang: str = DEFAULT) -> str:
    """Plotly's `separators`: decimal mark, then thousands mark."""
    return ",." if lang == "nl" else ".,"
