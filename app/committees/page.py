"""The committee page, rendered with the form that was posted (its errors and input) or fresh forms."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.committees.forms import (
    REASON_LABELS,
    ROLE_LABELS,
    AddMemberForm,
    ImportCommitteeForm,
    InviteForm,
    JudgesPerEntryForm,
    RecuseForm,
    ReplaceForm,
)
from app.extensions import db
from app.forms import EmptyForm
from app.models import Assignment, Pool, Unit, UnitType
from app.services import committees
from app.services.committee_import import COLUMNS
from app.services.committees import CommitteeError
from judging import ConflictReason

Page = str | tuple[str, int]


def redirect_to(pool: Pool) -> Response:
    return redirect(url_for("committees.pool", pool_id=pool.id))


def fill_choices(pool: Pool, recuse: RecuseForm, replace: ReplaceForm) -> None:
    assignments = committees.assignments_of(db.session, pool)
    recuse.recuse_assignment.choices = [_choice(a) for a in assignments if a.recused_at is None]
    replace.replace_assignment.choices = [_choice(a) for a in assignments if a.recused_at is not None]
    replace.new_judge.choices = [
        SelectChoice(str(j.id), j.full_name) for j in committees.scoring_judges(db.session, pool)
    ]


def _choice(assignment: Assignment) -> SelectChoice:
    label = f"{assignment.entry.title} ({assignment.entry.unit.short_name_th}) · {assignment.judge.full_name}"
    return SelectChoice(str(assignment.id), label)


def unit_suggestions(pool: Pool) -> list[Unit]:
    """Units a new judge may work in, for the invitation form: the pool's province, else offices above
    district level."""
    query = sa.select(Unit).order_by(Unit.code)
    if pool.province_id is not None:
        query = query.where(Unit.province_id == pool.province_id)
    else:
        query = query.where(Unit.unit_type != UnitType.DISTRICT_OFFICE)
    return list(db.session.scalars(query.limit(300)))


def committee_page(pool: Pool, status: int = 200, **posted: Any) -> Page:
    """The committee page; ``posted`` holds the form that was sent and, for an import, its errors."""
    forms = {
        "add_form": posted.get("add_form") or AddMemberForm(formdata=None),
        "size_form": posted.get("size_form")
        or JudgesPerEntryForm(formdata=None, judges_per_entry=pool.judges_per_entry),
        "recuse_form": posted.get("recuse_form") or RecuseForm(formdata=None),
        "replace_form": posted.get("replace_form") or ReplaceForm(formdata=None),
        "invite_form": posted.get("invite_form") or InviteForm(formdata=None),
        "import_form": posted.get("import_form") or ImportCommitteeForm(formdata=None),
    }
    fill_choices(pool, forms["recuse_form"], forms["replace_form"])
    html = render_template(
        "committees/pool.html",
        pool=pool,
        round=pool.round,
        members=committees.members_of(db.session, pool),
        candidates=committees.judge_candidates(db.session, pool),
        matrix=committees.matrix(db.session, pool),
        short=committees.lacking_judges(db.session, pool),
        role_labels=ROLE_LABELS,
        reason_labels=REASON_LABELS,
        action_form=EmptyForm(),
        units=unit_suggestions(pool),
        import_columns=COLUMNS,
        import_errors=posted.get("import_errors") or [],
        **forms,
    )
    return (html, status) if status != 200 else html


def committee_error(error: CommitteeError) -> str:
    messages = {
        "second_chair": _("The committee already has a chair (%(name)s).", name=error.detail),
        "not_a_judge": _("No active account with the judge role has this user name."),
        "reason_required": _("Give the reason for the recusal."),
        "already_recused": _("This judge has already recused."),
        "not_recused": _("Only a recused judge can be replaced."),
        "not_a_scoring_member": _("The new judge must be the chair or a member of this committee."),
        "already_assigned": _("This judge is already assigned to the entry."),
    }
    if error.code == "conflict":
        reasons = ", ".join(str(REASON_LABELS[ConflictReason(r)]) for r in error.detail.split(","))
        return _("This judge may not score the entry: %(reasons)s.", reasons=reasons)
    return messages.get(error.code, error.code)
