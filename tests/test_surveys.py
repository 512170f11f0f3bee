"""Feedback surveys: building, opening and inviting, answering once and anonymously, results."""
import csv
import io
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    Briefing,
    OutboxMessage,
    QuestionKind,
    RegistrationStatus as RS,
    Role,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
    SurveyStatus,
)
from briefings.services import survey_results
from briefings.services import surveys as service
from briefings.services.surveys import QuestionData

from .participants_support import EXPECTED, ROLES, registration, sign_in_as

PAST = datetime(2024, 3, 10, 7, 0, tzinfo=timezone.utc)


@pytest.fixture
def briefing(factory):
    """A briefing that has ended."""
    return factory.briefing(slug="ended", title="IMRF outcomes briefing", starts_at=PAST)


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


def build(briefing, *kinds):
    """A draft survey with one question of each kind given."""
    for n, kind in enumerate(kinds, start=1):
        options = "Yes\nNo\nPartly" if kind == QuestionKind.CHOICE else ""
        service.add_question(briefing, QuestionData(kind=kind, prompt=f"Question {n}?",
                                                    options=options))
    return service.survey_of(briefing.id)


def opened(briefing, *kinds):
    survey = build(briefing, *kinds)
    service.open_survey(briefing)
    return survey


def outbox(db, kind):
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)
                              .order_by(OutboxMessage.id)).all()


# ---------------------------------------------------------------- staff permissions

@pytest.mark.parametrize("who", ROLES)
def test_only_the_briefings_organizers_build_the_survey(client, factory, login, briefing, who):
    sign_in_as(who, factory, login, briefing)
    assert client.get("/manage/ended/survey").status_code == EXPECTED[who]


@pytest.mark.parametrize("who", ROLES)
def test_only_the_briefings_organizers_read_the_results(client, factory, login, briefing, who):
    opened(briefing, QuestionKind.RATING)
    sign_in_as(who, factory, login, briefing)
    assert client.get("/manage/ended/survey/results").status_code == EXPECTED[who]
    assert client.get("/manage/ended/survey/answers.csv").status_code == EXPECTED[who]


@pytest.mark.parametrize("who", ["secretariat", "other_organizer"])
def test_others_cannot_change_the_survey(client, db, factory, login, briefing, who):
    build(briefing, QuestionKind.RATING)
    sign_in_as(who, factory, login, briefing)
    assert client.post("/manage/ended/survey/questions",
                       data={"kind": "text", "prompt": "Sneaky?"}).status_code == 403
    assert client.post("/manage/ended/survey/open").status_code == 403
    assert service.survey_of(briefing.id).status == SurveyStatus.DRAFT


# ---------------------------------------------------------------- building

def test_organizer_builds_and_orders_questions(client, db, organizer, briefing):
    for kind, prompt, options in [("rating", "How useful was the briefing?", ""),
                                  ("choice", "Which session helped most?", "Plenary\nRound table"),
                                  ("text", "What should we change?", "")]:
        response = client.post("/manage/ended/survey/questions",
                               data={"kind": kind, "prompt": prompt, "options": options})
        assert response.status_code == 302
    survey = service.survey_of(briefing.id)
    assert [q.kind for q in survey.questions] == [QuestionKind.RATING, QuestionKind.CHOICE,
                                                  QuestionKind.TEXT]
    assert survey.questions[1].option_list == ["Plenary", "Round table"]
    last = survey.questions[2]
    client.post(f"/manage/ended/survey/questions/{last.id}/move/up")
    client.post(f"/manage/ended/survey/questions/{last.id}/move/up")
    db.session.expire_all()
    assert [q.prompt for q in service.survey_of(briefing.id).questions][0] == \
        "What should we change?"
    page = client.get("/manage/ended/survey").get_data(as_text=True)
    assert page.index("What should we change?") < page.index("How useful was the briefing?")


def test_a_choice_question_needs_two_different_options(client, organizer, briefing):
    response = client.post("/manage/ended/survey/questions",
                           data={"kind": "choice", "prompt": "Pick one", "options": "Only\n"})
    assert response.status_code == 400
    assert "at least two options" in response.get_data(as_text=True)
    response = client.post("/manage/ended/survey/questions",
                           data={"kind": "choice", "prompt": "Pick one", "options": "A\na"})
    assert "Each option must be different" in response.get_data(as_text=True)
    assert service.survey_of(briefing.id).questions == []


