"""Admin routes for the managed list of stakeholder groups."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import StakeholderGroup
from ..services import groups
from . import bp
from .forms import ButtonForm, GroupForm, NewGroupForm
from .routes import attach_error


def _values(form: GroupForm) -> dict:
    return {"name": form.name.data, "name_fr": form.name_fr.data or "",
            "name_ar": form.name_ar.data or "", "color": form.color.data,
            "position": form.position.data}


@bp.route("/groups")
def group_list():
    """Every stakeholder group, active or not, in the order forms offer them."""
    return render_template("admin/groups.html", groups=groups.ordered_groups(),
                           button=ButtonForm())


@bp.route("/groups/new", methods=["GET", "POST"])
def new_group():
    """Add a stakeholder group; its code is made from the English name."""
    form = NewGroupForm()
    if form.validate_on_submit():
        try:
            groups.create_group(**_values(form), actor=current_user)
        except groups.GroupError as error:
            attach_error(form, error)
        else:
            flash(_("The group is added."), "success")
            return redirect(url_for("admin.group_list"))
    return render_template("admin/group_form.html", form=form, group=None)


@bp.route("/groups/<int:group_id>", methods=["GET", "POST"])
def edit_group(group_id: int):
    """Rename, recolour or move a group; its code stays as it is."""
    group = db.get_or_404(StakeholderGroup, group_id)
    form = GroupForm(obj=group, group_id=group.id)
    if form.validate_on_submit():
        try:
            groups.update_group(group, **_values(form), actor=current_user)
        except groups.GroupError as error:
            attach_error(form, error)
        else:
            flash(_("The group is saved."), "success")
            return redirect(url_for("admin.group_list"))
    return render_template("admin/group_form.html", form=form, group=group,
                           button=ButtonForm())


@bp.route("/groups/<int:group_id>/deactivate", methods=["POST"])
def deactivate_group(group_id: int):
    """Stop offering a group in new forms; records that use it keep it."""
    return _set_active(group_id, False)


@bp.route("/groups/<int:group_id>/activate", methods=["POST"])
def activate_group(group_id: int):
    """Offer a deactivated group again."""
    return _set_active(group_id, True)


def _set_active(group_id: int, active: bool):
    group = db.get_or_404(StakeholderGroup, group_id)
    if ButtonForm().validate_on_submit():
        groups.set_group_active(group, active, actor=current_user)
        if active:
            flash(_("The group is offered again in new forms."), "success")
        else:
            flash(_("The group is deactivated: records that use it keep it, "
                    "new forms no longer offer it."), "success")
    return redirect(url_for("admin.group_list"))
