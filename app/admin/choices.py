"""Choices for the account form, and the translation between its fields and role assignments."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.admin.forms import UserForm
from app.extensions import db
from app.models import InspectionRegion, Province, Role, Unit, User
from app.models.collation import thai_order
from app.services.accounts import RoleSpec

NO_SCOPE = ""
NATIONAL = "national"


def unit_choices() -> list[tuple[int, str]]:
    """Every unit, the department first, then offices in Thai order of province and name."""
    rows = db.session.execute(
        sa.select(Unit.id, Unit.short_name_th, Province.name_th)
        .outerjoin(Province, Unit.province_id == Province.id)
        .order_by(
            Province.name_th.is_not(None),
            thai_order(sa.func.coalesce(Province.name_th, "")),
            thai_order(Unit.short_name_th),
        )
    ).all()
    return [(0, "—")] + [
        (unit_id, f"{name} ({province})" if province else name) for unit_id, name, province in rows
    ]


def organizer_scope_choices() -> list[tuple[str, str]]:
    regions = db.session.execute(
        sa.select(InspectionRegion.number, InspectionRegion.name_th).order_by(InspectionRegion.number)
    ).all()
    provinces = db.session.execute(
        sa.select(Province.code, Province.name_th).order_by(thai_order(Province.name_th))
    ).all()
    return (
        [(NO_SCOPE, _("Not an organizer")), (NATIONAL, _("The whole country"))]
        + [(f"region:{number}", name) for number, name in regions]
        + [(f"province:{code}", _("Province %(name)s", name=name)) for code, name in provinces]
    )


def fill_role_fields(form: UserForm, user: User) -> None:
    form.unit_id.data = user.unit_id or 0
    form.is_admin.data = user.has_role(Role.ADMIN)
    form.is_judge.data = user.has_role(Role.JUDGE)
    form.is_coordinator.data = user.has_role(Role.COORDINATOR)
    form.is_officer.data = user.has_role(Role.OFFICER)
    form.organizer_scope.data = NO_SCOPE
    for assignment in user.roles:
        if assignment.role != Role.ORGANIZER:
            continue
        if assignment.region is not None:
            form.organizer_scope.data = f"region:{assignment.region.number}"
        elif assignment.province is not None:
            form.organizer_scope.data = f"province:{assignment.province.code}"
        else:
            form.organizer_scope.data = NATIONAL


def _organizer_spec(scope: str) -> RoleSpec | None:
    kind, _sep, code = scope.partition(":")
    if kind == NATIONAL:
        return RoleSpec(Role.ORGANIZER)
    if kind == "region":
        region_id = db.session.scalar(
            sa.select(InspectionRegion.id).where(InspectionRegion.number == int(code))
        )
        return RoleSpec(Role.ORGANIZER, region_id=region_id)
    if kind == "province":
        province_id = db.session.scalar(sa.select(Province.id).where(Province.code == code))
        return RoleSpec(Role.ORGANIZER, province_id=province_id)
    return None


def role_specs(form: UserForm) -> tuple[list[RoleSpec], str | None]:
    """The roles the form asks for, or an error when a unit role has no unit."""
    unit_id = form.unit_id.data or None
    specs: list[RoleSpec] = []
    if form.is_admin.data:
        specs.append(RoleSpec(Role.ADMIN))
    if form.is_judge.data:
        specs.append(RoleSpec(Role.JUDGE))
    if (organizer := _organizer_spec(form.organizer_scope.data or NO_SCOPE)) is not None:
        specs.append(organizer)
    for wanted, role in (
        (form.is_coordinator.data, Role.COORDINATOR),
        (form.is_officer.data, Role.OFFICER),
    ):
        if wanted and unit_id is None:
            return [], _("Coordinators and officers need a unit.")
        if wanted:
            specs.append(RoleSpec(role, unit_id=unit_id))
    return specs, None
