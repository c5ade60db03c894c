"""Thai first: locale choice, Buddhist Era dates and Bangkok times for templates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask import Flask, current_app, session
from flask_babel import get_locale
from flask_login import current_user

from app.models.base import utcnow
from app.models.collation import thai_sort_key

T = TypeVar("T")

BANGKOK = ZoneInfo("Asia/Bangkok")
BUDDHIST_ERA_OFFSET = 543


def select_locale() -> str:
    """The signed-in user's language, else the one chosen in this browser, else Thai."""
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return str(current_user.locale)
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def select_timezone() -> str:
    return "Asia/Bangkok"


def _locale_code() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "th"


def to_bangkok(moment: datetime) -> datetime:
    """A stored (UTC, aware) time as Bangkok wall-clock time."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: cannot place it in Asia/Bangkok")
    return moment.astimezone(BANGKOK)


def buddhist_year(year: int) -> int:
    return year + BUDDHIST_ERA_OFFSET


def thai_date(value: date | datetime | None, locale: str | None = None) -> str:
    """21 กรกฎาคม 2565 in Thai (Buddhist Era), 21 July 2022 in English."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_bangkok(value).date()
    locale = locale or _locale_code()
    if locale == "th":
        return format_date(value, format=f"d MMMM '{buddhist_year(value.year)}'", locale="th")
    return format_date(value, format="d MMMM yyyy", locale=locale)


def thai_datetime(value: datetime | None, locale: str | None = None) -> str:
    """21 กรกฎาคม 2565 เวลา 14:30 น. in Thai; 21 July 2022, 14:30 in English (Bangkok time)."""
    if value is None:
        return ""
    local = to_bangkok(value)
    locale = locale or _locale_code()
    clock = format_time(local.time(), format="HH:mm", locale=locale)
    if locale == "th":
        return f"{thai_date(local, 'th')} เวลา {clock} น."
    return f"{thai_date(local, locale)}, {clock}"


def thai_sorted(items: Iterable[T], attribute: str) -> list[T]:
    """Sort objects by a Thai text attribute in dictionary order (not code-point order)."""
    return sorted(items, key=lambda item: thai_sort_key(str(getattr(item, attribute))))


def register_filters(app: Flask) -> None:
    app.add_template_filter(thai_sorted, "thai_sorted")
    app.add_template_filter(thai_date, "thai_date")
    app.add_template_filter(thai_datetime, "thai_datetime")
    app.add_template_filter(buddhist_year, "be_year")

    @app.context_processor
    def inject_locale() -> dict[str, object]:
        return {"current_locale": _locale_code(), "now_utc": utcnow()}
