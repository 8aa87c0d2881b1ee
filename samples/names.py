"""Organisations, people and addresses of the sample corpus, drawn from parts.

Partners and customers come from many countries, so legal suffixes, registration lines, date
habits and people's names vary the way real paperwork does. ``Org.name`` is the canonical name
(what Partner Center holds for the partner, what the tenant directory holds for the customer);
documents then write it the way a bid manager would (``Org.variants``).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# country -> (legal suffixes, date styles used there, registration line template, phone prefix)
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {
    "United Kingdom": (("Ltd", "Limited", "PLC", "LLP"), ("long_uk", "uk_num", "ordinal_uk", "dmy_abbr"),
                       "Registered in England and Wales, company number {reg8}", "+44 20"),
    "United States": (("Inc.", "LLC", "Corp.", "Corporation", "Inc"), ("long_us", "us_num", "abbr_us", "iso"),
                      "a {state} {entity}", "+1 312"),
    "Germany": (("GmbH", "AG", "GmbH & Co. KG", "SE"), ("de", "iso", "long_uk"),
                "Amtsgericht {court}, HRB {reg6}", "+49 89"),
    "Australia": (("Pty Ltd", "Pty Limited", "Limited"), ("long_uk", "uk_num", "dmy_abbr"),
                  "ABN {abn}", "+61 2"),
    "India": (("Pvt. Ltd.", "Private Limited", "Limited", "LLP"), ("uk_num", "dmy_dash", "long_uk", "dmy_abbr"),
              "CIN U72900{stcode}2014PTC{reg6}", "+91 80"),
    "Ireland": (("Limited", "DAC", "Ltd"), ("long_uk", "uk_num"), "Registered in Ireland No. {reg6}", "+353 1"),
    "Netherlands": (("B.V.", "N.V."), ("iso", "dmy_dash", "long_uk"), "KvK {reg8}", "+31 20"),
    "France": (("SAS", "SA", "SARL"), ("uk_num", "long_uk", "iso"), "RCS Paris {reg9}", "+33 1"),
    "Canada": (("Inc.", "Ltd.", "Corp."), ("iso", "long_us", "abbr_us"), "Corporation No. {reg7}", "+1 416"),
    "South Africa": (("(Pty) Ltd", "Pty Ltd"), ("long_uk", "iso", "uk_num"), "Reg. No. 2012/{reg6}/07", "+27 11"),
    "Singapore": (("Pte. Ltd.", "Pte Ltd"), ("long_uk", "dmy_abbr", "iso"), "UEN 2015{reg5}K", "+65 6"),
    "Sweden": (("AB",), ("iso", "long_uk"), "Org.nr 556{reg6}-1", "+46 8"),
    "New Zealand": (("Limited",), ("long_uk", "uk_num"), "NZBN 94290{reg8}", "+64 9"),
}
COUNTRY_WEIGHTS = {"United Kingdom": 22, "United States": 22, "Germany": 12, "Australia": 10, "India": 10,
                   "Ireland": 4, "Netherlands": 4, "France": 3, "Canada": 5, "South Africa": 3, "Singapore": 2,
                   "Sweden": 2, "New Zealand": 1}

# How the same legal form is also written (all are the same company: D-11.4 accepts them).
SUFFIX_VARIANTS: dict[str, tuple[str, ...]] = {
    "Ltd": ("Limited", "Ltd.", "LTD"), "Limited": ("Ltd", "Ltd."), "PLC": ("plc", "Public Limited Company"),
    "LLP": ("L.L.P.",), "Inc.": ("Inc", "Incorporated", ", Inc."), "Inc": ("Inc.", "Incorporated"),
    "LLC": ("L.L.C.", ", LLC"), "Corp.": ("Corporation", "Corp"), "Corporation": ("Corp.",),
    "GmbH": ("GmbH",), "AG": ("AG",), "GmbH & Co. KG": ("GmbH & Co KG",), "SE": ("SE",),
    "Pty Ltd": ("Pty Limited", "Pty. Ltd.", "Proprietary Limited"), "Pty Limited": ("Pty Ltd", "Pty. Ltd."),
    "Pvt. Ltd.": ("Private Limited", "Pvt Ltd", "Pvt. Limited"), "Private Limited": ("Pvt. Ltd.", "Pvt Ltd"),
    "DAC": ("Designated Activity Company",), "B.V.": ("BV",), "N.V.": ("NV",), "SAS": ("S.A.S.",), "SA": ("S.A.",),
    "SARL": ("S.A.R.L.",), "Ltd.": ("Limited", "Ltd"), "(Pty) Ltd": ("(Pty) Limited", "Pty Ltd"),
    "Pte. Ltd.": ("Pte Ltd", "Private Limited"), "Pte Ltd": ("Pte. Ltd.",), "AB": ("AB",),
}

_FIRST = ("North", "Blue", "Silver", "Bright", "Clear", "Iron", "Oak", "Stone", "Red", "Green", "High", "Sky",
          "Bay", "Harbour", "River", "Summit", "Kite", "Arrow", "Fox", "Lark", "Wren", "Cedar", "Maple", "Birch",
          "Aspen", "Quill", "Salt", "Copper", "Amber", "Indigo", "Garnet", "Onyx", "Jade", "Ember", "Frost",
          "Hazel", "Heron", "Otter", "Raven", "Thistle", "Willow", "Granite", "Falcon", "Beacon", "Anchor")
_SECOND = ("bridge", "water", "field", "point", "gate", "stone", "wood", "brook", "crest", "ridge", "light",
           "line", "path", "wave", "works", "forge", "mark", "leaf", "spring", "haven", "moor", "vale", "wick",
           "ford", "holm", "mere", "croft", "shaw")
_COINED = ("Fabrikam", "Northwind", "Adatum", "Litware", "Proseware", "Tailspin", "Wingtip", "Woodgrove",
           "Lucerne", "Coho", "Fourth Coffee", "Trey", "Relecloud", "Alpine", "Margie's", "Humongous",
           "Vertexa", "Nimbly", "Quantiva", "Solvaris", "Zentrix", "Corvana", "Tesselate", "Kinetiq", "Axiom",
           "Meridian", "Cobalt", "Vantage", "Orbital", "Pinnacle", "Keystone", "Lumen", "Sapphire", "Tangent",
           "Rheinwerk", "Nordlicht", "Isarwerk", "Elbtal", "Sahyadri", "Vayu", "Tarang", "Kaveri", "Aravali",
           "Wattle", "Coral Sea", "Southern Cross", "Banksia", "Kauri", "Fjordline", "Delta Blue", "Lakeshore")
_ONSETS = ("ka", "lo", "mi", "ve", "za", "tor", "quin", "bel", "cor", "dra", "el", "fen", "gal", "hal", "jor", "kel",
           "lum", "mar", "nor", "pel", "ran", "sol", "tal", "vin", "wel", "xan", "yor", "zel", "bri", "cal", "del",
           "fal", "gro", "ister", "lin", "mon", "ner", "ost", "pra", "ros", "sen", "tre", "ul", "var")
_NUCLEI = ("a", "e", "i", "o", "ia", "io", "ara", "ona", "ex", "is", "on", "ar", "en", "ion", "ari")
_CODAS = ("", "n", "x", "ra", "ta", "via", "nis", "tek", "lo", "va", "rant", "dex", "lytics", "ora", "mont", "stra")
_PARTNER_WORDS = ("Consulting", "Digital", "Solutions", "Technologies", "IT Services", "Cloud", "Systems",
                  "Partners", "Advisory", "Group", "Infotech", "Software", "Data", "Business Solutions",
                  "Cloud Services", "Managed Services", "Technology Partners", "Integration", "Tech")
_PARTNER_WORDS_DE = ("Informatik", "IT-Beratung", "Systemhaus", "Digital", "Consulting")
_TOWNS = ("Riverton", "Ashbury", "Kingsbridge", "Brampton", "Greenhill", "Westmoor", "Eastleigh", "Hartwell",
          "Millbrook", "Oakham", "Redcliffe", "Thornbury", "Wollongbar", "Bellbrook", "Cairnside", "Elmstead",
          "Foxley", "Glenrock", "Halden", "Kestrel Bay", "Larchmont", "Marlow", "Northgate", "Pemberton",
          "Queensbury", "Rosedale", "Sandown", "Tamworth", "Upton", "Whitby", "Yarra Vale", "Nagpur", "Kochi",
          "Mysore", "Rosenheim", "Lindau", "Hamelin")
_SURNAMES = ("Hughes", "Clarke", "Mehta", "Becker", "Walsh", "Okafor", "Lindqvist", "Fraser", "Dubois",
             "Patel", "Moreau", "Kowalski", "Brennan", "Sato", "Iyer", "Hartmann", "Ng", "Russo", "Abbott", "Ashby",
             "Pemberton", "Castellano", "Okonkwo", "Varga", "Halvorsen", "Quigley", "Thackeray", "Whitlock", "Yadav",
             "Zimmer", "Oduya", "Fairbairn", "Lindahl", "Marchetti", "Nakamura", "Delacroix", "Ferreira")
_INDUSTRY = ("Logistics", "Foods", "Manufacturing", "Health", "Engineering", "Insurance", "Retail",
             "Pharmaceuticals", "Construction", "Energy", "Textiles", "Hospitality", "Freight", "Dairy",
             "Motors", "Financial Services", "Property Group", "Water", "Plastics", "Packaging", "Brewing",
             "Wines", "Holdings", "Medical", "Furniture", "Aerospace", "Marine", "Agriculture", "Utilities",
             "Timber", "Ceramics", "Cosmetics", "Labs", "Leisure", "Transport", "Recruitment", "Print")
_PUBLIC = ("{town} City Council", "{town} District Council", "{town} NHS Foundation Trust",
           "{town} University", "{town} Housing Association", "Shire of {town}", "{town} Water Authority")

_PEOPLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "uk": (("Oliver", "Amelia", "Harry", "Isla", "George", "Sophie", "Jack", "Emily", "Thomas", "Grace", "Callum",
            "Niamh", "Rhys", "Eleanor", "Sanjay", "Aisha"),
           ("Hughes", "Clarke", "Walsh", "Turner", "Bennett", "Fletcher", "Morgan", "Price", "Davies", "Shaw",
            "Khan", "Reid", "Doyle", "Parry", "Holloway", "Ashworth")),
    "us": (("Michael", "Jessica", "David", "Ashley", "Chris", "Megan", "Brandon", "Lauren", "Tyler", "Rachel",
            "Marcus", "Danielle", "Kevin", "Maria", "Jamal", "Hannah"),
           ("Johnson", "Miller", "Garcia", "Rodriguez", "Anderson", "Thompson", "Martinez", "Robinson",
            "Walker", "Young", "Hernandez", "King", "Wright", "Lopez", "Hill", "Scott")),
    "de": (("Jonas", "Lena", "Lukas", "Anna", "Felix", "Sophie", "Maximilian", "Laura", "Tobias", "Julia",
            "Matthias", "Katrin", "Stefan", "Sabine"),
           ("Becker", "Schmidt", "Müller", "Schneider", "Fischer", "Weber", "Wagner", "Hoffmann", "Koch",
            "Richter", "Klein", "Wolf", "Neumann", "Zimmermann")),
    "au": (("Liam", "Charlotte", "Noah", "Olivia", "Jack", "Mia", "Cooper", "Chloe", "Lachlan", "Zoe", "Riley",
            "Matilda"),
           ("Smith", "Nguyen", "Kelly", "Ryan", "Murphy", "O'Brien", "Campbell", "Stewart", "Edwards", "Harris",
            "McKenzie", "Tran")),
    "in": (("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Sneha", "Rahul", "Divya", "Aditya",
            "Meera", "Karthik", "Pooja", "Siddharth"),
           ("Raman", "Mehta", "Iyer", "Sharma", "Nair", "Reddy", "Gupta", "Kulkarni", "Banerjee", "Menon",
            "Joshi", "Rao", "Pillai", "Chatterjee")),
    "fr": (("Camille", "Louis", "Chloé", "Hugo", "Manon", "Lucas", "Léa", "Antoine"),
           ("Dubois", "Moreau", "Laurent", "Lefebvre", "Girard", "Bonnet", "Mercier", "Fournier")),
    "nl": (("Daan", "Sanne", "Bram", "Femke", "Lars", "Anouk", "Ruben", "Eva"),
           ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Mulder", "de Boer")),
    "se": (("Erik", "Astrid", "Oskar", "Elsa", "Nils", "Maja"), ("Lindqvist", "Andersson", "Berg", "Nyström",
                                                              "Holm", "Sjöberg")),
}
_COUNTRY_PEOPLE = {"United Kingdom": "uk", "Ireland": "uk", "United States": "us", "Canada": "us",
                   "Germany": "de", "Australia": "au", "New Zealand": "au", "South Africa": "uk", "India": "in",
                   "Singapore": "in", "France": "fr", "Netherlands": "nl", "Sweden": "se"}

CUSTOMER_TITLES = ("IT Director", "Head of IT", "Chief Information Officer", "Chief Technology Officer",
                   "Head of Digital", "IT Manager", "Finance Director", "Chief Financial Officer",
                   "Operations Director", "Head of Procurement", "Procurement Manager", "Head of Infrastructure",
                   "Director of Technology", "Head of Business Systems", "General Manager", "Managing Director",
                   "Head of Sales Operations", "CRM Programme Manager", "Head of Customer Service")
PROCUREMENT_TITLES = ("Head of Procurement", "Procurement Manager", "Senior Buyer", "Purchasing Manager",
                      "Category Manager - IT", "Finance Director")
PARTNER_TITLES = ("Delivery Director", "Account Executive", "Practice Lead", "Managing Director",
                  "Engagement Manager", "Client Director", "Head of Professional Services", "Solution Architect",
                  "Director, Modern Work", "Business Applications Lead", "Chief Operating Officer",
                  "Project Manager", "Commercial Director")

_STREETS = ("High Street", "Station Road", "Church Lane", "Mill Road", "Market Street", "King Street",
            "Queen's Road", "Park Avenue", "Riverside Drive", "Commerce Way", "Harbour Road", "Victoria Street")
_CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "United Kingdom": (("London", "EC2A 4NE"), ("Manchester", "M1 2WD"), ("Leeds", "LS1 4AP"),
                       ("Bristol", "BS1 6QH"), ("Reading", "RG1 1PL"), ("Edinburgh", "EH2 4AD")),
    "United States": (("Chicago, IL", "60606"), ("Seattle, WA", "98104"), ("Austin, TX", "78701"),
                      ("Boston, MA", "02110"), ("Denver, CO", "80202"), ("Atlanta, GA", "30303")),
    "Germany": (("München", "80331"), ("Hamburg", "20095"), ("Frankfurt am Main", "60311"), ("Köln", "50667")),
    "Australia": (("Sydney NSW", "2000"), ("Melbourne VIC", "3000"), ("Brisbane QLD", "4000"),
                  ("Perth WA", "6000")),
    "India": (("Bengaluru, Karnataka", "560001"), ("Pune, Maharashtra", "411001"), ("Hyderabad, Telangana",
                                                                                    "500081"),
              ("Chennai, Tamil Nadu", "600002")),
    "Ireland": (("Dublin 2", "D02 X285"), ("Cork", "T12 R229")),
    "Netherlands": (("Amsterdam", "1017 AB"), ("Utrecht", "3511 AX"), ("Rotterdam", "3011 AD")),
    "France": (("Paris", "75008"), ("Lyon", "69002")),
    "Canada": (("Toronto, ON", "M5H 2N2"), ("Vancouver, BC", "V6C 1T2")),
    "South Africa": (("Johannesburg", "2196"), ("Cape Town", "8001")),
    "Singapore": (("Singapore", "018989"),),
    "Sweden": (("Stockholm", "111 52"), ("Göteborg", "411 06")),
    "New Zealand": (("Auckland", "1010"), ("Wellington", "6011")),
}
_STATES = ("Delaware", "Washington", "Illinois", "Texas", "New York", "California")
_COURTS = ("München", "Hamburg", "Frankfurt am Main", "Köln", "Stuttgart")


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str
    email: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Org:
    base: str  # "Fabrikam Consulting"
    suffix: str  # "Ltd" ("" for public bodies)
    country: str
    domain: str  # "fabrikam.example"
    address: tuple[str, ...]
    registration: str
    phone: str
    public_sector: bool = False
    people: tuple[Person, ...] = field(default=(), compare=False)
    short_name: str = ""  # the defined term of running text ("Fabrikam", "Fourth Coffee")

    @property
    def name(self) -> str:
        return f"{self.base}{'' if self.suffix.startswith(',') else ' '}{self.suffix}".strip() if self.suffix else self.base

    @property
    def short(self) -> str:
        """The defined term of running text ("Fabrikam", "Harbourside")."""
        return self.short_name or self.base

    def with_suffix(self, suffix: str) -> str:
        if not self.suffix:
            return self.base
        return f"{self.base}{suffix}" if suffix.startswith(",") else f"{self.base} {suffix}"


def country_people(country: str) -> str:
    return _COUNTRY_PEOPLE.get(country, "uk")


def weighted_country(rng: random.Random) -> str:
    names = list(COUNTRY_WEIGHTS)
    return rng.choices(names, weights=[COUNTRY_WEIGHTS[c] for c in names])[0]


def _reg(rng: random.Random, country: str) -> str:
    tmpl = COUNTRIES[country][2]
    digits = {f"reg{k}": "".join(str(rng.randint(0, 9)) for _ in range(k)) for k in (5, 6, 7, 8, 9)}
    abn = " ".join("".join(str(rng.randint(0, 9)) for _ in range(k)) for k in (2, 3, 3, 3))
    return tmpl.format(state=rng.choice(_STATES), entity=rng.choice(("corporation", "limited liability company")),
                       court=rng.choice(_COURTS), abn=abn, stcode=rng.choice(("KA", "MH", "TN", "TG")), **digits)


def _address(rng: random.Random, country: str) -> tuple[str, ...]:
    city, post = rng.choice(_CITIES[country])
    num = rng.randint(1, 240)
    if country == "Germany":
        street = f"{rng.choice(('Leopoldstraße', 'Hauptstraße', 'Bahnhofstraße', 'Am Hafen', 'Industriestraße'))} {num}"
        return (street, f"{post} {city}", "Deutschland")
    if country in ("Netherlands", "Sweden", "France"):
        return (f"{rng.choice(_STREETS)} {num}", f"{post} {city}", country)
    unit = rng.choice(("", f"Level {rng.randint(2, 30)}, ", f"Suite {rng.randint(100, 990)}, ", "Unit 4, "))
    return (f"{unit}{num} {rng.choice(_STREETS)}", f"{city} {post}", country)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().replace("&", "and"))


def make_person(rng: random.Random, country: str, domain: str, titles: tuple[str, ...],
                taken: set[str] | None = None) -> Person:
    firsts, lasts = _PEOPLE[country_people(country)]
    for _ in range(30):
        first, last = rng.choice(firsts), rng.choice(lasts)
        if taken is None or f"{first} {last}" not in taken:
            break
    if taken is not None:
        taken.add(f"{first} {last}")
    local = f"{_ascii(first)}.{_ascii(last)}".lower().replace(" ", "").replace("'", "")
    return Person(first, last, rng.choice(titles), f"{local}@{domain}")


def _ascii(text: str) -> str:
    return (text.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss").replace("é", "e")
            .replace("è", "e").replace("ë", "e"))


class NameFactory:
    """Hands out distinct organisations. ``taken`` holds every base name and domain already used in
    the corpus, so no two organisations of one corpus share a name (a shared name would make a
    'different organisation' case silently true)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.bases: set[str] = set()
        self.domains: set[str] = set()
        self.stems: set[str] = set()  # first words: "Fabrikam" may name only one organisation

    def _fresh_stem(self, make: Callable[[], str], tries: int = 60) -> str | None:
        """A first word no other organisation of the corpus starts with, or None when ``make``'s
        pool is used up (the caller then picks another naming style)."""
        for _ in range(tries):
            stem = make()
            if stem not in self.stems:
                self.stems.add(stem)
                return stem
        return None

    def _coined(self) -> str:
        """A made-up brand ("Velorant", "Kestora"): thousands of them, so stems never run out."""
        rng = self.rng
        for _ in range(500):
            stem = (rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)).capitalize()
            if stem not in self.stems and len(stem) >= 4:
                self.stems.add(stem)
                return stem
        k = len(self.stems)
        stem = f"{rng.choice(_ONSETS).capitalize()}{rng.choice(_NUCLEI)}{k}"
        self.stems.add(stem)
        return stem

    def _stem(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            stem = self._fresh_stem(lambda: rng.choice(_COINED))
        elif r < 0.75:
            stem = self._fresh_stem(lambda: rng.choice(_FIRST) + rng.choice(_SECOND))
        else:
            stem = None
        return stem or self._coined()

    def partner(self, country: str | None = None) -> Org:
        rng = self.rng
        country = country or weighted_country(rng)
        stem = self._stem()
        words = _PARTNER_WORDS_DE if country == "Germany" and rng.random() < 0.5 else _PARTNER_WORDS
        base = f"{stem} {rng.choice(words)}"
        return self._org(base, country, rng.choice(COUNTRIES[country][0]), short_domain=rng.random() < 0.7,
                         short=stem)

    def customer(self, country: str | None = None, public: bool = False, domain_full: bool = False) -> Org:
        """``domain_full``: the domain spells the whole name (a tenant absent from the directory is
        named from its domain, so the domain must carry the name)."""
        rng = self.rng
        country = country or weighted_country(rng)
        if public:
            town = self._fresh_stem(lambda: rng.choice(_TOWNS)) or self._coined()
            base = rng.choice(_PUBLIC).format(town=town)
            return self._org(base, country, "", short_domain=not domain_full, public=True, short=base)
        style = rng.random()
        short: str | None = None
        base = ""
        if style < 0.15 and not domain_full:
            a = self._fresh_stem(lambda: rng.choice(_SURNAMES))
            if a:
                b = rng.choice([x for x in _SURNAMES if x != a])
                short = f"{a} & {b}"
                base = f"{short} {rng.choice(('Legal', 'Engineering', 'Architects', 'Accountants', 'Associates'))}"
        elif style < 0.45:
            short = self._fresh_stem(lambda: rng.choice(_TOWNS))
            if short:
                base = f"{short} {rng.choice(_INDUSTRY)}"
        if not short:
            short = self._stem()
            base = f"{short} {rng.choice(_INDUSTRY)}"
        suffix = rng.choice(COUNTRIES[country][0])
        return self._org(base, country, suffix, short_domain=not domain_full and rng.random() < 0.5, short=short)

    def _org(self, base: str, country: str, suffix: str, short_domain: bool, public: bool = False,
             short: str = "") -> Org:
        rng = self.rng
        words = base.replace("&", " ").split()
        if short_domain:
            stem = _slug(words[0]) if not public else _slug(words[0]) + rng.choice(("council", "gov", "trust", ""))
        else:
            stem = rng.choice(("", "-")).join(_slug(w) for w in words if _slug(w))
        domain = f"{stem}.example"
        k = 2
        while domain in self.domains:
            domain = f"{stem}{k}.example"
            k += 1
        self.domains.add(domain)
        self.bases.add(base)
        phone = f"{COUNTRIES[country][3]} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        org = Org(base=base, suffix=suffix, country=country, domain=domain, address=_address(rng, country),
                  registration=_reg(rng, country), phone=phone, public_sector=public, short_name=short)
        taken: set[str] = set()  # titles depend on the side of the deal: see staff()
        return _with_people(org, tuple(make_person(rng, country, domain, ("",), taken) for _ in range(6)))


def _with_people(org: Org, people: tuple[Person, ...]) -> Org:
    return Org(org.base, org.suffix, org.country, org.domain, org.address, org.registration, org.phone,
               org.public_sector, people, org.short_name)


def staff(rng: random.Random, org: Org, titles: tuple[str, ...], k: int, avoid: set[str] | None = None) -> list[Person]:
    """``k`` distinct people of ``org`` with titles of one side of the deal, none named like anyone in
    ``avoid`` (a customer signer who shares the partner signer's name would make a signature
    label arguable)."""
    avoid = set() if avoid is None else avoid
    pool = [p for p in org.people if p.full not in avoid]
    people = rng.sample(pool, k=min(k, len(pool)))
    taken = avoid | {p.full for p in org.people}
    while len(people) < k:
        people.append(make_person(rng, org.country, org.domain, ("",), taken))
    return [Person(p.first, p.last, rng.choice(titles), p.email) for p in people]


def name_from_domain(domain: str) -> str:
    """What a reader takes the customer's name to be when the tenant directory does not know it:
    ``harbourside-logistics.example`` -> "Harbourside Logistics"."""
    stem = domain.split(".")[0]
    return " ".join(w.capitalize() for w in stem.split("-"))
