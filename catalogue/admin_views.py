"""Import in the admin: upload CSV or XLSX, see every bad row and column, confirm; the same code as
``manage.py import_offers``. Editors' offers become drafts in the review workflow; the Fachstelle may
publish at once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.permissions import is_fachstelle

from .import_guide import guide_rows, template_download, vocabularies
from .importing import ImportFileError, editor_check, import_rows, read_table
from .models import CatalogueIndexPage, OfferPage
from .tables import MAX_FILE_BYTES

SESSION_KEY = "catalogue-import"
DONE_KEY = "catalogue-import-done"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV- oder XLSX-Datei"),
        help_text=gettext_lazy("Spalten wie beim Befehl import_offers; höchstens 5 MB."),
    )
    publish = forms.BooleanField(label=gettext_lazy("sofort veröffentlichen (nur Fachstelle)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload


def check_may_import(request):
    catalogue = CatalogueIndexPage.objects.first()
    if catalogue is None or not catalogue.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied


def import_view(request):
    check_may_import(request)
    fachstelle = is_fachstelle(request.user)
    context = {
        "form": UploadForm(),
        "fachstelle": fachstelle,
        "guide": guide_rows(),
        "vocabularies": vocabularies(),
        "imported": imported_offers(request.session.pop(DONE_KEY, None)) if request.method == "GET" else None,
    }

    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            messages.error(request, _("Die Vorschau ist abgelaufen. Bitte laden Sie die Datei erneut hoch."))
            return redirect("catalogue_import")
        # The choice on the preview step counts: the checkbox beside "Import bestätigen" (shown to the Fachstelle).
        publish = fachstelle and bool(request.POST.get("publish"))
        try:
            report = import_rows(
                pending["rows"],
                publish=publish,
                user=request.user,
                review=True,
                check=editor_check(request.user),
            )
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("catalogue_import")
        if report.ok:
            messages.success(
                request,
                _("%(created)d Angebote angelegt, %(updated)d aktualisiert, %(unchanged)d unverändert.")
                % {"created": len(report.created), "updated": len(report.updated), "unchanged": len(report.unchanged)},
            )
            request.session[DONE_KEY] = [[page.pk, outcome.status] for outcome, page in report.saved]
            return redirect("catalogue_import")
        context["errors"] = report.errors
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read_table(upload, filename=upload.name)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                preview = import_rows(rows, dry_run=True, check=editor_check(request.user))
                context.update(
                    preview=preview,
                    filename=upload.name,
                    rows=len(rows),
                    publish=form.cleaned_data["publish"] and fachstelle,
                )
                if preview.ok:
                    request.session[SESSION_KEY] = {"rows": [_plain(row) for row in rows]}
    return TemplateResponse(request, "catalogue/admin/import.html", context)


def imported_offers(done):
    """The offers the last import wrote, for links after the redirect: (offer, "neu"/"geändert")."""
    if not done:
        return None
    pages = OfferPage.objects.in_bulk([pk for pk, _status in done])
    labels = {"new": _("neu"), "changed": _("geändert")}
    return [(pages[pk], labels.get(status, status)) for pk, status in done if pk in pages]


def template_view(request, fmt):
    """The import template (header and an example row) to start a file from."""
    check_may_import(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return template_download(fmt)


def _plain(row):
    """Session-safe cells (XLSX dates become ISO text, as the parser accepts)."""
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in row.items()}
