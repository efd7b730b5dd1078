"""A database's rows as JSON lines, exactly as the database holds them.

One line names a table and its columns (a JSON object); each line after it is one row (a JSON
array), until the next table. Values are read and written below the model fields' own
conversions, as the database stores them: an encrypted SENDIASS field is copied as its
ciphertext and written back as the same ciphertext, never decrypted, so neither a backup nor a
restore needs the SENDIASS key and a backup holds no SENDIASS text in the clear. Dates, times,
decimals and binary data are written in a form every database reads, so a backup made on
SQLite restores into PostgreSQL and the other way round.
"""

import base64
import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import DatabaseError, connections
from django.db.models.expressions import Col
from django.utils.duration import duration_microseconds

from . import BackupRefused

FETCH_ROWS = 2000
BATCH_ROWS = 500
BATCH_BYTES = 16 * 1024 * 1024
# Column types whose values JSON holds as they are.
PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "FloatField",
        "CharField",
        "TextField",
        "SlugField",
        "EmailField",
        "URLField",
        "FilePathField",
        "FileField",
        "ImageField",
        "GenericIPAddressField",
        "IPAddressField",
    }
)
Codec = Callable[[Any], Any]


def _kind(model_field: Any) -> str:
    """The column's type: a relation's is that of the column it points to."""
    while model_field.is_relation:
        model_field = model_field.target_field
    return str(model_field.get_internal_type())


def _django_field_class(model_field: Any) -> Any:
    """The nearest Django field class: its database conversions, without those of a field
    class of ours (EncryptedTextField encrypts in get_prep_value; that is skipped)."""
    return next(
        cls for cls in type(model_field).__mro__ if cls.__module__.startswith("django.db.models")
    )


def _unsupported(model: Any, model_field: Any, kind: str) -> BackupRefused:
    return BackupRefused(
        f"{model._meta.label_lower}.{model_field.column} is a {kind} column, which backups do "
        "not know how to copy yet (sendtrack/operations/rows.py)."
    )


def _to_json(kind: str) -> Codec | None:
    if kind in PLAIN:
        return lambda value: value
    if kind == "BooleanField":
        return bool
    if kind in {"DateField", "DateTimeField", "TimeField"}:
        return lambda value: value.isoformat()
    if kind in {"DecimalField", "UUIDField"}:
        return str
    if kind == "BinaryField":
        return lambda value: base64.b64encode(bytes(value)).decode("ascii")
    if kind == "DurationField":
        return lambda value: value if isinstance(value, int) else duration_microseconds(value)
    if kind == "JSONField":  # the stored JSON text, as it is (JSON null stays apart from NULL)
        return lambda value: value if isinstance(value, str) else json.dumps(value)
    return None


def _from_json(kind: str) -> Codec | None:
    readers: dict[str, Codec] = {
        "DateField": datetime.date.fromisoformat,
        "DateTimeField": datetime.datetime.fromisoformat,
        "TimeField": datetime.time.fromisoformat,
        "DecimalField": decimal.Decimal,
        "UUIDField": uuid.UUID,
        "BinaryField": base64.b64decode,
        "DurationField": lambda value: datetime.timedelta(microseconds=value),
        "JSONField": json.loads,
        "BooleanField": bool,
    }
    if kind in PLAIN:
        return lambda value: value
    return readers.get(kind)


def _reader(connection: Any, model: Any, model_field: Any) -> Codec:
    """Database value → JSON value, through the database driver's conversions only."""
    kind = _kind(model_field)
    to_json = _to_json(kind)
    if to_json is None:
        raise _unsupported(model, model_field, kind)
    column = Col(model._meta.db_table, model_field)
    converters = connection.ops.get_db_converters(column)

    def read(value: Any) -> Any:
        for converter in converters:
            value = converter(value, column, connection)
        return None if value is None else to_json(value)

    return read


