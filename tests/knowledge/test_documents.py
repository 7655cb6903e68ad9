"""Document text extraction: read once per file, and a broken file never blocks the upload."""

import io

import pytest

from knowledge.demo import simple_pdf
from knowledge.extract import MAX_CHARS, document_text

pytestmark = pytest.mark.django_db


def test_pdf_and_text_files_give_their_text():
    assert document_text(io.BytesIO(simple_pdf(["Zivilcourage im Verein", "Seite eins"])), "PDF") == (
        "Zivilcourage im Verein Seite eins"
    )
    assert document_text(io.BytesIO("Grüße\naus  Hilden".encode()), "txt") == "Grüße aus Hilden"
    assert document_text(io.BytesIO(b"PK\x03\x04"), "docx") == ""
    assert len(document_text(io.BytesIO(b"wort " * MAX_CHARS), "txt")) == MAX_CHARS


def test_broken_pdf_is_saved_without_text(knowledge, caplog):
    document = knowledge.document("Kaputt", content=b"%PDF-1.4 nothing else")
    assert document.pk and document.text == ""
    assert "No text from" in caplog.text


def test_text_is_read_again_only_for_a_new_file(knowledge):
    from django.core.files.base import ContentFile

    document = knowledge.document("Handout", content=simple_pdf(["Erste Fassung"]))
    assert document.text == "Erste Fassung"
    document.text = "unverändert"
    document.save()
    assert document.text == "unverändert"  # same file: not read again
    document.file.save("neu.pdf", ContentFile(simple_pdf(["Zweite Fassung"])), save=True)
    assert document.text == "Zweite Fassung"
