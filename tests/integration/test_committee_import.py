"""Importing a committee from CSV: Thai or English role names, a BOM, all or nothing with line numbers."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import CommitteeMember, CommitteeRole
from app.services import committees
from app.services.committee_import import import_committee
from tests.integration import factories
from tests.integration.test_committees_service import judge, sisaket_pool
from tests.integration.test_progress_pages import organizer, signed_in


@pytest.fixture
def in_request(app):
    """Messages are translated for a request's user, so service calls run inside one."""
    with app.test_request_context():
        yield


def _members(pool) -> dict[str, CommitteeRole]:
    rows = db.session.scalars(sa.select(CommitteeMember).where(CommitteeMember.pool_id == pool.id))
    return {m.user.username: m.role for m in rows}


def _upload(browser, pool, text: str, bom: bool = False):
    url = f"/organize/committees/pools/{pool.id}"
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    return browser.post_form(
        f"{url}/members/import",
        {"committee_file": (io.BytesIO(data), "committee.csv")},
        page=url,
        content_type="multipart/form-data",
    )


def test_a_file_with_a_bom_and_thai_roles_puts_everyone_on_the_committee(app, browser):
    setting = sisaket_pool()
    for name in ("somchai", "somsri", "manee"):
        judge(name)
    organizer()
    db.session.commit()
    signed_in(browser)
    response = _upload(
        browser, setting.pool, "username,role\nSomchai,ประธาน\nsomsri,กรรมการ\nmanee,secretary\n", bom=True
    )
    assert response.status_code == 302
    assert _members(setting.pool) == {
        "somchai": CommitteeRole.CHAIR,
        "somsri": CommitteeRole.MEMBER,
        "manee": CommitteeRole.SECRETARY,
    }


def test_every_bad_line_is_reported_by_number_and_nothing_is_stored(app, browser):
    setting = sisaket_pool()
    judge("somchai")
    kept = judge("kept")
    factories.user(username="clerk")
    committees.add_member(db.session, setting.pool, kept, CommitteeRole.MEMBER)
    organizer()  # reads English
    db.session.commit()
    signed_in(browser)
    text = "username,role\nsomchai,chair\nclerk,member\nnobody,member\nsomchai,member\n,member\nkept,boss\n"
    response = _upload(browser, setting.pool, text)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    for line, words in (
        (3, "clerk"),
        (4, "nobody"),
        (5, "listed twice"),
        (6, "username is empty"),
        (7, "unknown role"),
    ):
        assert f"Line {line}: " in html and words in html.split(f"Line {line}: ", 1)[1].split("</li>")[0]
    assert "Line 2:" not in html
    assert _members(setting.pool) == {"kept": CommitteeRole.MEMBER}


def test_a_second_chair_is_refused_unless_the_file_steps_the_old_chair_down(in_request):
    setting = sisaket_pool()
    old, new = judge("old"), judge("new")
    committees.add_member(db.session, setting.pool, old, CommitteeRole.CHAIR)
    refused = import_committee(db.session, setting.pool, b"username,role\nnew,chair\n")
    assert [line for line, _message in refused.errors] == [2]
    two = import_committee(db.session, setting.pool, b"username,role\nnew,chair\nold,chair\n")
    assert [line for line, _message in two.errors] == [3]
    swapped = import_committee(db.session, setting.pool, b"username,role\nnew,chair\nold,member\n")
    assert swapped.ok and _members(setting.pool) == {"new": CommitteeRole.CHAIR, "old": CommitteeRole.MEMBER}
    assert new.id != old.id


def test_a_file_that_is_not_utf8_or_lacks_a_column_is_refused(in_request):
    setting = sisaket_pool()
    judge("somchai")
    latin = import_committee(db.session, setting.pool, "username,role\nสมชาย,chair\n".encode("cp874"))
    missing = import_committee(db.session, setting.pool, b"username\nsomchai\n")
    empty = import_committee(db.session, setting.pool, b"username,role\n")
    assert latin.errors[0][0] == 1 and missing.errors[0][0] == 1 and empty.errors[0][0] == 1
    assert _members(setting.pool) == {}