def _writer(connection: Any, model: Any, model_field: Any) -> Codec:
    """JSON value → database value, through Django's own field class (never one of ours)."""
    kind = _kind(model_field)
    from_json = _from_json(kind)
    if from_json is None:
        raise _unsupported(model, model_field, kind)
    django_class = _django_field_class(model_field)

    def write(value: Any) -> Any:
        if value is None:
            return None
        return django_class.get_db_prep_value(
            model_field, from_json(value), connection, prepared=True
        )

    return write


def _columns(model: Any) -> list[Any]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


@dataclass
class Dumped:
    rows: dict[str, int] = field(default_factory=dict)  # model label → rows
    file_names: set[str] = field(default_factory=set)  # names stored in file fields


def dump_rows(alias: str, models: Iterable[Any], out: IO[str]) -> Dumped:
    """Write every row of the models' tables to ``out``; call inside consistent_snapshot."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    dumped = Dumped()
    for model in models:
        fields = _columns(model)
        readers = [_reader(connection, model, f) for f in fields]
        files = [i for i, f in enumerate(fields) if _kind(f) in {"FileField", "ImageField"}]
        label = model._meta.label_lower
        header = {
            "model": label,
            "table": model._meta.db_table,
            "columns": [f.column for f in fields],
        }
        out.write(json.dumps(header) + "\n")
        # Names are the model's own, quoted: no outside text reaches the SQL.
        columns = ", ".join(quote(f.column) for f in fields)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        sql = f"SELECT {columns} FROM {table} ORDER BY {pk}"  # noqa: S608  # nosec B608
        count = 0
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql)
            while rows := cursor.fetchmany(FETCH_ROWS):
                for row in rows:
                    values = [read(value) for read, value in zip(readers, row, strict=True)]
                    out.write(json.dumps(values, separators=(",", ":")) + "\n")
                    dumped.file_names.update(values[i] for i in files if values[i])
                count += len(rows)
        dumped.rows[label] = count
    return dumped


def load_rows(alias: str, models: Iterable[Any], lines: Iterable[str]) -> dict[str, int]:
    """Insert the rows of a dump into the (emptied) tables, inside the caller's transaction.
    Returns {model label: rows inserted}."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    by_label = {model._meta.label_lower: model for model in models}
    loaded: dict[str, int] = {}
    sql = ""
    writers: list[Codec] = []
    batch: list[list[Any]] = []
    batch_bytes = 0
    label = ""

    def flush() -> None:
        nonlocal batch, batch_bytes
        if batch:
            try:
                with connection.cursor() as cursor:
                    cursor.executemany(sql, batch)
            except DatabaseError as error:  # its message may quote a row: name the table only
                raise BackupRefused(
                    f"The {alias} database refused the backup's rows of {label} "
                    f"({type(error).__name__}). The restore was undone: nothing was changed."
                ) from error
            loaded[label] += len(batch)
        batch, batch_bytes = [], 0

    for line in lines:
        item = json.loads(line)
        if isinstance(item, dict):
            flush()
            label = item["model"]
            model = by_label.get(label)
            if model is None or model._meta.db_table != item["table"]:
                raise BackupRefused(f"The backup has a table this database has not: {label}.")
            fields = {f.column: f for f in _columns(model)}
            if set(item["columns"]) != set(fields):
                raise BackupRefused(f"The backup's {label} has other columns than the database's.")
            columns = [fields[column] for column in item["columns"]]
            writers = [_writer(connection, model, f) for f in columns]
            table = quote(model._meta.db_table)
            names = ", ".join(quote(f.column) for f in columns)
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608  # nosec B608
            loaded[label] = 0
            continue
        if not label or len(item) != len(writers):
            raise BackupRefused("The backup's database dump is damaged: a row does not fit.")
        batch.append([write(value) for write, value in zip(writers, item, strict=True)])
        batch_bytes += len(line)
        if len(batch) >= BATCH_ROWS or batch_bytes >= BATCH_BYTES:
            flush()
    flush()
    return loaded