def test_edit_and_remove_questions_while_draft(client, db, organizer, briefing):
    survey = build(briefing, QuestionKind.TEXT, QuestionKind.RATING)
    first, second = survey.questions
    response = client.post(f"/manage/ended/survey/questions/{first.id}/edit",
                           data={"kind": "text", "prompt": "Anything else?", "required": "y"})
    assert response.status_code == 302
    client.post(f"/manage/ended/survey/questions/{second.id}/delete")
    db.session.expire_all()
    [question] = service.survey_of(briefing.id).questions
    assert question.prompt == "Anything else?" and question.required


def test_questions_are_fixed_once_the_survey_is_open(client, db, organizer, briefing):
    survey = opened(briefing, QuestionKind.RATING)
    response = client.post("/manage/ended/survey/questions",
                           data={"kind": "text", "prompt": "Late addition?"})
    assert response.status_code == 400
    assert "can no longer change" in response.get_data(as_text=True)
    question = survey.questions[0]
    client.post(f"/manage/ended/survey/questions/{question.id}/delete")
    db.session.expire_all()
    assert len(service.survey_of(briefing.id).questions) == 1


def test_question_of_another_briefing_is_not_found(client, factory, organizer, briefing):
    other = factory.briefing(starts_at=PAST)
    question = build(other, QuestionKind.TEXT).questions[0]
    response = client.post(f"/manage/ended/survey/questions/{question.id}/delete")
    assert response.status_code == 404


# ---------------------------------------------------------------- opening and invitations

def test_survey_cannot_open_before_the_briefing_ends(client, db, factory, login):
    upcoming = factory.briefing(slug="upcoming")
    login(factory.user(briefing=upcoming))
    build(upcoming, QuestionKind.RATING)
    response = client.post("/manage/upcoming/survey/open", follow_redirects=True)
    assert "once the briefing has ended" in response.get_data(as_text=True)
    assert service.survey_of(upcoming.id).status == SurveyStatus.DRAFT


def test_survey_needs_a_question_to_open(client, organizer, briefing):
    response = client.post("/manage/ended/survey/open", follow_redirects=True)
    assert "Add at least one question" in response.get_data(as_text=True)


def test_opening_invites_each_confirmed_participant_in_their_language(client, db, organizer,
                                                                       briefing):
    english = registration(briefing, language="en")
    french = registration(briefing, language="fr")
    registration(briefing, status=RS.CANCELLED)
    registration(briefing, status=RS.PENDING)
    build(briefing, QuestionKind.RATING)
    response = client.post("/manage/ended/survey/open", follow_redirects=True)
    assert "2 participants are invited" in response.get_data(as_text=True)
    mails = outbox(db, "survey_invitation")
    assert [m.to_address for m in mails] == [english.email, french.email]
    assert f"/r/{english.token}/survey" in mails[0].body_text
    assert f"/r/{french.token}/survey" in mails[1].body_text
    assert "anonymous" in mails[0].body_text
    [event] = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "survey.open"))
    assert event.changes == {"invited": 2}


def test_reopening_a_closed_survey_sends_no_second_invitation(client, db, organizer, briefing):
    registration(briefing)
    build(briefing, QuestionKind.RATING)
    client.post("/manage/ended/survey/open")
    client.post("/manage/ended/survey/close")
    assert service.survey_of(briefing.id).status == SurveyStatus.CLOSED
    client.post("/manage/ended/survey/open")
    assert service.survey_of(briefing.id).status == SurveyStatus.OPEN
    assert len(outbox(db, "survey_invitation")) == 1


# ---------------------------------------------------------------- answering

def answers(survey, rating="4", choice="Yes", text="More time for questions", **extra):
    data = {}
    for question in survey.questions:
        value = {QuestionKind.RATING: rating, QuestionKind.CHOICE: choice,
                 QuestionKind.TEXT: text}[question.kind]
        if value is not None:
            data[f"q{question.id}"] = value
    data.update(extra)
    return data


def test_participant_answers_anonymously_once(client, db, briefing):
    survey = opened(briefing, QuestionKind.RATING, QuestionKind.CHOICE, QuestionKind.TEXT)
    person = registration(briefing, name="Amina Haddad")
    page = client.get(f"/r/{person.token}/survey").get_data(as_text=True)
    assert "Question 1?" in page and "Attach my name to my answers" in page
    response = client.post(f"/r/{person.token}/survey", data=answers(survey))
    assert response.status_code == 302
    [response_row] = db.session.scalars(sa.select(SurveyResponse)).all()
    assert response_row.registration_id is None  # nothing ties the answers to her
    assert db.session.get(SurveyParticipation, (survey.id, person.id)) is not None
    assert {a.rating or a.choice or a.text for a in response_row.answers} == \
        {4, "Yes", "More time for questions"}
    again = client.post(f"/r/{person.token}/survey", data=answers(survey, rating="1"))
    assert "already answered" in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 1
    assert "Thank you for answering" in client.get(f"/r/{person.token}").get_data(as_text=True)


