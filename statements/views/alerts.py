"""Saved searches: save the timeline's filters, list and delete them ("My alerts"), and the
signed unsubscribe link of their mail, which needs no sign-in."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..alerts import (
    UnsavableSearch,
    saved_search_create,
    saved_search_delete,
    saved_search_unsubscribe,
    search_filters,
    search_of_token,
)
from ..feeds import filters_named
from ..models import SavedSearch
from .common import wants_partial

# More than anyone follows by mail; a bound on what one account can make the workers check.
MAX_SEARCHES_PER_USER = 50


class SaveSearchForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        required=False,
        help_text="Left blank: the filters in words.",
    )
    frequency = forms.ChoiceField(
        label="Email me",
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.IMMEDIATE,
    )
    # The timeline's query string as it stood; cleaned again by the filter form on saving.
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def clean_name(self) -> str:
        return " ".join("".join(ch for ch in self.cleaned_data["name"] if ch.isprintable()).split())


@require_POST
@login_required
def alert_save(request: HttpRequest) -> HttpResponse:
    """Save the timeline's current filters as a search that mails its new statements."""
    form = SaveSearchForm(request.POST, auto_id="save-%s")
    if form.is_valid():
        if request.user.saved_searches.count() >= MAX_SEARCHES_PER_USER:
            form.add_error(
                None, f"You have {MAX_SEARCHES_PER_USER} saved searches: delete one first."
            )
        else:
            data = QueryDict(form.cleaned_data["query"])
            try:
                search = saved_search_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    frequency=form.cleaned_data["frequency"],
                    data=data,
                )
            except UnsavableSearch as error:
                form.add_error(None, str(error))
            else:
                if not form.cleaned_data["name"]:
                    search.name = _described(search)[:100]
                    search.save(update_fields=["name"])
                return _saved(request, search)
    context = {"save_form": form, "query": request.POST.get("query", "")}
    if wants_partial(request):
        return render(request, "statements/alerts/_save.html#form", context)
    return render(request, "statements/alerts/save_failed.html", context, status=400)


def _saved(request: HttpRequest, search: SavedSearch) -> HttpResponse:
    if wants_partial(request):
        return render(request, "statements/alerts/_save.html#saved", {"search": search})
    messages.success(request, f"Saved “{search.name}”.")
    return redirect("statements:alerts")


def _described(search: SavedSearch) -> str:
    """The saved filters in words ("side: Pakistan; search: TTP")."""
    filters = search_filters(search)
    if filters is None:
        return "A filter of this search no longer applies: it matches nothing."
    return "; ".join(filters_named(filters, [])) or "All statements"


@require_safe
@login_required
def alerts_page(request: HttpRequest) -> HttpResponse:
    """My alerts: the signed-in user's saved searches, with their filters in words."""
    searches = list(request.user.saved_searches.all())
    for search in searches:
        search.described = _described(search)
    return render(request, "statements/alerts/alerts.html", {"searches": searches})


@require_POST
@login_required
def alert_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of the signed-in user's saved searches (someone else's: 404)."""
    if not saved_search_delete(user=request.user, pk=pk):
        raise Http404("No such saved search of yours.")
    if wants_partial(request):
        return HttpResponse("")
    messages.success(request, "Saved search deleted.")
    return redirect("statements:alerts")


# The link in every alert: GET shows what it stops and a button, POST stops it. A mail client
# may POST "List-Unsubscribe=One-Click" to it (RFC 8058), without a cookie or CSRF token: the
# signed token is the proof, so no CSRF check applies here.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    search = search_of_token(token)
    if search is None:
        return render(request, "statements/alerts/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        saved_search_unsubscribe(search=search)
        done = True
    return render(request, "statements/alerts/unsubscribe.html", {"search": search, "done": done})
