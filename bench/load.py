"""The real server under load: concurrent signed-in users reading pages and adding progress
updates to the same few actions, on SQLite and then on PostgreSQL.

Each leg starts gunicorn as `make run` does (`sendtrack.wsgi`, 2 workers, 127.0.0.1 on a free
port) against a throwaway database it makes itself: SQLite files in a temporary directory, or
two fresh databases on the PostgreSQL server of SENDTRACK_BENCH_DATABASE_URL (dropped after).
Both are migrated and given the Northvale demo without its casework (`sendtrack load-demo
--without-casework`: 3 plans, 147 actions, the demo sign-ins), ~40 s before each leg.

BENCH_LOAD_CLIENTS clients (16) sign in through the sign-in form, one thread and cookie jar
each, as manager, lead, admin and lead2 in turn (the viewer cannot add updates), then for
BENCH_LOAD_SECONDS (120) loop without pausing: the dashboard, a plan, an action, its "Add a
progress update" form, a POST of the form (the hidden version as read, a status, a commentary
carrying a marker unique to the post) and, when it is answered with a redirect to the action,
that page. Every client posts to the same five actions (three of lead's, two of lead2's; an
action lead only to their own), so updates collide. Only 127.0.0.1 is spoken to, with no
proxy, and the loop stops by itself at the deadline or after MAX_REQUESTS_PER_CLIENT.

It prints, per database: the requests and their rate; errors (5xx by status and page, and
connection errors by kind); p50/p95 latency as the clients saw it, for all requests and for the
POSTs; and updates acknowledged (answered with a redirect to the action page) against updates
stored (rows whose commentary carries a marker of this run, counted after the server stops),
naming every acknowledged update that was not stored, and the POSTs answered 200 with the
form again (a refusal). On errors it prints the last lines of gunicorn's log and the
exceptions in it. It asserts nothing; it exits non-zero only when a leg could not run.

    .venv/bin/python -m bench load                 # SQLite only, unless the URL below is set
    BENCH_LOAD_CLIENTS=4 BENCH_LOAD_SECONDS=15 .venv/bin/python -m bench load
    PG_PORT=54402 source scripts/start-test-postgres.sh
    SENDTRACK_BENCH_DATABASE_URL=$SENDTRACK_TEST_POSTGRES .venv/bin/python -m bench load
    stop_test_postgres

The clients and the server share the machine, so the figures are the whole machine's.
"""

import base64
import contextlib
import http.client
import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from bench.timing import percentile

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PARTNERSHIP = "northvale"
PASSWORD = "sendtrack-demo"  # the demo's published password (sendtrack sign-in-help)
WRITERS = ["manager", "lead", "admin", "lead2"]  # clients take these in turn
HOT_ACTIONS = {"lead": 3, "lead2": 2}  # the first actions each lead owns: everyone posts there
MANAGERS = {"manager", "admin"}  # update any action
POSTED_STATUSES = ["in_progress", "on_track", "delayed"]
MAX_REQUESTS_PER_CLIENT = 50_000
REQUEST_TIMEOUT = 60  # seconds; gunicorn kills a worker after 30
MARKER = re.compile(r"\[load [0-9a-f]+ c\d+ n\d+\]")
SINCE_OPENED = "Since you opened the form"


class CouldNotRun(Exception):
    """The leg could not be run at all (as against running and showing errors)."""


# --- the clients -------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int | None  # None: no HTTP answer (connection error or timeout)
    location: str = ""
    body: str = ""
    error: str = ""  # the exception's class name when status is None


@dataclass
class Sample:
    page: str  # "dashboard", "plan", "action", "update form", "update POST", "after update"
    method: str
    status: int | None
    error: str
    ms: float


@dataclass
class Post:
    marker: str
    client: int
    action_id: int
    outcome: str  # "acknowledged", "refused", "5xx", "connection", or "other <status>"
    since_opened: bool = False  # the acknowledged page said others had saved meanwhile
    detail: str = ""


@dataclass
class ClientRecord:
    samples: list[Sample] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    signed_in: bool = False
    sign_in_problem: str = ""


