"""The embedded SQLite database holds concurrent writers without "database is locked".

Each thread opens its own connection, as each gunicorn worker does, with the project's own
database settings pointed at a file, and runs transactions that read and then write: with
SQLite's default (deferred) transactions two of them deadlock on the upgrade to a write
lock and one fails at once; with the project's settings they queue and all succeed.
"""

import threading

from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

from sendtrack.settings import embedded_database_options

THREADS = 8
ROUNDS = 25


def _wrapper(path, alias):
    database = embedded_database_options(
        {**settings.DATABASES["default"], "ENGINE": "django.db.backends.sqlite3", "NAME": path}
    )
    database.pop("TEST", None)
    return DatabaseWrapper({**database, "TEST": {}}, alias=alias)


def _read_then_write(path, alias, errors):
    connection = _wrapper(path, alias)
    try:
        for _ in range(ROUNDS):
            try:
                # What transaction.atomic() does: BEGIN in the database's transaction mode.
                connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=1)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    (n,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
                connection.commit()
            except Exception as error:  # noqa: BLE001 - every failure is what is counted
                errors.append(str(error))
                connection.rollback()
            finally:
                connection.set_autocommit(True)
    finally:
        connection.close()


def test_concurrent_read_then_write_transactions_all_commit(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        _run(str(tmp_path / "embedded.sqlite3"))


def _run(path):
    setup = _wrapper(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    errors: list[str] = []
    threads = [
        threading.Thread(target=_read_then_write, args=(path, f"t{n}", errors))
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with setup.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        (n,) = cursor.fetchone()
    setup.close()
    assert errors == []
    assert n == THREADS * ROUNDS  # no update lost
