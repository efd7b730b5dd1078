"""The two databases a backup covers, what each holds, and how it is read and replaced.

A backup has two parts, which can be made and restored apart because SENDIASS may be run by a
different organisation from the council: ``council`` (the ``default`` database) and
``sendiass`` (its own database). Each part's tables are those its applied migrations made,
taken from the migration state (not from the code's models, which may be newer), so a backup
made before an upgrade restores with the upgraded code and `sendtrack migrate` then brings it
forward.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from django.core.management.color import no_style
from django.db import connections, router, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from sendtrack.sendiass.routers import DATABASE as SENDIASS_DATABASE

from . import BackupRefused

PARTS = {"council": "default", "sendiass": SENDIASS_DATABASE}
TITLES = {"council": "Council database", "sendiass": "SENDIASS database"}
# Rows `migrate` writes by itself into a new database. A database holding only these is empty;
# a restore replaces them with the backup's own, keeping their ids.
MADE_BY_MIGRATE = frozenset({"contenttypes.contenttype", "auth.permission"})

Migrations = dict[str, list[str]]


def applied_migrations(alias: str) -> Migrations:
    """{app: [migration names]} applied to the database, as `django_migrations` records them."""
    recorder = MigrationRecorder(connections[alias])
    if not recorder.has_table():
        return {}
    applied: dict[str, list[str]] = {}
    for app, name in recorder.applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _nodes(migrations: Migrations) -> frozenset[tuple[str, str]]:
    return frozenset((app, name) for app, names in migrations.items() for name in names)


@lru_cache(maxsize=1)
def _loader() -> MigrationLoader:
    """The migrations on disk (no database needed)."""
    return MigrationLoader(None, ignore_no_migrations=True)


def _leaves(nodes: frozenset[tuple[str, str]]) -> list[tuple[str, str]]:
    """The applied migrations none of whose children is applied: migrating to these (and
    their ancestors) gives exactly the applied set."""
    graph = _loader().graph
    unknown = sorted(node for node in nodes if node not in graph.nodes)
    if unknown:
        named = ", ".join(f"{app} {name}" for app, name in unknown[:5])
        raise BackupRefused(
            f"The database has migrations this version of sendtrack does not have ({named}): "
            "use the version of sendtrack that made it."
        )
    return sorted(
        node
        for node in nodes
        if not any(child.key in nodes for child in graph.node_map[node].children)
    )


@lru_cache(maxsize=2)
def _state_apps(nodes: frozenset[tuple[str, str]]) -> Any:
    leaves = _leaves(nodes)
    return _loader().project_state(leaves, at_end=True).apps


def models_at(alias: str, migrations: Migrations) -> list[Any]:
    """Every table of the database at that migration state (history tables and many-to-many
    tables included), as models of the migration state, sorted by label."""
    apps = _state_apps(_nodes(migrations))
    return sorted(
        (
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.can_migrate(connections[alias])
            and router.allow_migrate_model(alias, model)
        ),
        key=lambda model: model._meta.label_lower,
    )


def migration_differences(backup: Migrations, database: Migrations) -> list[str]:
    """The apps whose applied migrations differ, each with what the backup and the database
    have applied last."""
    differences = []
    for app in sorted(set(backup) | set(database)):
        if backup.get(app, []) != database.get(app, []):
            ours = backup.get(app, ["none"])[-1]
            theirs = database.get(app, ["none"])[-1]
            differences.append(f"{app} (backup: {ours}; database: {theirs})")
    return differences


def is_new(alias: str) -> bool:
    """True when the database has no tables at all: not even migrated yet."""
    tables = set(connections[alias].introspection.table_names())
    tables.discard(MigrationRecorder.Migration._meta.db_table)
    return not tables and not applied_migrations(alias)


def migrate_to(alias: str, migrations: Migrations) -> None:
    """Apply exactly the backup's migrations to a new, empty database."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    executor.migrate(_leaves(_nodes(migrations)))
    differences = migration_differences(migrations, applied_migrations(alias))
    if differences:
        raise BackupRefused(
            f"The {alias} database could not be migrated to the backup's state: "
            + "; ".join(differences)
        )


def _existing(alias: str, models: list[Any]) -> list[Any]:
    tables = set(connections[alias].introspection.table_names())
    return [model for model in models if model._meta.db_table in tables]


def count_rows(alias: str, model: Any) -> int:
    connection = connections[alias]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        # The table name is the model's own, quoted: no outside text reaches the SQL.
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608  # nosec B608
        return int(cursor.fetchone()[0])


def tables_with_rows(alias: str, models: list[Any]) -> dict[str, int]:
    """{model label: rows} for every table holding data (rows `migrate` makes do not count)."""
    held = {}
    for model in _existing(alias, models):
        if model._meta.label_lower in MADE_BY_MIGRATE:
            continue
        rows = count_rows(alias, model)
        if rows:
            held[model._meta.label_lower] = rows
    return held


def empty_tables(alias: str, models: list[Any]) -> None:
    """Delete every row of the database's tables (inside the caller's transaction)."""
    connection = connections[alias]
    tables = [model._meta.db_table for model in _existing(alias, models)]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


def reset_sequences(alias: str, models: list[Any]) -> None:
    """Set each table's id sequence past the ids restored (PostgreSQL; SQLite keeps count
    by itself), so the next row made gets a new id."""
    connection = connections[alias]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextmanager
def consistent_snapshot(alias: str) -> Iterator[None]:
    """Read the whole database as it was at one moment, while people go on working.

    PostgreSQL: one REPEATABLE READ, READ ONLY transaction. SQLite: one deferred read
    transaction, which in WAL mode sees one snapshot and takes no write lock (Django's own
    transactions on SQLite take the write lock at once, which would hold up every save for as
    long as the backup runs). Inside a transaction already, that transaction is the snapshot.
    """
    connection = connections[alias]
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def has_unapplied_migrations(alias: str) -> bool:
    """True when this version of sendtrack has migrations the database has not had."""
    executor = MigrationExecutor(connections[alias])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
