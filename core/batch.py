"""Work that signal receivers hand to the end of a batch of saves (an import): once for all its items.

Receivers of ``page_published`` and the like run once per page. Inside ``collecting()`` a receiver's
``defer(action, item)`` gathers the items instead, and each action runs once with all of them when the
block ends (never if it raises), e.g. one query for thirty pages instead of thirty. Outside a batch the
action runs at once with the one item. Nested blocks join the outer one.
"""

import threading
from contextlib import contextmanager

_state = threading.local()


@contextmanager
def collecting():
    if getattr(_state, "groups", None) is not None:
        yield
        return
    _state.groups = {}
    try:
        yield
        groups = _state.groups
    finally:
        _state.groups = None
    for action, items in groups.items():
        action(items)


def defer(action, item):
    """``action([item])`` now, or with the batch's other items at the end of ``collecting()``."""
    groups = getattr(_state, "groups", None)
    if groups is None:
        action([item])
    else:
        groups.setdefault(action, []).append(item)
