"""The base of the analysts' filter forms that are not the timeline's: a bad parameter is
left out (and named on the page) rather than failing the page."""

from __future__ import annotations

from django import forms


class LenientFilterForm(forms.Form):
    def filters(self) -> dict:
        """The valid filter values."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}

    def ignored(self) -> list[str]:
        """Labels of the parameters that were not understood, to say so on the page."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors]
