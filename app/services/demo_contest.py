"""The demo contest: KM Challenge 2565 as it looks in the middle of the season.

The district-office category's province round has closed for submissions and is being judged; Sisaket's pool
holds the entries of the seed's four finalists (ภูสิงห์, ศิลาลาด, พยุห์, เบญจลักษ์) and of four more offices.
The storytelling category's province round is open for another 30 days, so demo officers can write and
submit a story. Dates are relative to the day the demo is loaded. Idempotent: what exists is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import nh3
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.i18n import BANGKOK
from app.models import (
    Category,
    Contest,
    Entry,
    EntryAuthor,
    EntryState,
    Province,
    Role,
    RoleAssignment,
    Round,
    Unit,
    User,
    entrant_key,
)
from app.models.base import utcnow
from app.services.accounts import RoleSpec, create_user
from app.services.contests import open_round, pool_for_unit
from app.services.km_challenge import create_km_challenge
from judging import RoundState

CONTEST_NAME = "KM Challenge 2565"
FISCAL_YEAR = 2022  # ปีงบประมาณ 2565
DEPARTMENT_CODE = "CDD"
SISAKET = "33"
# An officer who tells a story but has no demo sign-in (officers without a password cannot sign in).
QUIET_OFFICER = ("suphaporn.t", "นางสุภาพร ทองคำ", "นักวิชาการพัฒนาชุมชนชำนาญการ", "CDD-3319")


@dataclass(frozen=True)
class DemoEntry:
    """A demo entry. ``submitted`` is (days before the load day, Bangkok hour, minute); None for a draft.
    ``person`` is the officer's user name for a story."""

    unit_code: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    authors: tuple[tuple[str, str], ...]
    submitted: tuple[int, int, int] | None
    person: str | None = None

    @property
    def body_html(self) -> str:
        return "".join(f"<p>{paragraph}</p>" for paragraph in self.paragraphs)

    @property
    def started_days_ago(self) -> int:
        return self.submitted[0] + 2 if self.submitted else 4


@dataclass(frozen=True)
class Schedule:
    """Round dates as (days from the load day, Bangkok hour, minute)."""

    opens: tuple[int, int, int]
    closes: tuple[int, int, int]
    judging_opens: tuple[int, int, int]
    judging_closes: tuple[int, int, int]
    announced: tuple[int, int, int]


JUDGING_NOW = Schedule((-30, 8, 30), (-2, 16, 30), (0, 0, 0), (14, 16, 30), (16, 10, 0))
SUBMITTING_NOW = Schedule((-7, 8, 30), (30, 16, 30), (31, 8, 30), (45, 16, 30), (47, 10, 0))


def bangkok_time(today: date, days: int, hour: int, minute: int) -> datetime:
    """``days`` after ``today`` at a Bangkok wall-clock time, as aware UTC."""
    local = datetime.combine(today + timedelta(days=days), time(hour, minute), tzinfo=BANGKOK)
    return local.astimezone(UTC)


def load_demo_contest(session: Session) -> list[str]:
    """Create the demo contest, open its two province rounds and add the demo entries (each only once)."""
    today = utcnow().astimezone(BANGKOK).date()
    department = session.scalar(sa.select(Unit).where(Unit.code == DEPARTMENT_CODE))
    if department is None:
        return [f"  {CONTEST_NAME}: skipped (no department unit {DEPARTMENT_CODE}; load the offices first)"]
    contest = session.scalar(sa.select(Contest).where(Contest.name == CONTEST_NAME))
    if contest is None:
        contest = create_km_challenge(
            session, name=CONTEST_NAME, fiscal_year=FISCAL_YEAR, organizer_unit=department
        )
    storytelling, district = contest.categories[0], contest.categories[1]
    _open_first_round(session, district, JUDGING_NOW, today)
    _open_first_round(session, storytelling, SUBMITTING_NOW, today)
    _quiet_officer(session)
    created = sum(_add_entry(session, district, spec, today) for spec in DISTRICT_ENTRIES)
    created += sum(_add_entry(session, storytelling, spec, today) for spec in STORIES)
    session.flush()
    return [_summary(session, contest, created)]


