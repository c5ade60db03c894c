"""A certificate (เกียรติบัตร) for a placed entry of a published result: its Thai text, who may download
it, the round's signer form, and the link on the entry's page."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Province, Round
from app.services import publication
from tests.integration import factories
from tests.integration.award_factories import (
    PUBLISHED_AT,
    SIGNER,
    approved_pool,
    coordinator,
    pdf_of,
    published_pool,
    seen,
    sign_in,
    text_of,
)
from tests.integration.factories import Role


def _url(scored, entry_index=0, pool=None):
    pool_id = (pool or scored.pool).id
    return f"/awards/pools/{pool_id}/entries/{scored.entries[entry_index].id}/certificate.pdf"


def test_the_winner_s_certificate_is_one_landscape_page_in_thai_with_the_signer(app, browser):
    scored, _result = published_pool()
    winner = scored.entries[0]
    sign_in(browser, coordinator(winner.unit, "phusing"))
    response = browser.get(_url(scored))
    reader = pdf_of(response)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert round(float(box.width) / 72 * 25.4) == 297 and round(float(box.height) / 72 * 25.4) == 210
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="certificate-{scored.pool.id}-{winner.id}.pdf"'
    )
    text = text_of(reader)
    for expected in (
        "กรมการพัฒนาชุมชน",
        "เกียรติบัตร",
        "ขอมอบเกียรติบัตรฉบับนี้เพื่อแสดงว่า",
        seen("สำนักงานพัฒนาชุมชนอำเภอภูสิงห์"),
        "ได้รับรางวัลชนะเลิศ",
        "ผลงานเรื่อง",
        "ผลงานภูสิงห์",
        "KM Challenge 2565",
        "ระดับจังหวัด",
        "จังหวัดศรีสะเกษ",
        "ให้ไว้ ณ วันที่ 22 พฤศจิกายน พ.ศ. 2569",
        SIGNER[0],
        seen(SIGNER[1]),
    ):
        assert expected in text, expected
    assert "ผลงานศิลาลาด" not in text


def test_a_runner_up_and_an_honourable_mention_get_their_place(app, browser):
    scored, _result = published_pool(runners_up=1, mentions=1)
    organizer = scored.organizer
    sign_in(browser, organizer)
    second = text_of(pdf_of(browser.get(_url(scored, 1))))
    assert "ได้รับรางวัลรองชนะเลิศอันดับ 1" in second and "ผลงานศิลาลาด" in second
    third = text_of(pdf_of(browser.get(_url(scored, 2))))
    assert "ได้รับรางวัลชมเชย" in third and "ผลงานพยุห์" in third
    # The fourth has no place: no certificate.
    assert browser.get(_url(scored, 3)).status_code == 404


def test_who_may_download_a_certificate(app, browser, client):
    scored, _result = published_pool()
    url = _url(scored)
    assert client.get(url).status_code == 302
    assert "/login" in client.get(url).headers["Location"]
    other = coordinator(scored.entries[1].unit, "silalat")  # another unit's coordinator
    sign_in(browser, other)
    assert browser.get(url).status_code == 404
    assert browser.get(_url(scored, 1)).status_code == 200  # their own entry's certificate
    browser.logout()
    sign_in(browser, scored.organizer)
    assert browser.get(url).status_code == 200
    browser.logout()
    sign_in(browser, scored.chair)  # a judge of the pool is not the entrant
    assert browser.get(url).status_code == 404
    browser.logout()
    surin = db.session.scalar(sa.select(Province).where(Province.code == "32"))
    province = factories.user(Role.ORGANIZER, username="surin_org", province_id=surin.id)
    sign_in(browser, province)  # an organizer of another province
    assert browser.get(url).status_code == 404


def test_no_certificate_before_publication_nor_for_an_unknown_entry(app, browser):
    scored, _result = approved_pool()
    db.session.commit()
    sign_in(browser, scored.organizer)
    assert browser.get(_url(scored)).status_code == 404
    assert browser.get(f"/awards/pools/{scored.pool.id}/entries/999999/certificate.pdf").status_code == 404
    unknown_pool = f"/awards/pools/999999/entries/{scored.entries[0].id}/certificate.pdf"
    assert browser.get(unknown_pool).status_code == 404


def test_the_certificate_of_another_pool_is_refused_for_an_entry_not_in_its_result(app, browser):
    scored, _result = published_pool()
    region_pool = scored.region_round.pools[0]  # the winner moved there; that pool has no result yet
    sign_in(browser, scored.organizer)
    assert browser.get(_url(scored, pool=region_pool)).status_code == 404


def test_the_signer_form_validates_and_saves(app, browser, client):
    scored, _result = published_pool()
    url = f"/awards/rounds/{scored.round.id}/signer"
    assert "/login" in client.get(url).headers["Location"]
    sign_in(browser, scored.organizer, english=True)
    page = browser.get(url)
    assert page.status_code == 200 and SIGNER[0] in page.get_data(as_text=True)
    empty = browser.post_form(url, {"signer_name": "  ", "signer_title": ""})
    assert empty.status_code == 400
    html = empty.get_data(as_text=True)
    assert "Type the name of the person who signs the certificates." in html
    assert "Type the signer&#39;s position." in html or "Type the signer's position." in html
    too_long = browser.post_form(url, {"signer_name": "ก" * 201, "signer_title": "ข" * 301})
    assert too_long.status_code == 400 and "At most 200 characters." in too_long.get_data(as_text=True)
    assert "At most 300 characters." in too_long.get_data(as_text=True)
    assert db.session.get(Round, scored.round.id).certificate_signer_name == SIGNER[0]
    typed = {"signer_name": " นางสาวใจดี มีสุข ", "signer_title": "รองอธิบดี\r\nรักษาราชการแทน"}
    saved = browser.post_form(url, typed)
    assert saved.status_code == 302 and f"#round-{scored.round.id}" in saved.headers["Location"]
    round_ = db.session.get(Round, scored.round.id)
    assert round_.certificate_signer_name == "นางสาวใจดี มีสุข"
    assert round_.certificate_signer_title == "รองอธิบดี\nรักษาราชการแทน"
    text = text_of(pdf_of(browser.get(_url(scored))))
    assert "นางสาวใจดี มีสุข" in text and "รักษาราชการแทน" in text  # changed after publication: allowed


def test_only_contest_managers_set_the_signer(app, browser):
    scored, _result = published_pool()
    url = f"/awards/rounds/{scored.round.id}/signer"
    province = factories.user(Role.ORGANIZER, username="sisaket_org", province_id=scored.pool.province_id)
    sign_in(browser, province)
    assert browser.get(url).status_code == 403
    assert browser.post_form(url, {"signer_name": "x", "signer_title": "y"}, page="/").status_code == 403
    assert browser.get("/awards/rounds/999999/signer").status_code == 404


def test_the_contest_page_links_a_round_to_its_signer_and_certificates(app, browser):
    scored, _result = published_pool()
    sign_in(browser, scored.organizer)
    html = browser.get(f"/contests/{scored.round.category.contest_id}").get_data(as_text=True)
    assert f"/awards/rounds/{scored.round.id}/signer" in html
    assert f"/awards/rounds/{scored.round.id}/certificates" in html


def test_the_entry_page_links_its_certificate_once_published(app, browser, count_queries):
    scored, result = approved_pool(runners_up=1)
    db.session.commit()
    winner, fourth = scored.entries[0], scored.entries[3]
    account = coordinator(winner.unit, "phusing")
    sign_in(browser, account, english=True)
    link = _url(scored)
    assert link not in browser.get(f"/entries/{winner.id}").get_data(as_text=True)
    publication.publish(db.session, db.session.merge(result), user=scored.organizer, now=PUBLISHED_AT)
    db.session.commit()
    with count_queries() as counter:
        html = browser.get(f"/entries/{winner.id}").get_data(as_text=True)
    assert link in html and "Certificate (PDF): Winner" in html
    assert counter.count < 30
    fourth_coordinator = coordinator(fourth.unit, "benchalak")
    browser.logout()
    sign_in(browser, fourth_coordinator)
    assert "certificate.pdf" not in browser.get(f"/entries/{fourth.id}").get_data(as_text=True)