class _FormFields(HTMLParser):
    """The inputs of a page as a browser would submit them: hidden inputs by name (the first
    of each), and the options of each select."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.hidden.setdefault(found["name"], found.get("value", ""))
        elif tag == "select":
            self._select = found.get("name")
            self.options.setdefault(self._select or "", [])
        elif tag == "option" and self._select is not None and found.get("value"):
            self.options[self._select].append(found["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def form_fields(html: str) -> _FormFields:
    parser = _FormFields()
    parser.feed(html)
    return parser


def error_summary(html: str) -> str:
    """Why a form came back: the title and first message of its error summary, if any."""
    words = []
    for pattern in (
        r'govuk-error-summary__title">(.*?)</h2>',
        r'error-summary__list">\s*<li>(.*?)</li>',
    ):
        if found := re.search(pattern, html, re.DOTALL):
            words.append(" ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()))
    return ": ".join(words)[:120] or "no error summary: nothing said"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the redirect is the answer: a 302 comes back as it is


class Client:
    """One user in a browser: its own cookies, signs in once, then loops."""

    def __init__(
        self,
        number: int,
        base: str,
        username: str,
        action_ids: list[int],
        plan_ids: list[int],
        run_id: str,
    ) -> None:
        self.number = number
        self.base = base
        self.username = username
        self.action_ids = action_ids
        self.plan_ids = plan_ids
        self.run_id = run_id
        self.rng = random.Random(f"{run_id}-{number}")
        self.record = ClientRecord()
        self.requests = 0
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # loopback only, whatever http_proxy says
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )

    def fetch(self, method: str, path: str, data: dict[str, str] | None = None) -> Reply:
        """One request to the server under test; an HTTP error status is an answer too."""
        encoded = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=encoded, method=method)
        if method == "POST":
            request.add_header("Origin", self.base)  # as a browser sends it
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return Reply(response.status, "", response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as answer:
            with answer:
                body = answer.read().decode("utf-8", "replace")
            return Reply(answer.code, answer.headers.get("Location", ""), body)
        except (OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", None)  # URLError wraps the socket's error
            return Reply(
                None, error=type(reason if isinstance(reason, Exception) else error).__name__
            )

    def _timed(
        self, page: str, method: str, path: str, data: dict[str, str] | None = None
    ) -> Reply:
        self.requests += 1
        started = time.perf_counter()
        reply = self.fetch(method, path, data)
        ms = (time.perf_counter() - started) * 1000
        self.record.samples.append(Sample(page, method, reply.status, reply.error, ms))
        if reply.status is None:
            time.sleep(0.1)  # a refused connection answers at once: do not spin on it
        return reply

    def sign_in(self) -> None:
        """Through the sign-in form, once, with the right password (axes locks after five
        failures, so a client that cannot sign in stops)."""
        page = self.fetch("GET", "/sign-in/")
        token = form_fields(page.body).hidden.get("csrfmiddlewaretoken")
        if page.status != 200 or not token:
            self.record.sign_in_problem = f"sign-in page answered {page.status or page.error}"
            return
        fields = {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD}
        reply = self.fetch("POST", "/sign-in/", {**fields, "next": ""})
        if reply.status == 302 and "/sign-in/" not in reply.location:
            self.record.signed_in = True
        else:
            self.record.sign_in_problem = (
                f"signing in as {self.username} answered {reply.status or reply.error}"
            )

    def loop(self, deadline: float) -> None:
        sequence = 0
        while time.monotonic() < deadline and self.requests < MAX_REQUESTS_PER_CLIENT:
            sequence += 1
            self.iteration(sequence, deadline)

    def iteration(self, sequence: int, deadline: float) -> None:
        p = f"/p/{PARTNERSHIP}"
        action_id = self.rng.choice(self.action_ids)
        action_page = f"{p}/actions/{action_id}/"
        reads = [
            ("dashboard", f"{p}/"),
            ("plan", f"{p}/plans/{self.rng.choice(self.plan_ids)}/"),
            ("action", action_page),
        ]
        for page, path in reads:
            if time.monotonic() >= deadline or self._timed(page, "GET", path).status != 200:
                return
        form_page = self._timed("update form", "GET", f"{action_page}update/")
        if form_page.status != 200 or time.monotonic() >= deadline:
            return
        form = form_fields(form_page.body)
        statuses = [s for s in form.options.get("status", []) if s in POSTED_STATUSES]
        marker = f"[load {self.run_id} c{self.number:02d} n{sequence:05d}]"
        data = {
            "csrfmiddlewaretoken": form.hidden.get("csrfmiddlewaretoken", ""),
            "version": form.hidden.get("version", ""),
            "status": self.rng.choice(statuses or POSTED_STATUSES),
            "commentary": f"Load test update {marker}: {self.username} noted progress.",
            "evidence_links": "",
        }
        reply = self._timed("update POST", "POST", f"{action_page}update/", data)
        post = Post(marker, self.number, action_id, outcome="")
        self.record.posts.append(post)
        if reply.status == 302 and urllib.parse.urlsplit(reply.location).path == action_page:
            post.outcome = "acknowledged"
            shown = self._timed("after update", "GET", action_page)
            post.since_opened = SINCE_OPENED in shown.body
        elif reply.status == 200 and 'name="commentary"' in reply.body:
            post.outcome = "refused"
            post.detail = error_summary(reply.body)
        elif reply.status is None:
            post.outcome, post.detail = "connection", reply.error
        elif reply.status >= 500:
            post.outcome = "5xx"
        else:
            post.outcome = f"other {reply.status}"
            post.detail = reply.location


def drive(clients: list[Client], seconds: float) -> float:
    """Sign every client in, then let them all loop for `seconds`; the wall time of the loop."""
    start: list[float] = []
    # The barrier's action runs once, before any client is let through.
    ready = threading.Barrier(len(clients) + 1, action=lambda: start.append(time.monotonic()))

    def work(client: Client) -> None:
        client.sign_in()
        ready.wait(timeout=600)
        if client.record.signed_in:
            client.loop(start[0] + seconds)

    threads = [threading.Thread(target=work, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    ready.wait(timeout=600)
    for thread in threads:
        thread.join(timeout=seconds + 2 * REQUEST_TIMEOUT + 30)
    return time.monotonic() - start[0]


# --- one leg: a throwaway database, the server, the figures ------------------------------------


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _server_env(tmp: Path, url: str, sendiass_url: str) -> dict[str, str]:
    """The server's environment: nothing of the caller's SENDTRACK_* settings (never its
    database), the repository's static files, everything else in `tmp`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENDTRACK_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sendtrack.settings",
        SENDTRACK_HOME=str(REPO),
        SENDTRACK_VAR_DIR=str(tmp),
        SENDTRACK_DATABASE_URL=url,
        SENDTRACK_SENDIASS_DATABASE_URL=sendiass_url,
        SENDTRACK_SENDIASS_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
        SENDTRACK_SECRET_KEY=secrets.token_urlsafe(50),
        SENDTRACK_ALLOWED_HOSTS=HOST,
        SENDTRACK_DEBUG="0",
    )
    return env


