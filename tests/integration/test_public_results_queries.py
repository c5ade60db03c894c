"""The public result pages run a fixed number of queries whatever the number of pools and entries, and show
only the newest published version of each pool. Results are built as rows with a standings snapshot (the
form ``app.services.results.snapshot`` writes), for many provinces at once."""

from __future__ import annotations

from datetime import UTC, datetime

from app.extensions import db
from app.models import Pool, PoolResult, ResultState, Round
from tests.integration import contest_factories as cf
from tests.integration import factories

PUBLISHED_AT = datetime(2022, 7, 21, 7, 30, tzinfo=UTC)


def place(position: int) -> dict:
    if position == 1:
        return {"kind": "winner", "number": 0, "th": "ชนะเลิศ", "en": "Winner"}
    if position <= 4:
        n = position - 1
        return {"kind": "runner_up", "number": n, "th": f"รองชนะเลิศอันดับ {n}", "en": f"Runner-up {n}"}
    return {"kind": "honourable", "number": 0, "th": "ชมเชย", "en": "Honourable mention"}


def row(pool_key: str, position: int, *, person: str | None = None) -> dict:
    unit_th = f"สำนักงานพัฒนาชุมชนอำเภอทดสอบ{pool_key}-{position}"
    unit_en = f"Test District {pool_key}-{position} Office"
    return {
        "entry_id": 1000 + position,
        "title": f"ผลงาน {pool_key} ลำดับ {position}",
        "unit_id": 1,
        "person_id": 7 if person else None,
        "entrant_th": f"{person} ({unit_th})" if person else unit_th,
        "entrant_en": f"{person} ({unit_en})" if person else unit_en,
        "unit_short_th": f"สพอ.ทดสอบ{pool_key}-{position}",
        "authors": [person] if person else [],
        "rank": position,
        "place": place(position),
        "total": f"{100 - position}.50",
        "judge_totals": {"1": f"{100 - position}"},
        "criterion_means": {"process": "30.00"},
        "decided_by": "",
        "disagreement": False,
    }


def snapshot(pool_key: str, places: int, **kwargs: object) -> dict:
    return {
        "schema": 1,
        "rows": [row(pool_key, n, **kwargs) for n in range(1, places + 1)],  # type: ignore[arg-type]
        "judges": [{"id": 1, "name": "กรรมการ"}],
        "criteria": [{"key": "process", "th": "กระบวนการ", "en": "Process", "max": "40"}],
        "kendall_w": None,
        "decisions": [],
        "show_scores": True,
    }


def add_result(pool: Pool, state: ResultState, version: int = 1, places: int = 4, **kwargs: object) -> None:
    db.session.add(
        PoolResult(
            pool_id=pool.id,
            version=version,
            state=state,
            standings=snapshot(pool.key, places, **kwargs),
            note="แก้ไขชื่อ" if version > 1 else "",
            published_at=PUBLISHED_AT if state is not ResultState.APPROVED else None,
        )
    )


def province_round(provinces: int, first_region: int = 1, first_code: int = 20) -> Round:
    """A new contest's district-category province round with one pool per province, the provinces spread
    over regions ``first_region``.. (five to a region)."""
    regions = [factories.region(first_region + n) for n in range((provinces + 4) // 5)]
    challenge = cf.km_challenge(open_categories=())
    round_ = challenge.district.rounds[0]
    for i in range(provinces):
        code = f"{first_code + i:02d}"
        province = factories.province(regions[i // 5], code, f"จังหวัดที่{i + 1}", f"Province {i + 1}")
        db.session.add(Pool(round_id=round_.id, key=f"province:{province.code}", province_id=province.id))
    db.session.flush()
    return round_


def published_round(provinces: int, **where: int) -> Round:
    """Every pool published; the first also has a superseded version 1 under its version 2."""
    round_ = province_round(provinces, **where)
    for index, pool in enumerate(round_.pools):
        if index == 0:
            add_result(pool, ResultState.SUPERSEDED, 1)
            add_result(pool, ResultState.PUBLISHED, 2)
        else:
            add_result(pool, ResultState.PUBLISHED)
    db.session.commit()
    return round_


def queries(client, count_queries, url: str) -> int:
    client.get(url)  # warm up
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_the_national_page_of_a_round_runs_as_many_queries_for_20_pools_as_for_2(client, count_queries):
    small = published_round(2)
    small_count = queries(client, count_queries, f"/results/rounds/{small.id}")
    small_json = queries(client, count_queries, f"/results/rounds/{small.id}.json")
    large = published_round(20, first_region=2, first_code=30)
    html = client.get(f"/results/rounds/{large.id}").get_data(as_text=True)
    assert html.count('class="card result-pool"') == 20 and html.count('class="place-winner"') == 20
    assert "เขตตรวจราชการที่ 5" in html
    assert queries(client, count_queries, f"/results/rounds/{large.id}") == small_count <= 3
    assert queries(client, count_queries, f"/results/rounds/{large.id}.json") == small_json <= 3
    assert len(client.get(f"/results/rounds/{large.id}.json").get_json()["pools"]) == 20


def test_a_pool_page_runs_as_many_queries_for_40_rows_as_for_4(client, count_queries):
    round_ = province_round(2)
    few, many = round_.pools
    add_result(few, ResultState.PUBLISHED, places=4)
    add_result(many, ResultState.PUBLISHED, places=40)
    db.session.commit()
    four = queries(client, count_queries, f"/results/pools/{few.id}")
    forty = queries(client, count_queries, f"/results/pools/{many.id}")
    assert forty == four <= 2
    html = client.get(f"/results/pools/{many.id}").get_data(as_text=True)
    assert html.count("ชมเชย") == 36
    assert queries(client, count_queries, f"/results/pools/{many.id}.json") == four


def test_only_the_newest_published_version_of_each_pool_is_shown(client):
    round_ = province_round(4)
    superseded, approved_only, published, newer_approved = round_.pools
    add_result(superseded, ResultState.SUPERSEDED, 1)
    add_result(superseded, ResultState.PUBLISHED, 2)
    add_result(approved_only, ResultState.APPROVED)
    add_result(published, ResultState.PUBLISHED)
    add_result(newer_approved, ResultState.PUBLISHED, 1)
    add_result(newer_approved, ResultState.APPROVED, 2)  # not yet published: version 1 still stands
    db.session.commit()
    listing = client.get(f"/results/rounds/{round_.id}.json").get_json()
    shown = {pool["pool"]["id"]: pool["version"] for pool in listing["pools"]}
    assert shown == {superseded.id: 2, published.id: 1, newer_approved.id: 1}
    assert client.get(f"/results/pools/{approved_only.id}").status_code == 404
    assert client.get(f"/results/pools/{newer_approved.id}.json").get_json()["version"] == 1
    page = client.get(f"/results/pools/{superseded.id}").get_data(as_text=True)
    assert "แก้ไขชื่อ" in page
    index = client.get("/results/").get_data(as_text=True)
    assert "KM Challenge 2565" in index


def test_a_story_shows_the_officer_and_the_unit(client):
    round_ = province_round(1)
    add_result(round_.pools[0], ResultState.PUBLISHED, places=1, person="นางสาวสมใจ ใจดี")
    db.session.commit()
    html = client.get(f"/results/pools/{round_.pools[0].id}").get_data(as_text=True)
    assert "นางสาวสมใจ ใจดี (สำนักงานพัฒนาชุมชนอำเภอทดสอบprovince:20-1)" in html
