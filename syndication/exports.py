"""CSV and XLSX export of any catalogue result, in the import's columns so that a file can round-trip."""

from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS, offer_to_row
from core.spreadsheets import download

from .results import InvalidQuery, matching_offers, validated_query

FILENAMES = {"csv": "angebote.csv", "excel-csv": "angebote-excel.csv", "xlsx": "angebote.xlsx"}


def export_offers(request, fmt):
    try:
        query = validated_query(request)
    except InvalidQuery as invalid:
        return invalid.response()
    headers = COLUMNS + OPTIONAL_COLUMNS
    rows = [headers] + [[row[column] for column in headers] for row in map(offer_to_row, matching_offers(query))]
    return download(rows, FILENAMES[fmt], fmt)
