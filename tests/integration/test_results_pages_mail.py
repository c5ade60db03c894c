"""News of an advancement by e-mail after the chair approves: to the entrant's coordinators and the next
level's organizers, nobody else; and approval works the same with no mail server."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Advancement, Province
from tests.integration import factories
from tests.integration.factories import Role
from tests.integration.result_factories import scored_pool
from tests.integration.smtp_server import body, smtp  # noqa: F401  (the SMTP server fixture)
from tests.integration.test_results_pages import signed_in, url


def with_email(user, address: str, locale: str = "th"):
    user.email, user.locale = address, locale
    return user


def test_the_entrant_and_the_next_levels_organizers_hear_that_the_winner_advanced(app, browser, smtp):  # noqa: F811
    scored = scored_pool()
    sisaket = scored.pool.province
    surin = db.session.scalar(sa.select(Province).where(Province.code == "32"))
    unit = scored.entries[0].unit
    with_email(factories.user(Role.COORDINATOR, username="phusing", unit=unit), "phusing@example.go.th", "en")
    with_email(
        factories.user(Role.ORGANIZER, username="r14", region_id=sisaket.region_id), "r14@example.go.th"
    )
    with_email(factories.user(Role.ORGANIZER, username="surin", province_id=surin.id), "surin@example.go.th")
    other_unit = scored.entries[1].unit
    with_email(factories.user(Role.COORDINATOR, username="silalat", unit=other_unit), "silalat@example.go.th")
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    assert browser.post_form(f"{page}/approve", {}, page=page).status_code == 302
    smtp.deliver()
    recipients = sorted(address for rcpt in smtp.recipients for address in rcpt)
    assert recipients == ["phusing@example.go.th", "r14@example.go.th"]
    by_address = dict(zip([r[0] for r in smtp.recipients], smtp.messages, strict=True))
    english = by_address["phusing@example.go.th"]
    assert "ผลงานภูสิงห์ advances to the next level" in english["Subject"]
    assert "ผลงานภูสิงห์ has advanced from Province: ศรีสะเกษ to เขตตรวจราชการที่ 14" in body(english)
    assert f"/entries/{scored.entries[0].id}" in body(english)
    region_pool = db.session.scalar(sa.select(Advancement)).to_pool_id
    assert f"/organize/pools/{region_pool}" in body(by_address["r14@example.go.th"])


def test_approval_goes_through_without_a_mail_server(app, browser):
    scored = scored_pool()
    unit = scored.entries[0].unit
    with_email(factories.user(Role.COORDINATOR, username="phusing", unit=unit), "phusing@example.go.th")
    app.config["MAIL_SERVER"] = ""
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    assert browser.post_form(f"{page}/approve", {}, page=page).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Advancement.id))) == 1
