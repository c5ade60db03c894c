"""Certificates (เกียรติบัตร) for the placed entries of a published result, as Thai PDFs.

What a certificate says comes from the published version's snapshot (entrant, title and place as the chair
approved them), the contest's setup (organizer, contest, category, level, pool) and the round's signer, so
a correction that renames an entry changes its certificate only once the correction is published.

A batch is laid out by WeasyPrint as one HTML document per chunk of certificates, one page each: layout
is the slow part, so a chunk costs little more than one certificate. A single-file ZIP entry is then a
copy of one laid-out page, never a layout of its own.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from babel.dates import format_date
from flask import render_template
from sqlalchemy.orm import Session, joinedload

from app.i18n import buddhist_year, to_bangkok
from app.models import Category, Contest, Pool, PoolResult, ResultState, Round
from app.services.pdf import STATIC_DIR, font_faces_css
from judging import Scope

CHUNK = 20
"""Certificates laid out together: big enough to be quick, small enough for the progress bar to move."""

LEVEL_TH = {Scope.PROVINCE: "ระดับจังหวัด", Scope.REGION: "ระดับเขตตรวจราชการ", Scope.NATIONAL: "ระดับประเทศ"}
BANGKOK_CODE = "10"  # Bangkok is a province, but not "จังหวัดกรุงเทพมหานคร"


@dataclass(frozen=True)
class Certificate:
    """Everything printed on one certificate, as plain text."""

    pool_id: int
    pool_key: str
    entry_id: int
    organizer: str
    place: str
    place_kind: str
    entrant: str
    title: str
    contest: str  # KM Challenge 2565 <category>
    level: str  # ระดับจังหวัด จังหวัดศรีสะเกษ
    given_on: str
    signer_name: str
    signer_title: str

    @property
    def contest_line(self) -> str:
        return f"{self.contest} {self.level}"

    @property
    def filename(self) -> str:
        return certificate_filename(self.pool_id, self.entry_id)

    @property
    def folder(self) -> str:
        """The pool's key as a folder name in a ZIP: ``province-33``, ``region-14``, ``national``."""
        return re.sub(r"[^a-z0-9]+", "-", self.pool_key.lower()).strip("-") or f"pool-{self.pool_id}"


def certificate_filename(pool_id: int, entry_id: int) -> str:
    return f"certificate-{pool_id}-{entry_id}.pdf"


def published_result(session: Session, pool: Pool) -> PoolResult | None:
    """The pool's published version (a correction supersedes the earlier one, so there is at most one)."""
    return session.scalar(
        sa.select(PoolResult)
        .where(PoolResult.pool_id == pool.id, PoolResult.state == ResultState.PUBLISHED)
        .order_by(PoolResult.version.desc())
        .limit(1)
    )


def placed_row(result: PoolResult, entry_id: int) -> dict[str, Any] | None:
    """The entry's row of the snapshot, if the entry has a place in it."""
    for row in result.rows:
        if row.get("entry_id") == entry_id and row.get("place"):
            return row
    return None


def thai_long_date(moment: datetime) -> str:
    """22 พฤศจิกายน พ.ศ. 2569: the day in Bangkok, as a certificate writes it."""
    day = to_bangkok(moment).date()
    return f"{format_date(day, format='d MMMM', locale='th')} พ.ศ. {buddhist_year(day.year)}"


def pool_name_th(pool: Pool) -> str:
    """จังหวัดศรีสะเกษ, กรุงเทพมหานคร, เขตตรวจราชการที่ 14; nothing for the national pool."""
    if pool.province is not None:
        name = pool.province.name_th
        return name if pool.province.code == BANGKOK_CODE else f"จังหวัด{name}"
    if pool.region is not None:
        return pool.region.name_th
    return ""