def _open_first_round(session: Session, category: Category, schedule: Schedule, today: date) -> Round:
    round_ = category.rounds[0]
    if round_.state is RoundState.DRAFT:
        round_.submissions_open_at = bangkok_time(today, *schedule.opens)
        round_.submissions_close_at = bangkok_time(today, *schedule.closes)
        round_.judging_open_at = bangkok_time(today, *schedule.judging_opens)
        round_.judging_close_at = bangkok_time(today, *schedule.judging_closes)
        round_.announce_at = bangkok_time(today, *schedule.announced)
        open_round(session, round_)
    return round_


def _quiet_officer(session: Session) -> None:
    username, full_name, position, unit_code = QUIET_OFFICER
    if session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        return
    unit_id = session.scalar(sa.select(Unit.id).where(Unit.code == unit_code))
    create_user(
        session,
        username=username,
        full_name=full_name,
        email=None,
        password=None,
        roles=[RoleSpec(Role.OFFICER, unit_id=unit_id)],
        unit_id=unit_id,
        position=position,
    )


def _add_entry(session: Session, category: Category, spec: DemoEntry, today: date) -> int:
    """Add one demo entry unless its unit (or person) already has one in the category; 1 if added."""
    unit = session.scalar(sa.select(Unit).where(Unit.code == spec.unit_code))
    person = session.scalar(sa.select(User).where(User.username == spec.person)) if spec.person else None
    if unit is None or (spec.person and person is None):
        return 0
    key = entrant_key(unit.id, person.id if person else None)
    if session.scalar(sa.select(Entry.id).where(Entry.category_id == category.id, Entry.entrant_key == key)):
        return 0
    pool = pool_for_unit(session, category.rounds[0], unit)
    if pool is None:
        return 0
    entry = _entry(spec, today, category=category, pool=pool, unit=unit, person=person, entrant_key=key)
    entry.created_by_id = person.id if person else _coordinator_id(session, unit)
    session.add(entry)
    return 1


def _entry(spec: DemoEntry, today: date, **place: Any) -> Entry:
    """The entry of ``spec``, begun two days before it was submitted (drafts: four days ago)."""
    submitted_at = bangkok_time(today, -spec.submitted[0], *spec.submitted[1:]) if spec.submitted else None
    started_at = bangkok_time(today, -spec.started_days_ago, 9, 0)
    entry = Entry(
        **place,
        state=EntryState.SUBMITTED if submitted_at else EntryState.DRAFT,
        title=spec.title,
        summary=spec.summary,
        body_html=nh3.clean(spec.body_html),
        created_at=started_at,
        updated_at=submitted_at or started_at,
        submitted_at=submitted_at,
        version=3 if submitted_at else 1,
    )
    for position, (full_name, job_title) in enumerate(spec.authors):
        entry.authors.append(EntryAuthor(position=position, full_name=full_name, job_title=job_title))
    return entry


def _coordinator_id(session: Session, unit: Unit) -> int | None:
    return session.scalar(
        sa.select(RoleAssignment.user_id)
        .where(RoleAssignment.role == Role.COORDINATOR, RoleAssignment.unit_id == unit.id)
        .order_by(RoleAssignment.id)
        .limit(1)
    )


def _summary(session: Session, contest: Contest, created: int) -> str:
    """One line: the Sisaket pool's entries per category (all, submitted) and how many were created now."""
    rows = session.execute(
        sa.select(Category.position, Entry.state, sa.func.count(Entry.id))
        .join(Entry.unit)
        .join(Province, Province.id == Unit.province_id)
        .join(Category, Category.id == Entry.category_id)
        .where(Category.contest_id == contest.id, Province.code == SISAKET)
        .group_by(Category.position, Entry.state)
    ).all()

    def count(position: int, submitted_only: bool = False) -> int:
        return sum(
            n for p, state, n in rows if p == position and (state == "submitted" or not submitted_only)
        )

    return (
        f"  {CONTEST_NAME}: {count(1)} district-office entries in Sisaket ({count(1, True)} submitted), "
        f"{count(0)} stories ({count(0, True)} submitted); {created} created now"
    )


# The entries ------------------------------------------------------------------------------------------
# Offices, places and figures are illustrative; the people are invented.