def test_answering_writes_no_audit_event(client, db, briefing):
    survey = opened(briefing, QuestionKind.RATING)
    person = registration(briefing)
    client.post(f"/r/{person.token}/survey", data=answers(survey))
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["survey.question_add", "survey.open"]


def test_attaching_the_name_links_the_response(client, db, briefing):
    survey = opened(briefing, QuestionKind.RATING)
    person = registration(briefing)
    client.post(f"/r/{person.token}/survey", data=answers(survey, attach_name="y"))
    assert db.session.scalar(sa.select(SurveyResponse.registration_id)) == person.id


def test_a_required_question_must_be_answered(client, db, briefing):
    service.add_question(briefing, QuestionData(kind=QuestionKind.RATING, prompt="Rate it",
                                                required=True))
    service.add_question(briefing, QuestionData(kind=QuestionKind.TEXT, prompt="Comments"))
    service.open_survey(briefing)
    survey = service.survey_of(briefing.id)
    person = registration(briefing)
    response = client.post(f"/r/{person.token}/survey",
                           data={f"q{survey.questions[1].id}": "Fine"})
    assert response.status_code == 400
    assert "Please answer this question." in response.get_data(as_text=True)
    assert 'value="Fine"' in response.get_data(as_text=True) or "Fine</textarea>" in \
        response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 0
    assert not service.has_answered(survey.id, person.id)


@pytest.mark.parametrize("bad", ["9", "0", "abc"])
def test_a_rating_outside_the_scale_is_refused(client, db, briefing, bad):
    survey = opened(briefing, QuestionKind.RATING)
    person = registration(briefing)
    response = client.post(f"/r/{person.token}/survey", data=answers(survey, rating=bad))
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyAnswer)) == 0


def test_an_unknown_option_is_refused(client, db, briefing):
    survey = opened(briefing, QuestionKind.CHOICE)
    person = registration(briefing)
    response = client.post(f"/r/{person.token}/survey", data=answers(survey, choice="Maybe"))
    assert response.status_code == 400
    assert not service.has_answered(survey.id, person.id)


def test_an_empty_answer_sheet_is_refused(client, db, briefing):
    opened(briefing, QuestionKind.TEXT)
    person = registration(briefing)
    response = client.post(f"/r/{person.token}/survey", data={}, follow_redirects=True)
    assert "Answer at least one question" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 0


def test_only_confirmed_participants_answer(client, db, briefing):
    survey = opened(briefing, QuestionKind.RATING)
    person = registration(briefing, status=RS.CANCELLED)
    page = client.get(f"/r/{person.token}/survey").get_data(as_text=True)
    assert "Only confirmed participants" in page and "Send my answers" not in page
    client.post(f"/r/{person.token}/survey", data=answers(survey))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 0


def test_a_closed_survey_takes_no_answers(client, db, briefing):
    survey = opened(briefing, QuestionKind.RATING)
    service.close_survey(briefing)
    person = registration(briefing)
    assert "The survey is closed" in client.get(f"/r/{person.token}/survey").get_data(as_text=True)
    client.post(f"/r/{person.token}/survey", data=answers(survey))
    assert not service.has_answered(survey.id, person.id)
    assert "feedback survey" not in client.get(f"/r/{person.token}").get_data(as_text=True)


@pytest.mark.parametrize("token", ["short", "x" * 40, "token-1-" + "y" * 40, "../../etc"])
def test_unknown_tokens_are_a_plain_404(client, briefing, token):
    opened(briefing, QuestionKind.RATING)
    assert client.get(f"/r/{token}/survey").status_code == 404
    assert client.post(f"/r/{token}/survey", data={"q1": "5"}).status_code == 404


def test_a_draft_survey_is_not_shown_to_participants(client, briefing):
    build(briefing, QuestionKind.RATING)
    person = registration(briefing)
    assert client.get(f"/r/{person.token}/survey").status_code == 404
    assert "feedback survey" not in client.get(f"/r/{person.token}").get_data(as_text=True)


def test_each_link_answers_only_for_its_own_registration(client, db, briefing):
    survey = opened(briefing, QuestionKind.RATING)
    first, second = registration(briefing), registration(briefing)
    client.post(f"/r/{first.token}/survey", data=answers(survey))
    assert service.has_answered(survey.id, first.id)
    assert not service.has_answered(survey.id, second.id)
    assert client.post(f"/r/{second.token}/survey", data=answers(survey)).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 2


