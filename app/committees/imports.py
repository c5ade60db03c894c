"""Importing a pool's committee from a CSV file of user names and roles, all or nothing."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.committees.blueprint import bp
from app.committees.forms import ImportCommitteeForm
from app.committees.page import Page, committee_page, redirect_to
from app.extensions import db
from app.permissions import pool_or_404
from app.services.committee_import import import_committee


@bp.post("/pools/<int:pool_id>/members/import")
def import_members(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = ImportCommitteeForm()
    errors: list[tuple[int, str]] = []
    if form.validate_on_submit():
        report = import_committee(db.session, pool, form.committee_file.data.read())
        if report.ok:
            db.session.commit()
            flash(_("%(n)d people are on the committee from the file.", n=len(report.added)), "success")
            return redirect_to(pool)
        db.session.rollback()
        errors = report.errors
    return committee_page(pool, 422, import_form=form, import_errors=errors)
