"""Bad input on the entry form: missing and over-long fields (with their limits shown), video links that are
not web addresses, script in the body, and authors."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Entry, Role
from app.services.entries import sanitise_body
from tests.integration import contest_factories as cf
from tests.integration import factories


@pytest.fixture
def setup(app):
    geo = factories.small_geography()
    challenge = cf.km_challenge()
    factories.user(Role.COORDINATOR, username="phusing", unit=geo["phusing"])
    factories.user(Role.OFFICER, username="officer", unit=geo["phusing"])
    db.session.commit()
    return {
        "district": f"/entries/new?category={challenge.district.id}&unit={geo['phusing'].id}",
        "storytelling": f"/entries/new?category={challenge.storytelling.id}&unit={geo['phusing'].id}",
    }


def valid(**overrides: str) -> dict[str, str]:
    data = {
        "title": "การจัดการความรู้ในชุมชน",
        "summary": "สรุป",
        "body": "เนื้อเรื่อง",
        "video_url": "",
        "action": "draft",
    }
    return data | overrides


def entries() -> list[Entry]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Entry)))


def test_the_form_shows_every_limit_as_a_hint(setup, browser):
    browser.login("phusing", factories.PASSWORD)
    page = browser.get(setup["district"]).get_data(as_text=True)
    for limit in ("300", "2,000", "50,000"):
        assert limit in page


def test_a_missing_title_is_refused_and_nothing_is_saved(setup, browser):
    browser.login("phusing", factories.PASSWORD)
    response = browser.post_form(setup["district"], valid(title="  "))
    assert response.status_code == 400 and 'id="title-error"' in response.get_data(as_text=True)
    assert entries() == []


@pytest.mark.parametrize(
    ("name", "length"), [("title", 301), ("summary", 2001), ("body", 50001), ("video_url", 501)]
)
def test_an_over_long_field_is_refused_with_its_limit_and_what_was_typed_is_kept(
    setup, browser, name, length
):
    browser.login("phusing", factories.PASSWORD)
    value = ("https://youtu.be/" + "x" * length)[:length] if name == "video_url" else "ก" * length
    response = browser.post_form(setup["district"], valid(**{name: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and f'id="{name}-error"' in page
    assert value[:50] in page
    assert entries() == []


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "www.youtube.com/watch?v=1", "ftp://example.org/v.mp4", "ดูวิดีโอ", "https:// x"],
)
def test_a_video_link_must_be_an_http_or_https_address(setup, browser, link):
    browser.login("phusing", factories.PASSWORD)
    response = browser.post_form(setup["district"], valid(video_url=link))
    assert response.status_code == 400 and 'id="video_url-error"' in response.get_data(as_text=True)
    assert entries() == []


def test_a_proper_video_link_is_kept(setup, browser):
    browser.login("phusing", factories.PASSWORD)
    browser.post_form(setup["district"], valid(video_url="https://www.youtube.com/watch?v=abc"))
    assert entries()[0].video_url == "https://www.youtube.com/watch?v=abc"


def test_script_in_the_body_is_stripped_and_simple_formatting_kept(setup, browser):
    browser.login("phusing", factories.PASSWORD)
    body = (
        '<h3>ที่มา</h3><p onclick="steal()">เรา<strong>ร่วมกัน</strong><script>alert("x")</script></p>'
        '<a href="javascript:alert(1)">กด</a> <a href="https://cdd.go.th">กรม</a><img src=x onerror=alert(1)>'
        "<iframe src='https://evil.example'></iframe>"
    )
    response = browser.post_form(setup["district"], valid(body=body))
    stored = entries()[0].body_html
    for forbidden in ("script", "alert", "onclick", "javascript", "<img", "iframe", "onerror"):
        assert forbidden not in stored
    assert "<h3>ที่มา</h3>" in stored and "<strong>ร่วมกัน</strong>" in stored
    assert '<a href="https://cdd.go.th" rel="noopener noreferrer">กรม</a>' in stored
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>ร่วมกัน</strong>" in page and "alert(" not in page


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("บรรทัดหนึ่ง\nบรรทัดสอง\n\nย่อหน้าใหม่", "<p>บรรทัดหนึ่ง<br>บรรทัดสอง</p><p>ย่อหน้าใหม่</p>"),
        ("a < b & c", "<p>a &lt; b &amp; c</p>"),
        ('<ul><li>หนึ่ง</li></ul><a href="mailto:km@cdd.go.th">ติดต่อ</a>', None),
        (
            "<blockquote><em>อ้างอิง</em></blockquote><h1>หัวข้อใหญ่</h1>",
            "<blockquote><em>อ้างอิง</em></blockquote>หัวข้อใหญ่",
        ),
        ("   \n\n  ", ""),
    ],
)
def test_plain_text_becomes_paragraphs_and_only_listed_tags_survive(typed, kept):
    expected = kept if kept is not None else typed.replace('">', '" rel="noopener noreferrer">')
    assert sanitise_body(typed) == expected


def test_a_story_needs_at_least_one_named_author(setup, browser):
    browser.login("officer", factories.PASSWORD)
    response = browser.post_form(setup["storytelling"], valid(**{"authors-0-full_name": ""}))
    assert response.status_code == 400 and entries() == []


def test_a_position_without_a_name_is_refused(setup, browser):
    browser.login("phusing", factories.PASSWORD)
    data = valid(**{"authors-0-full_name": "", "authors-0-job_title": "พัฒนาการอำเภอ"})
    response = browser.post_form(setup["district"], data)
    assert response.status_code == 400 and 'id="authors-0-full_name-error"' in response.get_data(as_text=True)


def test_a_unit_entry_may_have_no_authors_and_at_most_ten(setup, browser):
    browser.login("phusing", factories.PASSWORD)
    many = {f"authors-{i}-full_name": f"ผู้เขียน {i}" for i in range(11)}
    assert browser.post_form(setup["district"], valid(**many)).status_code == 400
    assert entries() == []
    assert browser.post_form(setup["district"], valid()).status_code == 302
    assert entries()[0].authors == []
