"""Coverage: counts per city and target group (district-wide apart), gaps, the SVG heatmap, CSV, access."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from steering.coverage import coverage, heatmap_svg

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def catalogue(use_database, offers):
    offers.make("Workshop A", cities=["hilden"], target_groups=["schulen-lehrkraefte"])
    offers.make("Workshop B", cities=["hilden", "haan"], target_groups=["schulen-lehrkraefte"])
    offers.make(
        "Kreisweite Beratung",
        cities=["kreisweit"],
        target_groups=["schulen-lehrkraefte", "betroffene"],
        kind="contact_point",
    )
    offers.make("Entwurf", cities=["velbert"], target_groups=["betroffene"], publish=False)


def test_counts_own_and_district_wide_offers_apart(catalogue):
    result = coverage()
    by_key = {key: (cell.own, cell.district, cell.gap) for key, cell in result.cells.items()}
    assert by_key[("hilden", "schulen-lehrkraefte")] == (2, 1, False)
    assert by_key[("haan", "schulen-lehrkraefte")] == (1, 1, True)  # one own offer is thin
    assert by_key[("velbert", "betroffene")] == (0, 1, True)  # drafts do not count
    assert by_key[("erkrath", "sportvereine")] == (0, 0, True)
    assert len(result.cities) == 10 and len(result.groups) == 8
    assert result.gaps == 80 - 1


def test_filter_by_kind(catalogue):
    result = coverage(kind="contact_point")
    assert result.cells[("hilden", "schulen-lehrkraefte")].own == 0
    assert result.cells[("hilden", "schulen-lehrkraefte")].district == 1


def test_heatmap_is_valid_svg_with_one_cell_per_city_and_group(catalogue):
    root = ET.fromstring(heatmap_svg(coverage()))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    rects = root.findall(f".//{SVG}rect")
    assert len(rects) == 80
    gaps = [r for r in rects if r.get("stroke") == "#b00020"]
    assert len(gaps) == 79
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "Hilden, Schulen und Lehrkräfte: 2 eigene, 1 kreisweite" in titles


def test_admin_report_with_table_and_csv_for_the_fachstelle(client, group_member, catalogue):
    client.force_login(group_member("fach", "Fachstelle"))
    html = client.get("/admin/reports/abdeckung/").content.decode()
    assert "<svg" in html and '<th scope="row">Hilden</th>' in html and "2 + 1" in html
    rows = list(csv.reader(io.StringIO(client.get("/admin/reports/abdeckung/", {"format": "csv"}).content.decode())))
    assert rows[0][0] == "Stadt" and ["Hilden", "Schulen und Lehrkräfte", "2", "1", "3", "nein"] in rows


def test_city_teams_and_the_public_do_not_see_it_unless_enabled(client, group_member, catalogue, settings):
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    assert client.get("/admin/reports/abdeckung/").status_code in (302, 403)
    client.logout()
    assert client.get("/abdeckung/").status_code == 404
    settings.COVERAGE_PUBLIC = True
    assert "Abdeckung" in client.get("/abdeckung/").content.decode()
