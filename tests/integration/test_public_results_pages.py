"""The public result pages and their JSON form, from a result approved and published through the services."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.i18n import thai_date
from app.models import Entry, Pool, Role, Round
from app.services import publication
from tests.integration import factories
from tests.integration.result_factories import scored_pool

APPROVED_AT = datetime(2022, 7, 21, 6, 0, tzinfo=UTC)
PUBLISHED_AT = datetime(2022, 7, 21, 7, 30, tzinfo=UTC)  # 14:30 in Bangkok
UNITS = ("สพอ.ภูสิงห์", "สพอ.ศิลาลาด", "สพอ.พยุห์", "สพอ.เบญจลักษ์")
PLACES = ("ชนะเลิศ", "รองชนะเลิศอันดับ 1", "รองชนะเลิศอันดับ 2", "รองชนะเลิศอันดับ 3")


def approved(*, show_scores: bool = True):
    scored = scored_pool()
    scored.round.show_scores = show_scores
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=APPROVED_AT)
    return scored, result


def published(*, show_scores: bool = True):
    scored, result = approved(show_scores=show_scores)
    publication.publish(db.session, result, user=scored.organizer, now=PUBLISHED_AT)
    db.session.commit()
    return scored, result


def in_order(html: str, texts) -> bool:
    positions = [html.find(text) for text in texts]
    return -1 not in positions and positions == sorted(positions)


def test_a_published_pool_shows_its_places_in_order_with_thai_labels_and_entrant_names(client):
    scored, _ = published()
    response = client.get(f"/results/pools/{scored.pool.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert in_order(html, [text for pair in zip(PLACES, UNITS, strict=True) for text in pair])
    assert in_order(html, ["ผลงานภูสิงห์", "ผลงานศิลาลาด", "ผลงานพยุห์", "ผลงานเบญจลักษ์"])
    assert "จังหวัดศรีสะเกษ" in html and "KM Challenge 2565" in html and "2565" in html
    assert thai_date(PUBLISHED_AT, "th") == "21 กรกฎาคม 2565" and "21 กรกฎาคม 2565" in html
    assert "88.67" in html  # the round shows scores
    assert "Version 2" not in html and "correction-note" not in html


def test_the_national_page_of_a_round_groups_province_pools_by_inspection_region(client):
    scored, _ = published()
    html = client.get(f"/results/rounds/{scored.round.id}").get_data(as_text=True)
    assert in_order(html, ["เขตตรวจราชการที่ 14", "จังหวัดศรีสะเกษ", *PLACES])
    assert in_order(html, UNITS) and "21 กรกฎาคม 2565" in html
    assert f'href="/results/pools/{scored.pool.id}"' in html


def test_the_index_and_the_contest_page_lead_to_the_round(client):
    scored, _ = published()
    contest = scored.round.category.contest
    index = client.get("/results/").get_data(as_text=True)
    assert "KM Challenge 2565" in index and "2565" in index
    assert f'href="/results/contests/{contest.id}"' in index
    page = client.get(f"/results/contests/{contest.id}").get_data(as_text=True)
    assert f'href="/results/rounds/{scored.round.id}"' in page
    assert f'href="/results/rounds/{scored.region_round.id}"' not in page  # nothing published there
    # The nav and the public contest page link here.
    shown = client.get(f"/contests/{contest.id}").get_data(as_text=True)
    assert 'href="/results/"' in shown and f'href="/results/contests/{contest.id}"' in shown


def test_scores_are_hidden_in_the_page_and_the_json_when_the_round_does_not_show_them(client):
    scored, _ = published(show_scores=False)
    html = client.get(f"/results/pools/{scored.pool.id}").get_data(as_text=True)
    assert "ชนะเลิศ" in html and "88.67" not in html and "82.00" not in html
    round_html = client.get(f"/results/rounds/{scored.round.id}").get_data(as_text=True)
    assert "ชนะเลิศ" in round_html and "88.67" not in round_html
    document = client.get(f"/results/pools/{scored.pool.id}.json").get_json()
    assert [place["total"] for place in document["places"]] == [None] * 4
    listing = client.get(f"/results/rounds/{scored.round.id}.json").get_json()
    assert [place["total"] for place in listing["pools"][0]["places"]] == [None] * 4


def _urls(scored) -> list[str]:
    return [
        f"/results/pools/{scored.pool.id}",
        f"/results/pools/{scored.pool.id}.json",
        f"/results/rounds/{scored.round.id}",
        f"/results/rounds/{scored.round.id}.json",
        f"/results/contests/{scored.round.category.contest.id}",
    ]


def test_an_approved_but_unpublished_result_is_404_for_the_public_a_judge_and_the_unit(browser):
    scored, _ = approved()
    coordinator = factories.user(Role.COORDINATOR, username="phusing", unit=scored.entries[0].unit)
    db.session.commit()
    for who in (None, scored.chair, scored.judges[0], coordinator):
        if who is not None:
            browser.login(who.username, factories.PASSWORD)
        for url in _urls(scored):
            assert browser.get(url).status_code == 404, (who and who.username, url)
        index = browser.get("/results/").get_data(as_text=True)
        assert "KM Challenge 2565" not in index
        if who is not None:
            browser.logout()


def test_a_pool_without_a_result_is_404_and_its_json_says_so(client):
    scored, _ = published()
    region_pool = db.session.scalar(sa.select(Pool).where(Pool.round_id == scored.region_round.id))
    assert client.get(f"/results/pools/{region_pool.id}").status_code == 404
    response = client.get(f"/results/pools/{region_pool.id}.json")
    assert response.status_code == 404 and response.get_json() == {"error": "not_found"}
    assert client.get(f"/results/rounds/{scored.region_round.id}").status_code == 404
    assert client.get("/results/pools/999999").status_code == 404


def test_a_correction_replaces_the_superseded_version_and_shows_its_note(client):
    scored, first = published()
    entry = db.session.get(Entry, scored.entries[0].id)
    entry.title = "ผลงานภูสิงห์ ฉบับแก้ไขชื่อ"
    corrected_at = datetime(2022, 7, 25, 3, 0, tzinfo=UTC)
    publication.correct(
        db.session, scored.pool, user=scored.organizer, reason="ชื่อผลงานสะกดผิด <b>", now=corrected_at
    )
    db.session.commit()
    html = client.get(f"/results/pools/{scored.pool.id}").get_data(as_text=True)
    assert "ชื่อผลงานสะกดผิด &lt;b&gt;" in html and "<b>" not in html and "25 กรกฎาคม 2565" in html
    changes = html[html.index('<ul class="result-changes">') : html.index("</ul>")]
    assert "ผลงานภูสิงห์ → ผลงานภูสิงห์ ฉบับแก้ไขชื่อ" in " ".join(changes.split())
    table = html[html.index('<table class="places">') :]
    assert "ผลงานภูสิงห์ ฉบับแก้ไขชื่อ" in table and ">ผลงานภูสิงห์<" not in table
    document = client.get(f"/results/pools/{scored.pool.id}.json").get_json()
    assert document["version"] == 2 and document["note"] == "ชื่อผลงานสะกดผิด <b>"
    assert document["places"][0]["title"] == "ผลงานภูสิงห์ ฉบับแก้ไขชื่อ"
    assert document["published_at"] == "2022-07-25T10:00:00+07:00"
    listing = client.get(f"/results/rounds/{scored.round.id}.json").get_json()
    assert [pool["version"] for pool in listing["pools"]] == [2]
    assert first.version == 1


def test_the_json_form_of_a_pool_is_exactly_the_documented_shape(client):
    scored, result = published()
    round_: Round = scored.round
    category, contest = round_.category, round_.category.contest
    response = client.get(f"/results/pools/{scored.pool.id}.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    runner_ups = [
        {"kind": "runner_up", "number": n, "th": PLACES[n], "en": f"Runner-up {n}"} for n in (1, 2, 3)
    ]
    places = [{"kind": "winner", "number": 0, "th": "ชนะเลิศ", "en": "Winner"}, *runner_ups]
    names_en = ("Phu Sing", "Sila Lat", "Phayu", "Benchalak")
    totals = ("88.67", "82.00", "74.67", "66.67")
    assert response.get_json() == {
        "contest": {"id": contest.id, "name": "KM Challenge 2565", "fiscal_year_be": 2565},
        "category": {"id": category.id, "name_th": category.name_th, "name_en": category.name_en},
        "level": "province",
        "pool": {
            "id": scored.pool.id,
            "key": "province:33",
            "name_th": "จังหวัดศรีสะเกษ",
            "name_en": "Si Sa Ket Province",
        },
        "version": 1,
        "published_at": "2022-07-21T14:30:00+07:00",
        "note": "",
        "places": [
            {
                "rank": rank,
                "place": places[rank - 1],
                "entry_id": entry.id,
                "title": entry.title,
                "entrant_th": f"สำนักงานพัฒนาชุมชนอำเภอ{UNITS[rank - 1].removeprefix('สพอ.')}",
                "entrant_en": f"{names_en[rank - 1]} District Community Development Office",
                "total": totals[rank - 1],
            }
            for rank, entry in enumerate(scored.entries, start=1)
        ],
    }
    listing = client.get(f"/results/rounds/{round_.id}.json")
    assert listing.headers["Cache-Control"] == "public, max-age=300"
    assert listing.get_json() == {
        "round": {"id": round_.id, "level": "province"},
        "contest": response.get_json()["contest"],
        "category": response.get_json()["category"],
        "pools": [response.get_json()],
    }
    assert result.version == 1


def test_the_pages_read_in_english_through_the_language_switch(browser):
    scored, _ = published()
    url = f"/results/pools/{scored.pool.id}"
    switched = browser.post_form("/language", {"lang": "en", "next": url}, page=url)
    assert switched.status_code == 302
    html = browser.get(url).get_data(as_text=True)
    assert in_order(html, ["Winner", "Phu Sing District", "Runner-up 1", "Sila Lat District", "Runner-up 3"])
    assert "Si Sa Ket Province" in html and "21 July 2022" in html and "Province level" in html
    assert "ชนะเลิศ" not in html
    round_html = browser.get(f"/results/rounds/{scored.round.id}").get_data(as_text=True)
    assert in_order(round_html, ["Inspection Region 14", "Si Sa Ket Province", "Winner"])


def test_a_signed_in_user_reading_english_sees_english_labels(browser):
    scored, _ = published()
    reader = factories.user(Role.JUDGE, username="reader")
    reader.locale = "en"
    db.session.commit()
    browser.login("reader", factories.PASSWORD)
    html = browser.get(f"/results/pools/{scored.pool.id}").get_data(as_text=True)
    assert "Winner" in html and "Runner-up 2" in html and "Phayu District" in html


@pytest.fixture
def certificate_route(app):
    """The awards blueprint's certificate endpoint, or a stand-in until it lands."""
    if "awards.certificate" not in app.view_functions:
        app.add_url_rule(
            "/awards/pools/<int:pool_id>/entries/<int:entry_id>/certificate",
            endpoint="awards.certificate",
            view_func=lambda pool_id, entry_id: "",
        )
    return app


