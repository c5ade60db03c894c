"""Import a pool's committee from CSV, all or nothing.

Columns (header row required, UTF-8 with or without BOM): ``username, role``. ``role`` is ``chair``,
``member`` or ``secretary``, or in Thai ประธาน, กรรมการ, เลขานุการ. Each user name must belong to an active
judge. Someone already on the committee takes the role in the file. Every bad line is reported with its
number, and if any line is bad the committee is left as it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.models import CommitteeMember, CommitteeRole, Pool, User
from app.services import committees
from app.services.accounts import normalise_username

COLUMNS = ("username", "role")
MAX_ROWS = 500
ROLE_NAMES = {
    "chair": CommitteeRole.CHAIR,
    "member": CommitteeRole.MEMBER,
    "secretary": CommitteeRole.SECRETARY,
    "ประธาน": CommitteeRole.CHAIR,
    "ประธานกรรมการ": CommitteeRole.CHAIR,
    "กรรมการ": CommitteeRole.MEMBER,
    "เลขานุการ": CommitteeRole.SECRETARY,
    "กรรมการและเลขานุการ": CommitteeRole.SECRETARY,
}


@dataclass
class ImportReport:
    added: list[CommitteeMember] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    user: User
    role: CommitteeRole


def _read(data: bytes, report: ImportReport) -> csv.DictReader[str] | None:
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except (UnicodeDecodeError, csv.Error):
        report.errors.append((1, _("the file is not UTF-8 CSV")))
        return None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        report.errors.append((1, _("missing columns: %(cols)s", cols=", ".join(missing))))
        return None
    reader.fieldnames = header
    return reader


def _check(session: Session, row: dict[str, str], seen: set[str]) -> tuple[User | None, list[str]]:
    problems: list[str] = []
    username = normalise_username(row.get("username") or "")
    role_name = (row.get("role") or "").strip()
    user = committees.find_judge(session, username) if username else None
    if not username:
        problems.append(_("username is empty"))
    elif username in seen:
        problems.append(_("“%(name)s” is listed twice", name=username))
    elif user is None:
        problems.append(_("“%(name)s” is not an active account with the judge role", name=username))
    seen.add(username)
    if ROLE_NAMES.get(role_name.lower()) is None:
        problems.append(_("unknown role “%(role)s” (chair, member or secretary)", role=role_name))
    return user, problems


def _chair_problem(session: Session, pool: Pool, rows: list[_Row]) -> tuple[int, str] | None:
    chairs = [row for row in rows if row.role is CommitteeRole.CHAIR]
    if len(chairs) > 1:
        return chairs[1].line, _("the committee has only one chair")
    current = session.scalar(
        sa.select(CommitteeMember).where(
            CommitteeMember.pool_id == pool.id, CommitteeMember.role == CommitteeRole.CHAIR
        )
    )
    demoted = current is not None and any(
        row.user.id == current.user_id and row.role is not CommitteeRole.CHAIR for row in rows
    )
    if chairs and current is not None and current.user_id != chairs[0].user.id and not demoted:
        return chairs[0].line, _("the committee already has a chair (%(name)s)", name=current.user.full_name)
    return None


def import_committee(session: Session, pool: Pool, data: bytes) -> ImportReport:
    """Put the people in ``data`` on the pool's committee, or, if any line is bad, nobody (flushes only)."""
    report = ImportReport()
    reader = _read(data, report)
    if reader is None:
        return report
    rows: list[_Row] = []
    seen: set[str] = set()
    try:
        for row in reader:
            if len(rows) + len(report.errors) >= MAX_ROWS:
                report.errors.append((reader.line_num, _("more than %(n)d rows", n=MAX_ROWS)))
                break
            if None in row:
                report.errors.append((reader.line_num, _("more values than columns")))
                continue
            user, problems = _check(session, row, seen)
            report.errors.extend((reader.line_num, problem) for problem in problems)
            if user is not None and not problems:
                rows.append(_Row(reader.line_num, user, ROLE_NAMES[row["role"].strip().lower()]))
    except csv.Error as error:
        report.errors.append((reader.line_num, _("CSV error: %(error)s", error=str(error))))
    if not report.errors and not rows:
        report.errors.append((1, _("the file has no rows")))
    chair_problem = None if report.errors else _chair_problem(session, pool, rows)
    if chair_problem:
        report.errors.append(chair_problem)
    if report.errors:
        return report
    # The chair's seat is filled last, so a chair demoted by the file makes room first.
    for row in sorted(rows, key=lambda r: r.role is CommitteeRole.CHAIR):
        report.added.append(committees.add_member(session, pool, row.user, row.role))
    return report
