"""A contest edition, its categories, one round per level of each category, rubrics and pools.

The rules a round judges by (places, advancement, aggregation, ties, conflicts, blind judging) are columns of
the round; ``app.services.rules`` turns them into the plain values of ``judging``. Once a round opens they are
fixed: a later change needs a reason and is kept as a :class:`RoundChange` that entrants can read.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, UTCDateTime, str_enum, utcnow
from app.models.geography import InspectionRegion, Province, Unit
from judging import AggregationMethod, RoundState, Scope


class EntrantKind(enum.StrEnum):
    """Who may enter a category: a person (under their unit) or a unit of one type."""

    PERSON = "person"
    DISTRICT_OFFICE = "district_office"
    PROVINCIAL_OFFICE = "provincial_office"
    OTHER = "other"

    @property
    def is_person(self) -> bool:
        return self is EntrantKind.PERSON


class ConflictScope(enum.StrEnum):
    """What a judge must not share with an entry: its unit only, also its province, or also its region."""

    UNIT = "unit"
    PROVINCE = "province"
    REGION = "region"


LEVEL_CHAINS: tuple[tuple[Scope, ...], ...] = (
    (Scope.PROVINCE, Scope.REGION, Scope.NATIONAL),
    (Scope.REGION, Scope.NATIONAL),
    (Scope.PROVINCE, Scope.NATIONAL),
    (Scope.NATIONAL,),
)


class Contest(Timestamped, Base):
    """One edition of a contest, for example "KM Challenge 2565". ``fiscal_year`` is the C.E. year
    the fiscal year ends in (2022 for ปีงบประมาณ 2565); pages show it in the Buddhist Era."""

    __tablename__ = "contest"
    __table_args__ = (sa.CheckConstraint("fiscal_year BETWEEN 1900 AND 2400", name="fiscal_year_ce"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    fiscal_year: Mapped[int]
    description: Mapped[str] = mapped_column(sa.Text, default="")
    organizer_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    copied_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contest.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    organizer_unit: Mapped[Unit] = relationship()
    categories: Mapped[list[Category]] = relationship(
        back_populates="contest", cascade="all, delete-orphan", order_by="Category.position"
    )

    @property
    def fiscal_year_be(self) -> int:
        return self.fiscal_year + 543


class Category(Base):
    """ประเภท: who may enter, and the chain of levels its entries climb (``levels``, e.g.
    "province,region,national"). ``per_unit_cap`` limits a person category's entries per unit."""

    __tablename__ = "category"
    __table_args__ = (
        sa.UniqueConstraint("contest_id", "position"),
        sa.CheckConstraint("per_unit_cap IS NULL OR per_unit_cap >= 1", name="cap_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name_th: Mapped[str] = mapped_column(sa.String(300))
    name_en: Mapped[str] = mapped_column(sa.String(300), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    entrant_kind: Mapped[EntrantKind] = mapped_column(str_enum(EntrantKind))
    levels: Mapped[str] = mapped_column(sa.String(60))
    per_unit_cap: Mapped[int | None]

    contest: Mapped[Contest] = relationship(back_populates="categories")
    rounds: Mapped[list[Round]] = relationship(
        back_populates="category", cascade="all, delete-orphan", order_by="Round.position"
    )

    @property
    def scopes(self) -> tuple[Scope, ...]:
        return tuple(Scope(name) for name in self.levels.split(","))

    @property
    def first_round(self) -> Round | None:
        return self.rounds[0] if self.rounds else None


class Round(Base):
    """One level of a category (province, region or national), with its rules, dates and state.

    Dates are aware UTC instants; forms enter and pages show them in Buddhist Era, Asia/Bangkok.
    ``tie_breaks`` is the tie-break chain as comma-separated tokens: ``criterion:<key>``,
    ``judges_ranking``, ``median``; the committee's recorded decision always comes last.
    """

    __tablename__ = "contest_round"
    __table_args__ = (
        sa.UniqueConstraint("category_id", "position"),
        sa.CheckConstraint("runners_up BETWEEN 0 AND 10", name="runners_up_range"),
        sa.CheckConstraint("honourable_mentions BETWEEN 0 AND 50", name="mentions_range"),
        sa.CheckConstraint("advance_per_pool >= 1", name="advance_positive"),
        sa.CheckConstraint("min_sheets >= 1", name="min_sheets_positive"),
        sa.CheckConstraint("trim_from >= 3", name="trim_from_minimum"),
        sa.CheckConstraint(
            "submissions_open_at IS NULL OR submissions_close_at IS NULL"
            " OR submissions_open_at < submissions_close_at",
            name="submission_window_order",
        ),
        sa.CheckConstraint(
            "judging_open_at IS NULL OR judging_close_at IS NULL OR judging_open_at < judging_close_at",
            name="judging_window_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("category.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    level: Mapped[Scope] = mapped_column(str_enum(Scope))
    state: Mapped[RoundState] = mapped_column(str_enum(RoundState), default=RoundState.DRAFT)
    runners_up: Mapped[int] = mapped_column(default=3)
    honourable_mentions: Mapped[int] = mapped_column(default=0)
    advance_per_pool: Mapped[int] = mapped_column(default=1)
    aggregation: Mapped[AggregationMethod] = mapped_column(
        str_enum(AggregationMethod), default=AggregationMethod.MEAN
    )
    trim_from: Mapped[int] = mapped_column(default=5)
    min_sheets: Mapped[int] = mapped_column(default=1)
    tie_breaks: Mapped[str] = mapped_column(sa.String(500), default="")
    conflict_scope: Mapped[ConflictScope] = mapped_column(str_enum(ConflictScope), default=ConflictScope.UNIT)
    blind: Mapped[bool] = mapped_column(default=False)
    show_scores: Mapped[bool] = mapped_column(default=True)
    certificate_signer_name: Mapped[str] = mapped_column(sa.String(200), default="")
    certificate_signer_title: Mapped[str] = mapped_column(sa.String(300), default="")
    submissions_open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submissions_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judging_open_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judging_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    announce_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    category: Mapped[Category] = relationship(back_populates="rounds")
    criteria: Mapped[list[RubricCriterion]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RubricCriterion.position"
    )
    pools: Mapped[list[Pool]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Pool.key"
    )
    changes: Mapped[list[RoundChange]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundChange.id"
    )

    @property
    def is_first(self) -> bool:
        return self.position == 0

    @property
    def rules_fixed(self) -> bool:
        """Rules are fixed once the round has opened."""
        return self.state is not RoundState.DRAFT


class RubricCriterion(Base):
    """One criterion of a round's rubric, with the guidance judges read beside it."""

    __tablename__ = "rubric_criterion"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "key"),
        sa.CheckConstraint("max_score > 0", name="max_score_positive"),
        sa.CheckConstraint("weight > 0", name="weight_positive"),
        sa.CheckConstraint("step IS NULL OR step > 0", name="step_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("contest_round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(sa.String(40))
    label_th: Mapped[str] = mapped_column(sa.String(300))
    label_en: Mapped[str] = mapped_column(sa.String(300), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    max_score: Mapped[Decimal] = mapped_column(sa.Numeric(8, 2))
    weight: Mapped[Decimal] = mapped_column(sa.Numeric(8, 3), default=Decimal(1))
    step: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 2))

    round: Mapped[Round] = relationship(back_populates="criteria")


class RoundChange(Base):
    """A change to an open round's rules: who, when, why, and each field's old and new value."""

    __tablename__ = "round_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("contest_round.id", ondelete="CASCADE"), index=True)
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(sa.Text)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)

    round: Mapped[Round] = relationship(back_populates="changes")


class Pool(Base):
    """The entries judged together at one level: one province, one inspection region, or the nation.

    ``key`` is ``judging``'s pool key: ``province:<code>``, ``region:<number>`` or ``national``.
    """

    __tablename__ = "pool"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "key"),
        sa.CheckConstraint("province_id IS NULL OR region_id IS NULL", name="one_place"),
        sa.CheckConstraint("judges_per_entry IS NULL OR judges_per_entry >= 1", name="judges_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("contest_round.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(20))
    province_id: Mapped[int | None] = mapped_column(sa.ForeignKey("province.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("inspection_region.id"), index=True)
    # None: every scoring member of the committee scores every entry; k: k judges per entry, spread evenly.
    judges_per_entry: Mapped[int | None]

    round: Mapped[Round] = relationship(back_populates="pools")
    province: Mapped[Province | None] = relationship()
    region: Mapped[InspectionRegion | None] = relationship()
