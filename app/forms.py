"""Forms shared by several blueprints."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import AnyOf, ValidationError

from app.i18n import BANGKOK


class EmptyForm(FlaskForm):
    """For bare POST buttons: carries only the CSRF token."""


class LanguageForm(FlaskForm):
    lang = HiddenField(validators=[AnyOf(("th", "en"))])
    next = HiddenField()


class ThaiDateTimeField(StringField):
    """A Bangkok date and time typed in the Buddhist Era: ``31/05/2565 16:30`` (time optional).

    The value is an aware UTC datetime. Without a time, the day starts at 00:00, or, for a field made with
    ``end_of_day=True`` (a closing time), the day is included whole: ``31/05/2565`` closes at the end of
    31 May (shown back as ``31/05/2565 24:00``).
    """

    def __init__(self, label: Any = None, validators: Any = None, end_of_day: bool = False, **kwargs: Any):
        kwargs.setdefault("description", _l("Day/month/year in B.E., time optional, e.g. 31/05/2565 16:30"))
        kwargs.setdefault("render_kw", {"placeholder": "31/05/2565 16:30", "inputmode": "numeric"})
        super().__init__(label, validators, **kwargs)
        self.end_of_day = end_of_day

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if isinstance(self.data, datetime):
            return format_thai_datetime_input(self.data, self.end_of_day)
        return ""

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        try:
            self.data = parse_thai_datetime(text, self.end_of_day)
        except ValueError as error:
            self.data = None
            raise ValidationError(str(error)) from error


_THAI_DATETIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[:.](\d{2})(?:\s*น\.)?)?$")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def parse_thai_datetime(text: str, end_of_day: bool = False) -> datetime:
    """Parse ``d/m/yyyy [HH:MM]`` (B.E. year, Bangkok time, Thai digits allowed) into aware UTC."""
    match = _THAI_DATETIME.match(text.translate(_THAI_DIGITS).strip())
    if not match:
        raise ValueError(_("Write the date as day/month/year in B.E., e.g. 31/05/2565 16:30."))
    day, month, year_be = int(match[1]), int(match[2]), int(match[3])
    if not 2400 <= year_be <= 2700:
        raise ValueError(_("Write the year in the Buddhist Era (for example 2565), not A.D."))
    hour = int(match[4]) if match[4] is not None else None
    minute = int(match[5]) if match[5] is not None else 0
    extra_day = (hour == 24 and minute == 0) or (hour is None and end_of_day)
    if (hour == 24 and minute == 0) or hour is None:
        hour = 0
    try:
        local = datetime(year_be - 543, month, day, hour, minute, tzinfo=BANGKOK)
    except ValueError as error:
        raise ValueError(_("There is no such date or time.")) from error
    if extra_day:
        local += timedelta(days=1)
    return local.astimezone(UTC)


def format_thai_datetime_input(moment: datetime, end_of_day: bool = False) -> str:
    """The inverse of :func:`parse_thai_datetime`; a closing midnight shows as 24:00 of the day before."""
    local = moment.astimezone(BANGKOK)
    if end_of_day and (local.hour, local.minute) == (0, 0):
        day = local - timedelta(days=1)
        return f"{day.day:02d}/{day.month:02d}/{day.year + 543} 24:00"
    return f"{local.day:02d}/{local.month:02d}/{local.year + 543} {local.hour:02d}:{local.minute:02d}"
