"""Checkbox groups (sessions, objectives, permissions) written in one step, as wtforms writes them."""
import re
from datetime import timedelta

import pytest
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from briefings.models import utcnow
from briefings.widgets import MultiCheckboxField
from tests.test_registration_pages import form_data

CHOICES = [SelectChoice(3, "Opening & welcome"), SelectChoice(7, '<b>"Round" table</b>'),
           SelectChoice(11, "الجلسة العامة")]


class Sessions(Form):
    sessions = MultiCheckboxField("Sessions", coerce=int, choices=CHOICES)


class Required(Form):
    sessions = MultiCheckboxField("Sessions", coerce=int, choices=CHOICES,
                                  validators=[DataRequired()])


def wtforms_markup(field) -> str:
    """The group as wtforms writes it, option field by option field."""
    return "\n".join(f'<div class="form-check">\n{option(class_="form-check-input")} '
                     f'{option.label(class_="form-check-label")}\n</div>' for option in field)


@pytest.mark.parametrize("chosen", [[], ["7"], ["3", "11"]])
def test_the_markup_is_the_one_wtforms_writes(app, chosen):
    with app.test_request_context():
        field = Sessions(MultiDict([("sessions", v) for v in chosen])).sessions
        written = field.checkboxes("form-check-input", "form-check-label")
        assert isinstance(written, Markup)
        assert written == wtforms_markup(field)
    assert written.count(" checked ") == len(chosen)
    assert "&lt;b&gt;&#34;Round&#34; table&lt;/b&gt;" in written and "<b>" not in written


def test_a_required_group_keeps_the_attributes_wtforms_gives_it(app):
    with app.test_request_context():
        field = Required(MultiDict([("sessions", "3")])).sessions
        written = field.checkboxes("form-check-input", "form-check-label")
        assert written == wtforms_markup(field)
    assert written.count(" required") == 3


@pytest.fixture
def briefing(factory):
    now = utcnow()
    b = factory.briefing(slug="open-one", starts_at=now + timedelta(days=20),
                         registration_opens_at=now - timedelta(days=1))
    for n in range(3):
        factory.session(b, title=f"Session {n}", start=b.starts_at + timedelta(hours=2 * n))
    return b


def test_a_refused_registration_keeps_the_sessions_ticked(client, briefing):
    chosen = [str(s.id) for s in briefing.sessions[1:]]
    html = client.post("/b/open-one/register",
                       data=form_data(briefing, email="not-an-address",
                                      sessions=chosen)).get_data(as_text=True)
    ticked = re.findall(r'<input checked class="form-check-input" id="sessions-\d+" '
                        r'name="sessions" type="checkbox" value="(\d+)">', html)
    assert ticked == chosen
    labels = re.findall(r'<label class="form-check-label" for="(sessions-\d+)">', html)
    assert labels == ["sessions-0", "sessions-1", "sessions-2"]
