"""Small templates a page repeats many times, rendered once per distinct content and kept in process memory.

A result page places twenty cards and some thirty filter checkboxes; Django's template engine spends tens of
microseconds on each (a lookup, localisation and escaping per value), a sixth of the page's CPU time
(benchmarks/RESULTS.md, HTTP). What such a template shows depends only on the values it places, the language
and the time zone, so each distinct combination is rendered once and kept, keyed by those values themselves:
a kept fragment cannot be stale, whatever an editor changed. Values that differ from query to query (a card's
highlighted title, a checkbox's count) are *slots*: the template is rendered with a marker in their place and
each use fills the markers in, so one kept card serves every query that shows its offer.

A slot must be placed plainly (``{{ card.title }}``: no filter, no ``{% if %}`` on it); a slot whose value is
empty (false) is rendered and kept as it is, so a test on it still sees the real value.
"""

from functools import lru_cache
from html import escape

from django.core.cache import caches
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.autoreload import file_changed
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString

MARK = "\x00"  # around a slot's name in a rendered frame; never in a value that is kept (checked)
_PLAIN = Context()  # how a template renders a value: localised, escaped unless safe
_all = []


class Fragment:
    """One template with a single variable ``name`` (a dict of values), kept per distinct values."""

    def __init__(self, template_name, name, slots=(), kept=1024):
        self.template_name, self.name, self.slots = template_name, name, frozenset(slots)
        self._frame = lru_cache(maxsize=kept)(self._render_frame)
        _all.append(self)

    def render_each(self, items, before=""):
        """The template's output for each dict of values in ``items``, each after ``before``, as one string."""
        language, zone = translation.get_language(), timezone.get_current_timezone_name()
        return SafeString("".join(before + self._output(values, language, zone) for values in items))

    def _output(self, values, language, zone):
        slots = self.slots
        key = tuple(
            (k, True) if k in slots and v else (k, type(v), tuple(v) if type(v) is list else v)
            for k, v in values.items()
        )
        try:
            frame = self._frame(language, zone, key)
        except TypeError:  # a value that cannot be a key (a dict): rendered each time
            frame = None
        if frame is None:
            return self._render(values)
        return "".join(_filled(values[part], language, zone) if i % 2 else part for i, part in enumerate(frame))

    def _render(self, values):
        return get_template(self.template_name).render({self.name: values})

    def _render_frame(self, _language, _zone, key):
        """The output split at the slots (literal text at even positions, slot names at odd ones), or None
        when a fixed value contains the marker and the frame could not be told from the values."""
        values = {item[0]: _value(item) for item in key}
        if any(MARK in v for k, v in values.items() if isinstance(v, str) and k not in self.slots):
            return None
        frame = self._render(values).split(MARK)
        if len(frame) % 2 == 0 or any(part not in self.slots for part in frame[1::2]):
            return None
        return tuple(frame)

    def forget(self):
        self._frame.cache_clear()


def escaped(text):
    """``conditional_escape`` of a string: as it is if safe, else escaped and marked safe. For plain strings
    without Django's check for lazy ones, which costs more than the escaping (a result page escapes about a
    hundred values)."""
    if isinstance(text, SafeData):
        return text
    return SafeString(escape(text)) if type(text) is str else conditional_escape(text)


def _filled(value, language, zone):
    """A slot's value as the template places it (escaped unless safe; numbers and dates localised)."""
    if isinstance(value, str):
        return escaped(value)
    try:
        return _rendered(language, zone, type(value), value)
    except TypeError:  # not hashable
        return render_value_in_context(value, _PLAIN)


@lru_cache(maxsize=1024)
def _rendered(_language, _zone, _type, value):
    """A number's or date's rendering, once per language and zone: localising one costs more than the rest of
    a kept checkbox."""
    return render_value_in_context(value, _PLAIN)


def _value(item):
    """A value from its key item: a slot's marker, or the value (a list again where it was one)."""
    if len(item) == 2:
        return SafeString(MARK + item[0] + MARK)
    return list(item[2]) if item[1] is list else item[2]


def _template_changed(sender, file_path, **kwargs):
    """In development (runserver's reloader), an edited template is used at once, as Django does: the kept
    fragments here and the ``{% cache … using="fragments" %}`` parts of the page chrome are dropped."""
    if file_path.suffix == ".html":
        for fragment in _all:
            fragment.forget()
        caches["fragments"].clear()


file_changed.connect(_template_changed, dispatch_uid="core-fragments-template-changed")
