"""Shared fixtures: a partnership with one member of each role, built with factories."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Tests never hold a wall-clock time (speed lives in bench/): a property test slowed by a busy
# machine is not a failure, so Hypothesis's per-example deadline and its too-slow check are off.
hypothesis_settings.register_profile(
    "sendtrack", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("sendtrack")

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a clear reason when it is absent (in CI,
    where ../shared is always laid beside the clone, its absence fails the test instead)."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is not here: tests of the real seed documents need ../shared"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: it must be there)")
        pytest.skip(reason)
    return path


def pytest_collection_modifyitems(config, items):
    """With SENDTRACK_DATABASE_TESTS_ONLY=1 (the suite's second run, on PostgreSQL) only the
    tests that touch a database run: the rest ran already and do not depend on the engine.
    The browser journeys are left out there too: they check what a person sees and axe-core,
    through the same views whose queries the page and service tests already run on
    PostgreSQL, and they are a quarter of that run's time."""
    if os.environ.get("SENDTRACK_DATABASE_TESTS_ONLY") != "1":
        return
    database_fixtures = {"db", "transactional_db", "live_server", "django_db_setup"}
    keep, drop = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            database_fixtures & set(getattr(item, "fixturenames", ()))
        )
        if "browser" in item.nodeid.split("/")[:2]:
            uses_database = False
        (keep if uses_database else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """MD5 for the whole run, so rows built once for a module (below) are quick to build too;
    tests/test_deploy.py checks the real settings hash with Argon2."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _static_files_read_once():
    """Django's test client builds the middleware afresh for each test, and WhiteNoise reads
    every file in build/static (some 5,500) each time it is built: most of a second a test,
    where a server does it once when it starts. The files do not change during a run, so the
    first reading of each folder (with the same header settings) serves every later client."""
    from unittest import mock

    from whitenoise.middleware import WhiteNoiseMiddleware

    read = WhiteNoiseMiddleware.update_files_dictionary
    tables: dict = {}

    def update_files_dictionary(self, root, prefix):
        key = (root, prefix, self.max_age, self.allow_all_origins, self.charset, self.index_file)
        if key not in tables:
            files, self.files = self.files, {}
            read(self, root, prefix)
            tables[key], self.files = self.files, files
        self.files.update(tables[key])

    with mock.patch.object(
        WhiteNoiseMiddleware, "update_files_dictionary", update_files_dictionary
    ):
        yield


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction on every database around a whole module, rolled back after its last test,
    for rows built once and shared by the module's tests (a permission matrix's users and
    records, the demo). Each test still runs in its own savepoint inside it (pytest-django's
    django_db), so what one test writes is gone before the next. Every test of the module that
    runs after the rows are built sees them, so a test that needs an empty database belongs in
    another module; and a transactional test would commit, and flush, the shared rows."""
    from django.db import connections, transaction

    with django_db_blocker.unblock():
        atomics = []
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            atomic._from_testcase = True  # as TestCase marks its own: durable blocks still nest
            atomic.__enter__()
            atomics.append((alias, atomic))
    yield
    with django_db_blocker.unblock():
        for alias, atomic in reversed(atomics):
            transaction.set_rollback(True, using=alias)
            atomic.__exit__(None, None, None)


TASKS_AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings, tmp_path):
    """Background tasks run as they are queued (django-tasks' immediate backend), so a page
    that starts a job finds it finished; tests/jobs/ run the real database queue and worker.
    Uploads waiting to be read go to a folder of the test's own."""
    settings.TASKS = TASKS_AT_ONCE
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _an_empty_cache():
    """Each test starts with nothing kept (the dashboard's counts): a test's rolled-back rows
    leave SQLite's ids free for the next test's, so the next could find the same version."""
    from django.core.cache import cache

    cache.clear()


@contextmanager
def building_for_the_module(django_db_blocker, uploads: Path):
    """Inside a module-scoped fixture that builds rows for module_transaction: the database
    open, with the settings a test has (tasks run at once, uploads in `uploads`)."""
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=TASKS_AT_ONCE, SENDTRACK_UPLOAD_ROOT=uploads),
    ):
        yield


@pytest.fixture
def database_queue(settings):
    """Tasks go to django-tasks-db's table, as in production, until a test runs the worker
    (tests/jobs/worker.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


ROLES = ["administrator", "programme_manager", "action_lead", "viewer"]


def make_partnership():
    from tests.factories import PartnershipFactory

    return PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")


def make_members(partnership):
    """One user per role; the action lead is linked to a directory Person."""
    from tests.factories import MembershipFactory, PersonFactory, UserFactory

    users = {}
    for role in ROLES:
        user = UserFactory(username=role)
        MembershipFactory(user=user, partnership=partnership, role=role)
        users[role] = user
    users["lead_person"] = PersonFactory(
        partnership=partnership, user=users["action_lead"], name="Lee Lead", initials="LL"
    )
    return users


@pytest.fixture
def partnership(db):
    return make_partnership()


@pytest.fixture
def members(partnership):
    """One signed-in user per role; the action lead is linked to a directory Person."""
    return make_members(partnership)


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _commands_keep_the_test_connection(monkeypatch):
    """`sendtrack …` run from the command line closes every connection when it ends; in a
    test that would close the test's own transaction on PostgreSQL."""
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