DISTRICT_ENTRIES = (
    DemoEntry(
        "CDD-3317",
        "ภูสิงห์โมเดล: ชุมชนนักปฏิบัติฟื้นฟูกองทุนหมู่บ้านให้เข้มแข็งและยั่งยืน",
        "สำนักงานพัฒนาชุมชนอำเภอภูสิงห์ใช้ชุมชนนักปฏิบัติ (CoP) ของพัฒนากรประจำตำบล ร่วมกับการทบทวนก่อนและ"
        "หลังปฏิบัติงาน (BAR/AAR) ถอดบทเรียนการฟื้นฟูกองทุนหมู่บ้านที่มีหนี้ค้างชำระ จนได้ชุดความรู้ที่ทุกตำบลนำไปใช้ได้",
        (
            "ปี 2564 อำเภอภูสิงห์มีกองทุนหมู่บ้านและชุมชนเมืองที่มีหนี้ค้างชำระเกินร้อยละ 20 อยู่ 9 กองทุน "
            "สำนักงานจึงตั้งชุมชนนักปฏิบัติ (CoP) &quot;คนกองทุน&quot; ประกอบด้วยพัฒนากรทุกตำบลและคณะกรรมการกองทุน"
            "ที่บริหารได้ดี พบกันทุกเดือนเพื่อแลกเปลี่ยนวิธีการทำงานจริง",
            "ก่อนลงพื้นที่ทุกครั้ง ทีมทำ BAR สั้น ๆ 15 นาที ตั้งเป้าหมายของเวทีประชาคมและทบทวนบทเรียนจากครั้งก่อน "
            "หลังเวทีทำ AAR ทันทีในพื้นที่ ว่าสิ่งใดได้ผล สิ่งใดต้องปรับ แล้วบันทึกลงแบบฟอร์มกลางของสำนักงาน",
            "บทเรียนทั้งหมดเรียบเรียงเป็น <strong>ชุดความรู้ &quot;5 ขั้นฟื้นฟูกองทุนหมู่บ้าน&quot;</strong> "
            "ตั้งแต่การตรวจสุขภาพกองทุน การเจรจาปรับโครงสร้างหนี้รายครัวเรือน จนถึงการจัดทำระเบียบกองทุนใหม่ร่วมกับสมาชิก",
            "ผลคือหนี้ค้างชำระของ 9 กองทุนลดลงเหลือเฉลี่ยร้อยละ 6 ภายใน 10 เดือน กองทุน 4 แห่งยกระดับเป็นกองทุนเกรด A "
            "และพัฒนากรใหม่ 2 คนเรียนรู้งานได้เร็วขึ้นจากชุดความรู้และพี่เลี้ยงใน CoP",
        ),
        (
            ("นายประสิทธิ์ วงศ์สุวรรณ", "พัฒนาการอำเภอภูสิงห์"),
            ("นางสาวอรทัย จันทร์หอม", "นักวิชาการพัฒนาชุมชนชำนาญการ"),
            ("นายวีระพงษ์ ศรีบุญเรือง", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),
        ),
        (12, 14, 20),
    ),
    DemoEntry(
        "CDD-3322",
        "สภากาแฟเช้าวันจันทร์: เวทีแลกเปลี่ยนเรียนรู้ที่พาผ้าไหม OTOP ศิลาลาดสู่ตลาดใหม่",
        "สำนักงานเปลี่ยนการประชุมประจำสัปดาห์เป็นสภากาแฟแลกเปลี่ยนเรียนรู้ นำความรู้จากกลุ่มทอผ้าไหมและผู้ประกอบการ "
        "OTOP มาจัดทำชุดความรู้การพัฒนาผลิตภัณฑ์และบรรจุภัณฑ์",
        (
            "ทุกเช้าวันจันทร์ เจ้าหน้าที่ทุกคนนั่งล้อมวงกาแฟ 30 นาทีก่อนเริ่มงาน ผลัดกันเล่าเรื่องที่พบในพื้นที่เมื่อสัปดาห์ก่อน "
            "พัฒนาการอำเภอทำหน้าที่คุณอำนวย และมีคุณลิขิตบันทึกประเด็นสำคัญไว้ในสมุดความรู้ของสำนักงาน",
            "ประเด็นที่ถูกหยิบยกบ่อยที่สุดคือกลุ่มทอผ้าไหมมัดหมี่ขายได้น้อยลง ทีมจึงชวนผู้ประกอบการ OTOP ระดับ 4 ดาว"
            "มาร่วมวงเป็นครั้งคราว และพาพัฒนากรไปเรียนรู้กับกลุ่มที่ประสบความสำเร็จในอำเภอใกล้เคียง",
            "ความรู้ที่ได้สรุปเป็นชุดความรู้ &quot;ผ้าไหมศิลาลาด ทอให้ขายได้&quot; ว่าด้วยการเลือกลายให้ตรงใจลูกค้า "
            "การคำนวณต้นทุน การถ่ายภาพสินค้าด้วยโทรศัพท์ และการออกแบบบรรจุภัณฑ์จากวัสดุในท้องถิ่น",
            "กลุ่มทอผ้า 3 กลุ่มนำไปใช้แล้ว ยอดขายรวมเพิ่มขึ้นร้อยละ 35 "
            "และมีผลิตภัณฑ์ใหม่ 2 รายการผ่านการคัดสรรสุดยอดหนึ่งตำบลหนึ่งผลิตภัณฑ์",
        ),
        (
            ("นางสาวสุดารัตน์ พรมมา", "พัฒนาการอำเภอศิลาลาด"),
            ("นายณัฐพล แสงทอง", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),
        ),
        (9, 10, 45),
    ),
    DemoEntry(
        "CDD-3320",
        "AAR ทุกงาน ทุกวัน: คลังบทเรียนขับเคลื่อนหมู่บ้านเศรษฐกิจพอเพียงอำเภอพยุห์",
        "สำนักงานทำการทบทวนหลังปฏิบัติงาน (AAR) เป็นกิจวัตร เก็บบทเรียนไว้ในคลังความรู้ออนไลน์ "
        "และใช้ขยายผลหมู่บ้านเศรษฐกิจพอเพียงต้นแบบจาก 2 เป็น 6 หมู่บ้าน",
        (
            "ต้นปีงบประมาณ สำนักงานตั้งเป้าว่าทุกกิจกรรมในพื้นที่ต้องจบด้วย AAR สี่คำถาม คือ คาดหวังอะไร "
            "ได้ตามคาดหรือไม่ เพราะอะไร และครั้งหน้าจะทำอะไรต่างไป ใช้เวลาไม่เกิน 20 นาที",
            "บันทึก AAR ทุกฉบับจัดเก็บในโฟลเดอร์กลางแยกตามประเด็นงานพร้อมคำค้น "
            "พัฒนากรที่จะลงพื้นที่งานเดียวกันจึงค้นหาบทเรียนเดิมได้ภายในไม่กี่นาที",
            "จากบทเรียนกว่า 80 ฉบับ ทีมสังเคราะห์เป็นแนวทาง &quot;พยุห์พอเพียง 4 ด้าน&quot; คือ ลดรายจ่าย เพิ่มรายได้ "
            "ประหยัด และเอื้ออารี ใช้เป็นคู่มือเตรียมหมู่บ้านเข้ารับการประเมินหมู่บ้านเศรษฐกิจพอเพียง",
            "ปีนี้มีหมู่บ้านผ่านการประเมินระดับ &quot;อยู่เย็น เป็นสุข&quot; เพิ่มขึ้น 4 หมู่บ้าน "
            "และครัวเรือนที่จัดทำบัญชีครัวเรือนต่อเนื่องเพิ่มจาก 120 เป็น 310 ครัวเรือน",
        ),
        (
            ("นายสุริยา ทองมาก", "พัฒนาการอำเภอพยุห์"),
            ("นางจิราพร บุญล้อม", "นักวิชาการพัฒนาชุมชนชำนาญการ"),
        ),
        (6, 16, 5),
    ),
    DemoEntry(
        "CDD-3319",
        "พี่สอนน้อง ถอดบทเรียนกลุ่มสัจจะออมทรัพย์วันละบาท สู่ศูนย์เรียนรู้การออมของชุมชน",
        "สำนักงานใช้ระบบพี่เลี้ยงและการถอดบทเรียนกลุ่มออมทรัพย์เพื่อการผลิตที่เข้มแข็ง "
        "จัดทำชุดความรู้และศูนย์เรียนรู้การออมที่หน่วยงานอื่นมาศึกษาดูงาน",
        (
            "สำนักงานมีพัฒนากรบรรจุใหม่ 3 คนในปีเดียวกัน จึงจับคู่พี่เลี้ยงกับน้องใหม่ ให้ลงพื้นที่ด้วยกัน"
            "และเขียนบันทึกการเรียนรู้ร่วมกันทุกสัปดาห์ พี่เลี้ยงไม่ได้สอนเพียงระเบียบ "
            "แต่เล่าวิธีคุยกับกรรมการกลุ่มและการแก้ปัญหาเฉพาะหน้า",
            "งานแรกที่พี่น้องทำร่วมกันคือถอดบทเรียนกลุ่มสัจจะออมทรัพย์ที่สมาชิกออมวันละ 1 บาทมานานกว่า 15 ปี "
            "จนมีเงินสัจจะสะสมกว่า 4 ล้านบาท และจัดสวัสดิการให้สมาชิกตั้งแต่เกิดจนตาย",
            "ผลการถอดบทเรียนเขียนเป็นชุดความรู้ &quot;ออมวันละบาท สร้างสวัสดิการทั้งชีวิต&quot; "
            "และจัดเป็นศูนย์เรียนรู้ในหมู่บ้าน มีฐานการเรียนรู้ 4 ฐาน ตั้งแต่การรับฝากเงินจนถึงการจัดสวัสดิการ",
            "ปีที่ผ่านมาศูนย์เรียนรู้ต้อนรับคณะศึกษาดูงาน 11 คณะ กลุ่มออมทรัพย์ในอำเภอ 5 กลุ่มนำระบบสวัสดิการไปปรับใช้ "
            "และพัฒนากรใหม่ทั้ง 3 คนผ่านการทดลองปฏิบัติหน้าที่ราชการ",
        ),
        (
            ("นางสาวปราณี สายสุข", "พัฒนาการอำเภอเบญจลักษ์"),
            ("นายธีรวัฒน์ คำภา", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),
            ("นางสาวชลธิชา ดวงแก้ว", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),
        ),
        (4, 11, 30),
    ),
    DemoEntry(
        "CDD-3305",
        "คลังความรู้ดิจิทัลของพัฒนากรขุขันธ์: ค้นเจอ ใช้ได้ ทุกที่ทุกเวลา",
        "สำนักงานรวบรวมคู่มือ แบบฟอร์ม และบทเรียนการทำงานไว้ในคลังความรู้ออนไลน์ที่เปิดด้วยคิวอาร์โค้ด "
        "ลดเวลาค้นหาเอกสารและลดความผิดพลาดในการจัดเก็บข้อมูล จปฐ.",
        (
            "ปัญหาที่พบบ่อยคือเอกสารและความรู้อยู่ในเครื่องของแต่ละคน เมื่อมีการโยกย้ายความรู้ก็หายไปด้วย "
            "ทีมงานจึงสำรวจความรู้ที่จำเป็นต่องาน 12 เรื่อง และมอบหมายเจ้าของความรู้แต่ละเรื่อง",
            "เจ้าของความรู้เขียนขั้นตอนการทำงานแบบสั้นพร้อมภาพหน้าจอประกอบ และปรับปรุงทุกไตรมาส "
            "คลังความรู้เปิดได้จากคิวอาร์โค้ดที่ติดไว้ในห้องทำงานและในสมุดประจำตัวพัฒนากร",
            "เรื่องที่ถูกเปิดอ่านมากที่สุดคือการจัดเก็บและตรวจสอบข้อมูลความจำเป็นพื้นฐาน (จปฐ.) "
            "ซึ่งทีมทำ CoP ร่วมกับผู้นำ อช. เพื่อปรับแบบตรวจทานข้อมูลให้ใช้ง่ายขึ้น",
            "ข้อมูล จปฐ. ที่ถูกส่งกลับให้แก้ไขลดลงจาก 214 รายการเหลือ 37 รายการ "
            "และเจ้าหน้าที่ใหม่ใช้เวลาเรียนรู้งานสั้นลงประมาณครึ่งหนึ่ง",
        ),
        (
            ("นายอำนาจ ศรีสมบัติ", "พัฒนาการอำเภอขุขันธ์"),
            ("นางสาวกาญจนา บุตรดี", "เจ้าพนักงานพัฒนาชุมชนชำนาญงาน"),
        ),
        (15, 9, 15),
    ),
    DemoEntry(
        "CDD-3304",
        "จากปราชญ์สู่ครัวเรือน: ทีมพี่เลี้ยงสัมมาชีพชุมชนบนเส้นทางทุเรียนภูเขาไฟ",
        "สำนักงานใช้เวทีแลกเปลี่ยนเรียนรู้ระหว่างปราชญ์ชุมชนกับครัวเรือนเป้าหมาย "
        "สร้างทีมพี่เลี้ยงสัมมาชีพที่ถ่ายทอดการแปรรูปผลผลิตทางการเกษตร",
        (
            "อำเภอกันทรลักษ์มีปราชญ์ชุมชนด้านการเกษตรจำนวนมาก แต่ความรู้ยังอยู่กับตัวบุคคล "
            "สำนักงานจึงจัดทำทะเบียนปราชญ์ 42 คน จำแนกตามความเชี่ยวชาญ และเชิญเป็นวิทยากรในโครงการสัมมาชีพชุมชน",
            "ทุกหลักสูตรเริ่มด้วย BAR ร่วมกับปราชญ์ให้ตรงกับความต้องการของครัวเรือน และปิดท้ายด้วย AAR "
            "ที่ให้ครัวเรือนบอกว่านำอะไรไปใช้ได้จริง ข้อมูลเหล่านี้ใช้ปรับหลักสูตรรุ่นต่อไป",
            "ความรู้การแปรรูปทุเรียนทอดและเงาะอบแห้งจากปราชญ์ 3 คน เรียบเรียงเป็นชุดความรู้พร้อมคลิปวิดีโอสั้น "
            "ใช้สอนครัวเรือนที่ไม่สะดวกเข้าร่วมเวที",
            "ครัวเรือนสัมมาชีพ 150 ครัวเรือนมีรายได้เสริมเฉลี่ยเดือนละ 2,800 บาท "
            "และเกิดกลุ่มอาชีพใหม่ 4 กลุ่มที่ลงทะเบียนเป็นผู้ผลิตผู้ประกอบการ OTOP",
        ),
        (
            ("นางวรรณา ทองประเสริฐ", "พัฒนาการอำเภอกันทรลักษ์"),
            ("นายกิตติศักดิ์ ผิวขาว", "นักวิชาการพัฒนาชุมชนชำนาญการ"),
        ),
        (18, 15, 40),
    ),
    DemoEntry(
        "CDD-3309",
        "หอมแดงราษีไศลออนไลน์: Knowledge Café ปั้นนักขายรุ่นใหม่",
        "สำนักงานจัด Knowledge Café ระหว่างพัฒนากร ผู้ประกอบการรุ่นใหม่ และกลุ่มแปรรูปหอมแดง "
        "เรียนรู้การขายออนไลน์ร่วมกัน แล้วรวบรวมเป็นชุดความรู้การตลาดดิจิทัลสำหรับผลิตภัณฑ์ชุมชน",
        (
            "หอมแดงเป็นพืชเศรษฐกิจสำคัญของอำเภอ แต่ราคาผันผวนทุกปี กลุ่มแปรรูปหอมเจียวและน้ำพริกหอมแดงต้องการช่องทางขายใหม่ "
            "สำนักงานจึงเปิดวง Knowledge Café เดือนละครั้ง ให้ผู้ที่ขายออนไลน์ได้ผลมาเล่าประสบการณ์",
            "พัฒนากรรับบทคุณอำนวยและคุณลิขิต เก็บเทคนิคที่ใช้ได้จริง เช่น การไลฟ์ขายช่วงเย็น การตอบแชตลูกค้า "
            "และการแพ็กสินค้าให้ส่งไกลได้ แล้วทดลองกับกลุ่มอื่นก่อนบันทึกเป็นชุดความรู้",
            "ชุดความรู้ &quot;ขายหอมให้หอมไกล&quot; มีทั้งฉบับเอกสารและคลิปสั้น ใช้อบรมผู้ประกอบการ OTOP ของอำเภอ "
            "และแบ่งปันในชุมชนนักปฏิบัติด้านการตลาดของจังหวัด",
            "ยอดขายออนไลน์ของกลุ่มแปรรูปหอมแดง 5 กลุ่มรวมกว่า 620,000 บาทในรอบ 6 เดือน "
            "และผู้ประกอบการรุ่นใหม่ 18 คนเปิดร้านค้าออนไลน์ของตนเอง",
        ),
        (
            ("นายสมศักดิ์ แก้วกล้า", "พัฒนาการอำเภอราษีไศล"),
            ("นางสาวนภัสสร ศรีทอง", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),
        ),
        (3, 16, 10),
    ),
    DemoEntry(
        "CDD-3316",
        "วังหินแบ่งปัน: ตลาดนัดความรู้กลุ่มอาชีพ",
        "สรุปการจัดตลาดนัดความรู้ระหว่างกลุ่มอาชีพในอำเภอวังหิน (อยู่ระหว่างจัดทำ)",
        (
            "สำนักงานจัดตลาดนัดความรู้ปีละ 2 ครั้ง ให้กลุ่มอาชีพนำผลิตภัณฑ์และเทคนิคการผลิตมาแลกเปลี่ยนกัน "
            "อยู่ระหว่างรวบรวมผลการดำเนินงานและภาพกิจกรรม",
        ),
        (("นางสาวศิริพร มูลสาร", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),),
        None,
    ),
    DemoEntry(
        "CDD-3415",
        "วารินชำราบเรียนรู้: ชุมชนนักปฏิบัติกองทุนแม่ของแผ่นดิน",
        "พัฒนากรและคณะกรรมการกองทุนแม่ของแผ่นดินแลกเปลี่ยนวิธีเฝ้าระวังและฟื้นฟูหมู่บ้านจากปัญหายาเสพติด",
        (
            "CoP กองทุนแม่ของแผ่นดินพบกันทุกสองเดือน หมุนเวียนจัดที่หมู่บ้านสมาชิก เพื่อให้เห็นการทำงานจริงของแต่ละกองทุน",
            "บทเรียนที่ได้รวบรวมเป็นแนวทางการจัดเวทีประชาคมและการดูแลผู้ผ่านการบำบัดร่วมกับครอบครัว",
        ),
        (("นายชาญวิทย์ ศรีวงศ์", "พัฒนาการอำเภอวารินชำราบ"),),
        (10, 13, 0),
    ),
    DemoEntry(
        "CDD-3503",
        "กุดชุมวิถีอินทรีย์: ถอดบทเรียนเกษตรอินทรีย์สู่ผลิตภัณฑ์ชุมชน",
        "ถอดบทเรียนกลุ่มเกษตรอินทรีย์ที่แปรรูปข้าวฮางและผักอินทรีย์ เป็นชุดความรู้สำหรับกลุ่มอาชีพในอำเภอ",
        (
            "สำนักงานใช้ BAR และ AAR ในการลงพื้นที่ถอดบทเรียนกลุ่มเกษตรอินทรีย์ 6 กลุ่ม "
            "เพื่อหาปัจจัยที่ทำให้กลุ่มอยู่รอดได้นานกว่า 10 ปี",
            "ชุดความรู้ที่ได้ใช้เป็นหลักสูตรพี่เลี้ยงให้กลุ่มอาชีพใหม่ 9 กลุ่มในปีงบประมาณนี้",
        ),
        (("นางอุไรวรรณ พิมพ์ทอง", "นักวิชาการพัฒนาชุมชนชำนาญการ"),),
        (7, 10, 20),
    ),
)