def _joined(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


def contest_and_level(pool: Pool) -> tuple[str, str]:
    """("KM Challenge 2565 <category>", "ระดับจังหวัด จังหวัดศรีสะเกษ")."""
    round_ = pool.round
    return (
        _joined(round_.category.contest.name, round_.category.name_th),
        _joined(LEVEL_TH[round_.level], pool_name_th(pool)),
    )


def certificate_of(pool: Pool, result: PoolResult, row: dict[str, Any]) -> Certificate:
    round_ = pool.round
    place = row["place"]
    contest, level = contest_and_level(pool)
    return Certificate(
        pool_id=pool.id,
        pool_key=pool.key,
        entry_id=int(row["entry_id"]),
        organizer=round_.category.contest.organizer_unit.name_th,
        place=str(place.get("th") or ""),
        place_kind=str(place.get("kind") or ""),
        entrant=str(row.get("entrant_th") or ""),
        title=str(row.get("title") or ""),
        contest=contest,
        level=level,
        given_on=thai_long_date(result.published_at or result.approved_at),
        signer_name=round_.certificate_signer_name,
        signer_title=round_.certificate_signer_title,
    )


def certificates_of(pool: Pool, result: PoolResult) -> list[Certificate]:
    """One certificate per placed entry, in the order of the standings."""
    return [certificate_of(pool, result, row) for row in result.rows if row.get("place")]


def _with_setup() -> Any:
    return (
        joinedload(Pool.province),
        joinedload(Pool.region),
        joinedload(Pool.round)
        .joinedload(Round.category)
        .joinedload(Category.contest)
        .joinedload(Contest.organizer_unit),
    )


def published_pools(session: Session, pool_ids: Iterable[int]) -> list[tuple[Pool, PoolResult]]:
    """The given pools that have a published result, with it, in pool-key order (two queries)."""
    ids = list(pool_ids)
    if not ids:
        return []
    pools = {
        pool.id: pool
        for pool in session.scalars(sa.select(Pool).where(Pool.id.in_(ids)).options(*_with_setup())).unique()
    }
    found = session.scalars(
        sa.select(PoolResult).where(PoolResult.pool_id.in_(ids), PoolResult.state == ResultState.PUBLISHED)
    )
    newest: dict[int, PoolResult] = {}
    for result in found:
        if result.pool_id not in newest or newest[result.pool_id].version < result.version:
            newest[result.pool_id] = result
    return sorted(((pools[i], r) for i, r in newest.items()), key=lambda pair: pair[0].key)


def round_certificates(session: Session, pools: Sequence[Pool]) -> list[Certificate]:
    """Every certificate of the given pools' published results."""
    return [
        certificate
        for pool, result in published_pools(session, [p.id for p in pools])
        for certificate in certificates_of(pool, result)
    ]


# Rendering -----------------------------------------------------------------------------------------------


def html_of(certificates: Sequence[Certificate]) -> str:
    """One HTML document with a page per certificate."""
    return render_template("awards/certificate.html", certificates=certificates, font_faces=font_faces_css())


def chunks(certificates: Sequence[Certificate], size: int | None = None) -> list[list[Certificate]]:
    size = size or CHUNK
    return [list(certificates[i : i + size]) for i in range(0, len(certificates), size)]


def render_one(certificate: Certificate) -> bytes:
    from app.services.pdf import render_pdf

    return render_pdf(html_of([certificate]))


def _layout(html: str) -> Any:
    from weasyprint import HTML  # slow to import; only printing needs it

    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").render()


Progress = Callable[[int], None]
Parts = Sequence[tuple[Sequence[Certificate], str]]


def combined_pdf(parts: Parts, progress: Progress | None = None) -> bytes:
    """One PDF of every certificate; ``parts`` are the chunks with their HTML (from :func:`html_of`)."""
    documents, pages, done = [], [], 0
    for chunk, html in parts:
        document = _layout(html)
        documents.append(document)
        pages.extend(document.pages)
        done += len(chunk)
        if progress:
            progress(done)
    if not documents:
        raise ValueError("no certificates")
    return bytes(documents[0].copy(pages).write_pdf())


def zip_of_pdfs(parts: Parts, progress: Progress | None = None) -> bytes:
    """A ZIP with a PDF per certificate, in a folder per pool."""
    buffer = io.BytesIO()
    done = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for chunk, html in parts:
            document = _layout(html)
            if len(document.pages) != len(chunk):  # the stylesheet clips each certificate to its page
                raise RuntimeError("a certificate did not fit on one page")
            for page, certificate in zip(document.pages, chunk, strict=True):
                content = bytes(document.copy([page]).write_pdf())
                archive.writestr(f"{certificate.folder}/{certificate.filename}", content)
            done += len(chunk)
            if progress:
                progress(done)
    return buffer.getvalue()


def prepared(certificates: Sequence[Certificate]) -> list[tuple[list[Certificate], str]]:
    """The chunks with their HTML, rendered now (templates need the app), laid out later (in a thread)."""
    return [(chunk, html_of(chunk)) for chunk in chunks(certificates)]


def render_batch(certificates: Sequence[Certificate], fmt: str, progress: Progress | None = None) -> bytes:
    parts = prepared(certificates)
    return zip_of_pdfs(parts, progress) if fmt == "zip" else combined_pdf(parts, progress)
