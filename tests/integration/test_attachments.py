"""Attachments: the kind is read from the content, limits per file and per entry, storage outside the static
folder under random names, downloads only for people who may see the entry, with safe headers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.models import Attachment, Entry, Role
from app.models.base import utcnow
from app.services import entries as service
from app.services.attachments import AttachmentError, clean_name, detect_kind
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.conftest import csrf_token

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
FAKE_PDF = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00This program cannot be run in DOS mode."


def office_file(folder: str, encrypted: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    data = bytearray(buffer.getvalue())
    if encrypted:  # zipfile cannot encrypt: set the "encrypted" flag in every local and central header
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(signature)
            while start != -1:
                data[start + offset] |= 0x1
                start = data.find(signature, start + 4)
    return bytes(data)


def download(browser, attachment_id: int) -> tuple[int, dict[str, str], bytes, str]:
    """Fetch a download and close the streamed file (status, headers, body, mimetype)."""
    response = browser.get(f"/entries/attachments/{attachment_id}")
    try:
        return response.status_code, dict(response.headers), response.get_data(), response.mimetype
    finally:
        response.close()


@pytest.fixture
def entry(app) -> Entry:
    geo = factories.small_geography()
    challenge = cf.km_challenge()
    coordinator = factories.user(Role.COORDINATOR, username="phusing", unit=geo["phusing"])
    factories.user(Role.COORDINATOR, username="silalat", unit=geo["silalat"])
    factories.user(Role.OFFICER, username="officer", unit=geo["phusing"])
    factories.user(Role.ORGANIZER, username="sisaket_org", province_id=geo["sisaket"].id)
    row = service.create_entry(
        db.session,
        category=challenge.district,
        unit=geo["phusing"],
        user=coordinator,
        content=service.EntryContent(title="ผลงานของสำนักงาน", summary="สรุป", body="เนื้อหา"),
        now=utcnow(),
    )
    db.session.commit()
    return row


def post_file(browser, url: str, fields: dict[str, str], content: bytes, name: str):
    """A multipart POST built in memory (the test client spools large bodies to a file it never closes)."""
    upload_field = FileStorage(io.BytesIO(content), filename=name, content_type="application/octet-stream")
    boundary, body = encode_multipart({**fields, "file": upload_field})
    return browser.client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload(browser, entry: Entry, content: bytes, name: str, version: int | None = None):
    page = f"/entries/{entry.id}"
    token = csrf_token(browser.get(page).get_data(as_text=True))
    fields = {"version": str(version or current(entry).version), "csrf_token": token}
    return post_file(browser, f"{page}/attachments", fields, content, name)


def current(entry: Entry) -> Entry:
    db.session.expire_all()
    return db.session.get(Entry, entry.id)


def rows() -> list[Attachment]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Attachment).order_by(Attachment.id)))


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def signed_in(browser, entry):
    browser.login("phusing", factories.PASSWORD)
    return browser


def test_a_real_pdf_is_stored_outside_the_static_folder_under_a_random_name(app, entry, signed_in):
    response = upload(signed_in, entry, MINIMAL_PDF, "รายงานผล.pdf")
    assert response.status_code == 302
    [row] = rows()
    assert (row.kind, row.size_bytes, row.original_name) == ("pdf", len(MINIMAL_PDF), "รายงานผล.pdf")
    assert len(row.stored_name) == 32 and row.stored_name not in row.original_name
    path = Path(app.config["UPLOAD_DIR"]) / row.stored_name[:2] / row.stored_name
    assert stored_files(app) == [path] and path.read_bytes() == MINIMAL_PDF
    assert Path(app.static_folder) not in path.parents
    import hashlib

    assert row.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert current(entry).version == 2


def test_a_renamed_executable_posing_as_a_pdf_is_refused(app, entry, signed_in):
    response = upload(signed_in, entry, FAKE_PDF, "x.pdf")
    assert response.status_code == 400 and 'role="alert"' in response.get_data(as_text=True)
    assert rows() == [] and stored_files(app) == [] and current(entry).version == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00", "setup.exe"),
        (office_file("word"), "report.pdf"),
        (office_file("xl"), "report.docx"),
        (MINIMAL_PDF, "picture.png"),
        (office_file("word", encrypted=True), "locked.docx"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx"),
        (b"", "empty.pdf"),
    ],
)
def test_files_whose_content_is_wrong_empty_or_not_allowed_are_refused(app, entry, signed_in, content, name):
    assert upload(signed_in, entry, content, name).status_code == 400
    assert rows() == [] and stored_files(app) == []


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (office_file("word"), "แผนงาน.docx", "docx"),
        (office_file("ppt"), "นำเสนอ.PPTX", "pptx"),
        (office_file("xl"), "คะแนน.xlsx", "xlsx"),
        (JPEG, "ภาพกิจกรรม.jpeg", "jpg"),
        (PNG, "แผนภาพ.png", "png"),
    ],
)
def test_office_files_and_pictures_are_recognised_by_content(app, entry, signed_in, content, name, kind):
    assert upload(signed_in, entry, content, name).status_code == 302
    assert [r.kind for r in rows()] == [kind]


def test_a_file_over_the_limit_is_refused_with_the_limit_shown(app, entry, signed_in):
    app.config["MAX_UPLOAD_MB"] = 1
    response = upload(signed_in, entry, MINIMAL_PDF + b"0" * (1024 * 1024), "big.pdf")
    assert response.status_code == 400 and "1 MB" in response.get_data(as_text=True)
    assert rows() == [] and stored_files(app) == []


def test_the_files_of_one_entry_together_stay_under_the_entry_limit(app, entry, signed_in):
    app.config["MAX_ENTRY_UPLOAD_MB"] = 1
    part = MINIMAL_PDF + b"0" * (600 * 1024)
    assert upload(signed_in, entry, part, "one.pdf").status_code == 302
    second = upload(signed_in, entry, part, "two.pdf")
    assert second.status_code == 400 and "1 MB" in second.get_data(as_text=True)
    assert [r.original_name for r in rows()] == ["one.pdf"] and len(stored_files(app)) == 1


def test_a_request_over_the_servers_limit_gets_the_413_page(app, entry, signed_in):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    response = upload(signed_in, entry, MINIMAL_PDF + b"0" * 8192, "huge.pdf")
    assert response.status_code == 413 and "413" in response.get_data(as_text=True)
    assert rows() == []


def test_a_download_is_an_attachment_with_a_safe_thai_name_and_nosniff(app, entry, signed_in):
    upload(signed_in, entry, MINIMAL_PDF, "/home/สมใจ/รายงาน\x07ผล.PDF")
    [row] = rows()
    assert row.original_name == "รายงานผล.PDF"
    status, headers, body, mimetype = download(signed_in, row.id)
    disposition = headers["Content-Disposition"]
    assert status == 200 and body == MINIMAL_PDF and mimetype == "application/pdf"
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('รายงานผล.pdf')}" in disposition
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "private" in headers["Cache-Control"]


def test_the_download_name_takes_the_detected_kinds_extension(app, entry, signed_in):
    upload(signed_in, entry, JPEG, "../../ภาพ กิจกรรม.jpeg")
    [row] = rows()
    disposition = download(signed_in, row.id)[1]["Content-Disposition"]
    assert quote("ภาพ กิจกรรม.jpg") in disposition and ".." not in disposition


def test_another_units_coordinator_cannot_download_or_delete_but_the_pool_organizer_can_download(
    app, entry, browser
):
    browser.login("phusing", factories.PASSWORD)
    upload(browser, entry, MINIMAL_PDF, "report.pdf")
    [row] = rows()
    browser.logout()
    browser.login("silalat", factories.PASSWORD)
    assert download(browser, row.id)[0] == 404
    token = csrf_token(browser.get("/entries/").get_data(as_text=True))
    fields = {"version": "2", "csrf_token": token}
    delete = browser.client.post(f"/entries/attachments/{row.id}/delete", data=fields)
    attach = post_file(browser, f"/entries/{entry.id}/attachments", fields, MINIMAL_PDF, "x.pdf")
    assert delete.status_code == attach.status_code == 404
    browser.logout()
    browser.login("sisaket_org", factories.PASSWORD)
    assert download(browser, row.id)[0] == 200
    assert len(rows()) == 1


def test_removing_a_file_deletes_the_row_and_the_stored_file(app, entry, signed_in):
    upload(signed_in, entry, MINIMAL_PDF, "report.pdf")
    [row] = rows()
    page = f"/entries/{entry.id}"
    response = signed_in.post_form(f"/entries/attachments/{row.id}/delete", {"version": "2"}, page=page)
    assert response.status_code == 302 and rows() == [] and stored_files(app) == []
    assert current(entry).version == 3


def test_after_the_deadline_files_can_be_neither_added_nor_removed(app, entry, signed_in):
    upload(signed_in, entry, MINIMAL_PDF, "report.pdf")
    page = f"/entries/{entry.id}"
    upload_form = f'action="/entries/{entry.id}/attachments"'
    assert upload_form in signed_in.get(page).get_data(as_text=True)
    cf.close_submissions(current(entry).category.first_round)
    db.session.commit()
    [row] = rows()
    assert upload_form not in signed_in.get(page).get_data(as_text=True)
    assert upload(signed_in, entry, PNG, "late.png").status_code == 409
    delete = signed_in.post_form(f"/entries/attachments/{row.id}/delete", {"version": "2"}, page=page)
    assert delete.status_code == 409
    assert [r.id for r in rows()] == [row.id] and len(stored_files(app)) == 1
    assert download(signed_in, row.id)[0] == 200


def test_an_upload_from_a_stale_page_is_refused(app, entry, signed_in):
    upload(signed_in, entry, MINIMAL_PDF, "one.pdf")
    assert upload(signed_in, entry, PNG, "two.png", version=1).status_code == 409
    assert [r.original_name for r in rows()] == ["one.pdf"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [(MINIMAL_PDF, "pdf"), (PNG, "png"), (JPEG, "jpg"), (office_file("ppt"), "pptx"), (FAKE_PDF, None)],
)
def test_detection_reads_only_the_content(data, kind):
    assert detect_kind(data) == kind


def test_an_encrypted_office_file_is_named_as_such():
    with pytest.raises(AttachmentError) as refused:
        detect_kind(office_file("word", encrypted=True))
    assert refused.value.code == "encrypted"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("C:\\Users\\สมใจ\\ผลงาน.docx", "ผลงาน.docx"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("รายงาน\x00\x1b[31m.pdf", "รายงาน[31m.pdf"),
        ("...", "file"),
    ],
)
def test_an_original_name_loses_folders_and_control_characters(given, kept):
    assert clean_name(given) == kept
