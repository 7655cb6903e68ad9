"""Settings helpers that need no Django apps, so ``kreissite.settings`` can call them."""


def wagtail_search_backends(engine, url, index, timeout):
    """Wagtail's own search (admin, other page types) on the same engine as the catalogue."""
    if engine != "elasticsearch":
        return {"default": {"BACKEND": "wagtail.search.backends.database"}}
    from .compat import PlainMediaTypeNode

    return {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [url],
            "INDEX": f"{index}-wagtail",
            "TIMEOUT": timeout,
            "OPTIONS": {"node_class": PlainMediaTypeNode},
        }
    }
