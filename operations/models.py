"""The record of each scheduled job's last run, read by the health check (shared by every container)."""

from django.db import models


class JobRun(models.Model):
    """One row per job: when it last ran, how that went, and when it last succeeded."""

    OK, FAILED, RUNNING = "ok", "failed", "running"

    name = models.CharField(max_length=60, unique=True)
    last_started = models.DateTimeField(null=True)
    last_finished = models.DateTimeField(null=True)
    last_success = models.DateTimeField(null=True)
    last_outcome = models.CharField(max_length=10, blank=True)
    last_message = models.TextField(blank=True)  # the command's last output line, or the error
    failures_in_a_row = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}: {self.last_outcome or 'never run'}"
