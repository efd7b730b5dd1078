"""Who is who in the Northvale demo: organisations, people and the demo sign-ins.

All of them are made up. Plans name an owner by job title (the written statement of action)
or by initials (the peer review plan, through its owner glossary); both resolve to a Person.
"""

from dataclasses import dataclass

from sendtrack.accounts.models import Role

PARTNERSHIP_SLUG = "northvale"
PARTNERSHIP_NAME = "Northvale SEND Partnership"
DEMO_PASSWORD = "sendtrack-demo"

COUNCIL = "Northvale Council"
ICB = "NHS Northvale Integrated Care Board"
TRUST = "Northvale Community Health NHS Trust"
FORUM = "Northvale Parent Carer Voice"

ORGANISATIONS: dict[str, str] = {
    COUNCIL: "NC",
    ICB: "ICB",
    TRUST: "NCHT",
    FORUM: "PCV",
}


@dataclass(frozen=True)
class DemoPerson:
    name: str
    initials: str
    job_title: str
    organisation: str
    username: str = ""
    """The demo sign-in linked to this person, if any."""


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("Daniel Fairweather", "DF", "Director of Children's Services", COUNCIL),
    DemoPerson("Helen Okafor", "HO", "Assistant Director, Education and Inclusion", COUNCIL),
    DemoPerson("Priya Ashworth", "PA", "Head of SEND Services", COUNCIL, username="lead"),
    DemoPerson(
        "Ruth Kingsley", "RK", "SEND Improvement Programme Manager", COUNCIL, username="manager"
    ),
    DemoPerson("Tomasz Greenhalgh", "TG", "Designated Clinical Officer", ICB, username="lead2"),
    DemoPerson("Amira Castell", "AC", "Principal Educational Psychologist", COUNCIL),
    DemoPerson("Owen Pritchard", "OP", "Head of Joint Commissioning", ICB),
    DemoPerson("Grace Oyelaran", "GO", "Chair, Northvale Parent Carer Voice", FORUM),
    DemoPerson("Mark Thorne", "MT", "Head of Inclusion", COUNCIL),
    DemoPerson("Sofia Lindqvist", "SL", "Local Offer and Engagement Manager", COUNCIL),
    DemoPerson("Jonah Beckett", "JB", "Preparing for Adulthood Lead", COUNCIL),
    DemoPerson("Leila Haddad", "LH", "Head of Quality Assurance", COUNCIL),
    DemoPerson("Fiona Barraclough", "FB", "Designated Social Care Officer", COUNCIL),
    DemoPerson("Nadia Whitlock", "NW", "SEND Casework Team Manager", COUNCIL),
    DemoPerson("Ben Adeyemi", "BA", "Early Years SEND Lead", COUNCIL),
    DemoPerson("Sam Okoro", "SO", "Head of Children's Therapies", TRUST),
    DemoPerson("Chris Ellery", "CE", "Lead Member for Children and Families", COUNCIL),
    DemoPerson("Kate Morrow", "KM", "Business Intelligence Manager", COUNCIL),
)

PERSON_BY_INITIALS: dict[str, DemoPerson] = {p.initials: p for p in PEOPLE}
PERSON_BY_TITLE: dict[str, DemoPerson] = {p.job_title: p for p in PEOPLE}


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    described_as: str
    """How sign_in_help describes the role."""


USERS: tuple[DemoUser, ...] = (
    DemoUser("manager", "Ruth", "Kingsley", Role.PROGRAMME_MANAGER, "programme manager"),
    DemoUser(
        "admin",
        "Morgan",
        "Hale",
        Role.ADMINISTRATOR,
        "partnership administrator: people, organisations and sign-ins",
    ),
    DemoUser("lead", "Priya", "Ashworth", Role.ACTION_LEAD, "action lead: see My actions"),
    DemoUser("lead2", "Tomasz", "Greenhalgh", Role.ACTION_LEAD, "action lead, NHS"),
    DemoUser("viewer", "Elaine", "Pryce", Role.VIEWER, "viewer, read only"),
)

# Made by the statutory app's demo (sendtrack.statutory.demo); listed here so that
# sign_in_help describes them with the rest.
CASEWORK_USERS: tuple[DemoUser, ...] = (
    DemoUser("officer", "Casey", "Officer", Role.CASEWORK_OFFICER, "EHC casework officer"),
    DemoUser("senco", "Sam", "Senco", Role.SENCO, "SENCO of a primary school: the schools portal"),
)
