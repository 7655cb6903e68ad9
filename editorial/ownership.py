"""Every offer gets an owner, because the owner is who the freshness reminders and "verantwortlich" name.

Offers written in the admin or imported are owned by their author (Wagtail, ``catalogue.importing``); a public
suggestion by its city team's responsible editor (``submissions``). One still without an owner (a suggestion
for several cities or district-wide, an import by command) is owned by the Fachstelle member who approves it.
"""

from wagtail.signals import task_approved


def owner_from_reviewer(sender, instance, user, **kwargs):
    """``task_approved``: the approving reviewer owns an offer that nobody owns yet."""
    from catalogue.models import OfferPage

    if user is None:
        return
    page_id = instance.workflow_state.object_id
    OfferPage.objects.filter(pk=page_id, owner__isnull=True).update(owner=user)


def connect():
    task_approved.connect(owner_from_reviewer, dispatch_uid="editorial-owner-from-reviewer")
