"""Hybrid attendance (format, meeting link, dial-in, online seats, each registrant's mode)
and briefing and session content in the briefing's other languages.

Revision ID: 9244530a3cea
Revises: 5c2f0d8e9a41
Create Date: 2026-11-29 09:15:55.395563

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9244530a3cea'
down_revision = '5c2f0d8e9a41'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('briefing_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('briefing_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['briefing_id'], ['briefing.id'], name=op.f('fk_briefing_translation_briefing_id_briefing'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_briefing_translation')),
    sa.UniqueConstraint('briefing_id', 'language', name=op.f('uq_briefing_translation_briefing_id_language'))
    )
    op.create_table('session_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['briefing_session.id'], name=op.f('fk_session_translation_session_id_briefing_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_translation')),
    sa.UniqueConstraint('session_id', 'language', name=op.f('uq_session_translation_session_id_language'))
    )
    with op.batch_alter_table('briefing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('format', sa.Enum('in_person', 'online', 'hybrid', name='briefing_format', native_enum=False, create_constraint=True), server_default='in_person', nullable=False))
        batch_op.add_column(sa.Column('meeting_link', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('dial_in', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('online_capacity', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_briefing_online_capacity_positive'),
            'online_capacity IS NULL OR online_capacity >= 0')

    with op.batch_alter_table('briefing_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dial_in', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('online_capacity', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_briefing_session_online_capacity_positive'),
            'online_capacity IS NULL OR online_capacity >= 0')

    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attendance_mode', sa.Enum('in_person', 'online', name='attendance_mode', native_enum=False, create_constraint=True), server_default='in_person', nullable=False))

    with op.batch_alter_table('session_seat', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mode', sa.Enum('in_person', 'online', name='seat_mode', native_enum=False, create_constraint=True), server_default='in_person', nullable=False))



def downgrade():
    with op.batch_alter_table('session_seat', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_session_seat_seat_mode'), type_='check')
        batch_op.drop_column('mode')

    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_registration_attendance_mode'), type_='check')
        batch_op.drop_column('attendance_mode')

    with op.batch_alter_table('briefing_session', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_briefing_session_online_capacity_positive'),
                                 type_='check')
        batch_op.drop_column('online_capacity')
        batch_op.drop_column('dial_in')

    with op.batch_alter_table('briefing', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_briefing_online_capacity_positive'), type_='check')
        batch_op.drop_column('online_capacity')
        batch_op.drop_column('dial_in')
        batch_op.drop_column('meeting_link')
        batch_op.drop_constraint(op.f('ck_briefing_briefing_format'), type_='check')
        batch_op.drop_column('format')

    op.drop_table('session_translation')
    op.drop_table('briefing_translation')
