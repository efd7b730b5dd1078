"""gunicorn's access log, as `make run` configures it, never records a query string: searches
carry names of children and families (`?q=…`), and so does the address of the page a link
was followed from (the Referer)."""

import io
import logging
import shlex
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.glogging import Logger

PROJECT = Path(__file__).resolve().parents[1]
SEARCH = "q=Jayden+Okafor&section=3"
PAGE = "/p/northvale/plans/1/"


def make_run_arguments() -> list[str]:
    """The gunicorn command `make run` runs: make calls scripts/serve.sh (as `make -n`
    prints, running nothing), which starts gunicorn beside the background worker."""
    printed = subprocess.run(
        ["make", "-n", "--no-print-directory", "-C", str(PROJECT), "run"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "scripts/serve.sh" in printed
    script = (PROJECT / "scripts" / "serve.sh").read_text().replace("\\\n", " ")
    line = next(line for line in script.splitlines() if 'gunicorn" sendtrack.wsgi' in line)
    line = line.replace('"$BIN/gunicorn"', "gunicorn").replace('"$HOST:$PORT"', "127.0.0.1:8000")
    return shlex.split(line.rstrip("& "))


def gunicorn_config(monkeypatch):
    """The configuration gunicorn builds from `make run`'s command line (and the config
    file that names), in the project directory as make runs it."""
    monkeypatch.chdir(PROJECT)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", ["gunicorn", *make_run_arguments()[1:]])
    return WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg


def logged_line(cfg) -> str:
    logger = Logger(cfg)
    out = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(out)]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{PAGE}?{SEARCH}",
        "PATH_INFO": PAGE,
        "QUERY_STRING": SEARCH,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_REFERER": f"https://sendtrack.example.gov.uk{PAGE}?{SEARCH}",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    request = SimpleNamespace(
        headers=[("HOST", "sendtrack.example.gov.uk"), ("REFERER", environ["HTTP_REFERER"])]
    )
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=42))
    return out.getvalue()


def test_make_run_logs_requests_without_their_query_strings(monkeypatch):
    cfg = gunicorn_config(monkeypatch)
    assert cfg.accesslog == "-"  # access logging is on …
    line = logged_line(cfg)
    assert f"GET {PAGE} HTTP/1.1" in line and " 200 " in line  # … with the path and status
    assert "Jayden" not in line and "q=" not in line and "?" not in line, line


def test_the_shipped_format_uses_no_atom_that_carries_the_query(monkeypatch):
    cfg = gunicorn_config(monkeypatch)
    for atom in ("%(r)s", "%(q)s", "%(f)s", "{referer}i", "{query_string}e", "{raw_uri}e"):
        assert atom not in cfg.access_log_format.lower(), atom
