"""What an operator runs to keep an installation safe: `sendtrack backup` and `sendtrack restore`
(docs/production.md, "Backup and restore").

An entry point, like the command line and the demo: it reads both the council's database and
the SENDIASS database, so no council part and no SENDIASS module may import it. It has no
models of its own.
"""


class BackupRefused(Exception):
    """A backup or restore was refused. The message says why and what to do; it names tables,
    counts and files by their stored names, never a person."""
