"""Who may do what: explicit predicates, and loaders that refuse with 404/403.

``login_required`` only says that someone is signed in; every view that shows or changes something scoped
also asks one of these predicates. Organizers see their geography: a national organizer everything, a region
organizer the provinces of the region, a province organizer that province.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user

from app.extensions import db
from app.models import Province, Role, Unit, User


def _user_or_none(user: Any) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def is_admin(user: Any) -> bool:
    account = _user_or_none(user)
    return account is not None and account.has_role(Role.ADMIN)


def can_administer_users(user: Any) -> bool:
    return is_admin(user)


def is_national_organizer(user: Any) -> bool:
    account = _user_or_none(user)
    return account is not None and any(a.is_national for a in account.roles)


def can_organize_region(user: Any, region_id: int) -> bool:
    """National organizers and the region's own organizers."""
    account = _user_or_none(user)
    if account is None:
        return False
    return any(
        a.role == Role.ORGANIZER and (a.is_national or a.region_id == region_id) for a in account.roles
    )


def can_organize_province(user: Any, province: Province) -> bool:
    """National organizers, the organizers of the province's region, and the province's own."""
    account = _user_or_none(user)
    if account is None:
        return False
    return any(
        a.role == Role.ORGANIZER
        and (a.is_national or a.region_id == province.region_id or a.province_id == province.id)
        for a in account.roles
    )


def can_act_for_unit(user: Any, unit: Unit) -> bool:
    """The unit's coordinators act for it (submit its entries)."""
    account = _user_or_none(user)
    return account is not None and any(
        a.role == Role.COORDINATOR and a.unit_id == unit.id for a in account.roles
    )


def can_view_unit(user: Any, unit: Unit) -> bool:
    """A unit's page: its coordinators and officers, organizers covering it, administrators."""
    account = _user_or_none(user)
    if account is None:
        return False
    if is_admin(account) or is_national_organizer(account):
        return True
    if any(a.role in (Role.COORDINATOR, Role.OFFICER) and a.unit_id == unit.id for a in account.roles):
        return True
    return unit.province is not None and can_organize_province(account, unit.province)


def unit_or_404(unit_id: int) -> Unit:
    """The unit, if the current user may see it; otherwise 404 (its existence is not revealed)."""
    unit = db.session.get(Unit, unit_id)
    if unit is None or not can_view_unit(current_user, unit):
        abort(404)
    return unit


def require(allowed: bool) -> None:
    """Abort with 403 unless ``allowed``."""
    if not allowed:
        abort(403)
