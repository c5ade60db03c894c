"""All models, imported here so that metadata (and Alembic) sees every table."""

from app.models.base import Base
from app.models.contests import (
    LEVEL_CHAINS,
    Category,
    ConflictScope,
    Contest,
    EntrantKind,
    Pool,
    Round,
    RoundChange,
    RubricCriterion,
)
from app.models.entries import Attachment, Entry, EntryAuthor, EntryState, entrant_key
from app.models.geography import District, InspectionRegion, Province, Unit, UnitType
from app.models.users import LoginThrottle, Role, RoleAssignment, User

__all__ = [
    "LEVEL_CHAINS",
    "Attachment",
    "Base",
    "Category",
    "ConflictScope",
    "Contest",
    "District",
    "EntrantKind",
    "Entry",
    "EntryAuthor",
    "EntryState",
    "InspectionRegion",
    "LoginThrottle",
    "Pool",
    "Province",
    "Role",
    "RoleAssignment",
    "Round",
    "RoundChange",
    "RubricCriterion",
    "Unit",
    "UnitType",
    "User",
    "entrant_key",
]
