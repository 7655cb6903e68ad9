"""Settings values that need no Django apps, so ``kreissite.settings`` can use them."""

# Wagtail's own search (the admin's page and snippet search) filters the database when an editor searches
# and keeps no index of its own, whatever engine the public search uses. Wagtail's indexed backends update a
# second index on every save: its SQLite and PostgreSQL backends recompute title norms over the whole index
# each time (an import of 10,000 offers spends 42 % there), and its Elasticsearch index is built by nothing
# after a node comes back empty and misses every change made while the node was down. See docs/search.md.
WAGTAIL_ADMIN_SEARCH = {"default": {"BACKEND": "wagtail.search.backends.database.fallback"}}
