"""Fuzz: mutated plan-like synthetic text never raises anything but DocumentImportError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text

FRAGMENTS = [
    "Workstream 4 \u2013 Travel\n",
    "Priority Two: Inclusion\n",
    "Objective 3.2\tCut waiting times\t\t\t\n",
    "9.9 Z\tImprove the front door\t\t\n",
    "Ref\tTasks\tAction owner\tTarget date\n",
    "Activity\t\tLead\tPartners\tTimeframe\tProgress checks\n",
    "No\tRecommendation\tSummary actions\tWhen (2031)\tWho\tMeasure of success\n",
    "1\tDo the first thing\tTeam Lead \u2013 In Progress\t31/02/2030\n",
    "\tcontinued text\t\t\n",
    "2.1.1 Build the form\t\tAB\tIT / Parents\tMay 2030\tOn track\n",
    "1) Step one 2) Step two\t\tCD\t\tComplete\tComplete\n",
    "3\tA rec\t<ul><li>Bullet A</li><li>Bullet B</li></ul>\tJan Feb\tXY\t<ol><li>M</li></ol>\n",
    "Milestones\t<ul> Something by June 2031\t\t\t\t\n",
    "Next Steps\n",
    "- Recruit staff in early May\n",
    " - \u2610 nested item\n",
    "Progress\n",
    "Page 4 of 9\n",
    "--\t---\n",
    "| a | b | c |\n",
    "<p><b>Actions we will take include:</b></p>\n",
    "Glossary of Action Owners\nInitials\tName\nAbCd\tAnn Body\n",
    "\n",
    "9.\n",
    "\t\t\t\t\n",
    "<ul><li><ol><li></li></ol>\n",
    "&amp;&lt;&#x2603;\n",
    # layouts beyond the seeds: flattened cells, wrapped pipe rows, roadmaps, minutes
    "Ref\nAction\nLead\nDeadline\nRAG\n",
    "1.1\nRecruit staff\nHead of SEN\nMarch 2031\nAmber\n",
    "| 1.2 | Train every SENCO in the\n",
    "toolkit | EP | May 2031 | On track |\n",
    "September 2031\n",
    "October\n",
    "- Launch the portal (Lead: Digital Manager)\n",
    "Meeting of the SEND Improvement Board, 14 March 2031\n",
    "Action: JM to circulate the protocol by April.\n",
    "The policy will be revised. Action: KP\n",
    "The Head of Inclusion will report in June.\n",
    "Milestones\n- Guide published \u2013 July 2031\n",
    "Key task\tOfficer responsible\tCompletion target\tLatest update\tRAG\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=30),
    st.lists(st.tuples(st.integers(0, 2000), st.text(max_size=5)), max_size=8),
)
def test_mutated_plan_text_only_raises_the_documented_error(parts, mutations):
    text = "".join(parts)
    for pos, insert in mutations:
        pos = min(pos, len(text))
        text = text[:pos] + insert + text[pos:]
    try:
        plan = parse_plan_text(text)
    except DocumentImportError as exc:
        assert str(exc)
        return
    assert isinstance(plan["actions"], list)
    for action in plan["actions"]:
        assert isinstance(action["text"], str) and action["text"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_only_raises_the_documented_error(text):
    try:
        parse_plan_text(text)
    except DocumentImportError:
        pass
