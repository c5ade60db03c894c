"""Import user accounts from CSV, all or nothing.

Columns (header row required, UTF-8 with or without BOM): ``username, full_name, email, position, unit_code,
roles, password``. ``roles`` is a ``;``-separated list of ``admin``, ``judge``, ``organizer`` (national),
``organizer@region:14``, ``organizer@province:33``, ``coordinator`` and ``officer`` (both for the row's unit).
An empty password leaves the account unable to sign in until one is set. Every bad row is reported with its
line number, and if any row is bad nothing is imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.models import InspectionRegion, Province, Role, Unit, User
from app.passwords import MIN_PASSWORD_LENGTH
from app.services.accounts import RoleSpec, create_user, normalise_username

COLUMNS = ("username", "full_name", "email", "position", "unit_code", "roles", "password")
REQUIRED_COLUMNS = ("username", "full_name", "roles")
MAX_ROWS = 5000


@dataclass
class ImportReport:
    created: list[User] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Lookups:
    units: dict[str, Unit]
    regions: dict[int, int]
    provinces: dict[str, int]
    usernames: set[str]
    emails: set[str]

    @classmethod
    def load(cls, session: Session) -> _Lookups:
        return cls(
            units={u.code.upper(): u for u in session.scalars(sa.select(Unit))},
            regions={
                n: i for n, i in session.execute(sa.select(InspectionRegion.number, InspectionRegion.id))
            },
            provinces={c: i for c, i in session.execute(sa.select(Province.code, Province.id))},
            usernames=set(session.scalars(sa.select(User.username))),
            emails={e.lower() for e in session.scalars(sa.select(User.email)) if e},
        )


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig")


def _parse_role(token: str, unit: Unit | None, lookups: _Lookups) -> RoleSpec:
    name, _sep, scope = token.partition("@")
    try:
        role = Role(name.strip().lower())
    except ValueError:
        raise ValueError(_("unknown role “%(role)s”", role=name.strip())) from None
    if role in (Role.COORDINATOR, Role.OFFICER):
        if unit is None:
            raise ValueError(_("role “%(role)s” needs a unit_code", role=role.value))
        return RoleSpec(role, unit_id=unit.id)
    if not scope:
        return RoleSpec(role)
    if role != Role.ORGANIZER:
        raise ValueError(_("only organizers have a scope (got “%(token)s”)", token=token))
    kind, _sep, code = scope.partition(":")
    if kind == "region" and code.isdigit() and int(code) in lookups.regions:
        return RoleSpec(role, region_id=lookups.regions[int(code)])
    if kind == "province" and code in lookups.provinces:
        return RoleSpec(role, province_id=lookups.provinces[code])
    raise ValueError(_("unknown organizer scope “%(scope)s”", scope=scope))


def _check_row(row: dict[str, str], lookups: _Lookups) -> list[str]:
    problems: list[str] = []
    username = normalise_username(row.get("username") or "")
    if not username:
        problems.append(_("username is empty"))
    elif len(username) > 64 or not all(c.isalnum() or c in "._-" for c in username):
        problems.append(
            _("username “%(name)s” may use only letters, digits, . _ - (64 at most)", name=username)
        )
    elif username in lookups.usernames:
        problems.append(_("username “%(name)s” is already taken", name=username))
    if not (row.get("full_name") or "").strip():
        problems.append(_("full_name is empty"))
    email = (row.get("email") or "").strip().lower()
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            problems.append(_("“%(email)s” is not an e-mail address", email=email))
        if email in lookups.emails:
            problems.append(_("e-mail “%(email)s” is already used", email=email))
    password = row.get("password") or ""
    if password and len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_("password is shorter than %(n)d characters", n=MIN_PASSWORD_LENGTH))
    unit_code = (row.get("unit_code") or "").strip().upper()
    if unit_code and unit_code not in lookups.units:
        problems.append(_("unknown unit_code “%(code)s”", code=unit_code))
    return problems


def _row_roles(row: dict[str, str], lookups: _Lookups) -> tuple[list[RoleSpec], list[str]]:
    unit = lookups.units.get((row.get("unit_code") or "").strip().upper())
    specs: list[RoleSpec] = []
    problems: list[str] = []
    tokens = [t.strip() for t in (row.get("roles") or "").split(";") if t.strip()]
    if not tokens:
        problems.append(_("roles is empty"))
    for token in tokens:
        try:
            specs.append(_parse_role(token, unit, lookups))
        except ValueError as error:
            problems.append(str(error))
    return specs, problems


def import_users(session: Session, data: bytes) -> ImportReport:
    """Create the accounts in ``data`` (CSV) or, if any row is bad, none of them (flushes only)."""
    report = ImportReport()
    try:
        reader = csv.DictReader(io.StringIO(_decode(data)))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except (UnicodeDecodeError, csv.Error):
        report.errors.append((1, _("the file is not UTF-8 CSV")))
        return report
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        report.errors.append((1, _("missing columns: %(cols)s", cols=", ".join(missing))))
        return report
    reader.fieldnames = header
    lookups = _Lookups.load(session)
    accepted: list[tuple[dict[str, str], list[RoleSpec], Unit | None]] = []
    try:
        for row in reader:
            line = reader.line_num
            if len(accepted) + len(report.errors) >= MAX_ROWS:
                report.errors.append((line, _("more than %(n)d rows", n=MAX_ROWS)))
                break
            if None in row:
                report.errors.append((line, _("more values than columns")))
                continue
            specs, role_problems = _row_roles(row, lookups)
            problems = _check_row(row, lookups) + role_problems
            if problems:
                report.errors.extend((line, problem) for problem in problems)
                continue
            lookups.usernames.add(normalise_username(row["username"]))
            if (row.get("email") or "").strip():
                lookups.emails.add(row["email"].strip().lower())
            accepted.append((row, specs, lookups.units.get((row.get("unit_code") or "").strip().upper())))
    except csv.Error as error:
        report.errors.append((reader.line_num, _("CSV error: %(error)s", error=str(error))))
    if report.errors:
        return report
    if not accepted:
        report.errors.append((1, _("the file has no rows")))
        return report
    for row, specs, unit in accepted:
        report.created.append(
            create_user(
                session,
                username=row["username"],
                full_name=row["full_name"],
                email=row.get("email"),
                password=row.get("password") or None,
                roles=specs,
                unit_id=unit.id if unit else None,
                position=row.get("position") or "",
            )
        )
    return report
