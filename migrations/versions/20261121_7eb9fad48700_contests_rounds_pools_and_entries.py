"""Contests, categories, rounds with rubrics and rule changes, pools, entries with authors and attachments.

Revision ID: 7eb9fad48700
Revises: a3e5dc87f3d5
Create Date: 2026-11-22 00:40:34.196427

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7eb9fad48700'
down_revision = 'a3e5dc87f3d5'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('contest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('organizer_unit_id', sa.Integer(), nullable=False),
    sa.Column('copied_from_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('fiscal_year BETWEEN 1900 AND 2400', name=op.f('ck_contest_fiscal_year_ce')),
    sa.ForeignKeyConstraint(['copied_from_id'], ['contest.id'], name=op.f('fk_contest_copied_from_id_contest'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_contest_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organizer_unit_id'], ['unit.id'], name=op.f('fk_contest_organizer_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contest'))
    )
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contest_organizer_unit_id'), ['organizer_unit_id'], unique=False)

    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contest_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_th', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('entrant_kind', sa.Enum('person', 'district_office', 'provincial_office', 'other', name='entrantkind', native_enum=False, length=32), nullable=False),
    sa.Column('levels', sa.String(length=60), nullable=False),
    sa.Column('per_unit_cap', sa.Integer(), nullable=True),
    sa.CheckConstraint('per_unit_cap IS NULL OR per_unit_cap >= 1', name=op.f('ck_category_cap_positive')),
    sa.ForeignKeyConstraint(['contest_id'], ['contest.id'], name=op.f('fk_category_contest_id_contest'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('contest_id', 'position', name=op.f('uq_category_contest_id_position'))
    )
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_contest_id'), ['contest_id'], unique=False)

    op.create_table('contest_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('province', 'region', 'national', name='scope', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('draft', 'open', 'judging', 'closed', 'published', name='roundstate', native_enum=False, length=32), nullable=False),
    sa.Column('runners_up', sa.Integer(), nullable=False),
    sa.Column('honourable_mentions', sa.Integer(), nullable=False),
    sa.Column('advance_per_pool', sa.Integer(), nullable=False),
    sa.Column('aggregation', sa.Enum('mean', 'median', 'trimmed_mean', 'zscore', name='aggregationmethod', native_enum=False, length=32), nullable=False),
    sa.Column('trim_from', sa.Integer(), nullable=False),
    sa.Column('min_sheets', sa.Integer(), nullable=False),
    sa.Column('tie_breaks', sa.String(length=500), nullable=False),
    sa.Column('conflict_scope', sa.Enum('unit', 'province', 'region', name='conflictscope', native_enum=False, length=32), nullable=False),
    sa.Column('blind', sa.Boolean(), nullable=False),
    sa.Column('show_scores', sa.Boolean(), nullable=False),
    sa.Column('submissions_open_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submissions_close_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('judging_open_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('judging_close_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('announce_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('advance_per_pool >= 1', name=op.f('ck_contest_round_advance_positive')),
    sa.CheckConstraint('honourable_mentions BETWEEN 0 AND 50', name=op.f('ck_contest_round_mentions_range')),
    sa.CheckConstraint('judging_open_at IS NULL OR judging_close_at IS NULL OR judging_open_at < judging_close_at', name=op.f('ck_contest_round_judging_window_order')),
    sa.CheckConstraint('min_sheets >= 1', name=op.f('ck_contest_round_min_sheets_positive')),
    sa.CheckConstraint('runners_up BETWEEN 0 AND 10', name=op.f('ck_contest_round_runners_up_range')),
    sa.CheckConstraint('submissions_open_at IS NULL OR submissions_close_at IS NULL OR submissions_open_at < submissions_close_at', name=op.f('ck_contest_round_submission_window_order')),
    sa.CheckConstraint('trim_from >= 3', name=op.f('ck_contest_round_trim_from_minimum')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_contest_round_category_id_category'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contest_round')),
    sa.UniqueConstraint('category_id', 'position', name=op.f('uq_contest_round_category_id_position'))
    )
    with op.batch_alter_table('contest_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contest_round_category_id'), ['category_id'], unique=False)

    op.create_table('pool',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('province_id IS NULL OR region_id IS NULL', name=op.f('ck_pool_one_place')),
    sa.ForeignKeyConstraint(['province_id'], ['province.id'], name=op.f('fk_pool_province_id_province')),
    sa.ForeignKeyConstraint(['region_id'], ['inspection_region.id'], name=op.f('fk_pool_region_id_inspection_region')),
    sa.ForeignKeyConstraint(['round_id'], ['contest_round.id'], name=op.f('fk_pool_round_id_contest_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool')),
    sa.UniqueConstraint('round_id', 'key', name=op.f('uq_pool_round_id_key'))
    )
    with op.batch_alter_table('pool', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pool_province_id'), ['province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pool_round_id'), ['round_id'], unique=False)

    op.create_table('round_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_round_change_changed_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['contest_round.id'], name=op.f('fk_round_change_round_id_contest_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_change'))
    )
    with op.batch_alter_table('round_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_change_round_id'), ['round_id'], unique=False)

    op.create_table('rubric_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('label_th', sa.String(length=300), nullable=False),
    sa.Column('label_en', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('max_score', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('weight', sa.Numeric(precision=8, scale=3), nullable=False),
    sa.Column('step', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.CheckConstraint('max_score > 0', name=op.f('ck_rubric_criterion_max_score_positive')),
    sa.CheckConstraint('step IS NULL OR step > 0', name=op.f('ck_rubric_criterion_step_positive')),
    sa.CheckConstraint('weight > 0', name=op.f('ck_rubric_criterion_weight_positive')),
    sa.ForeignKeyConstraint(['round_id'], ['contest_round.id'], name=op.f('fk_rubric_criterion_round_id_contest_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rubric_criterion')),
    sa.UniqueConstraint('round_id', 'key', name=op.f('uq_rubric_criterion_round_id_key'))
    )
    with op.batch_alter_table('rubric_criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rubric_criterion_round_id'), ['round_id'], unique=False)

    op.create_table('entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('entrant_key', sa.String(length=40), nullable=False),
    sa.Column('state', sa.Enum('draft', 'submitted', 'withdrawn', name='entrystate', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('video_url', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(state = 'submitted') = (submitted_at IS NOT NULL)", name=op.f('ck_entry_submitted_has_time')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_entry_category_id_category'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_entry_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['user_account.id'], name=op.f('fk_entry_person_id_user_account')),
    sa.ForeignKeyConstraint(['pool_id'], ['pool.id'], name=op.f('fk_entry_pool_id_pool')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_entry_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry')),
    sa.UniqueConstraint('category_id', 'entrant_key', name=op.f('uq_entry_category_id_entrant_key'))
    )
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_pool_id'), ['pool_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_unit_id'), ['unit_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('size_bytes > 0', name=op.f('ck_attachment_not_empty')),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_attachment_entry_id_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_attachment_uploaded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_attachment_stored_name'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_entry_id'), ['entry_id'], unique=False)

    op.create_table('entry_author',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_entry_author_entry_id_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_author')),
    sa.UniqueConstraint('entry_id', 'position', name=op.f('uq_entry_author_entry_id_position'))
    )
    with op.batch_alter_table('entry_author', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_author_entry_id'), ['entry_id'], unique=False)

    


def downgrade():
    
    with op.batch_alter_table('entry_author', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_author_entry_id'))

    op.drop_table('entry_author')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_entry_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_unit_id'))
        batch_op.drop_index(batch_op.f('ix_entry_pool_id'))
        batch_op.drop_index(batch_op.f('ix_entry_person_id'))
        batch_op.drop_index(batch_op.f('ix_entry_category_id'))

    op.drop_table('entry')
    with op.batch_alter_table('rubric_criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rubric_criterion_round_id'))

    op.drop_table('rubric_criterion')
    with op.batch_alter_table('round_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_change_round_id'))

    op.drop_table('round_change')
    with op.batch_alter_table('pool', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pool_round_id'))
        batch_op.drop_index(batch_op.f('ix_pool_region_id'))
        batch_op.drop_index(batch_op.f('ix_pool_province_id'))

    op.drop_table('pool')
    with op.batch_alter_table('contest_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contest_round_category_id'))

    op.drop_table('contest_round')
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_contest_id'))

    op.drop_table('category')
    with op.batch_alter_table('contest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contest_organizer_unit_id'))

    op.drop_table('contest')
    
