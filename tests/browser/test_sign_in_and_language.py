"""A visitor opens the Thai home page, signs in as the demo administrator, and switches language."""

from __future__ import annotations

import re

from app.services.demo import DEMO_PASSWORD
from tests.browser.conftest import screenshot


def test_home_sign_in_and_language_switch(live_server, page):
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("link", name="ทำเนียบหน่วยงาน", exact=True).is_visible()
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Sarabun"') or font.startswith("Sarabun")
    screenshot(page, "home-th")

    page.get_by_role("link", name="เข้าสู่ระบบ").first.click()
    page.get_by_label("ชื่อผู้ใช้").fill("admin")
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("button", name="ออกจากระบบ").is_visible()
    assert page.get_by_role("link", name="บัญชีผู้ใช้", exact=True).is_visible()

    page.get_by_role("button", name="EN").click()
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("heading", name="Accounts").wait_for()
    assert page.get_by_text("km-demo", exact=False).count() == 0, "passwords never appear"
    screenshot(page, "accounts-en")

    page.get_by_role("button", name="ไทย").click()
    page.get_by_role("heading", name="บัญชีผู้ใช้").wait_for()
    assert page.locator("html").get_attribute("lang") == "th"
    screenshot(page, "accounts-th")


def test_the_directory_shows_every_region_on_a_phone(live_server, page):
    page.goto(live_server + "/directory")
    assert page.locator("details.region").count() == 19
    page.locator("#region-14 summary").click()
    page.get_by_role("link", name="ศรีสะเกษ", exact=True).click()
    page.get_by_role("heading", name="จังหวัดศรีสะเกษ").wait_for()
    assert page.locator("tbody tr").count() == 22
    screenshot(page, "province-sisaket")
