"""The HTML report in a real headless Chromium: images load, the findings table shows,
the page is not blank. Plus the Markdown report and the notebook display hooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CASE = Path(__file__).parent.parent / "case_studies" / "sigmoid_applied_twice" / "buggy.py"
PROBE = """
<script>
window.addEventListener("load", () => {
  const images = Array.from(document.images).map((img) => img.naturalWidth);
  const table = document.getElementById("findings");
  const box = table ? table.getBoundingClientRect() : null;
  const visible = !!box && box.width > 0 && box.height > 0 &&
    getComputedStyle(table).visibility !== "hidden";
  const rows = table ? table.querySelectorAll("tbody tr").length : 0;
  document.title = "PROBE" + JSON.stringify({images, visible, rows});
});
</script>
"""


def _chromium() -> str:
    """The browser, or a skip with its reason; CI sets NETDOCTOR_REQUIRE_BROWSER so a
    missing browser there is a failure, never a quiet skip."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "Chromium is needed for this test (Debian: apt-get install chromium)"
    if os.environ.get("NETDOCTOR_REQUIRE_BROWSER"):
        raise AssertionError(message + ": NETDOCTOR_REQUIRE_BROWSER is set")
    pytest.skip(message)


@pytest.fixture(scope="module")
def report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    result = subprocess.run(
        [sys.executable, "-m", "netdoctor", "check", str(CASE), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"full report: {out / 'report.html'}" in result.stdout
    return out


def _browser(*args: str) -> subprocess.CompletedProcess[str]:
    command = [_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_folder_has_every_part(report_folder: Path) -> None:
    names = {p.name for p in report_folder.iterdir()}
    assert {"report.md", "report.html", "report.json"} <= names
    assert {"gradients.png", "relative_error.png", "decision_boundary.png", "training.png"} <= names
    markdown = (report_folder / "report.md").read_text()
    assert "ND101 sigmoid-derivative-of-activation" in markdown
    assert "![Your gradients against the true ones](gradients.png)" in markdown


def test_html_is_self_contained(report_folder: Path) -> None:
    page = (report_folder / "report.html").read_text()
    assert "http://" not in page and "https://" not in page  # no fonts, scripts or images
    assert page.count('src="data:image/png;base64,') >= 4


def test_chromium_loads_every_image_and_shows_the_findings(report_folder: Path) -> None:
    page = (report_folder / "report.html").read_text()
    probe = report_folder / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"))
    result = _browser("--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    assert "PROBE" in result.stdout, result.stderr[-2000:]
    title = result.stdout.split("<title>PROBE", 1)[1].split("</title>", 1)[0]
    state = json.loads(title.replace("&quot;", '"'))
    assert len(state["images"]) >= 5
    assert all(width > 0 for width in state["images"]), state
    assert state["visible"] and state["rows"] >= 1, state


def test_chromium_screenshot_is_not_blank(report_folder: Path) -> None:
    from matplotlib import image

    shot = report_folder / "shot.png"
    _browser(
        "--window-size=1200,1600", f"--screenshot={shot}", (report_folder / "report.html").as_uri()
    )
    assert shot.exists()
    pixels = image.imread(shot)
    assert pixels.std() > 0.05  # text, tables and plots, not one flat colour


def test_notebook_hooks_render_the_report() -> None:
    from netdoctor.engine import check_file
    from netdoctor.options import CheckOptions

    report = check_file(str(CASE), CheckOptions())
    assert 'id="findings"' in report._repr_html_()
    assert report._repr_markdown_().startswith("# netdoctor:")
