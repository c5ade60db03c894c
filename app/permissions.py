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
from app.models import Contest, EntrantKind, Entry, Pool, Province, Role, Unit, UnitType, User


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


def can_manage_contests(user: Any) -> bool:
    """Contests, categories and round rules are set by the national organizers (and administrators)."""
    return is_admin(user) or is_national_organizer(user)


def can_amend_open_round(user: Any) -> bool:
    """Changing an open round's rules (with a recorded reason) is for national organizers only."""
    return is_national_organizer(user)


def is_organizer(user: Any) -> bool:
    account = _user_or_none(user)
    return account is not None and (account.has_role(Role.ORGANIZER) or is_admin(account))


def can_organize_pool(user: Any, pool: Pool) -> bool:
    """A province pool: the province's organizers (and its region's, and national); a region pool: the
    region's organizers and national; the national pool: national organizers. Administrators: all."""
    if is_admin(user):
        return True
    if pool.province is not None:
        return can_organize_province(user, pool.province)
    if pool.region_id is not None:
        return can_organize_region(user, pool.region_id)
    return is_national_organizer(user)


def organizer_scope(user: Any) -> tuple[bool, set[int], set[int]]:
    """(sees everything, region ids, province ids) an organizer covers, for filtering lists in SQL."""
    account = _user_or_none(user)
    if account is None:
        return False, set(), set()
    if is_admin(account) or is_national_organizer(account):
        return True, set(), set()
    regions = {a.region_id for a in account.roles if a.role == Role.ORGANIZER and a.region_id is not None}
    provinces = {
        a.province_id for a in account.roles if a.role == Role.ORGANIZER and a.province_id is not None
    }
    return False, regions, provinces


UNIT_TYPE_FOR = {
    EntrantKind.DISTRICT_OFFICE: UnitType.DISTRICT_OFFICE,
    EntrantKind.PROVINCIAL_OFFICE: UnitType.PROVINCIAL_OFFICE,
    EntrantKind.OTHER: UnitType.OTHER,
}


def units_user_may_enter(user: Any, kind: EntrantKind) -> list[Unit]:
    """The units this person may enter a category for: a unit category through a coordinator role on a
    unit of the right type; a person category through an officer role (a story of their own)."""
    account = _user_or_none(user)
    if account is None:
        return []
    if kind.is_person:
        return [a.unit for a in account.roles if a.role == Role.OFFICER and a.unit is not None]
    return [
        a.unit
        for a in account.roles
        if a.role == Role.COORDINATOR and a.unit is not None and a.unit.unit_type == UNIT_TYPE_FOR[kind]
    ]


def can_edit_entry(user: Any, entry: Entry) -> bool:
    """A unit's entry: its coordinators. A person's entry: that person, while still an officer of the unit."""
    account = _user_or_none(user)
    if account is None:
        return False
    if entry.person_id is not None:
        return entry.person_id == account.id and any(
            a.role == Role.OFFICER and a.unit_id == entry.unit_id for a in account.roles
        )
    return can_act_for_unit(account, entry.unit)


def can_view_entry(user: Any, entry: Entry) -> bool:
    """The entrant, the unit's coordinators, and the organizers of the entry's pool."""
    account = _user_or_none(user)
    if account is None:
        return False
    if can_edit_entry(account, entry) or can_act_for_unit(account, entry.unit):
        return True
    return can_organize_pool(account, entry.pool)


def entry_or_404(entry_id: int) -> Entry:
    """The entry, if the current user may see it; otherwise 404 (another unit's entry is not revealed)."""
    entry = db.session.get(Entry, entry_id)
    if entry is None or not can_view_entry(current_user, entry):
        abort(404)
    return entry


def pool_or_404(pool_id: int) -> Pool:
    """The pool, if the current user organizes it; otherwise 404."""
    pool = db.session.get(Pool, pool_id)
    if pool is None or not can_organize_pool(current_user, pool):
        abort(404)
    return pool


def contest_or_404(contest_id: int) -> Contest:
    contest = db.session.get(Contest, contest_id)
    if contest is None:
        abort(404)
    return contest


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
