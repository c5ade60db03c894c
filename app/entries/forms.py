"""Forms of this blueprint: the entry with its authors, one attachment, bare buttons with the version."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import FieldList, Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.models import Entry, User
from app.services.entries import (
    AUTHOR_FIELD_MAX,
    AUTHORS_MAX,
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    VIDEO_URL_MAX,
    Author,
    EntryContent,
)

BLANK_AUTHOR_ROWS = 2
_AUTHOR_NAME = re.compile(r"authors-(\d+)-full_name")


def _limit(count: int) -> Any:
    return _l("At most %(count)s characters.", count=f"{count:,}")


def web_address(form: Any, field: Any) -> None:
    """Only a full http(s) address: no javascript:, no bare words, no spaces."""
    value = (field.data or "").strip()
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
        raise ValidationError(_l("Give a web address starting with http:// or https://."))


class AuthorForm(Form):
    full_name = StringField(_l("Name"), validators=[Length(max=AUTHOR_FIELD_MAX)])
    job_title = StringField(_l("Position"), validators=[Length(max=AUTHOR_FIELD_MAX)])

    def validate_full_name(self, field: Any) -> None:
        if (self.job_title.data or "").strip() and not (field.data or "").strip():
            raise ValidationError(_l("Write the author's name, or clear the position."))


class EntryForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)], description=_limit(TITLE_MAX)
    )
    summary = TextAreaField(
        _l("Summary"),
        validators=[Length(max=SUMMARY_MAX)],
        description=_l("A short abstract. At most %(count)s characters.", count=f"{SUMMARY_MAX:,}"),
        render_kw={"rows": 4, "maxlength": SUMMARY_MAX},
    )
    body = TextAreaField(
        _l("Body"),
        validators=[Length(max=BODY_MAX)],
        description=_l(
            "Leave a blank line between paragraphs, or use the buttons for bold, italic, headings, lists "
            "and links. At most %(count)s characters.",
            count=f"{BODY_MAX:,}",
        ),
        render_kw={"rows": 14},
    )
    video_url = StringField(
        _l("Video link (optional)"),
        validators=[Optional(), Length(max=VIDEO_URL_MAX), web_address],
        description=_l("For example a YouTube link: https://www.youtube.com/watch?v=…"),
        render_kw={"inputmode": "url", "placeholder": "https://"},
    )
    authors = FieldList(FormField(AuthorForm), max_entries=AUTHORS_MAX)
    version = HiddenField()

    def __init__(self, *args: Any, authors_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.authors_required = authors_required

    def validate_authors(self, field: Any) -> None:
        if self.authors_required and not self.author_rows():
            raise ValidationError(_l("Name at least one author."))
        if self._posted_author_count() > AUTHORS_MAX:
            raise ValidationError(_l("At most %(count)s authors.", count=AUTHORS_MAX))

    @staticmethod
    def _posted_author_count() -> int:
        """Named authors in the request (the field list silently drops rows past its maximum)."""
        names = (key for key, value in request.form.items() if value.strip())
        return len({match[1] for key in names if (match := _AUTHOR_NAME.fullmatch(key))})

    def author_rows(self) -> tuple[Author, ...]:
        rows = (row.form for row in self.authors)
        return tuple(
            Author((row.full_name.data or "").strip(), (row.job_title.data or "").strip())
            for row in rows
            if (row.full_name.data or "").strip()
        )

    def content(self) -> EntryContent:
        return EntryContent(
            title=self.title.data or "",
            summary=self.summary.data or "",
            body=self.body.data or "",
            video_url=self.video_url.data or "",
            authors=self.author_rows(),
        )

    def pad_authors(self) -> None:
        """Show the authors plus a few blank rows (never more than the maximum)."""
        wanted = min(AUTHORS_MAX, max(len(self.author_rows()) + BLANK_AUTHOR_ROWS, 3))
        while len(self.authors.entries) < wanted:
            self.authors.append_entry()


def form_for_entry(entry: Entry) -> EntryForm:
    form = EntryForm(
        data={
            "title": entry.title,
            "summary": entry.summary,
            "body": entry.body_html,
            "video_url": entry.video_url,
            "version": str(entry.version),
            "authors": [{"full_name": a.full_name, "job_title": a.job_title} for a in entry.authors],
        },
        authors_required=entry.category.entrant_kind.is_person,
    )
    form.pad_authors()
    return form


def new_form(user: User, is_person: bool) -> EntryForm:
    """A blank entry; a storyteller is its own first author, with their position."""
    authors = [{"full_name": user.full_name, "job_title": user.position}] if is_person else []
    form = EntryForm(data={"authors": authors}, authors_required=is_person)
    form.pad_authors()
    return form


def submitted_version(form: FlaskForm) -> int | None:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


class AttachmentForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file."))])
    version = HiddenField()


class VersionForm(FlaskForm):
    """Submit, withdraw and delete buttons: the CSRF token and the version the page showed."""

    version = HiddenField()
