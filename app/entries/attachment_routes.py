"""Attaching, removing and downloading an entry's files (one file per upload request).

Only people who may see the entry download its files, always as an attachment under a safe name with the
detected kind's type; uploads and removals only while the entry may still be edited.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.entries.forms import AttachmentForm, VersionForm, submitted_version
from app.entries.messages import attachment_message, entry_message
from app.entries.pages import limits, refused, render_entry, upload_dir
from app.extensions import db
from app.models import Attachment, Entry
from app.models.base import utcnow
from app.permissions import can_edit_entry, entry_or_404, require
from app.services import attachments
from app.services import entries as service

Page = str | Response | tuple[str, int]


def attachment_or_404(attachment_id: int) -> Attachment:
    """The attachment, if the current user may see its entry; otherwise 404."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        abort(404)
    entry_or_404(attachment.entry_id)
    return attachment


def _may_change(entry: Entry, version: int | None) -> str | None:
    """Why the entry's files may not change now (closed, or the page is stale), or None."""
    try:
        service.check_version(entry, version)
        decision = service.may_draft(entry, utcnow())
        if not decision:
            raise service.EntryError("closed", refusal=decision.reason)
    except service.EntryError as error:
        return entry_message(error, entry.category.first_round)
    return None


def upload(entry_id: int) -> Page:
    entry = entry_or_404(entry_id)
    require(can_edit_entry(current_user, entry))
    form = AttachmentForm()
    if not form.validate_on_submit():
        return render_entry(entry, upload_form=form, status=400)
    if problem := _may_change(entry, submitted_version(form)):
        return refused(problem, entry)
    try:
        attachment, path = attachments.add_attachment(
            db.session,
            entry,
            stream=form.file.data.stream,
            name=form.file.data.filename or "",
            user=current_user,
            upload_dir=upload_dir(),
            limits=limits(),
        )
    except attachments.AttachmentError as error:
        db.session.rollback()
        form.file.errors = [attachment_message(error)]
        return render_entry(entry, upload_form=form, status=400)
    _commit_or_remove(path)
    flash(_("File %(name)s attached.", name=attachment.original_name), "success")
    return redirect(url_for("entries.show", entry_id=entry.id, _anchor="attachments"))


def _commit_or_remove(path: Path) -> None:
    """Commit the new row; if that fails the written file goes too, so no file is left without a row."""
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        attachments.remove_file(path)
        raise


def delete(attachment_id: int) -> Page:
    attachment = attachment_or_404(attachment_id)
    entry = attachment.entry
    require(can_edit_entry(current_user, entry))
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    if problem := _may_change(entry, submitted_version(form)):
        return refused(problem, entry)
    name = attachment.original_name
    path = attachments.delete_attachment(db.session, attachment, upload_dir())
    db.session.commit()
    attachments.remove_file(path)
    flash(_("File %(name)s removed.", name=name), "success")
    return redirect(url_for("entries.show", entry_id=entry.id, _anchor="attachments"))


def download(attachment_id: int) -> Response:
    attachment = attachment_or_404(attachment_id)
    path = attachments.stored_path(upload_dir(), attachment.stored_name)
    if not path.is_file():
        current_app.logger.error("attachment %s: file %s is missing", attachment.id, path)
        abort(404)
    response = send_file(
        path,
        as_attachment=True,
        download_name=attachments.download_name(attachment),
        mimetype=attachments.KINDS[attachment.kind].mimetype,
        etag=attachment.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.private = True
    return response


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/<int:entry_id>/attachments", view_func=upload, methods=["POST"])
    bp.add_url_rule("/attachments/<int:attachment_id>/delete", view_func=delete, methods=["POST"])
    bp.add_url_rule("/attachments/<int:attachment_id>", view_func=download, methods=["GET"])
