"""The per-city overview of regional conferences: every city is to hold one, so gaps must show."""

from dataclasses import dataclass, field

from catalogue.taxonomy import DISTRICT_WIDE, City


@dataclass
class CityEvents:
    city: City
    held: list = field(default_factory=list)
    planned: list = field(default_factory=list)

    @property
    def missing(self):
        return not self.held and not self.planned


def city_overview(events, now, kind="conference"):
    """One row per city of the district (in the taxonomy's order) with its held and planned conferences."""
    rows = {city.pk: CityEvents(city) for city in City.objects.exclude(slug=DISTRICT_WIDE)}
    for event in sorted(events, key=lambda e: e.start):
        row = rows.get(event.city_id)
        if row is None or event.kind != kind:
            continue
        (row.held if event.is_past(now) else row.planned).append(event)
    return list(rows.values())
