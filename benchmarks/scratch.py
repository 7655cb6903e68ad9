"""The benchmarks' one way to start Django: on an empty scratch database unless ``DATABASE_URL`` names one."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(name):
    """Start Django on a fresh SQLite file ``.tmp/<name>.sqlite3``, or on ``DATABASE_URL`` when that is set."""
    if not os.environ.get("DATABASE_URL"):
        scratch = ROOT / ".tmp" / f"{name}.sqlite3"
        scratch.parent.mkdir(exist_ok=True)
        scratch.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreissite.settings.dev")
    import django

    django.setup()
