"""The demo data that ``make run`` loads: organization data, CDD offices and demo accounts.

The loader is a list of steps, each idempotent, run in order. Later features add their own step (a demo
contest, scoresheets, results) by appending to ``DEMO_STEPS``; a step takes the session and returns lines to
print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Province, Role, Unit, User
from app.services.accounts import RoleSpec, create_user, replace_roles
from app.services.demo_contest import load_demo_contest
from app.services.demo_results import load_demo_results
from app.services.demo_scoring import load_demo_committee
from app.services.geography import create_cdd_offices, load_geography

DEMO_PASSWORD = "km-demo-2565"  # printed by `make run`; a demo database only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    description: str
    role: Role
    province_code: str | None = None  # organizer scope
    unit_code: str | None = None  # coordinator scope and the person's unit
    position: str = ""


SISAKET = "33"
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "ผู้ดูแลระบบ", "administrator", Role.ADMIN),
    DemoAccount(
        "organizer",
        "กลุ่มงานจัดการความรู้ กรมการพัฒนาชุมชน",
        "national organizer",
        Role.ORGANIZER,
        unit_code="CDD",
    ),
    DemoAccount(
        "sisaket",
        "เลขานุการคณะกรรมการจังหวัดศรีสะเกษ",
        "Sisaket province organizer",
        Role.ORGANIZER,
        province_code=SISAKET,
        unit_code="CDD-33",
    ),
    DemoAccount("judge1", "นางสาวกนกพร ศรีสุข", "judge", Role.JUDGE, unit_code="CDD-33"),
    DemoAccount("judge2", "นายธนากร บุญมา", "judge", Role.JUDGE, unit_code="CDD"),
    DemoAccount("judge3", "นางวิไลวรรณ ทองดี", "judge", Role.JUDGE, unit_code="CDD-34"),
    DemoAccount(
        "phusing",
        "ผู้ประสานงาน สพอ.ภูสิงห์",
        "coordinator, สพอ.ภูสิงห์",
        Role.COORDINATOR,
        unit_code="CDD-3317",
    ),
    DemoAccount(
        "silalat",
        "ผู้ประสานงาน สพอ.ศิลาลาด",
        "coordinator, สพอ.ศิลาลาด",
        Role.COORDINATOR,
        unit_code="CDD-3322",
    ),
    DemoAccount(
        "phayu",
        "ผู้ประสานงาน สพอ.พยุห์",
        "coordinator, สพอ.พยุห์",
        Role.COORDINATOR,
        unit_code="CDD-3320",
    ),
    DemoAccount(
        "benchalak",
        "ผู้ประสานงาน สพอ.เบญจลักษ์",
        "coordinator, สพอ.เบญจลักษ์",
        Role.COORDINATOR,
        unit_code="CDD-3319",
    ),
    # Officers who tell stories in the demo contest (app/services/demo_contest.py).
    DemoAccount(
        "storyteller1",
        "นางสาวพิมพ์ชนก แก้วมณี",
        "officer, สพอ.ภูสิงห์ (a draft story)",
        Role.OFFICER,
        unit_code="CDD-3317",
        position="นักวิชาการพัฒนาชุมชนชำนาญการ",
    ),
    DemoAccount(
        "storyteller2",
        "นายอนุชา บุญประเสริฐ",
        "officer, สพอ.ศิลาลาด (a submitted story)",
        Role.OFFICER,
        unit_code="CDD-3322",
        position="นักวิชาการพัฒนาชุมชนปฏิบัติการ",
    ),
    DemoAccount(
        "storyteller3",
        "นางรัชนี พรหมวงศ์",
        "officer, สพอ.พยุห์ (no story yet)",
        Role.OFFICER,
        unit_code="CDD-3320",
        position="เจ้าพนักงานพัฒนาชุมชนชำนาญงาน",
    ),
)


def _role_spec(session: Session, account: DemoAccount, unit: Unit | None) -> RoleSpec:
    if account.role in (Role.COORDINATOR, Role.OFFICER):
        assert unit is not None
        return RoleSpec(account.role, unit_id=unit.id)
    if account.province_code:
        province_id = session.scalar(sa.select(Province.id).where(Province.code == account.province_code))
        return RoleSpec(account.role, province_id=province_id)
    return RoleSpec(account.role)


def load_demo_accounts(session: Session) -> list[str]:
    """Create (or restore) the demo accounts with the demo password."""
    units = {u.code: u for u in session.scalars(sa.select(Unit))}
    for account in DEMO_ACCOUNTS:
        unit = units.get(account.unit_code or "")
        spec = _role_spec(session, account, unit)
        user = session.scalar(sa.select(User).where(User.username == account.username))
        if user is None:
            create_user(
                session,
                username=account.username,
                full_name=account.full_name,
                email=None,
                password=DEMO_PASSWORD,
                roles=[spec],
                unit_id=unit.id if unit else None,
                position=account.position,
            )
        else:
            replace_roles(user, [spec])
            user.active = True
    session.flush()
    return [f"  {a.username:<10} {DEMO_PASSWORD}   {a.description}" for a in DEMO_ACCOUNTS]


def load_organizations(session: Session) -> list[str]:
    reports = load_geography(session) | create_cdd_offices(session)
    return [f"  {name}: {report}" for name, report in reports.items()]


DEMO_STEPS: list[Callable[[Session], list[str]]] = [
    load_organizations,
    load_demo_accounts,
    load_demo_contest,
    load_demo_committee,
    load_demo_results,
]


def load_demo(session: Session) -> list[str]:
    """Run every demo step in order; returns what to print (flushes, the CLI commits)."""
    lines: list[str] = []
    for step in DEMO_STEPS:
        lines.extend(step(session))
    return lines
