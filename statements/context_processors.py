from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"CHARTJS_URL": settings.CHARTJS_URL, "CHARTJS_INTEGRITY": settings.CHARTJS_INTEGRITY}
