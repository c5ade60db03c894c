"""Benchmark of judges' autosaves under load (a script, not a timed test).

Builds a fresh database (SQLite by default, or PostgreSQL with ``--database-url``; the tables are made
from the models): one open province pool with N submitted entries and a committee of 50 judges, every
judge assigned to every entry and every sheet already created. Then serves the app with gunicorn on
127.0.0.1, signs the 50 judges in (each once, through the real sign-in form with its CSRF token, keeping
the session cookie), and for D seconds each judge's thread saves a draft of its own sheet over and over,
always with the version the last save returned:

1. against the real autosave endpoint (``ENDPOINT`` below: sign-in, access check, CSRF, validation,
   history with old and new values, JSON answer), then
2. against a bare baseline endpoint served by the same gunicorn app (``bench/scoring_bench_app.py``)
   that writes the same rows with no checks.

Prints saves per second and p50/p99 latency for both, and their ratio, measured in the same run.

Run: .venv/bin/python bench/scoring_bench.py [--entries 20] [--judges 50] [--duration 10] [--workers 4]
     [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_scoring]
The PostgreSQL database must exist and be empty (its tables are dropped and created): ``createdb ...``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path

from flask import Flask

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (  # noqa: E402
    Assignment,
    Base,
    CommitteeMember,
    CommitteeRole,
    District,
    Entry,
    EntryState,
    InspectionRegion,
    Pool,
    Province,
    Role,
    RoleAssignment,
    Round,
    Scoresheet,
    Unit,
    UnitType,
    User,
    entrant_key,
)
from app.models.base import utcnow  # noqa: E402
from app.passwords import hash_password  # noqa: E402
from app.services.contests import open_round  # noqa: E402
from app.services.km_challenge import create_km_challenge  # noqa: E402

# The judges' autosave endpoint and its form fields, in one place in case they change.
ENDPOINT = {
    "login": "/login",
    "sheet_page": "/judge/sheets/{sheet_id}",  # redirects to the entry page holding the form's CSRF token
    "draft": "/judge/sheets/{sheet_id}/draft",
    "baseline": "/bench/baseline/sheets/{sheet_id}",
    "csrf": "csrf_token",
    "version": "version",
    "score": "score_{key}",
    "comment": "comment_{key}",
    "overall": "overall_comment",
}
PASSWORD = "bench-password-2565"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


@dataclass
class Judge:
    username: str
    sheet_id: int
    version: int = 1
    opener: urllib.request.OpenerDirector | None = None
    csrf: str = ""


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    elapsed: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


@dataclass
class Setup:
    """The built database: each judge's user name and the sheet it saves, and the rubric's keys."""

    app: Flask
    sheets: list[tuple[str, int]]
    keys: list[str]

    def version_of(self, sheet_id: int) -> int:
        with self.app.app_context():
            return int(db.session.get(Scoresheet, sheet_id).version)  # type: ignore[union-attr]

    def dispose(self) -> None:
        with self.app.app_context():
            db.engine.dispose()


def build(url: str, *, entries: int, judges: int) -> Setup:
    """A fresh schema and one judged pool: ``entries`` entries, ``judges`` judges, every sheet created."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(16)})
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
        round_, units = _contest(entries)
        pool = round_.pools[0]
        rows = [_entry(round_, pool, unit, index) for index, unit in enumerate(units)]
        people = _committee(pool, judges)
        sheets = _assign(pool, rows, people)
        db.session.commit()
        keys = [c.key for c in round_.criteria]
        return Setup(app, sheets, keys)


def _contest(entries: int) -> tuple[Round, list[Unit]]:
    region = InspectionRegion(
        number=14, name_th="เขตตรวจราชการที่ 14", name_en="Region 14", cluster_name_th="", cluster_name_en=""
    )
    province = Province(code="33", name_th="ศรีสะเกษ", name_en="Si Sa Ket", region=region)
    department = Unit(
        code="CDD",
        unit_type=UnitType.DEPARTMENT,
        name_th="กรมการพัฒนาชุมชน",
        name_en="CDD",
        short_name_th="พช.",
    )
    db.session.add_all([region, province, department])
    units = []
    for index in range(entries):
        district = District(
            code=f"{index:04d}", province=province, name_th=f"อำเภอ{index}", name_en=f"D{index}"
        )
        units.append(
            Unit(
                code=f"CDD-{index:04d}",
                unit_type=UnitType.DISTRICT_OFFICE,
                name_th=f"สำนักงานพัฒนาชุมชนอำเภอที่ {index}",
                name_en=f"District office {index}",
                short_name_th=f"สพอ.{index}",
                province=province,
                district=district,
            )
        )
    db.session.add_all(units)
    db.session.flush()
    contest = create_km_challenge(
        db.session, name="KM Challenge bench", fiscal_year=2022, organizer_unit=department
    )
    round_ = contest.categories[1].rounds[0]
    now = utcnow()
    round_.submissions_open_at, round_.submissions_close_at = (
        now - timedelta(days=10),
        now - timedelta(hours=1),
    )
    round_.judging_open_at, round_.judging_close_at = now - timedelta(hours=1), now + timedelta(days=7)
    round_.announce_at = now + timedelta(days=8)
    open_round(db.session, round_)
    return round_, units