def test_private_page_links_to_the_open_survey(client, briefing):
    opened(briefing, QuestionKind.RATING)
    person = registration(briefing)
    page = client.get(f"/r/{person.token}").get_data(as_text=True)
    assert f'href="/r/{person.token}/survey"' in page


# ---------------------------------------------------------------- results

def test_results_count_and_average_each_question(client, db, factory, organizer, briefing):
    civil, academia = factory.group("civil_society"), factory.group("academia")
    survey = opened(briefing, QuestionKind.RATING, QuestionKind.CHOICE, QuestionKind.TEXT)
    people = [registration(briefing, stakeholder_group_id=civil.id) for _ in range(3)]
    people.append(registration(briefing, stakeholder_group_id=academia.id))
    for person, rating, choice in zip(people[:3], ["5", "4", "3"], ["Yes", "Yes", "No"]):
        client.post(f"/r/{person.token}/survey", data=answers(survey, rating=rating,
                                                               choice=choice))
    page = client.get("/manage/ended/survey/results").get_data(as_text=True)
    assert "3 people have answered." in page
    assert "average 4.0 out of 5" in page
    assert "More time for questions" in page
    # Response rate by group: civil society 3 of 3, academia 0 of 1.
    assert "100.0" in page and "0.0" in page
    rates = {r.group.code: (r.invited, r.answered, r.rate)
             for r in survey_results.rates_by_group(briefing, survey)}
    assert rates == {"civil_society": (3, 3, 100.0), "academia": (1, 0, 0.0)}
    [choice_question] = [q for q in survey.questions if q.kind == QuestionKind.CHOICE]
    svg = client.get(f"/manage/ended/survey/results/q{choice_question.id}.svg")
    assert svg.mimetype == "image/svg+xml"
    assert b"<script" not in svg.data and b"Partly" in svg.data


def test_a_text_question_has_no_chart(client, organizer, briefing):
    survey = opened(briefing, QuestionKind.TEXT)
    question = survey.questions[0]
    assert client.get(f"/manage/ended/survey/results/q{question.id}.svg").status_code == 404


def test_csv_names_only_those_who_attached_their_name(client, db, organizer, briefing):
    survey = opened(briefing, QuestionKind.RATING, QuestionKind.TEXT)
    named = registration(briefing, name="Omar Named", organization="Diaspora Network")
    hidden = registration(briefing, name="Layla Hidden")
    client.post(f"/r/{named.token}/survey", data=answers(survey, attach_name="y"))
    client.post(f"/r/{hidden.token}/survey", data=answers(survey, text="=HYPERLINK(\"x\")"))
    response = client.get("/manage/ended/survey/answers.csv")
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Response", "Name", "Organization"]
    assert rows[0][3:] == ["1. Question 1?", "2. Question 2?"]
    assert "Layla Hidden" not in text
    names = sorted(row[1] for row in rows[1:])
    assert names == ["", "Omar Named"]
    assert "'=HYPERLINK(\"x\")" in [row[4] for row in rows[1:]]
    page = client.get("/manage/ended/survey/results").get_data(as_text=True)
    assert "Omar Named" not in page and "1 of them attached their name." in page


def test_results_need_a_survey(client, organizer, briefing):
    assert client.get("/manage/ended/survey/results").status_code == 404


def test_survey_pages_work_in_arabic(client, db, organizer, briefing):
    opened(briefing, QuestionKind.RATING)
    person = registration(briefing, language="ar")
    response = client.get(f"/r/{person.token}/survey", headers={"Accept-Language": "ar"})
    assert response.status_code == 200 and 'dir="rtl"' in response.get_data(as_text=True)
    assert client.get("/manage/ended/survey", headers={"Accept-Language": "ar"}).status_code == 200
    assert db.session.scalar(sa.select(Survey.status)) == SurveyStatus.OPEN


def test_results_page_queries_do_not_grow_with_answers(client, db, factory, organizer, briefing,
                                                       count_queries):
    survey = opened(briefing, QuestionKind.RATING, QuestionKind.CHOICE, QuestionKind.TEXT)
    groups = ["civil_society", "academia", "government", "media"]
    sheets = [answers(survey, rating=str(1 + i % 5), attach_name="y" * (i % 2)) for i in range(5)]
    briefing_id = briefing.id

    def answer(n):
        for i in range(n):
            person = registration(db.session.get(Briefing, briefing_id),
                                  stakeholder_group_id=factory.group(groups[i % 4]).id)
            client.post(f"/r/{person.token}/survey", data=sheets[i % 5])

    def measure():
        db.session.close()
        with count_queries() as queries:
            assert client.get("/manage/ended/survey/results").status_code == 200
        return queries.count

    answer(2)
    measure()
    few = measure()
    answer(10)
    assert measure() == few
