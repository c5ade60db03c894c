"""A unit's own page, for its coordinators and officers and the organizers who cover it."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_login import login_required
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import RoleAssignment, User
from app.models.collation import thai_order
from app.permissions import unit_or_404

bp = Blueprint("units", __name__, url_prefix="/units")


@bp.get("/<int:unit_id>")
@login_required
def show(unit_id: int) -> str:
    unit = unit_or_404(unit_id)
    members = db.session.scalars(
        sa.select(User)
        .where(sa.or_(User.unit_id == unit.id, User.roles.any(RoleAssignment.unit_id == unit.id)))
        .where(User.active.is_(True))
        .order_by(thai_order(User.full_name))
        .options(selectinload(User.roles).selectinload(RoleAssignment.unit))
    ).all()
    return render_template("units/show.html", unit=unit, members=members)
