"""Form widgets and fields shared by the areas."""
from markupsafe import Markup, escape
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget, Select


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


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (the ``field`` macro shows it as a fieldset with a legend)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def checkboxes(self, input_class: str, label_class: str) -> Markup:
        """Every choice as a ``form-check`` block: its checkbox, then its label.

        The markup wtforms gives option by option, written in one step: wtforms
        makes a field for each option and builds its attributes and its label's
        one by one, which took a third of the registration form's time with 60
        sessions. Options with attributes of their own (a ``render_kw``, or a
        required or disabled field) still go through wtforms.
        """
        choices = self.iter_choices()
        if (self.render_kw or self.flags.required or self.flags.disabled
                or any(choice.render_kw for choice in choices)):
            return Markup("\n").join(
                Markup('<div class="form-check">\n{} {}\n</div>').format(
                    option(class_=input_class), option.label(class_=label_class))
                for option in self)
        input_class, label_class, name = escape(input_class), escape(label_class), escape(self.name)
        blocks = []
        for i, choice in enumerate(choices):
            option_id = escape(f"{self.id}-{i}")
            checked = "checked " if choice.selected else ""
            blocks.append(
                f'<div class="form-check">\n<input {checked}class="{input_class}" id="{option_id}"'
                f' name="{name}" type="checkbox" value="{escape(choice.value)}">'
                f' <label class="{label_class}" for="{option_id}">'
                f"{escape(choice.label or choice.value)}</label>\n</div>")
        return Markup("\n".join(blocks))
