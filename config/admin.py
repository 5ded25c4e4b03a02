"""django-axes' lockout records in the admin, without its one action.

Axes registers its own ModelAdmin with a "Clean up expired attempts" action that declares no
permission (anyone who may view the list could run it) and fails outside a sign-in request
(it reads an attribute only the sign-in sets). Every admin action here names what it needs
(tests/test_roles_admin_actions.py), so the same admin is registered without it: an
administrator lifts a lockout early with "Delete selected", which needs the delete permission.
"""

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin


class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    actions = []


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
