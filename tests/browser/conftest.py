"""One headless Chromium for every browser test of the session (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import pytest

from tests.browser.test_site_browser import CHROMIUM


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()
