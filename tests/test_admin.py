"""Administration: staff accounts, their roles in briefings and the stakeholder groups."""
import pytest
import sqlalchemy as sa

from briefings.models import AuditEvent, Membership, Role, StakeholderGroup, User
from briefings.services import groups as group_service

from . import factories


@pytest.fixture
def admin(factory, login):
    """A signed-in admin."""
    return login(factory.user(is_admin=True, name="Ada Admin", email="ada@example.org"))


def _events(db, action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()


def _user(db, email):
    return db.session.scalar(sa.select(User).where(User.email == email))


# --- permissions -------------------------------------------------------------------------

@pytest.fixture
def targets(db):
    """An account with a role in a briefing, and a group: what the admin routes act on."""
    target = factories.user(email="target@example.org")
    briefing = factories.briefing()
    membership = Membership(user=target, briefing=briefing, role=Role.ORGANIZER)
    db.session.add(membership)
    db.session.commit()
    return target, briefing, membership, factories.group("media")


def _pages(targets):
    target, _, _, group = targets
    return [
        "/admin/users", "/admin/users/new", f"/admin/users/{target.id}",
        "/admin/groups", "/admin/groups/new", f"/admin/groups/{group.id}",
    ]


def _posts(targets):
    target, briefing, membership, group = targets
    return [
        ("/admin/users/new", {"email": "new@example.org", "name": "New", "password": "x" * 12,
                              "confirm_password": "x" * 12}),
        (f"/admin/users/{target.id}", {"name": "Changed", "active": "y"}),
        (f"/admin/users/{target.id}/password", {"new_password": "y" * 12,
                                                "confirm_password": "y" * 12}),
        (f"/admin/users/{target.id}/memberships", {"briefing_id": briefing.id,
                                                   "role": "secretariat"}),
        (f"/admin/users/{target.id}/memberships/{membership.id}/remove", {}),
        ("/admin/groups/new", {"name": "Youth", "color": "#123456"}),
        (f"/admin/groups/{group.id}", {"name": "Press", "color": "#123456", "position": "1"}),
        (f"/admin/groups/{group.id}/deactivate", {}),
        (f"/admin/groups/{group.id}/activate", {}),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, targets):
    for path in _pages(targets):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login?next="), path


def test_anonymous_posts_change_nothing(client, db, targets):
    for path, data in _posts(targets):
        response = client.post(path, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0
    assert _user(db, "new@example.org") is None


def test_organizers_are_refused(client, db, factory, login, targets):
    login(factory.user(briefing=targets[1], role=Role.ORGANIZER))
    for path in _pages(targets):
        assert client.get(path).status_code == 403, path
    for path, data in _posts(targets):
        assert client.post(path, data=data).status_code == 403, path
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0
    assert factories.group("media").active and factories.group("media").name == "Media"


def test_admins_reach_every_page(client, admin, targets):
    for path in _pages(targets):
        assert client.get(path).status_code == 200, path
    assert client.get("/admin/").headers["Location"] == "/admin/users"


def test_admins_can_make_every_change(client, admin, targets):
    for path, data in _posts(targets):
        response = client.post(path, data=data)
        assert response.status_code == 302, (path, response.data[-2000:])


def test_the_navigation_shows_administration_to_admins_only(client, factory, login, admin):
    assert b'href="/admin/users"' in client.get("/manage/").data
    client.post("/logout")
    login(factory.user())
    assert b'href="/admin/users"' not in client.get("/manage/").data


# --- the list of accounts -------------------------------------------------------------------

def test_user_list_shows_accounts_and_their_roles(client, db, factory, admin):
    briefing = factory.briefing(title="IMRF outcomes briefing")
    factory.user(name="Omar Organizer", email="omar@example.org", briefing=briefing,
                 role=Role.ORGANIZER)
    factory.user(name="Sara Secretariat", briefing=briefing, role=Role.SECRETARIAT, active=False)
    html = client.get("/admin/users").get_data(as_text=True)
    assert "Omar Organizer" in html and "omar@example.org" in html
    assert "Organizer in IMRF outcomes briefing" in html
    assert "Secretariat in IMRF outcomes briefing" in html
    assert "Deactivated" in html
    assert "Never" in html  # nobody but the admin has signed in


def test_user_list_queries_do_not_grow_with_accounts(client, db, factory, admin, count_queries):
    briefing = factory.briefing()
    factory.user(briefing=briefing)
    with count_queries() as few:
        client.get("/admin/users")
    for _ in range(6):
        factory.user(briefing=factory.briefing())
    with count_queries() as many:
        client.get("/admin/users")
    assert many.count == few.count


# --- creating accounts ---------------------------------------------------------------------

def _new(client, **overrides):
    data = {"email": "Nadia@Example.org", "name": "Nadia Haddad", "password": "correct-horse-1",
            "confirm_password": "correct-horse-1"}
    data.update(overrides)
    return client.post("/admin/users/new", data=data)


def test_admin_creates_an_account_that_can_sign_in(client, db, admin):
    response = _new(client, is_admin="y")
    created = _user(db, "nadia@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/users/{created.id}"
    assert created.name == "Nadia Haddad" and created.is_admin and created.active
    client.post("/logout")
    signed_in = client.post("/login", data={"email": "nadia@example.org",
                                            "password": "correct-horse-1"})
    assert signed_in.status_code == 302


def test_new_account_email_must_be_unique_ignoring_case(client, db, factory, admin):
    factory.user(email="nadia@example.org")
    response = _new(client, email="NADIA@example.ORG")
    assert response.status_code == 200
    assert "An account with this email already exists." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 2


@pytest.mark.parametrize("overrides, message", [
    ({"password": "short", "confirm_password": "short"}, "Passwords have at least 10 characters."),
    ({"confirm_password": "something-else"}, "The two passwords are not the same."),
    ({"email": "not-an-address"}, "Enter an email address like name@example.org."),
    ({"name": ""}, "This field is required."),
])
def test_new_account_bad_input_is_explained_and_kept(client, db, admin, overrides, message):
    response = _new(client, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and "is-invalid" in html
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    if overrides.get("name") != "":
        assert 'value="Nadia Haddad"' in html  # what was typed is not lost


def test_account_creation_is_audited_without_personal_data(client, db, admin):
    _new(client)
    (event,) = _events(db, "user.create")
    assert event.user_id == admin.id
    assert event.changes == {"email": True, "name": True, "is_admin": False}
    assert "nadia" not in str(event.changes).lower()


# --- editing accounts ----------------------------------------------------------------------

def test_admin_edits_name_and_admin_right(client, db, factory, admin):
    target = factory.user(name="Old Name")
    response = client.post(f"/admin/users/{target.id}",
                           data={"name": "New Name", "is_admin": "y", "active": "y"})
    assert response.status_code == 302
    db.session.refresh(target)
    assert target.name == "New Name" and target.is_admin and target.active
    (event,) = _events(db, "user.update")
    assert event.changes == {"name": True, "is_admin": True}
    assert event.object_id == target.id


def test_deactivating_an_account_signs_it_out_and_bars_sign_in(app, client, db, factory, admin):
    target = factory.user(email="leaving@example.org")
    other = app.test_client()
    other.post("/login", data={"email": "leaving@example.org", "password": factories.PASSWORD})
    assert other.get("/manage/").status_code == 200
    client.post(f"/admin/users/{target.id}", data={"name": target.name})
    db.session.refresh(target)
    assert not target.active
    assert other.get("/manage/").status_code == 302
    again = other.post("/login", data={"email": "leaving@example.org",
                                       "password": factories.PASSWORD})
    assert again.status_code == 200
    assert _events(db, "user.update")[0].changes == {"active": False}


@pytest.mark.parametrize("data, field, message", [
    ({"name": "Ada Admin", "active": "y"}, "is_admin", "You cannot remove your own admin right."),
    ({"name": "Ada Admin", "is_admin": "y"}, "active", "You cannot deactivate your own account."),
])
def test_admin_cannot_demote_or_deactivate_themselves(client, db, admin, data, field, message):
    response = client.post(f"/admin/users/{admin.id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error">{message}</div>' in html
    db.session.refresh(admin)
    assert admin.is_admin and admin.active
    assert _events(db, "user.update") == []


def test_unknown_account_is_404(client, admin):
    assert client.get("/admin/users/99999").status_code == 404


def test_setting_a_password_ends_the_accounts_sessions(app, client, db, factory, admin):
    target = factory.user(email="forgetful@example.org")
    other = app.test_client()
    other.post("/login", data={"email": "forgetful@example.org", "password": factories.PASSWORD})
    response = client.post(f"/admin/users/{target.id}/password",
                           data={"new_password": "brand-new-password",
                                 "confirm_password": "brand-new-password"})
    assert response.status_code == 302
    assert other.get("/manage/").status_code == 302  # signed out
    old = other.post("/login", data={"email": "forgetful@example.org",
                                     "password": factories.PASSWORD})
    assert old.status_code == 200
    new = other.post("/login", data={"email": "forgetful@example.org",
                                     "password": "brand-new-password"})
    assert new.status_code == 302
    (event,) = _events(db, "user.password")
    assert event.changes == {"password": True} and event.object_id == target.id


def test_admin_setting_their_own_password_stays_signed_in(client, db, admin):
    client.post(f"/admin/users/{admin.id}/password",
                data={"new_password": "brand-new-password",
                      "confirm_password": "brand-new-password"})
    assert client.get("/admin/users").status_code == 200


def test_short_new_password_is_refused_next_to_the_field(client, db, factory, admin):
    target = factory.user()
    version = target.session_version
    response = client.post(f"/admin/users/{target.id}/password",
                           data={"new_password": "short", "confirm_password": "short"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="new_password-error">Passwords have at least 10 characters.' in html
    db.session.refresh(target)
    assert target.session_version == version


# --- memberships ---------------------------------------------------------------------------

def test_admin_gives_changes_and_removes_a_role(client, db, factory, admin):
    target = factory.user()
    briefing = factory.briefing(title="Cairo briefing")
    response = client.post(f"/admin/users/{target.id}/memberships",
                           data={"briefing_id": briefing.id, "role": "secretariat"})
    assert response.status_code == 302
    assert target.role_in(briefing.id) == Role.SECRETARIAT
    assert "Cairo briefing" in client.get(f"/admin/users/{target.id}").get_data(as_text=True)

    client.post(f"/admin/users/{target.id}/memberships",
                data={"briefing_id": briefing.id, "role": "organizer"})
    memberships = db.session.scalars(sa.select(Membership)).all()
    assert [(m.user_id, m.role) for m in memberships] == [(target.id, Role.ORGANIZER)]

    client.post(f"/admin/users/{target.id}/memberships/{memberships[0].id}/remove")
    assert db.session.scalars(sa.select(Membership)).all() == []
    assert [e.changes for e in _events(db, "membership.set")] == [
        {"user_id": target.id, "role": "secretariat"}, {"user_id": target.id, "role": "organizer"}]
    (removed,) = _events(db, "membership.remove")
    assert removed.briefing_id == briefing.id and removed.user_id == admin.id


def test_a_role_needs_a_real_briefing_and_role(client, db, factory, admin):
    target = factory.user()
    briefing = factory.briefing()
    bad_briefing = client.post(f"/admin/users/{target.id}/memberships",
                               data={"briefing_id": 99999, "role": "organizer"})
    bad_role = client.post(f"/admin/users/{target.id}/memberships",
                           data={"briefing_id": briefing.id, "role": "king"})
    assert bad_briefing.status_code == 200 and bad_role.status_code == 200
    assert 'id="briefing_id-error"' in bad_briefing.get_data(as_text=True)
    assert 'id="role-error"' in bad_role.get_data(as_text=True)
    assert db.session.scalars(sa.select(Membership)).all() == []


def test_removing_another_users_membership_through_the_wrong_url_does_nothing(
        client, db, factory, admin):
    briefing = factory.briefing()
    holder = factory.user(briefing=briefing)
    bystander = factory.user()
    membership = holder.memberships[0]
    client.post(f"/admin/users/{bystander.id}/memberships/{membership.id}/remove")
    assert db.session.get(Membership, membership.id) is not None


# --- stakeholder groups --------------------------------------------------------------------

def test_group_list_shows_every_group_in_order(client, db, admin):
    html = client.get("/admin/groups").get_data(as_text=True)
    assert html.index("Member State / government") < html.index("Media") < html.index("Other")
    assert "السلك الدبلوماسي" in html and "Corps diplomatique" in html


def test_admin_adds_a_group_with_a_code_from_its_english_name(client, db, admin):
    last = max(g.position for g in group_service.ordered_groups())
    response = client.post("/admin/groups/new", data={
        "name": "Youth organizations", "name_fr": "Organisations de jeunesse",
        "name_ar": "منظمات الشباب", "color": "#AABBCC", "position": ""})
    assert response.status_code == 302
    group = db.session.scalar(sa.select(StakeholderGroup).where(
        StakeholderGroup.code == "youth_organizations"))
    assert group.name_ar == "منظمات الشباب" and group.color == "#aabbcc"
    assert group.position == last + 1 and group.active
    (event,) = _events(db, "group.create")
    assert event.object_id == group.id and event.changes["code"] == "youth_organizations"


def test_group_codes_are_unique_and_never_change(client, db, admin):
    client.post("/admin/groups/new", data={"name": "Élus locaux", "color": "#000000"})
    group = db.session.scalar(sa.select(StakeholderGroup).where(
        StakeholderGroup.code == "elus_locaux"))
    client.post(f"/admin/groups/{group.id}",
                data={"name": "Local elected officials", "color": "#000000", "position": "3"})
    db.session.refresh(group)
    assert group.code == "elus_locaux" and group.name == "Local elected officials"
    client.post("/admin/groups/new", data={"name": "Elus  locaux!", "color": "#000000"})
    codes = db.session.scalars(sa.select(StakeholderGroup.code).where(
        StakeholderGroup.code.startswith("elus_locaux"))).all()
    assert sorted(codes) == ["elus_locaux", "elus_locaux_2"]


def test_admin_renames_recolours_and_reorders_a_group(client, db, admin):
    media = factories.group("media")
    response = client.post(f"/admin/groups/{media.id}", data={
        "name": "Media and press", "name_fr": "Médias et presse", "name_ar": "الإعلام والصحافة",
        "color": "#112233", "position": "0"})
    assert response.status_code == 302
    db.session.refresh(media)
    assert (media.code, media.name, media.name_fr, media.color, media.position) == (
        "media", "Media and press", "Médias et presse", "#112233", 0)
    (event,) = _events(db, "group.update")
    assert event.changes["name"] == "Media and press" and event.changes["position"] == 0
    assert "active" not in event.changes


@pytest.mark.parametrize("data, field", [
    ({"name": "", "color": "#112233", "position": "1"}, "name"),
    ({"name": "Other", "color": "#112233", "position": "1"}, "name"),
    ({"name": "Press", "color": "red", "position": "1"}, "color"),
    ({"name": "Press", "color": "#112233", "position": "first"}, "position"),
    ({"name": "Press", "color": "#112233", "position": "-1"}, "position"),
    ({"name": "Press", "color": "#112233", "position": ""}, "position"),
])
def test_bad_group_input_is_explained_next_to_the_field(client, db, admin, data, field):
    media = factories.group("media")
    response = client.post(f"/admin/groups/{media.id}", data=data)
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    db.session.refresh(media)
    assert media.name == "Media" and _events(db, "group.update") == []


def test_a_duplicate_group_name_is_refused_ignoring_case(client, db, admin):
    response = client.post("/admin/groups/new", data={"name": "MEDIA", "color": "#112233"})
    assert "A group with this name already exists." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(StakeholderGroup.id)).where(
        sa.func.lower(StakeholderGroup.name) == "media")) == 1


def test_deactivated_groups_are_kept_but_not_offered(client, db, admin):
    media = factories.group("media")
    client.post(f"/admin/groups/{media.id}/deactivate")
    db.session.refresh(media)
    assert not media.active
    assert media not in group_service.offered_groups()
    assert media in group_service.offered_groups(current_id=media.id)  # an old record keeps it
    assert "Deactivated" in client.get("/admin/groups").get_data(as_text=True)
    client.post(f"/admin/groups/{media.id}/activate")
    db.session.refresh(media)
    assert media.active and media in group_service.offered_groups()
    assert [e.changes for e in _events(db, "group.update")] == [{"active": False},
                                                               {"active": True}]


def test_group_choices_follow_the_language(db):
    choices = dict(group_service.group_choices("ar"))
    assert choices[factories.group("media").id] == "وسائل الإعلام"