def _entry(round_: Round, pool: Pool, unit: Unit, index: int) -> Entry:
    entry = Entry(
        category_id=round_.category_id,
        pool_id=pool.id,
        unit_id=unit.id,
        entrant_key=entrant_key(unit.id, None),
        state=EntryState.SUBMITTED,
        title=f"ผลงานที่ {index + 1}",
        submitted_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def _committee(pool: Pool, judges: int) -> list[User]:
    password_hash = hash_password(PASSWORD)  # one slow hash, shared: every judge has the same password
    people = []
    for index in range(judges):
        user = User(
            username=f"bench{index + 1}", full_name=f"กรรมการ {index + 1}", password_hash=password_hash
        )
        user.roles.append(RoleAssignment(role=Role.JUDGE))
        people.append(user)
    db.session.add_all(people)
    db.session.flush()
    for index, user in enumerate(people):
        role = CommitteeRole.CHAIR if index == 0 else CommitteeRole.MEMBER
        db.session.add(CommitteeMember(pool_id=pool.id, user_id=user.id, role=role))
    return people


def _assign(pool: Pool, entries: list[Entry], people: list[User]) -> list[tuple[str, int]]:
    """Every judge on every entry, every sheet created; each judge's benchmark sheet is one of its own."""
    db.session.flush()
    mine: list[tuple[str, int]] = []
    for index, judge in enumerate(people):
        for entry in entries:
            db.session.add(Assignment(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id))
            sheet = Scoresheet(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id)
            db.session.add(sheet)
            if entry is entries[index % len(entries)]:
                mine.append((judge.username, sheet))
    db.session.flush()
    return [(name, sheet.id) for name, sheet in mine]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database_url: str, workers: int, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "SESSION_COOKIE_SECURE": "0",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--chdir",
        str(REPO),
        "--log-level",
        "warning",
        "bench.scoring_bench_app:app",
    ]
    return subprocess.Popen(command, env=env)


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(base + ENDPOINT["login"], timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def _token(html: str) -> str:
    match = CSRF_RE.search(html)
    if not match:
        raise SystemExit("no CSRF token on the page")
    return match.group(1) or match.group(2)


def sign_in(base: str, judge: Judge) -> None:
    """Sign in through the form, then read the CSRF token from the judge's sheet page."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(base + ENDPOINT["login"]).read().decode()
    form = {"username": judge.username, "password": PASSWORD, ENDPOINT["csrf"]: _token(page)}
    opener.open(base + ENDPOINT["login"], urllib.parse.urlencode(form).encode()).read()
    sheet_page = opener.open(base + ENDPOINT["sheet_page"].format(sheet_id=judge.sheet_id))
    judge.opener, judge.csrf = opener, _token(sheet_page.read().decode())


def _fields(judge: Judge, keys: list[str], round_no: int) -> dict[str, str]:
    fields = {ENDPOINT["csrf"]: judge.csrf, ENDPOINT["version"]: str(judge.version)}
    for index, key in enumerate(keys):
        fields[ENDPOINT["score"].format(key=key)] = str((round_no + index) % 20 + 5)
        fields[ENDPOINT["comment"].format(key=key)] = f"บันทึกครั้งที่ {round_no}"
    fields[ENDPOINT["overall"]] = "ร่างความเห็นโดยรวม"
    return fields


def drive(
    base: str, judge: Judge, path: str, keys: list[str], phase: Phase, stop: float, lock: threading.Lock
):
    """Save the judge's sheet again and again until ``stop``, each time with the version last returned."""
    assert judge.opener is not None
    round_no, url = 0, base + path.format(sheet_id=judge.sheet_id)
    while time.monotonic() < stop:
        round_no += 1
        body = urllib.parse.urlencode(_fields(judge, keys, round_no)).encode()
        started = time.perf_counter()
        try:
            with judge.opener.open(url, body, timeout=30) as response:
                answer = json.loads(response.read())
            took = time.perf_counter() - started
            judge.version = int(answer["version"])
            with lock:
                phase.latencies.append(took)
        except urllib.error.HTTPError as refused:
            answer = json.loads(refused.read() or b"{}") if refused.code == 409 else {}
            judge.version = int(answer.get("version", judge.version))
            with lock:
                phase.failures += 1


def run_phase(name: str, base: str, path: str, judges: list[Judge], keys: list[str], seconds: float) -> Phase:
    phase, lock = Phase(name), threading.Lock()
    started = time.monotonic()
    stop = started + seconds
    threads = [threading.Thread(target=drive, args=(base, j, path, keys, phase, stop, lock)) for j in judges]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.elapsed = time.monotonic() - started
    return phase


def report(phases: list[Phase]) -> None:
    print(f"{'endpoint':<10} {'saves':>7} {'failed':>7} {'saves/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for p in phases:
        print(
            f"{p.name:<10} {len(p.latencies):>7} {p.failures:>7} {p.throughput:>9.1f}"
            f" {p.percentile(0.50):>8.1f} {p.percentile(0.99):>8.1f}"
        )
    app_phase, base_phase = phases
    if base_phase.throughput:
        print(f"throughput ratio app/baseline: {app_phase.throughput / base_phase.throughput:.2f}")
        print(f"p50 latency ratio app/baseline: {app_phase.percentile(0.5) / base_phase.percentile(0.5):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL of an existing, empty database")
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--judges", type=int, default=50)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scoring-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        setup = build(url, entries=args.entries, judges=args.judges)
        print(
            f"database: {url.split('@')[-1]}; {args.entries} entries, {args.judges} judges, "
            f"{args.entries * args.judges} sheets; gunicorn -w {args.workers}; {args.duration:g} s each"
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(url, args.workers, port)
        try:
            wait_until_up(base, server)
            judges = [Judge(name, sheet_id) for name, sheet_id in setup.sheets]
            for judge in judges:
                sign_in(base, judge)
            for judge in judges:  # the sheet page view may not change the version, but read it to be sure
                judge.version = setup.version_of(judge.sheet_id)
            phases = [
                run_phase("app", base, ENDPOINT["draft"], judges, setup.keys, args.duration),
                run_phase("baseline", base, ENDPOINT["baseline"], judges, setup.keys, args.duration),
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
            setup.dispose()
    report(phases)


if __name__ == "__main__":
    main()
