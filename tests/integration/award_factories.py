"""Published results for the certificate and export tests, and reading Thai back out of their PDFs."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from app.extensions import db
from app.models import PoolResult
from app.models.base import utcnow
from app.services import publication
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.result_factories import ScoredPool, scored_pool

PUBLISHED_AT = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)  # 22 November 2569 B.E., 10:00 in Bangkok
SIGNER = ("นายสมชาย ใจดี", "อธิบดีกรมการพัฒนาชุมชน")


def approved_pool(*, runners_up: int = 3, mentions: int = 0) -> tuple[ScoredPool, PoolResult]:
    """The four Sisaket entries, approved by the chair (not yet published), with the round's signer set."""
    scored = scored_pool()
    scored.round.runners_up = runners_up
    scored.round.honourable_mentions = mentions
    scored.round.certificate_signer_name, scored.round.certificate_signer_title = SIGNER
    result, _advanced = publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    return scored, result


def published_pool(*, runners_up: int = 3, mentions: int = 0) -> tuple[ScoredPool, PoolResult]:
    scored, result = approved_pool(runners_up=runners_up, mentions=mentions)
    publication.publish(db.session, result, user=scored.organizer, now=PUBLISHED_AT)
    db.session.commit()
    return scored, result


def coordinator(unit, username: str):
    account = factories.user(Role.COORDINATOR, username=username, unit=unit)
    db.session.commit()
    return account


def sign_in(browser, account, *, english: bool = False) -> None:
    if english:
        account.locale = "en"
    db.session.commit()
    browser.login(account.username, PASSWORD)


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def seen(thai: str) -> str:
    """Thai as pypdf extracts it from WeasyPrint's PDF: SARA AM (and a tone mark before it) come out as
    SARA AA. The glyphs on the page are right; only extraction differs (see test_printing)."""
    return thai.replace("\u0e49\u0e33", "\u0e32").replace("\u0e33", "\u0e32")
