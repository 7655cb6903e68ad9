"""Spreadsheet downloads that cannot run formulas (OWASP "CSV injection"), for every export of the site.

A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is a formula to Excel and
LibreOffice: ``=HYPERLINK(...)`` in a provider name would be a live link in the Fachstelle's spreadsheet.
CSV cells get a leading apostrophe (the import removes it again, so a file round-trips); XLSX cells are
written as text with Excel's quote prefix, so their value stays exactly as typed.
"""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """``value`` safe for a CSV cell: formula-like text gets a leading apostrophe."""
    return "'" + value if is_formula_like(value) else value


def from_csv_cell(value):
    """The inverse of ``csv_cell`` for text read back from an exported file."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def csv_bytes(rows, delimiter=",", bom=False):
    """UTF-8 CSV of rows of cell values, neutralised.

    ``delimiter=";", bom=True`` is "CSV für Excel": a German Excel opens a file by double-click only if it is
    ';'-separated and starts with a byte-order mark (otherwise umlauts come out garbled).
    """
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, title="Tabelle"):
    """An XLSX workbook of one sheet; no cell is ever a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f" or is_formula_like(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(rows, filename, fmt="csv"):
    """An attachment response of ``rows`` (the header row first) as CSV, CSV for Excel (``excel-csv``) or XLSX."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(rows), content_type=XLSX_TYPE)
    elif fmt == "excel-csv":
        response = HttpResponse(csv_bytes(rows, delimiter=";", bom=True), content_type=CSV_TYPE)
    else:
        response = HttpResponse(csv_bytes(rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
