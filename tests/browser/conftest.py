"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser).

They skip with a clear message where /usr/bin/chromium is not installed, except when
SENDTRACK_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails the run.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("SENDTRACK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django test database calls
    # made by the tests themselves are still synchronous and safe. Only while browsing.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _page(browser, live_server, settings, *, javascript: bool):
    # The live server finds static files by name, so the pages ask for names, not hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # axe-core is injected as a script, which our content security policy would refuse.
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, java_script_enabled=javascript
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server, settings):
    yield from _page(browser, live_server, settings, javascript=True)


@pytest.fixture
def page_without_javascript(browser, live_server, settings):
    """A page whose scripts never run: what a person with JavaScript off, or a script that
    failed to load, gets. Playwright itself can still read and fill it."""
    yield from _page(browser, live_server, settings, javascript=False)


@pytest.fixture
def axe_violations():
    """Run axe-core on the page; return serious and critical violations (WCAG 2.2 AA)."""

    def check(page):
        page.wait_for_load_state()  # a click may have started a navigation still loading
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                'wcag22aa', 'best-practice']}
            })"""
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return check


@pytest.fixture
def axe_violations_without_javascript(browser, live_server, axe_violations):
    """axe on what a page without JavaScript shows. axe cannot run where scripts do not, so
    the page's markup, its scripts taken out, is checked in a page of the same site that can
    run it (the site's stylesheets load as they did)."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    checker = context.new_page()
    checker.goto("/")  # any page of the site, so that the markup's links resolve there

    def check(page):
        markup = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S | re.I)
        checker.set_content(markup)
        return axe_violations(checker)

    yield check
    context.close()
