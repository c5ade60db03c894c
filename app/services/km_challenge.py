"""The Community Development Department's KM Challenge as a ready-made contest: three categories, their chains
of levels, and default rubrics (the official criteria are not public; these follow similar Thai contests and
every one can be edited before a round opens)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from app.models import Contest, EntrantKind, Unit, User
from app.services.contests import CriterionSpec, add_category, create_contest, replace_rubric
from app.services.rules import TIE_BREAK_CRITERION, TIE_BREAK_JUDGES_RANKING
from judging import Scope

D = Decimal

STORYTELLING = (
    CriterionSpec(
        "content",
        "เนื้อหาสาระและคุณค่าขององค์ความรู้",
        "Content and value of the knowledge",
        D(60),
        description="เรื่องเล่ามีสาระ นำไปใช้ได้จริง แสดงวิธีคิด วิธีทำงาน และผลที่เกิดขึ้น",
    ),
    CriterionSpec(
        "creativity",
        "ความคิดสร้างสรรค์และแรงบันดาลใจ",
        "Creativity and inspiration",
        D(20),
        description="เล่าเรื่องน่าสนใจ สร้างแรงบันดาลใจให้ผู้ฟังนำไปปฏิบัติ",
    ),
    CriterionSpec(
        "language",
        "การใช้ภาษาและการนำเสนอ",
        "Language and delivery",
        D(20),
        description="ภาษาถูกต้อง กระชับ ลำดับเรื่องชัดเจน นำเสนอภายในเวลาที่กำหนด",
    ),
)

LEARNING_OFFICE = (
    CriterionSpec(
        "process",
        "กระบวนการจัดการความรู้ของสำนักงาน",
        "The office's KM process",
        D(40),
        description="การกำหนดเป้าหมาย การแลกเปลี่ยนเรียนรู้ การเขียนชุดความรู้ และการพัฒนาสู่องค์กรแห่งการเรียนรู้",
    ),
    CriterionSpec(
        "tools",
        "การใช้เครื่องมือการจัดการความรู้",
        "Use of KM tools",
        D(30),
        description="ชุมชนนักปฏิบัติ (CoP) การทบทวนก่อนปฏิบัติงาน (BAR) และการทบทวนหลังปฏิบัติงาน (AAR)",
    ),
    CriterionSpec(
        "results",
        "ผลลัพธ์ต่อคน งาน และองค์กร",
        "Results for people, work and the organization",
        D(30),
        description="ผลที่เกิดกับบุคลากร การปฏิบัติงาน และสำนักงาน พร้อมหลักฐานเชิงประจักษ์",
    ),
)

PROTOTYPE_OFFICE = (
    CriterionSpec(
        "report",
        "เอกสารรายงานผลการดำเนินงาน",
        "Written report",
        D(30),
        description="ความครบถ้วน ชัดเจน และหลักฐานประกอบของรายงาน",
    ),
    CriterionSpec(
        "presentation",
        "การนำเสนอและการตอบข้อซักถาม",
        "Presentation and questions",
        D(70),
        description="การนำเสนอผลงานต้นแบบ การตอบข้อซักถามของคณะกรรมการ",
    ),
)

CATEGORIES = (
    (
        "ระดับบุคคล ประเภทองค์ความรู้ดีเด่น (เรื่องเล่าเร้าพลัง)",
        "Individual: outstanding knowledge (inspiring stories)",
        EntrantKind.PERSON,
        (Scope.PROVINCE, Scope.REGION, Scope.NATIONAL),
        STORYTELLING,
    ),
    (
        "ระดับหน่วยงาน ประเภทสุดยอดสำนักงานพัฒนาชุมชนอำเภอแห่งการเรียนรู้",
        "Unit: best learning district community development office",
        EntrantKind.DISTRICT_OFFICE,
        (Scope.PROVINCE, Scope.REGION, Scope.NATIONAL),
        LEARNING_OFFICE,
    ),
    (
        'ระดับหน่วยงาน (สำนักงานพัฒนาชุมชนจังหวัด) ประเภทสุดยอด Prototype "ต้นแบบการสร้างองค์กรแห่งการเรียนรู้ ระดับประเทศ"',
        'Unit (provincial office): best prototype "national model learning organization"',
        EntrantKind.PROVINCIAL_OFFICE,
        (Scope.REGION, Scope.NATIONAL),
        PROTOTYPE_OFFICE,
    ),
)


def create_km_challenge(
    session: Session, *, name: str, fiscal_year: int, organizer_unit: Unit, created_by: User | None = None
) -> Contest:
    """A KM Challenge edition with its three categories, each level a draft round with a default rubric,
    three runners-up, one entry advancing per pool, and ties broken by the first criterion, then by the
    number of judges ranking an entry first."""
    contest = create_contest(
        session,
        name=name,
        fiscal_year=fiscal_year,
        organizer_unit=organizer_unit,
        created_by=created_by,
        description="การประกวดการจัดการความรู้ (KM Challenge) ของกรมการพัฒนาชุมชน "
        "เพื่อค้นหาองค์ความรู้และหน่วยงานแห่งการเรียนรู้ที่เป็นแบบอย่าง",
    )
    for name_th, name_en, kind, levels, rubric in CATEGORIES:
        category = add_category(
            session,
            contest,
            name_th=name_th,
            name_en=name_en,
            entrant_kind=kind,
            levels=levels,
            per_unit_cap=3 if kind.is_person else None,
        )
        for round_ in category.rounds:
            replace_rubric(session, round_, rubric)
            round_.tie_breaks = f"{TIE_BREAK_CRITERION}{rubric[0].key},{TIE_BREAK_JUDGES_RANKING}"
    session.flush()
    return contest
