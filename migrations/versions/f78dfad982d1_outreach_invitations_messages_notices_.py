"""Outreach: invitations, message batches and their recipients, session change notices,
the pre-briefing reminder.

Revision ID: f78dfad982d1
Revises: e04ad6697542
Create Date: 2026-11-29 07:13:45.598777

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f78dfad982d1'
down_revision = 'e04ad6697542'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('message_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('briefing_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('message', 'session_change', 'reminder', name='message_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('recipient_count', sa.Integer(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['briefing_id'], ['briefing.id'], name=op.f('fk_message_batch_briefing_id_briefing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['user.id'], name=op.f('fk_message_batch_sent_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_batch'))
    )
    with op.batch_alter_table('message_batch', schema=None) as batch_op:
        batch_op.create_index('ix_message_batch_briefing_created', ['briefing_id', 'created_at'], unique=False)

    op.create_table('briefing_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('briefing_id', sa.Integer(), nullable=False),
    sa.Column('lead_hours', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('lead_hours BETWEEN 1 AND 720', name=op.f('ck_briefing_reminder_lead_range')),
    sa.ForeignKeyConstraint(['batch_id'], ['message_batch.id'], name=op.f('fk_briefing_reminder_batch_id_message_batch'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['briefing_id'], ['briefing.id'], name=op.f('fk_briefing_reminder_briefing_id_briefing'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_briefing_reminder')),
    sa.UniqueConstraint('briefing_id', name=op.f('uq_briefing_reminder_briefing_id'))
    )
    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('briefing_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.Column('organization', sa.String(length=200), nullable=False),
    sa.Column('stakeholder_group_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('invited', 'registered', 'declined', name='invitation_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['briefing_id'], ['briefing.id'], name=op.f('fk_invitation_briefing_id_briefing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], name=op.f('fk_invitation_invited_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_invitation_registration_id_registration'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stakeholder_group_id'], ['stakeholder_group.id'], name=op.f('fk_invitation_stakeholder_group_id_stakeholder_group'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('briefing_id', 'email_key', name=op.f('uq_invitation_briefing_id_email_key')),
    sa.UniqueConstraint('token', name=op.f('uq_invitation_token'))
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index('ix_invitation_briefing_status', ['briefing_id', 'status'], unique=False)

    op.create_table('session_change_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('old_starts_at', sa.DateTime(), nullable=False),
    sa.Column('old_ends_at', sa.DateTime(), nullable=False),
    sa.Column('old_room', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['message_batch.id'], name=op.f('fk_session_change_notice_batch_id_message_batch'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_session_change_notice_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['briefing_session.id'], name=op.f('fk_session_change_notice_session_id_briefing_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_change_notice'))
    )
    with op.batch_alter_table('session_change_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_change_notice_session_id'), ['session_id'], unique=False)

    op.create_table('message_recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('outbox_message_id', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['message_batch.id'], name=op.f('fk_message_recipient_batch_id_message_batch'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_message.message_id'], name=op.f('fk_message_recipient_outbox_message_id_outbox_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_message_recipient_registration_id_registration'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_recipient'))
    )
    with op.batch_alter_table('message_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_recipient_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_recipient_outbox_message_id'), ['outbox_message_id'], unique=False)



def downgrade():
    with op.batch_alter_table('message_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_recipient_outbox_message_id'))
        batch_op.drop_index(batch_op.f('ix_message_recipient_batch_id'))

    op.drop_table('message_recipient')
    with op.batch_alter_table('session_change_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_change_notice_session_id'))

    op.drop_table('session_change_notice')
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index('ix_invitation_briefing_status')

    op.drop_table('invitation')
    op.drop_table('briefing_reminder')
    with op.batch_alter_table('message_batch', schema=None) as batch_op:
        batch_op.drop_index('ix_message_batch_briefing_created')

    op.drop_table('message_batch')
