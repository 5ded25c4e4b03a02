from django.conf import settings
from django.core.checks import Error, register


@register()
def secret_key_is_set(app_configs, **kwargs) -> list[Error]:
    """Fail loudly, at start-up, when production runs without a secret key."""
    if settings._wrapped.SECRET_KEY or settings.DEBUG:
        return []
    return [
        Error(
            "SECRET_KEY must be set when DEBUG is off (see .env.example).",
            id="config.E001",
        )
    ]
