"""Read the cells of an uploaded CSV or XLSX file without trusting its size.

A spreadsheet can declare millions of cells in a few bytes, and a zip can expand a thousandfold. Every
limit is checked before the work it guards: the file's bytes, the XLSX archive's unpacked size, the sheet's
declared dimension, then rows and columns while streaming (openpyxl's read-only mode, Python's csv reader).
"""

import csv
import io
import zipfile

from openpyxl import load_workbook

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all parts of an XLSX together, unpacked
MAX_ROWS = 5000  # data rows, without the header
MAX_COLUMNS = 50


class TableTooLarge(ValueError):
    """The file is larger than an import may be; the message says which limit and what to do."""


def read_cells(raw, suffix):
    """Rows of cell values (the header first) of ``raw`` bytes, a ``.csv`` (UTF-8) or ``.xlsx`` file."""
    if len(raw) > MAX_FILE_BYTES:
        raise TableTooLarge(f"Die Datei ist größer als {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    rows = _xlsx_rows(raw) if suffix == ".xlsx" else _csv_rows(raw)
    return list(_capped(rows))


def _capped(rows):
    for number, row in enumerate(rows):
        if number > MAX_ROWS:
            raise TableTooLarge(f"Die Datei hat mehr als {MAX_ROWS} Zeilen; bitte teilen Sie sie auf.")
        if len(row) > MAX_COLUMNS and any(value not in (None, "") for value in row[MAX_COLUMNS:]):
            raise TableTooLarge(f"Zeile {number + 1} hat mehr als {MAX_COLUMNS} Spalten.")
        yield list(row[:MAX_COLUMNS])


def _csv_rows(raw):
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    return csv.reader(io.StringIO(text, newline=""))


def _xlsx_rows(raw):
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise TableTooLarge(f"Die XLSX-Datei ist entpackt größer als {MAX_UNPACKED_BYTES // (1024 * 1024)} MB.")
    workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        _check_dimension(sheet)
        sheet.reset_dimensions()  # openpyxl would stop at the declared last row: read what is there, capped
        yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
    finally:
        workbook.close()


def _check_dimension(sheet):
    """The sheet's declared size (``<dimension ref>``), refused before a single row is read."""
    if (sheet.max_row or 0) > MAX_ROWS + 1 or (sheet.max_column or 0) > MAX_COLUMNS:
        raise TableTooLarge(
            f"Das Tabellenblatt ist mit {sheet.max_row} Zeilen × {sheet.max_column} Spalten "
            f"angelegt; erlaubt sind {MAX_ROWS} Zeilen und {MAX_COLUMNS} Spalten."
        )
