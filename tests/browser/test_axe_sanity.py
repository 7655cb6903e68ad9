import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_a_known_violation(page):
    """Guards the accessibility tests themselves: axe must find an image without a text alternative."""
    page.set_content('<!DOCTYPE html><html lang="de"><title>t</title><main><img src="data:,"></main></html>')
    assert [v[0] for v in axe_violations(page)] == ["image-alt"]
