"""Load the shipped Thai organization data and create the CDD offices. Both are idempotent.

The data lives in ``app/data/thai_admin/`` (a copy of the shared data set, with its MIT licences and
provenance). Loading compares each row with what is stored and writes only differences, so running a loader
twice changes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import District, InspectionRegion, Province, Unit, UnitType

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "thai_admin"
BANGKOK_CODE = "10"
DEPARTMENT_CODE = "CDD"


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class _Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def report(self) -> LoadReport:
        return LoadReport(self.created, self.updated, self.unchanged)


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _upsert(
    session: Session,
    model: type,
    existing: dict[str, Any],
    key: str,
    values: dict[str, object],
    tally: _Tally,
) -> Any:
    """Create the row keyed ``key`` or bring its columns up to ``values``; count which."""
    row = existing.get(key)
    if row is None:
        row = model(**values)
        session.add(row)
        existing[key] = row
        tally.created += 1
        return row
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    if changed:
        tally.updated += 1
    else:
        tally.unchanged += 1
    return row


def _region_names(number: int, row: dict[str, str]) -> dict[str, object]:
    name_en = "Central Inspection Region" if number == 0 else f"Inspection Region {number}"
    return {
        "number": number,
        "name_th": row["inspection_region_name_th"],
        "name_en": name_en,
        "cluster_name_th": row["province_group_th"],
        "cluster_name_en": row["province_group_en_informal"],
    }


def load_geography(session: Session) -> dict[str, LoadReport]:
    """Load the 19 inspection regions, 77 provinces and 928 districts (flushes, does not commit)."""
    province_rows = list(_rows("provinces_inspection_regions.csv"))
    region_values = {
        row["inspection_region"]: _region_names(int(row["inspection_region"]), row) for row in province_rows
    }
    tallies = {"regions": _Tally(), "provinces": _Tally(), "districts": _Tally()}

    regions: dict[str, Any] = {str(r.number): r for r in session.scalars(sa.select(InspectionRegion))}
    for number, values in region_values.items():
        _upsert(session, InspectionRegion, regions, number, values, tallies["regions"])
    session.flush()

    provinces: dict[str, Any] = {p.code: p for p in session.scalars(sa.select(Province))}
    for row in province_rows:
        values = {
            "code": row["province_code"],
            "name_th": row["name_th"],
            "name_en": row["name_en"],
            "region_id": regions[row["inspection_region"]].id,
        }
        _upsert(session, Province, provinces, row["province_code"], values, tallies["provinces"])
    session.flush()

    districts: dict[str, Any] = {d.code: d for d in session.scalars(sa.select(District))}
    for row in _rows("districts_reconciled.csv"):
        values = {
            "code": row["district_code"],
            "name_th": row["name_th"],
            "name_en": row["name_en"],
            "province_id": provinces[row["province_code"]].id,
        }
        _upsert(session, District, districts, row["district_code"], values, tallies["districts"])
    session.flush()
    return {name: tally.report() for name, tally in tallies.items()}


def provincial_office_code(province: Province) -> str:
    return f"{DEPARTMENT_CODE}-{province.code}"


def district_office_code(district: District) -> str:
    return f"{DEPARTMENT_CODE}-{district.code}"


def create_cdd_offices(session: Session) -> dict[str, LoadReport]:
    """Create the department, its 76 provincial offices and 878 district offices (flushes only).

    Bangkok has neither: its 50 เขต are not community development district offices. Needs the geography.
    """
    provinces = list(session.scalars(sa.select(Province).where(Province.code != BANGKOK_CODE)))
    if not provinces:
        raise LookupError("no provinces: load the organization data first")
    districts = session.scalars(sa.select(District).join(Province).where(Province.code != BANGKOK_CODE)).all()
    units: dict[str, Any] = {u.code: u for u in session.scalars(sa.select(Unit))}
    tallies = {"department": _Tally(), "provincial_offices": _Tally(), "district_offices": _Tally()}

    department = _upsert(
        session,
        Unit,
        units,
        DEPARTMENT_CODE,
        {
            "code": DEPARTMENT_CODE,
            "unit_type": UnitType.DEPARTMENT,
            "name_th": "กรมการพัฒนาชุมชน",
            "name_en": "Community Development Department",
            "short_name_th": "พช.",
            "province_id": None,
            "district_id": None,
            "parent_id": None,
        },
        tallies["department"],
    )
    session.flush()
    for province in provinces:
        _upsert(
            session,
            Unit,
            units,
            provincial_office_code(province),
            {
                "code": provincial_office_code(province),
                "unit_type": UnitType.PROVINCIAL_OFFICE,
                "name_th": f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
                "name_en": f"{province.name_en} Provincial Community Development Office",
                "short_name_th": f"สพจ.{province.name_th}",
                "province_id": province.id,
                "district_id": None,
                "parent_id": department.id,
            },
            tallies["provincial_offices"],
        )
    session.flush()
    by_province = {p.id: units[provincial_office_code(p)] for p in provinces}
    for district in districts:
        _upsert(
            session,
            Unit,
            units,
            district_office_code(district),
            {
                "code": district_office_code(district),
                "unit_type": UnitType.DISTRICT_OFFICE,
                "name_th": f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}",
                "name_en": f"{district.name_en} District Community Development Office",
                "short_name_th": f"สพอ.{district.name_th}",
                "province_id": district.province_id,
                "district_id": district.id,
                "parent_id": by_province[district.province_id].id,
            },
            tallies["district_offices"],
        )
    session.flush()
    return {name: tally.report() for name, tally in tallies.items()}
