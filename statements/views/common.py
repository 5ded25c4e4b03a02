"""What every reading view shares: the sign-in gate and the filter form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from ..forms import StatementFilterForm


def reader_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page analysts read (GET, and HEAD answered as GET); signing in is required when
    READ_REQUIRES_LOGIN is on."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.READ_REQUIRES_LOGIN and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def filter_form(request: HttpRequest) -> tuple[StatementFilterForm, dict]:
    """The bound filter form and its valid values (bad parameters are dropped)."""
    form = StatementFilterForm(request.GET)
    return form, form.filters()


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def renamed_redirect(request: HttpRequest, form: StatementFilterForm) -> HttpResponse | None:
    """A permanent redirect to the same page with the current slugs, when the link names a
    speaker by a slug they had before a merge; else None."""
    query = form.renamed_query()
    if query is None:
        return None
    return HttpResponseRedirect(f"{request.path}?{query}", status=301)
