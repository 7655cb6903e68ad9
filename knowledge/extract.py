"""The text of an uploaded document, so handouts and results are found by what they say.

PDF text comes from pypdf, plain text files are read as they are; other formats (office files) keep
only their title, tags and description in the index. A broken file never blocks an upload: it is
logged and indexed without its text.
"""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

MAX_CHARS = 50_000  # enough for a handout; keeps index rows small
MAX_PAGES = 100


def document_text(file, extension):
    """Plain text of ``file`` (an open Django file) for the search index, or "" when it has none."""
    extension = extension.lower()
    try:
        file.seek(0)
        if extension == "pdf":
            reader = PdfReader(file)
            parts, size = [], 0
            for page in reader.pages[:MAX_PAGES]:
                parts.append(page.extract_text() or "")
                size += len(parts[-1])
                if size >= MAX_CHARS:
                    break
            text = "\n".join(parts)
        elif extension in {"txt", "csv"}:
            text = file.read(MAX_CHARS * 4).decode("utf-8", errors="replace")
        else:
            return ""
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # malformed files
        logger.warning("No text from %s: %s", getattr(file, "name", file), exc)
        return ""
    return " ".join(text.split())[:MAX_CHARS]
