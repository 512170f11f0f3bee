"""WTForms' own messages ("Not a valid choice.") come in the language of the page."""
import pytest
import sqlalchemy as sa

from briefings.models import Registration
from tests.test_registration_pages import briefing, form_data  # noqa: F401 (the open briefing)


@pytest.mark.parametrize("language, message", [
    ("fr", "N&#39;est pas un choix valide."),
    ("ar", "اختيار غير صحيح."),
    ("en", "Not a valid choice."),
])
def test_a_choice_outside_the_list_is_refused_in_the_page_language(client, db, briefing,
                                                                  language, message):
    response = client.post("/b/open-one/register", headers={"Accept-Language": language},
                           data=form_data(briefing, language="xx"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="language-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_languages_do_not_leak_between_requests(app, client, briefing):
    """The catalogue is kept per process: a French page, then an English one, then French."""
    data = form_data(briefing, language="xx")
    said = []
    for language in ("fr", "en", "fr"):
        with app.app_context():  # each request its own context, as when served
            html = client.post("/b/open-one/register", headers={"Accept-Language": language},
                               data=data).get_data(as_text=True)
        said.append("choix valide" in html)
    assert said == [True, False, True]
