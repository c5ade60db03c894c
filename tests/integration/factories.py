"""Small builders for test data. Each flushes; tests commit when a request must see the rows."""

from __future__ import annotations

from itertools import count

from app.extensions import db
from app.models import District, InspectionRegion, Province, Role, Unit, UnitType, User
from app.services.accounts import RoleSpec, create_user

PASSWORD = "correct-horse-9"
_sequence = count(1)


def region(number: int = 14, name_th: str | None = None) -> InspectionRegion:
    row = InspectionRegion(
        number=number,
        name_th=name_th or f"เขตตรวจราชการที่ {number}",
        name_en=f"Inspection Region {number}",
        cluster_name_th="กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนล่าง 2",
        cluster_name_en="Lower Northeast 2",
    )
    db.session.add(row)
    db.session.flush()
    return row


def province(
    in_region: InspectionRegion, code: str = "33", name_th: str = "ศรีสะเกษ", name_en: str = "Si Sa Ket"
) -> Province:
    row = Province(code=code, name_th=name_th, name_en=name_en, region_id=in_region.id)
    db.session.add(row)
    db.session.flush()
    return row


def district_office(in_province: Province, code: str, name_th: str, name_en: str = "District") -> Unit:
    district = District(code=code, province_id=in_province.id, name_th=name_th, name_en=name_en)
    db.session.add(district)
    db.session.flush()
    unit = Unit(
        code=f"CDD-{code}",
        unit_type=UnitType.DISTRICT_OFFICE,
        name_th=f"สำนักงานพัฒนาชุมชนอำเภอ{name_th}",
        name_en=f"{name_en} District Community Development Office",
        short_name_th=f"สพอ.{name_th}",
        province_id=in_province.id,
        district_id=district.id,
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def user(
    role: Role | None = None,
    *,
    username: str | None = None,
    unit: Unit | None = None,
    region_id: int | None = None,
    province_id: int | None = None,
    active: bool = True,
    full_name: str | None = None,
) -> User:
    name = username or f"user{next(_sequence)}"
    roles = []
    if role is not None:
        scoped_unit = unit.id if unit is not None and role in (Role.COORDINATOR, Role.OFFICER) else None
        roles.append(RoleSpec(role, region_id=region_id, province_id=province_id, unit_id=scoped_unit))
    account = create_user(
        db.session,
        username=name,
        full_name=full_name or f"ผู้ใช้ {name}",
        email=None,
        password=PASSWORD,
        roles=roles,
        unit_id=unit.id if unit else None,
    )
    account.active = active
    db.session.flush()
    return account


def small_geography() -> dict[str, object]:
    """Region 14 with Sisaket and Surin, and region 0 with Bangkok; three district offices."""
    r14, r0 = region(14), region(0, "เขตตรวจราชการส่วนกลาง")
    sisaket = province(r14, "33", "ศรีสะเกษ", "Si Sa Ket")
    surin = province(r14, "32", "สุรินทร์", "Surin")
    province(r0, "10", "กรุงเทพมหานคร", "Bangkok")
    return {
        "region": r14,
        "sisaket": sisaket,
        "surin": surin,
        "phusing": district_office(sisaket, "3317", "ภูสิงห์", "Phu Sing"),
        "silalat": district_office(sisaket, "3322", "ศิลาลาด", "Sila Lat"),
        "surin_office": district_office(surin, "3201", "เมืองสุรินทร์", "Mueang Surin"),
    }
