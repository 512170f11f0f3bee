"""Privacy: a retention period per briefing, and the time a registration was anonymized.

Revision ID: c3a9e51d7b20
Revises: b7d1c0e4a9f2
Create Date: 2026-11-29 09:00:00.000000

Existing briefings keep their registrations until an organizer sets a retention
period (the column stays empty for them); the settings form offers 365 days
for new ones.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3a9e51d7b20'
down_revision = 'b7d1c0e4a9f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('briefing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_days', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_briefing_retention_positive'),
            'retention_days IS NULL OR retention_days > 0')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymized_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_column('anonymized_at')
    with op.batch_alter_table('briefing', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_briefing_retention_positive'), type_='check')
        batch_op.drop_column('retention_days')
