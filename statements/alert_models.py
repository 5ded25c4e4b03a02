"""Saved searches of the timeline and the alerts sent for them (logic in statements.alerts)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse


def new_feed_token() -> str:
    """The secret part of a saved search's feed address: a feed reader signs in with nothing."""
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """A timeline view an analyst follows: its filters as a normalised query string."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As it happens"
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly digest"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    # The timeline's filters, cleaned by StatementFilterForm and written in one order
    # (statements.alerts.normalised_query): no paging, ordering or chart parameters.
    query = models.CharField(max_length=2000, blank=True)
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # Off once its owner unsubscribed from the mail; the feed still answers.
    active = models.BooleanField(default=True)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["frequency", "active"], name="savedsearch_due")]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    def query_dict(self) -> QueryDict:
        return QueryDict(self.query)

    def timeline_url(self) -> str:
        base = reverse("statements:timeline")
        return f"{base}?{self.query}" if self.query else base

    def feed_url(self) -> str:
        return reverse("statements:alert_feed", args=[self.feed_token])


class AlertDelivery(models.Model):
    """A statement announced to a saved search: never announced to it again."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="deliveries"
    )
    statement = models.ForeignKey(
        "statements.Statement", on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "statement"], name="alertdelivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} → {self.saved_search_id}"
