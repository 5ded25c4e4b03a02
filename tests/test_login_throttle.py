"""Sign-in throttling (django-axes): wrong passwords lock an account, and an address, for a
while; the right password is refused meanwhile, on the site's sign-in page and the admin's."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "correct-horse-battery-staple"
HOME, AWAY = "203.0.113.10", "198.51.100.20"


@pytest.fixture
def accounts(db):
    made = {}
    for name in ("editor", "other"):
        user = UserFactory(username=name, is_staff=True)
        user.set_password(RIGHT)
        user.save()
        made[name] = user
    return made


def _sign_in(client, username, password, address=HOME, url_name="login"):
    return client.post(
        reverse(url_name), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail(client, username, times, address=HOME, url_name="login"):
    for _ in range(times):
        response = _sign_in(client, username, "wrong-guess", address, url_name)
        assert response.status_code in (200, 429)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_limit_of_a_few_wrong_passwords():
    assert 3 <= settings.AXES_FAILURE_LIMIT <= 10
    assert timedelta(minutes=5) <= settings.AXES_COOLOFF_TIME


def test_after_many_wrong_passwords_the_right_one_is_refused(client, accounts):
    _fail(client, "editor", 100)  # the attack: a hundred guesses in a row
    response = _sign_in(client, "editor", RIGHT)
    assert response.status_code == 429
    assert b"Sign-in paused" in response.content
    assert not _signed_in(client)


def test_a_few_wrong_passwords_below_the_limit_do_not_lock(client, accounts):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "editor", RIGHT).status_code == 302
    assert _signed_in(client)


def test_the_account_stays_locked_from_another_address(client, accounts):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, "editor", RIGHT, address=AWAY).status_code == 429
    assert not _signed_in(client)


def test_the_address_is_locked_for_other_accounts_too(client, accounts):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, "other", RIGHT).status_code == 429
    assert not _signed_in(client)
    # The same account from a clean address signs in.
    assert _sign_in(client, "other", RIGHT, address=AWAY).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, accounts):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT, url_name="admin:login")
    response = _sign_in(client, "editor", RIGHT, url_name="admin:login")
    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_lock_lifts_after_the_cool_off(client, accounts):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, "editor", RIGHT).status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert _sign_in(client, "editor", RIGHT).status_code == 302
    assert _signed_in(client)
