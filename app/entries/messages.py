"""What the entry pages say when something is refused, in the user's language."""

from __future__ import annotations

from flask_babel import gettext as _

from app.i18n import thai_datetime
from app.models import Entry, Round
from app.services.attachments import AttachmentError
from app.services.entries import EntryError
from judging import Refusal


def window_message(refusal: Refusal | None, round_: Round | None) -> str:
    """Why the submission window refuses: closed or not yet open (with the date), or not open at all."""
    if round_ is not None and refusal is Refusal.TOO_LATE:
        return _(
            "Submissions for this category closed on %(date)s. Nothing was changed.",
            date=thai_datetime(round_.submissions_close_at),
        )
    if round_ is not None and refusal is Refusal.TOO_EARLY:
        return _(
            "Submissions for this category open on %(date)s. You can keep working on the draft until then.",
            date=thai_datetime(round_.submissions_open_at),
        )
    return _("This category is not open for entries.")


def field_names(missing: tuple[str, ...]) -> str:
    names = {
        "title": _("title"),
        "summary": _("summary"),
        "body": _("body"),
        "authors": _("authors"),
    }
    return ", ".join(names[name] for name in missing)


def entry_message(error: EntryError, round_: Round | None) -> str:
    if error.code == "closed":
        return window_message(error.refusal, round_)
    if error.code == "stale":
        return _(
            "This entry was changed in another window (or by someone else) after you opened this page. "
            "Your request was not applied; the entry as it is now is shown."
        )
    if error.code == "incomplete":
        return _("The entry is not complete. Still missing: %(fields)s.", fields=field_names(error.missing))
    if error.code == "cap_reached":
        return _(
            "Your unit already has %(cap)s entries in this category, the most each unit may send.",
            cap=error.cap,
        )
    return _("This round has no pool for your unit's province or region. Please contact the organizers.")


def attachment_message(error: AttachmentError) -> str:
    messages = {
        "not_allowed": _("Only PDF, DOCX, PPTX, XLSX, JPG and PNG files can be attached."),
        "empty": _("The file is empty."),
        "unrecognised": _("The file's content is not a PDF, DOCX, PPTX, XLSX, JPG or PNG file."),
        "mismatch": _(
            "The file's content does not match its name (for example a renamed file). Save it in its real "
            "format and try again."
        ),
        "encrypted": _("Password-protected files cannot be attached."),
    }
    if error.code == "too_large":
        return _("The file is larger than %(limit)s MB.", limit=error.limit_mb)
    if error.code == "entry_full":
        return _(
            "The entry's files together would exceed %(limit)s MB. Remove a file first.", limit=error.limit_mb
        )
    return messages[error.code]


def existing_message(entry: Entry) -> str:
    if entry.person_id is not None:
        return _("You already have an entry in this category; here it is. Nothing new was created.")
    return _("Your unit already has an entry in this category; here it is. Nothing new was created.")
