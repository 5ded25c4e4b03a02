import os
from pathlib import Path

import pytest

# SCREENSHOT_DIR lets a run keep its pictures apart from concurrent runs that clear test-results.
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR")
    or Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


VENDOR = Path(__file__).resolve().parent / "vendor"


@pytest.fixture(autouse=True)
def _chartjs_from_local_copy(request, settings):
    """Serve the pinned Chart.js CDN URL from the vendored copy, so pages draw charts offline.

    The copy is byte-identical to the npm package, so the page's integrity hash still holds.
    """
    if "context" not in request.fixturenames and "page" not in request.fixturenames:
        return
    context = request.getfixturevalue("context")
    body = (VENDOR / "chart.umd.js").read_bytes()
    context.route(
        settings.CHARTJS_URL,
        lambda route: route.fulfill(
            status=200,
            body=body,
            headers={
                "Content-Type": "application/javascript; charset=utf-8",
                "Access-Control-Allow-Origin": "*",
            },
        ),
    )
