"""Committees, assignments with recusals, scoresheets with scores and their history, pool sign-off, judge invitations.

Revision ID: 619b7c6d4db0
Revises: 7eb9fad48700
Create Date: 2026-11-22 01:03:39.927825

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '619b7c6d4db0'
down_revision = '7eb9fad48700'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_invitation_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitation_token_hash'))
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_user_id'), ['user_id'], unique=False)

    op.create_table('committee_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chair', 'member', 'secretary', name='committeerole', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pool_id'], ['pool.id'], name=op.f('fk_committee_member_pool_id_pool'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_committee_member_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_member')),
    sa.UniqueConstraint('pool_id', 'user_id', name=op.f('uq_committee_member_pool_id_user_id'))
    )
    with op.batch_alter_table('committee_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committee_member_pool_id'), ['pool_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committee_member_user_id'), ['user_id'], unique=False)

    op.create_table('pool_signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['pool_id'], ['pool.id'], name=op.f('fk_pool_signoff_pool_id_pool'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signed_by_id'], ['user_account.id'], name=op.f('fk_pool_signoff_signed_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool_signoff')),
    sa.UniqueConstraint('pool_id', name=op.f('uq_pool_signoff_pool_id'))
    )
    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('recused_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('recusal_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_assignment_entry_id_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judge_id'], ['user_account.id'], name=op.f('fk_assignment_judge_id_user_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pool_id'], ['pool.id'], name=op.f('fk_assignment_pool_id_pool'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('pool_id', 'entry_id', 'judge_id', name=op.f('uq_assignment_pool_id_entry_id_judge_id'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_pool_id'), ['pool_id'], unique=False)

    op.create_table('scoresheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('judge_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'submitted', 'signed', name='sheetstate', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('reopened', sa.Boolean(), nullable=False),
    sa.Column('overall_comment', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('version >= 1', name=op.f('ck_scoresheet_version_positive')),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_scoresheet_entry_id_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judge_id'], ['user_account.id'], name=op.f('fk_scoresheet_judge_id_user_account'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pool_id'], ['pool.id'], name=op.f('fk_scoresheet_pool_id_pool'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoresheet')),
    sa.UniqueConstraint('pool_id', 'entry_id', 'judge_id', name=op.f('uq_scoresheet_pool_id_entry_id_judge_id'))
    )
    with op.batch_alter_table('scoresheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoresheet_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoresheet_judge_id'), ['judge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoresheet_pool_id'), ['pool_id'], unique=False)

    op.create_table('score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('criterion_key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.CheckConstraint('value IS NULL OR value >= 0', name=op.f('ck_score_not_negative')),
    sa.ForeignKeyConstraint(['sheet_id'], ['scoresheet.id'], name=op.f('fk_score_sheet_id_scoresheet'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score')),
    sa.UniqueConstraint('sheet_id', 'criterion_key', name=op.f('uq_score_sheet_id_criterion_key'))
    )
    with op.batch_alter_table('score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('sheet_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('old', sa.JSON(), nullable=False),
    sa.Column('new', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['scoresheet.id'], name=op.f('fk_sheet_event_sheet_id_scoresheet'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sheet_event_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet_event'))
    )
    with op.batch_alter_table('sheet_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sheet_event_sheet_id'), ['sheet_id'], unique=False)

    with op.batch_alter_table('pool', schema=None) as batch_op:
        batch_op.add_column(sa.Column('judges_per_entry', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_pool_judges_positive'), 'judges_per_entry IS NULL OR judges_per_entry >= 1'
        )




def downgrade():

    with op.batch_alter_table('pool', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_pool_judges_positive'), type_='check')
        batch_op.drop_column('judges_per_entry')

    with op.batch_alter_table('sheet_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sheet_event_sheet_id'))

    op.drop_table('sheet_event')
    with op.batch_alter_table('score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_sheet_id'))

    op.drop_table('score')
    with op.batch_alter_table('scoresheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoresheet_pool_id'))
        batch_op.drop_index(batch_op.f('ix_scoresheet_judge_id'))
        batch_op.drop_index(batch_op.f('ix_scoresheet_entry_id'))

    op.drop_table('scoresheet')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_pool_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_judge_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_entry_id'))

    op.drop_table('assignment')
    op.drop_table('pool_signoff')
    with op.batch_alter_table('committee_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committee_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_committee_member_pool_id'))

    op.drop_table('committee_member')
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_user_id'))

    op.drop_table('invitation')