def test_certificate_links_are_shown_only_to_those_who_may_download_them(certificate_route, browser):
    scored, _ = published()
    own, other = scored.entries[0], scored.entries[1]
    factories.user(Role.COORDINATOR, username="entrant", unit=own.unit)
    factories.user(Role.ORGANIZER, username="countrywide")
    db.session.commit()
    with certificate_route.test_request_context():
        from flask import url_for

        links = {
            e.id: url_for("awards.certificate", pool_id=scored.pool.id, entry_id=e.id) for e in scored.entries
        }
    page = f"/results/pools/{scored.pool.id}"
    anonymous = browser.get(page).get_data(as_text=True)
    assert "/awards/" not in anonymous  # a visitor who is not signed in gets no certificate links
    browser.login("entrant", factories.PASSWORD)
    mine = browser.get(page).get_data(as_text=True)
    assert f'href="{links[own.id]}"' in mine and f'href="{links[other.id]}"' not in mine
    browser.logout()
    browser.login("countrywide", factories.PASSWORD)
    everything = browser.get(page).get_data(as_text=True)
    assert all(f'href="{link}"' in everything for link in links.values())


def test_without_the_certificate_endpoint_the_page_has_no_certificate_links(app, client, monkeypatch):
    monkeypatch.delitem(app.view_functions, "awards.certificate", raising=False)
    scored, _ = published()
    html = client.get(f"/results/pools/{scored.pool.id}").get_data(as_text=True)
    assert "ชนะเลิศ" in html and "/awards/" not in html