def _command(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        shown = " ".join([Path(args[0]).name, *args[1:]])
        raise CouldNotRun(f"`{shown}` failed:\n{tail}")
    return done.stdout


def _helper(env: dict[str, str], *args: str) -> dict:
    """Ask the throwaway database, in a process of its own (this one may be set up for
    another database by an earlier benchmark)."""
    return json.loads(_command(env, sys.executable, "-m", "bench.load", *args).splitlines()[-1])


def _prepare(env: dict[str, str]) -> dict:
    sendtrack = _tool("sendtrack")
    started = time.perf_counter()
    _command(env, sendtrack, "migrate", "--noinput", "--verbosity", "0")
    _command(env, sendtrack, "migrate", "--database", "sendiass", "--noinput", "--verbosity", "0")
    _command(env, sendtrack, "load-demo", "--without-casework")
    facts = _helper(env, "facts")
    facts["prepared_s"] = time.perf_counter() - started
    return facts


class Server:
    """gunicorn as `make run` starts it, its log in the temporary directory."""

    def __init__(self, env: dict[str, str], tmp: Path) -> None:
        self.env = env
        self.log = tmp / "gunicorn.log"
        self.port = _free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            _tool("gunicorn"),
            "sendtrack.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            "2",
            "--access-logfile",
            str(self.log.with_name("access.log")),
            "--log-level",
            "warning",
        ]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
                command,
                env=self.env,
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers can be stopped with it
            )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        waited = time.monotonic() + 90
        while time.monotonic() < waited:
            if self.process.poll() is not None:
                raise CouldNotRun(f"gunicorn stopped at once:\n{self.tail(15)}")
            try:
                with opener.open(self.base + "/sign-in/", timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, http.client.HTTPException):
                time.sleep(0.3)
        raise CouldNotRun(f"gunicorn did not answer on {self.base} in 90 s:\n{self.tail(15)}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # the group started above
            self.process.wait(timeout=10)

    def tail(self, lines: int) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


@contextlib.contextmanager
def _sqlite(tmp: Path) -> Iterator[tuple[str, str]]:
    yield f"sqlite:///{tmp / 'sendtrack.sqlite3'}", f"sqlite:///{tmp / 'sendiass.sqlite3'}"


@contextlib.contextmanager
def _postgres(url: str, run_id: str) -> Iterator[tuple[str, str]]:
    """Two fresh databases on the server of `url`, named for this run; dropped afterwards."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = f"{(parts.path.strip('/') or 'sendtrack')[:30]}_load_{run_id}"
    names = [name, f"{name}_sendiass"]

    def admin() -> psycopg.Connection:
        for maintenance in ("postgres", parts.path.strip("/") or "postgres"):
            try:
                return psycopg.connect(url, dbname=maintenance, autocommit=True)
            except psycopg.OperationalError as error:
                problem = error
        raise CouldNotRun(f"cannot reach the PostgreSQL server of {url}: {problem}")

    try:
        with admin() as connection:
            for database in names:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    except psycopg.Error as error:
        raise CouldNotRun(f"cannot create the database {name}: {error}") from error
    try:
        yield tuple(parts._replace(path=f"/{database}").geturl() for database in names)  # type: ignore[misc]
    finally:
        with admin() as connection:
            force = " WITH (FORCE)" if connection.info.server_version >= 130000 else ""
            for database in names:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {}" + force).format(sql.Identifier(database))
                )


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    """The leg's temporary directory; kept, to read the server's log, with BENCH_LOAD_KEEP=1."""
    if os.environ.get("BENCH_LOAD_KEEP") == "1":
        kept = Path(tempfile.mkdtemp(prefix="sendtrack-load-"))
        print(f"   keeping {kept} (BENCH_LOAD_KEEP=1)")
        yield kept
        return
    with tempfile.TemporaryDirectory(prefix="sendtrack-load-") as tmp:
        yield Path(tmp)


def _leg(databases: contextlib.AbstractContextManager, tmp: Path, **options) -> None:
    with databases as (url, sendiass_url):
        env = _server_env(tmp, url, sendiass_url)
        facts = _prepare(env)
        clients = _clients(facts, **options)
        server = Server(env, tmp)
        try:
            server.start()
            for client in clients:
                client.base = server.base
            wall = drive(clients, options["seconds"])
        finally:
            server.stop()
        stored = _helper(env, "stored", options["run_id"])["markers"]
        report(facts, clients, wall, stored, server, options["seconds"])


def _clients(facts: dict, *, count: int, seconds: float, run_id: str) -> list[Client]:
    hot = facts["hot"]
    clients = []
    for number in range(count):
        username = WRITERS[number % len(WRITERS)]
        actions = (
            [a for ids in hot.values() for a in ids] if username in MANAGERS else hot[username]
        )
        clients.append(Client(number, "", username, actions, facts["plans"], run_id))
    return clients


def run() -> None:
    count = int(os.environ.get("BENCH_LOAD_CLIENTS", "16"))
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "120"))
    postgres_url = os.environ.get("SENDTRACK_BENCH_DATABASE_URL", "")
    legs: list[tuple[str, str]] = [("SQLite", "")]
    if postgres_url.startswith(("postgres://", "postgresql://")):
        legs.append(("PostgreSQL", postgres_url))
    could_not = []
    for label, url in legs:
        run_id = secrets.token_hex(4)
        print(
            f"   -- {label}: preparing a throwaway database (migrate, load-demo --without-casework)"
        )
        try:
            with _scratch() as tmp:
                databases = _postgres(url, run_id) if url else _sqlite(tmp)
                _leg(databases, tmp, count=count, seconds=seconds, run_id=run_id)
        except CouldNotRun as problem:
            print(f"   {label}: COULD NOT RUN: {problem}")
            could_not.append(label)
    if len(legs) == 1:
        print(
            "   PostgreSQL leg skipped: SENDTRACK_BENCH_DATABASE_URL is not set to a postgres:// "
            "URL (`make bench` starts a throwaway server as root where Debian's postgresql is)."
        )
    if could_not:
        raise SystemExit(f"load: could not run on {', '.join(could_not)}")


# --- the figures -------------------------------------------------------------------------------


def _ms(samples: list[Sample]) -> str:
    if not samples:
        return "none"
    values = [s.ms for s in samples]
    return f"p50 {percentile(values, 0.50):7.0f} ms   p95 {percentile(values, 0.95):7.0f} ms"


def _counted(counter: Counter, empty: str = "none") -> str:
    return ", ".join(f"{key} ×{n}" for key, n in counter.most_common()) or empty


def report(
    facts: dict,
    clients: list[Client],
    wall: float,
    stored_markers: list[str],
    server: Server,
    seconds: float,
) -> None:
    samples = [s for c in clients for s in c.record.samples]
    posts = [p for c in clients for p in c.record.posts]
    signed_in = sum(c.record.signed_in for c in clients)
    print(
        f"   database      {facts['vendor']} {facts['version']} (demo loaded in"
        f" {facts['prepared_s']:.0f} s; gunicorn, 2 workers, {server.base})"
    )
    print(
        f"   clients       {len(clients)} ({_counted(Counter(c.username for c in clients))}),"
        f" {signed_in} signed in; duration {seconds:.0f} s asked, {wall:.1f} s run"
    )
    for client in clients:
        if client.record.sign_in_problem:
            print(f"   SIGN-IN FAILED client {client.number}: {client.record.sign_in_problem}")
    print(
        f"   requests      {len(samples)} ({len(samples) / max(wall, 0.001):.1f}/s):"
        f" {_counted(Counter(s.page for s in samples))}"
    )
    server_errors = Counter(f"{s.status} {s.page}" for s in samples if s.status and s.status >= 500)
    connection_errors = Counter(f"{s.error} {s.page}" for s in samples if s.status is None)
    others = Counter(
        f"{s.status} {s.page}"
        for s in samples
        if s.status and s.status < 500 and s.status not in (200, 302)
    )
    print(f"   5xx           {sum(server_errors.values())}: {_counted(server_errors)}")
    print(f"   connection    {sum(connection_errors.values())}: {_counted(connection_errors)}")
    if others:
        print(f"   other status  {sum(others.values())}: {_counted(others)}")
    print(f"   latency all   {_ms(samples)}")
    print(f"   latency POST  {_ms([s for s in samples if s.method == 'POST'])}")

    outcomes = Counter(p.outcome for p in posts)
    acknowledged = {p.marker: p for p in posts if p.outcome == "acknowledged"}
    stored = Counter(stored_markers)
    lost = [p for marker, p in acknowledged.items() if marker not in stored]
    unacknowledged = [m for m in stored if m not in acknowledged]
    collided = sum(p.since_opened for p in acknowledged.values())
    print(
        f"   updates       {len(posts)} posted to {len({p.action_id for p in posts})} actions;"
        f" acknowledged {len(acknowledged)}, stored {len(stored)}, lost {len(lost)}"
    )
    print(
        f"                 {collided} acknowledged saying others had saved since the form was"
        f" opened; stored without acknowledgement {len(unacknowledged)};"
        f" stored twice {sum(1 for n in stored.values() if n > 1)}"
    )
    refused = [p for p in posts if p.outcome == "refused"]
    print(
        f"   refused       {len(refused)} POSTs answered 200 with the form again:"
        f" {_counted(Counter(p.detail for p in refused))}"
    )
    not_answered = {k: n for k, n in outcomes.items() if k not in ("acknowledged", "refused")}
    if not_answered:
        print(f"   other POSTs   {_counted(Counter(not_answered))}")
    for post in lost[:20]:
        print(
            f"   DATA LOSS     {post.marker} acknowledged (client {post.client}, action"
            f" {post.action_id}) but not stored"
        )
    if len(lost) > 20:
        print(f"   DATA LOSS     ... and {len(lost) - 20} more")
    if server_errors or connection_errors or lost:
        _explain(server)


def _explain(server: Server) -> None:
    """What gunicorn's log says about the errors: the failing paths, the exceptions, the end."""
    try:
        log = server.log.read_text(errors="replace").splitlines()
    except OSError:
        print("   (no gunicorn log)")
        return
    paths = Counter(
        re.sub(r"/\d+/", "/<id>/", m.group(1))
        for line in log
        if (m := re.search(r"(?:Internal Server Error|Service Unavailable): (\S+)", line))
    )
    exceptions = Counter(
        line.strip()[:140]
        for line in log
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Locked|Timeout)\w*:", line.strip())
    )
    gunicorn = Counter(
        re.sub(r"\(pid:\d+\)", "(pid)", line.split("] ", 2)[-1])[:100]
        for line in log
        if "[CRITICAL]" in line or "[ERROR]" in line
    )
    # The innermost frame of sendtrack's own code in each traceback: where it failed.
    frames: Counter = Counter()
    last = ""
    for line in log:
        if found := re.search(r'File ".*/src/(sendtrack/[^"]+)", line (\d+), in (\w+)', line):
            last = f"{found.group(1)}:{found.group(2)} {found.group(3)}"
        elif re.match(r"^[A-Za-z_][\w.]*(Error|Exception)\w*:", line) and last:
            frames[last] += 1
            last = ""
    print(f"   server log    {server.log} ({len(log)} lines)")
    print(f"                 failing paths: {_counted(paths)}")
    print(f"                 exceptions: {_counted(exceptions)}")
    print(f"                 raised in: {_counted(frames)}")
    if gunicorn:
        print(f"                 gunicorn: {_counted(gunicorn)}")
    print("   last lines of the server log:")
    for line in log[-30:]:
        print(f"   | {line}")


