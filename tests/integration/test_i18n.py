"""Thai first: Buddhist Era dates, Bangkok time, Thai order, a full Thai catalogue, a remembered choice."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po

from app.extensions import db
from app.i18n import thai_date, thai_datetime
from app.models import Role, User
from app.models.collation import thai_order
from tests.integration import factories
from tests.integration.test_auth import english

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (date(2022, 7, 21), "th", "21 กรกฎาคม 2565"),
        (date(2021, 10, 1), "th", "1 ตุลาคม 2564"),
        (date(2022, 7, 21), "en", "21 July 2022"),
        # 17:30 UTC on the 20th is already the 21st in Bangkok (UTC+7)
        (datetime(2022, 7, 20, 17, 30, tzinfo=UTC), "th", "21 กรกฎาคม 2565"),
    ],
)
def test_dates_print_in_the_buddhist_era_in_thai(app, value, locale, expected):
    assert thai_date(value, locale) == expected


def test_times_print_in_bangkok_time(app):
    moment = datetime(2022, 7, 21, 2, 30, tzinfo=UTC)
    assert thai_datetime(moment, "th") == "21 กรกฎาคม 2565 เวลา 09:30 น."
    assert thai_datetime(moment, "en") == "21 July 2022, 09:30"


def test_a_naive_time_is_refused_rather_than_guessed(app):
    with pytest.raises(ValueError, match="naive"):
        thai_datetime(datetime(2022, 7, 21, 9, 30))


def test_names_sort_in_thai_dictionary_order_in_the_database(app):
    for name in ("ไพโรจน์", "กมล", "เกษม", "ขจร", "โกวิทย์", "ประเสริฐ"):
        factories.user(full_name=name)
    db.session.commit()
    names = db.session.scalars(sa.select(User.full_name).order_by(thai_order(User.full_name))).all()
    assert names == ["กมล", "เกษม", "โกวิทย์", "ขจร", "ประเสริฐ", "ไพโรจน์"]


def test_the_home_page_is_thai_by_default_and_english_on_request(app, client):
    assert "ทำเนียบหน่วยงาน" in client.get("/").get_data(as_text=True)
    english(client)
    assert "Directory" in client.get("/").get_data(as_text=True)


def test_the_language_choice_is_remembered_for_the_account(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    browser.login("judge", factories.PASSWORD)
    english(browser.client)
    assert db.session.scalar(sa.select(User.locale).where(User.username == "judge")) == "en"
    browser.logout()
    fresh = browser.client.application.test_client()  # another browser, no cookies
    from tests.integration.conftest import Browser

    Browser(fresh).login("judge", factories.PASSWORD)
    assert "Sign out" in fresh.get("/").get_data(as_text=True)


def test_every_string_in_the_code_has_a_thai_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "-o",
            str(pot),
            "app",
            "templates",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    with (ROOT / "app/translations/th/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    assert sorted(wanted - translated) == []
