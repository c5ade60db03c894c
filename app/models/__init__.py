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
from app.models.messaging import (
    JobRun,
    MessageStatus,
    Notification,
    OutboxMessage,
    SchedulerLease,
)
from app.models.results import Advancement, PoolResult, ResultState, TieDecision
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
    "Advancement",
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
    "JobRun",
    "LoginThrottle",
    "MessageStatus",
    "Notification",
    "OutboxMessage",
    "Pool",
    "PoolResult",
    "PoolSignoff",
    "Province",
    "ResultState",
    "Role",
    "RoleAssignment",
    "Round",
    "RoundChange",
    "RubricCriterion",
    "SchedulerLease",
    "Score",
    "Scoresheet",
    "SheetEvent",
    "TieDecision",
    "Unit",
    "UnitType",
    "User",
    "entrant_key",
]
