"""Inventory analysis: how many live offers each city has for each target group.

District-wide offers serve every city, so they count for every cell, but are shown apart from the city's
own offers: a city that only has district-wide offers for a group still has a local gap.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from catalogue.models import OfferPage
from catalogue.taxonomy import DISTRICT_WIDE, City, TargetGroup

THIN = 1  # a cell with at most this many own offers is thin


@dataclass
class Cell:
    own: int
    district: int

    @property
    def total(self):
        return self.own + self.district

    @property
    def gap(self):
        return self.own <= THIN


@dataclass
class Coverage:
    cities: list
    groups: list
    cells: dict  # (city slug, group slug) -> Cell

    def cell(self, city, group):
        return self.cells[(city.slug, group.slug)]

    def rows(self):
        return [(city, [self.cell(city, group) for group in self.groups]) for city in self.cities]

    @property
    def gaps(self):
        return sum(cell.gap for cell in self.cells.values())


def coverage(kind=None):
    cities = list(City.objects.exclude(slug=DISTRICT_WIDE))
    groups = list(TargetGroup.objects.all())
    offers = OfferPage.objects.live().public().prefetch_related("cities", "target_groups")
    if kind:
        offers = offers.filter(kind=kind)
    cells = {(c.slug, g.slug): Cell(0, 0) for c in cities for g in groups}
    for offer in offers:
        city_slugs = {c.slug for c in offer.cities.all()}
        for group in offer.target_groups.all():
            for city in cities:
                if city.slug in city_slugs:
                    cells[(city.slug, group.slug)].own += 1
                if DISTRICT_WIDE in city_slugs:
                    cells[(city.slug, group.slug)].district += 1
    return Coverage(cities, groups, cells)


def heatmap_svg(result, cell_width=64, cell_height=30, label_width=150, header_height=230):
    """A server-rendered SVG heatmap of own offers per cell; gaps are hatched red-bordered cells."""
    most = max([cell.own for cell in result.cells.values()] + [1])
    width = label_width + cell_width * len(result.groups) + 120  # room for the last slanted heading
    height = header_height + cell_height * len(result.cities)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="heatmap-title heatmap-desc">',
        '<title id="heatmap-title">Abdeckung: Angebote je Stadt und Zielgruppe</title>',
        '<desc id="heatmap-desc">Dunklere Felder haben mehr eigene Angebote der Stadt; rot umrandete Felder sind '
        "Lücken. Die Tabelle daneben enthält dieselben Zahlen.</desc>",
    ]
    for column, group in enumerate(result.groups):
        x = label_width + column * cell_width + cell_width / 2
        parts.append(
            f'<text x="{x:.0f}" y="{header_height - 6}" font-size="11" '
            f'transform="rotate(-60 {x:.0f} {header_height - 6})">{escape(group.name)}</text>'
        )
    for row, (city, cells) in enumerate(result.rows()):
        y = header_height + row * cell_height
        parts.append(f'<text x="4" y="{y + cell_height * 0.65:.0f}" font-size="13">{escape(city.name)}</text>')
        for column, cell in enumerate(cells):
            x = label_width + column * cell_width
            shade = int(235 - 180 * cell.own / most)
            fill = f"rgb({shade},{min(shade + 10, 245)},255)"
            ink = "#ffffff" if shade < 150 else "#1b1b1f"  # keeps the number readable (contrast)
            stroke = ' stroke="#b00020" stroke-width="3"' if cell.gap else ' stroke="#ffffff"'
            label = f"{city.name}, {result.groups[column].name}: {cell.own} eigene, {cell.district} kreisweite"
            parts.append(
                f"<g><title>{escape(label)}</title>"
                f'<rect x="{x}" y="{y}" width="{cell_width}" height="{cell_height}" fill="{fill}"{stroke}/>'
                f'<text x="{x + cell_width / 2:.0f}" y="{y + cell_height * 0.65:.0f}" font-size="12" '
                f'text-anchor="middle" fill="{ink}">{cell.own}+{cell.district}</text></g>'
            )
    parts.append("</svg>")
    return "".join(parts)


def csv_rows(result):
    yield ["Stadt", "Zielgruppe", "eigene Angebote", "kreisweite Angebote", "gesamt", "Lücke"]
    for city, cells in result.rows():
        for group, cell in zip(result.groups, cells, strict=True):
            yield [city.name, group.name, cell.own, cell.district, cell.total, "ja" if cell.gap else "nein"]
