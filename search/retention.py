"""How long the search log keeps detail (data protection, see docs/data_protection.md).

A search text can name a person, and an exact time can link it to a visit in a web server's log. After
``SEARCH_LOG_DETAIL_DAYS`` a record keeps only the Monday of its week (the unmet-demand report counts by
week, so it stays the same); after ``SEARCH_LOG_RETENTION_DAYS`` it is deleted.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from .models import ZeroResultQuery


def coarsen_search_log(now=None):
    """Round old records down to the start of their week and delete expired ones; returns (coarsened, deleted)."""
    now = now or timezone.now()
    deleted, _ = ZeroResultQuery.objects.filter(
        created_at__lt=now - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    ).delete()
    coarsened = 0
    old = ZeroResultQuery.objects.filter(created_at__lt=now - timedelta(days=settings.SEARCH_LOG_DETAIL_DAYS))
    for record in old.only("pk", "created_at").iterator():
        week = week_start(record.created_at)
        if record.created_at != week:
            ZeroResultQuery.objects.filter(pk=record.pk).update(created_at=week)
            coarsened += 1
    return coarsened, deleted


def week_start(moment):
    """Monday 00:00 (local time) of the week of ``moment``."""
    local = timezone.localtime(moment)
    monday = local.date() - timedelta(days=local.weekday())
    return timezone.make_aware(datetime.combine(monday, time.min))
