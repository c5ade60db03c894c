"""The shipped organization data loads idempotently, and the directory shows all of it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import District, InspectionRegion, Province, Unit, UnitType


@pytest.fixture
def loaded(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["geo", "load"])
    offices = runner.invoke(args=["geo", "offices"])
    assert first.exit_code == 0, first.output
    assert offices.exit_code == 0, offices.output
    return runner, first, offices


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_loading_creates_19_regions_77_provinces_and_928_districts(loaded):
    _runner, first, _offices = loaded
    assert "regions: 19 created" in first.output
    assert (count(InspectionRegion), count(Province), count(District)) == (19, 77, 928)
    assert sorted(db.session.scalars(sa.select(InspectionRegion.number))) == list(range(19))


def test_loading_twice_changes_nothing(loaded):
    runner, _first, _offices = loaded
    again = runner.invoke(args=["geo", "load"])
    offices_again = runner.invoke(args=["geo", "offices"])
    assert "regions: 0 created, 0 updated, 19 unchanged" in again.output
    assert "districts: 0 created, 0 updated, 928 unchanged" in again.output
    assert "district_offices: 0 created, 0 updated, 878 unchanged" in offices_again.output
    assert count(Unit) == 1 + 76 + 878


def test_cdd_offices_exist_everywhere_but_bangkok(loaded):
    bangkok = db.session.scalar(sa.select(Province).where(Province.code == "10"))
    assert count(Unit, Unit.unit_type == UnitType.PROVINCIAL_OFFICE) == 76
    assert count(Unit, Unit.unit_type == UnitType.DISTRICT_OFFICE) == 878
    assert count(Unit, Unit.province_id == bangkok.id) == 0
    phusing = db.session.scalar(sa.select(Unit).where(Unit.code == "CDD-3317"))
    assert phusing.short_name_th == "สพอ.ภูสิงห์"
    assert phusing.parent.short_name_th == "สพจ.ศรีสะเกษ"
    assert phusing.province.region.number == 14


def test_offices_need_the_geography_first(app):
    result = app.test_cli_runner().invoke(args=["geo", "offices"])
    assert result.exit_code != 0
    assert "load the organization data first" in result.output


def test_the_directory_lists_every_region_and_province(loaded, client):
    html = client.get("/directory").get_data(as_text=True)
    assert html.count('<details class="region"') == 19
    assert html.count('href="/directory/') == 77
    assert "เขตตรวจราชการส่วนกลาง" in html


def test_a_province_page_lists_its_offices_in_thai_order(loaded, client):
    html = client.get("/directory/33").get_data(as_text=True)
    assert "สำนักงานพัฒนาชุมชนจังหวัดศรีสะเกษ" in html
    assert html.count("<tr><td>สำนักงานพัฒนาชุมชนอำเภอ") == 22
    # เบญจลักษ์ sorts under บ, before ภูสิงห์ under ภ, although เ is a later code point
    assert html.index("อำเภอเบญจลักษ์") < html.index("อำเภอภูสิงห์")
    assert client.get("/directory/99").status_code == 404


def test_the_directory_issues_the_same_number_of_queries_for_one_province_or_all(app, client, count_queries):
    runner = app.test_cli_runner()
    from tests.integration import factories

    factories.province(factories.region(3), "18", "ชัยนาท", "Chai Nat")
    db.session.commit()
    with count_queries() as small:
        assert client.get("/directory").status_code == 200
    _empty = db.session.execute(sa.delete(Province))
    db.session.execute(sa.delete(InspectionRegion))
    db.session.commit()
    runner.invoke(args=["geo", "load"])
    runner.invoke(args=["geo", "offices"])
    with count_queries() as large:
        assert client.get("/directory").status_code == 200
    assert small.count == large.count