# --- run in a process of its own against the throwaway database (see _helper) ------------------


def _facts() -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from sendtrack.accounts.models import Person
    from sendtrack.plans.models import Action, Plan

    users = set(get_user_model().objects.values_list("username", flat=True))
    missing = sorted(set(WRITERS) - users)
    if missing:
        raise SystemExit(f"the demo has no sign-in for {', '.join(missing)}")
    hot = {}
    for username, count in HOT_ACTIONS.items():
        person = Person.objects.get(partnership__slug=PARTNERSHIP, user__username=username)
        owned = Action.objects.filter(owners=person, archived_at=None).order_by("id")
        hot[username] = list(owned.values_list("id", flat=True)[:count])
    plans = Plan.objects.filter(partnership__slug=PARTNERSHIP).order_by("id")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
    vendor = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(connection.vendor)
    return {
        "vendor": vendor or connection.vendor,
        "version": version,
        "plans": list(plans.values_list("id", flat=True)),
        "hot": hot,
    }


def _stored(run_id: str) -> dict:
    from sendtrack.plans.models import ProgressUpdate

    commentaries = ProgressUpdate.objects.filter(commentary__contains=f"[load {run_id} ")
    markers = [
        m
        for text in commentaries.values_list("commentary", flat=True)
        for m in MARKER.findall(text)
    ]
    return {"markers": markers}


if __name__ == "__main__":
    import django

    django.setup()
    command = sys.argv[1]
    print(json.dumps(_facts() if command == "facts" else _stored(sys.argv[2])))
