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
from app.models.scoring import (
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Invitation,
    PoolSignoff,
    Score,
    Scoresheet,
    SheetEvent,
)
from app.models.users import LoginThrottle, Role, RoleAssignment, User

__all__ = [
    "LEVEL_CHAINS",
    "Assignment",
    "Attachment",
    "Base",
    "Category",
    "CommitteeMember",
    "CommitteeRole",
    "ConflictScope",
    "Contest",
    "District",
    "EntrantKind",
    "Entry",
    "EntryAuthor",
    "EntryState",
    "InspectionRegion",
    "Invitation",
    "LoginThrottle",
    "Pool",
    "PoolSignoff",
    "Province",
    "Role",
    "RoleAssignment",
    "Round",
    "RoundChange",
    "RubricCriterion",
    "Score",
    "Scoresheet",
    "SheetEvent",
    "Unit",
    "UnitType",
    "User",
    "entrant_key",
]
