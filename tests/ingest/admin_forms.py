"""POST data for an admin change form, as the editor's browser would send it unchanged."""

from __future__ import annotations

from django.forms import BaseForm


def _form_values(form: BaseForm) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue  # an empty field, an unticked box
        if isinstance(value, list | tuple):
            value = [getattr(v, "pk", v) for v in value]
        data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data


def change_form_data(response) -> dict:
    """Every field of the page's form and of its inline formsets, with their shown values."""
    context = response.context
    data = _form_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    return data


def inline_prefix(response, statement_pk: int) -> str:
    """The form prefix of one statement's row in the document page's statements inline."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model.__name__ != "Statement":
            continue
        for form in inline.formset.forms:
            if form.instance.pk == statement_pk:
                return form.prefix
    raise AssertionError(f"statement {statement_pk} is not in the page's inline")
