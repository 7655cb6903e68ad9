"""CSV and XLSX export of any catalogue result, in the import's columns so that a file can round-trip."""

import tablib
from django.http import HttpResponse

from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS, offer_to_row

from .results import InvalidQuery, matching_offers, validated_query

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_offers(request, fmt):
    try:
        query = validated_query(request)
    except InvalidQuery as invalid:
        return invalid.response()
    headers = COLUMNS + OPTIONAL_COLUMNS
    data = tablib.Dataset(headers=headers, title="Angebote")
    for offer in matching_offers(query):
        row = offer_to_row(offer)
        data.append([row[column] for column in headers])
    response = HttpResponse(data.export(fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="angebote.{fmt}"'
    return response
