"""Settings helpers that need no Django apps, so ``kreissite.settings`` can call them."""

from django.utils.module_loading import import_string


def wagtail_search_backends(engine, url, index, timeout, node_class_path=""):
    """Wagtail's own search (admin, other page types) on the same engine as the catalogue."""
    if engine != "elasticsearch":
        return {"default": {"BACKEND": "wagtail.search.backends.database"}}
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [url],
            "INDEX": f"{index}-wagtail",
            "TIMEOUT": timeout,
            "OPTIONS": {"node_class": import_string(node_class_path)} if node_class_path else {},
        }
    }
