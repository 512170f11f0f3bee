"""Form widgets shared by the areas."""
from markupsafe import Markup, escape
from wtforms.widgets import Select


class OptionList(Select):
    """wtforms' select, with plain options written in one step.

    Some selects offer a few hundred options (countries, sessions); wtforms
    builds each one's attributes through ``html_params``, which took a quarter
    of the registrations list's time. The markup is the same.
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(choice.value)}">'
                      f"{escape(choice.label or choice.value)}</option>")
