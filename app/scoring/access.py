"""Who may see and score an entry: a scoring member (chair or member) of the pool's committee who is
assigned to the entry there. Anyone else gets 404, so an entry's existence in another pool or a conflicted
pair is never revealed; a secretary, who organises but does not score, is told so (403)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, make_response, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Assignment, Category, CommitteeMember, CommitteeRole, Entry, Pool, Round, Scoresheet


@dataclass(frozen=True)
class JudgeAccess:
    """A judge's standing on one entry of one pool."""

    pool: Pool
    entry: Entry
    member: CommitteeMember
    assignment: Assignment

    @property
    def recused(self) -> bool:
        return self.assignment.recused_at is not None


def refuse(message: str, status: int = 403) -> None:
    """Stop the request with a page that says plainly why."""
    page = render_template("scoring/refused.html", message=message, status=status)
    abort(make_response(page, status))


def judge_access_or_404(pool_id: int, entry_id: int) -> JudgeAccess:
    """The current user's assignment to the entry in the pool, as a scoring member of its committee."""
    row = db.session.execute(
        sa.select(CommitteeMember, Assignment)
        .outerjoin(
            Assignment,
            sa.and_(
                Assignment.pool_id == CommitteeMember.pool_id,
                Assignment.judge_id == CommitteeMember.user_id,
                Assignment.entry_id == entry_id,
            ),
        )
        .where(CommitteeMember.pool_id == pool_id, CommitteeMember.user_id == current_user.id)
        .options(
            joinedload(CommitteeMember.pool)
            .joinedload(Pool.round)
            .joinedload(Round.category)
            .joinedload(Category.contest),
            joinedload(Assignment.entry),
        )
    ).first()
    if row is None:
        abort(404)
    member, assignment = row
    if member.role is CommitteeRole.SECRETARY:
        refuse(_("The committee's secretary organises the judging but does not score entries."))
    if assignment is None:
        abort(404)
    return JudgeAccess(member.pool, assignment.entry, member, assignment)


def sheet_access_or_404(sheet_id: int) -> tuple[Scoresheet, JudgeAccess]:
    """The current user's own sheet and their access to its entry; another judge's sheet is 404."""
    sheet = db.session.get(Scoresheet, sheet_id)
    if sheet is None or sheet.judge_id != current_user.id:
        abort(404)
    return sheet, judge_access_or_404(sheet.pool_id, sheet.entry_id)


def scoring_pool_ids(user_id: int) -> sa.Select[tuple[int]]:
    """The pools where the user is a scoring member of the committee."""
    return sa.select(CommitteeMember.pool_id).where(
        CommitteeMember.user_id == user_id, CommitteeMember.role != CommitteeRole.SECRETARY
    )
