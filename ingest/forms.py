"""The editors' upload form: exactly one source of text, checked before anything is stored, so a
bad input ends as a message on the form and leaves no row behind. Pasted text and text files are
read here; PDF and HTML files (after cheap checks) and web addresses are read by a worker."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat

from statements.dates import VALIDATORS
from statements.models import Document, Outlet

from .errors import RejectedDocument
from .fetch import check_address
from .readers import SUPPORTED, ReadText, read_bytes, read_later
from .services import require_enough_text


class UploadForm(forms.Form):
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "Paste the article text here"}),
        label="Paste text",
    )
    file = forms.FileField(
        required=False,
        label="or upload a file",
        help_text=".txt, .html or .pdf",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(SUPPORTED))}),
    )
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label="or give a web address",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    title = forms.CharField(required=False, max_length=500, help_text="Found in the text if blank")
    outlet = forms.CharField(
        required=False,
        max_length=200,
        help_text="Pick a known outlet or type a new one",
        widget=forms.TextInput(attrs={"list": "outlets", "autocomplete": "off"}),
    )
    published_on = forms.DateField(
        required=False,
        label="Published",
        validators=VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = forms.ChoiceField(
        choices=Document.Kind.choices, initial=Document.Kind.ARTICLE, required=False
    )

    def outlets(self) -> list[str]:
        try:
            return list(Outlet.objects.order_by("name").values_list("name", flat=True)[:500])
        except DatabaseError:  # the form must still come back with what was pasted
            return []

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.INGEST_MAX_UPLOAD_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                f"{upload.name} is {filesizeformat(upload.size)}; the limit is "
                f"{filesizeformat(limit)}."
            )
        return upload

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url") or ""
        if url:
            try:
                check_address(url)
            except RejectedDocument as error:
                raise forms.ValidationError(str(error)) from error
        return url

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or Document.Kind.ARTICLE

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if len(text.encode("utf-8")) > settings.INGEST_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The text is longer than the {filesizeformat(settings.INGEST_MAX_UPLOAD_BYTES)} "
                "limit."
            )
        return text

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        given = [name for name in ("text", "file", "url") if data.get(name)]
        if not given:
            raise forms.ValidationError("Paste some text, choose a file or give a web address.")
        if len(given) > 1:
            raise forms.ValidationError(
                "Give exactly one source: pasted text, a file or a web address, not several."
            )
        data["source"] = given[0]
        try:
            data["read"] = self._read(given[0], data)
        except RejectedDocument as error:
            raise forms.ValidationError(str(error)) from error
        return data

    def _read(self, source: str, data: dict) -> ReadText | None:
        if source == "url":
            return None  # fetched and read by a worker
        if source == "file":
            upload = data["file"]
            raw = upload.read()
            if read_later(raw, filename=upload.name):
                data["raw"] = raw  # a PDF or HTML file: a worker reads it
                return None
            read = read_bytes(raw, filename=upload.name)
        else:
            read = ReadText(text=data["text"])
        require_enough_text(read.text)
        return read
