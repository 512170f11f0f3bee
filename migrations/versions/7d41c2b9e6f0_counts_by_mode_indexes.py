"""Places counted per attendance mode from indexes alone.

Every registration counts, under the briefing's lock, the confirmed places of
its mode, and the registration form counts each session's confirmed seats per
mode; with the mode in the indexes neither count reads the rows any more
(benchmarks/README.md). The registrations list offers the countries in use,
read by seeking from one country to the next along a (briefing, country) index.

Revision ID: 7d41c2b9e6f0
Revises: 9244530a3cea
Create Date: 2026-11-29 12:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '7d41c2b9e6f0'
down_revision = '9244530a3cea'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_briefing_mode',
                              ['briefing_id', 'status', 'attendance_mode'], unique=False)
        batch_op.create_index('ix_registration_briefing_country', ['briefing_id', 'country'],
                              unique=False)
    with op.batch_alter_table('session_seat', schema=None) as batch_op:
        batch_op.drop_index('ix_session_seat_session_status')
        batch_op.create_index('ix_session_seat_session_status_mode',
                              ['session_id', 'status', 'mode'], unique=False)


def downgrade():
    with op.batch_alter_table('session_seat', schema=None) as batch_op:
        batch_op.drop_index('ix_session_seat_session_status_mode')
        batch_op.create_index('ix_session_seat_session_status', ['session_id', 'status'],
                              unique=False)
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('ix_registration_briefing_country')
        batch_op.drop_index('ix_registration_briefing_mode')
