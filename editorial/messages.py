"""The admin's word after approving in the page editor: "veröffentlicht", as it now is, not "aktualisiert"."""

from django.contrib import messages
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def say_published(request, page):
    """``after_edit_page``: an approval that published the page says so.

    Wagtail's edit view reports every workflow action with "Seite … wurde aktualisiert", also the approval that
    makes the offer live; the reviewer then cannot tell from the message whether it is online.
    """
    if not request.POST.get("action-workflow-action") or request.POST.get("workflow-action-name") != "approve":
        return
    page.refresh_from_db(fields=["live", "has_unpublished_changes"])
    if not page.live or page.has_unpublished_changes:
        return
    title = {"page_title": page.get_admin_display_title()}
    updated = escape(_("Page '%(page_title)s' has been updated.") % title)
    published = escape(_("Page '%(page_title)s' has been published.") % title)
    for message in list(messages.get_messages(request)):  # reading clears them: each is added again
        text = message.message
        if isinstance(text, SafeString):  # Wagtail's messages are rendered HTML with the text escaped in it
            text = mark_safe(text.replace(updated, published))  # noqa: S308 - both parts escaped above
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)
