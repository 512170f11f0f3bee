"""Indexes for the organizer's pages at 10,000 registrations (benchmarks/README.md).

Counts by status, group, country and gender (dashboard, check-in desk, the
registration list's country choices) and a registration's e-mails no longer
read whole tables.

Revision ID: 5c2f0d8e9a41
Revises: 8bab607e7046
Create Date: 2026-11-29 08:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '5c2f0d8e9a41'
down_revision = '8bab607e7046'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_briefing_profile',
                              ['briefing_id', 'status', 'stakeholder_group_id', 'country',
                               'gender', 'checked_in_at'], unique=False)
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_registration', ['registration_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_registration')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('ix_registration_briefing_profile')
