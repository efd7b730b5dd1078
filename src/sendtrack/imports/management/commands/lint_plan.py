"""`sendtrack lint-plan FILE|PLAN_ID [--json]`: list what should be put right in a plan.

FILE is a Plan JSON file or any document ``import-plan`` reads; PLAN_ID is a stored plan,
whose partnership's people explain initials in its owner cells as the plan's own owner
glossary does. Problems are listed as readable lines, or with ``--json`` as the Plan JSON
``problems`` list (``[{where, rule, message}, …]``). The rules are in
``sendtrack.domain.plan_lint``. Nothing is stored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.accounts.models import Person
from sendtrack.domain.documents.plan import DocumentImportError
from sendtrack.domain.documents.readers import decode_text
from sendtrack.domain.plan_lint import lint_plan
from sendtrack.plans.models import Plan
from sendtrack.plans.storage import export_plan

from .import_plan import one_line, plan_from_bytes, progress_bars, read_document_file


def people_names(plan: Plan) -> set[str]:
    """Initials, names and aliases of everyone in the plan's partnership."""
    names: set[str] = set()
    for person in Person.objects.filter(partnership_id=plan.partnership_id).only(
        "name", "initials", "aliases"
    ):
        names.update(n for n in [person.name, person.initials, *(person.aliases or [])] if n)
    return names


def plan_json_in(data: bytes, path: Path) -> dict[str, Any] | None:
    """The Plan JSON in a file's bytes if it is a JSON file; None if it is another document."""
    looks_like_json = path.suffix.lower() == ".json" or data.lstrip()[:1] == b"{"
    if not looks_like_json:
        return None
    try:
        value = json.loads(decode_text(data, path.name))
    except json.JSONDecodeError as error:
        if path.suffix.lower() != ".json":
            return None  # a text document that happens to start with a brace
        raise DocumentImportError(
            f"{path.name} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        ) from error
    if not isinstance(value, dict) or not isinstance(value.get("actions"), list):
        raise DocumentImportError(
            f"{path.name} is JSON but not Plan JSON: it has no list of actions."
        )
    return value


class Command(BaseCommand):
    help = (
        "List a plan's problems (no owner, no date, vague or impossible date, no measure of "
        "success, duplicate action, unresolved initials, past due): FILE is Plan JSON or any "
        "document import-plan reads; PLAN_ID is a stored plan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", metavar="FILE|PLAN_ID", help="a file, or a plan's id")
        parser.add_argument(
            "--json", action="store_true", help="print the problems as a Plan JSON list"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target: str = options["target"]
        path = Path(target)
        known: set[str] = set()
        if path.exists() or not target.isdigit():
            try:
                data = read_document_file(path)
                plan_json = plan_json_in(data, path)
                if plan_json is None:
                    with progress_bars(self.stderr) as bars:
                        plan_json = plan_from_bytes(data, path.name, bars)
            except DocumentImportError as error:
                raise CommandError(one_line(error)) from error
            label = path.name
        else:
            plan = Plan.objects.filter(pk=int(target)).first()
            if plan is None:
                raise CommandError(f"There is no plan {target} and no file of that name.")
            plan_json = export_plan(plan)
            known = people_names(plan)
            label = f"plan {plan.pk}"

        problems = lint_plan(plan_json, known_people=known)
        if options["json"]:
            self.stdout.write(json.dumps(problems, ensure_ascii=False, indent=2))
            return
        title = plan_json.get("plan_title") or "Untitled plan"
        count = len(problems)
        self.stdout.write(
            f'{label}: "{title}": '
            + (f"{count} problem{'' if count == 1 else 's'}" if count else "no problems found")
        )
        for problem in problems:
            self.stdout.write(f"  {problem['where']}: {problem['message']}")
