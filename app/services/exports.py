"""Entries as spreadsheets for organizers: one row per entry they may see, as CSV (UTF-8 with a BOM, so
Excel reads Thai) or XLSX.

A cell that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-`` or ``@``) is kept
as text: prefixed with a quote in CSV, stored as a string cell in XLSX.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session, selectinload

from app.i18n import thai_datetime, to_bangkok
from app.models import Category, Contest, Entry, EntryState, InspectionRegion, Pool, Province, Unit
from app.models.collation import thai_order
from app.services.overview import attachment_count, pool_scope

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | None

STATE_LABELS = {
    EntryState.DRAFT: _l("Draft"),
    EntryState.SUBMITTED: _l("Submitted"),
    EntryState.WITHDRAWN: _l("Withdrawn"),
}


@dataclass(frozen=True)
class Column:
    header: Any
    width: int


COLUMNS = (
    Column(_l("Contest"), 22),
    Column(_l("Category"), 40),
    Column(_l("Pool"), 22),
    Column(_l("Inspection region"), 10),
    Column(_l("Province"), 18),
    Column(_l("Unit code"), 12),
    Column(_l("Unit"), 34),
    Column(_l("Entrant (person)"), 26),
    Column(_l("Authors"), 40),
    Column(_l("Title"), 50),
    Column(_l("State"), 12),
    Column(_l("Submitted (Bangkok time)"), 28),
    Column(_l("Submitted (ISO 8601)"), 27),
    Column(_l("Attachments"), 8),
    Column(_l("Video"), 30),
    Column(_l("Link"), 36),
)


def pool_label(pool: Pool) -> str:
    """The place a pool covers: the province's or the region's name, or the nation."""
    if pool.province is not None:
        return str(_l("Province: %(name)s", name=pool.province.name_th))
    if pool.region is not None:
        return pool.region.name_th
    return str(_l("National"))


def visible_entries(
    session: Session, contest: Contest, user: Any, category_id: int | None = None
) -> list[tuple[Entry, int]]:
    """The contest's entries in the pools the user organizes, with their attachment counts, in order of
    category, inspection region, province and unit (Thai order). A fixed number of queries."""
    query = (
        sa.select(Entry, attachment_count())
        .join(Category, Category.id == Entry.category_id)
        .join(Pool, Pool.id == Entry.pool_id)
        .join(Unit, Unit.id == Entry.unit_id)
        .outerjoin(Province, Province.id == Unit.province_id)
        .outerjoin(InspectionRegion, InspectionRegion.id == Province.region_id)
        .where(Category.contest_id == contest.id, pool_scope(user))
        .order_by(
            Category.position,
            InspectionRegion.number,
            thai_order(Province.name_th),
            thai_order(Unit.short_name_th),
            Entry.id,
        )
        .options(
            selectinload(Entry.category),
            selectinload(Entry.pool).selectinload(Pool.province),
            selectinload(Entry.pool).selectinload(Pool.region),
            selectinload(Entry.unit).selectinload(Unit.province).selectinload(Province.region),
            selectinload(Entry.person),
            selectinload(Entry.authors),
        )
    )
    if category_id is not None:
        query = query.where(Entry.category_id == category_id)
    return [(entry, count) for entry, count in session.execute(query)]


def entry_row(contest: Contest, entry: Entry, attachments: int, link: str) -> list[Cell]:
    province = entry.unit.province
    submitted = entry.submitted_at
    return [
        contest.name,
        entry.category.name_th,
        pool_label(entry.pool),
        province.region.number if province is not None else None,
        province.name_th if province is not None else "",
        entry.unit.code,
        entry.unit.name_th,
        entry.person.full_name if entry.person is not None else "",
        "; ".join(_author(a.full_name, a.job_title) for a in entry.authors),
        entry.title,
        str(STATE_LABELS[entry.state]),
        thai_datetime(submitted) if submitted else "",
        _iso(submitted),
        attachments,
        entry.video_url,
        link,
    ]


def _author(name: str, job_title: str) -> str:
    return f"{name} ({job_title})" if job_title else name


def _iso(moment: datetime | None) -> str:
    return to_bangkok(moment).isoformat(timespec="seconds") if moment else ""


def table(
    session: Session,
    contest: Contest,
    user: Any,
    link_of: Callable[[int], str],
    category_id: int | None = None,
) -> tuple[list[str], list[list[Cell]]]:
    """The header and one row per visible entry."""
    headers = [str(column.header) for column in COLUMNS]
    rows = [
        entry_row(contest, entry, attachments, link_of(entry.id))
        for entry, attachments in visible_entries(session, contest, user, category_id)
    ]
    return headers, rows


def guard_formula(value: Cell) -> Cell:
    """Text a spreadsheet would evaluate gets a leading quote; numbers and other text stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, every field quoted where needed, CRLF line ends."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else guard_formula(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Cell]], title: str) -> bytes:
    """A workbook with a bold, frozen header row, set column widths and a filter on the header."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _sheet_title(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl would otherwise store it as a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _sheet_title(title: str) -> str:
    """Sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "entries"


def export_filename(contest: Contest, extension: str, category: Category | None = None) -> str:
    """An ASCII file name such as ``km-challenge-2565-entries.xlsx``."""
    slug = re.sub(r"[^a-z0-9]+", "-", contest.name.lower()).strip("-")
    year = str(contest.fiscal_year_be)
    if not slug:
        slug = f"contest-{contest.id}"
    if year not in slug:
        slug = f"{slug}-{year}"
    suffix = f"-category-{category.position + 1}" if category is not None else ""
    return f"{slug}{suffix}-entries.{extension}"
