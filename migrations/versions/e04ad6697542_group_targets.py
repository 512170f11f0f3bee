"""Group targets: the stakeholder balance an organizer aims for.

Revision ID: e04ad6697542
Revises: a4e85a5514e5
Create Date: 2026-11-29 07:13:19.448046

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e04ad6697542'
down_revision = 'a4e85a5514e5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('group_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('briefing_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.CheckConstraint('percent BETWEEN 0 AND 100', name=op.f('ck_group_target_percent_range')),
    sa.ForeignKeyConstraint(['briefing_id'], ['briefing.id'], name=op.f('fk_group_target_briefing_id_briefing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_group.id'], name=op.f('fk_group_target_stakeholder_group_id_stakeholder_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_target')),
    sa.UniqueConstraint('briefing_id', 'stakeholder_group_id', name=op.f('uq_group_target_briefing_id_stakeholder_group_id'))
    )
    with op.batch_alter_table('group_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_target_stakeholder_group_id'), ['stakeholder_group_id'], unique=False)


def downgrade():
    with op.batch_alter_table('group_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_target_stakeholder_group_id'))
    op.drop_table('group_target')