STORIES = (
    DemoEntry(
        "CDD-3317",
        "บัญชีครัวเรือนเล่มแรกของยายคำ",
        "เรื่องเล่าการชวนผู้สูงอายุคนหนึ่งจดบัญชีครัวเรือน จนครอบครัวปลดหนี้นอกระบบได้",
        (
            "วันแรกที่ไปบ้านยายคำ ยายบอกว่า &quot;จดไปก็ไม่มีเงินเพิ่มหรอกลูก&quot; ดิฉันจึงไม่พูดเรื่องบัญชีอีกเลย "
            "แต่ขอนั่งช่วยยายนับเงินที่ได้จากการขายผักในแต่ละวัน",
            "สองสัปดาห์ต่อมา ยายเห็นเองว่าเงินหายไปกับของที่ไม่จำเป็นเกือบครึ่ง ยายจึงขอสมุดไปจดเอง "
            "(ฉบับร่าง: จะเพิ่มผลลัพธ์และภาพประกอบ)",
        ),
        (("นางสาวพิมพ์ชนก แก้วมณี", "นักวิชาการพัฒนาชุมชนชำนาญการ"),),
        None,
        person="storyteller1",
    ),
    DemoEntry(
        "CDD-3322",
        "คืนที่ฝนตก กับเวทีประชาคมที่ไม่มีใครมา",
        "เวทีประชาคมที่ล้มเหลวในคืนฝนตกสอนให้ผู้เล่ารู้จักฟังก่อนพูด และเปลี่ยนวิธีชวนชาวบ้านมาร่วมคิดร่วมทำ",
        (
            "ผมเตรียมเวทีประชาคมจัดทำแผนชุมชนไว้อย่างดี มีเอกสาร มีแผนภาพ แต่คืนนั้นฝนตกหนัก "
            "ศาลากลางบ้านมีเพียงผู้ใหญ่บ้านกับผมสองคน",
            "หลังคืนนั้นผมทำ AAR กับตัวเองและพี่เลี้ยง จึงรู้ว่าผมเลือกวันและเวลาจากความสะดวกของผมเอง "
            "ไม่เคยถามชาวบ้านเลยว่าพวกเขาว่างเมื่อไร",
            "ครั้งต่อมาผมไปนั่งคุยที่วัดหลังทำบุญเช้าวันพระ ฟังเรื่องน้ำไม่พอทำนา เรื่องลูกหลานไปทำงานต่างถิ่น "
            "แล้วขอนัดเวทีตามเวลาที่ชาวบ้านเลือก ครั้งนั้นมีผู้มาร่วม 68 คน",
            "บทเรียนที่ผมเล่าให้น้อง ๆ พัฒนากรฟังเสมอคือ เวทีของชาวบ้านต้องเริ่มจากเวลาของชาวบ้าน "
            "และการฟังคือเครื่องมือจัดการความรู้ที่ง่ายที่สุดแต่เรามักลืม",
        ),
        (("นายอนุชา บุญประเสริฐ", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"),),
        (4, 20, 15),
        person="storyteller2",
    ),
    DemoEntry(
        "CDD-3319",
        "กระปุกออมสินของเด็ก ๆ บ้านโนนสำราญ",
        "เมื่อเด็ก ๆ ในหมู่บ้านตั้งกลุ่มออมทรัพย์ของตนเอง ผู้ใหญ่ก็หันมาออมตาม",
        (
            "ทุกเย็นวันศุกร์ เด็ก ๆ สิบกว่าคนจะถือกระปุกมาที่ศาลากลางบ้าน นับเหรียญแล้วจดลงสมุดด้วยลายมือของตัวเอง "
            "ดิฉันเพียงช่วยวางระเบียบง่าย ๆ ร่วมกับพวกเขา",
            "ไม่นานพ่อแม่ที่มารับลูกเริ่มถามว่าผู้ใหญ่ออมด้วยได้ไหม กลุ่มสัจจะออมทรัพย์ที่เงียบไปหลายปีจึงกลับมาประชุมอีกครั้ง",
            "ดิฉันถอดบทเรียนนี้ร่วมกับทีมเป็นชุดความรู้ &quot;ออมตั้งแต่เด็ก&quot; "
            "และแบ่งปันในชุมชนนักปฏิบัติของจังหวัด ปัจจุบันมีกลุ่มออมทรัพย์เด็กเพิ่มขึ้นอีก 3 หมู่บ้าน",
        ),
        (("นางสุภาพร ทองคำ", "นักวิชาการพัฒนาชุมชนชำนาญการ"),),
        (2, 9, 40),
        person=QUIET_OFFICER[0],
    ),
)
