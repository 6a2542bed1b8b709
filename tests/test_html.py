"""The HTML report in a real headless Chromium: images load, the findings table shows,
the page is not blank. Plus the Markdown report and the notebook display hooks."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

CASE = Path(__file__).parent.parent / "case_studies" / "sigmoid_applied_twice" / "buggy.py"
PROBE = """
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const images = Array.from(document.images).map((img) => ({
    loaded: img.complete && img.naturalWidth > 0,
    natural: img.naturalWidth,
    shown: img.clientWidth,  // without the border
    right: img.getBoundingClientRect().right,
  }));
  // anything whose box ends right of the window: a wide table, a long line of code, a figure
  const overflowing = Array.from(document.body.querySelectorAll("*"))
    .filter((node) => node.getBoundingClientRect().right > width + 0.5)
    .map((node) => node.tagName + " " + (node.id || node.textContent.slice(0, 40)));
  const table = document.getElementById("findings");
  const box = table ? table.getBoundingClientRect() : null;
  const visible = !!box && box.width > 0 && box.height > 0 &&
    getComputedStyle(table).visibility !== "hidden";
  const rows = table ? table.querySelectorAll("tbody tr").length : 0;
  const scroll = document.documentElement.scrollWidth;
  document.title = "PROBE" + JSON.stringify({width, scroll, images, overflowing, visible, rows});
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


def _probe(folder: Path, width: int) -> dict[str, Any]:
    """The page in headless Chromium at `width` CSS pixels: what the script above saw."""
    page = (folder / "report.html").read_text()
    probe = folder / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"))
    result = _browser(
        f"--window-size={width},2000",
        "--hide-scrollbars",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.as_uri(),
    )
    assert "PROBE" in result.stdout, result.stderr[-2000:]
    title = result.stdout.split("<title>PROBE", 1)[1].split("</title>", 1)[0]
    state: dict[str, Any] = json.loads(html.unescape(title))
    assert state["width"] == width, state["width"]  # the window really was that wide
    return state


def test_chromium_loads_every_image_and_shows_the_findings(report_folder: Path) -> None:
    state = _probe(report_folder, 1280)
    assert len(state["images"]) >= 5
    assert all(image["loaded"] for image in state["images"]), state["images"]
    assert state["visible"] and state["rows"] >= 1, state


@pytest.mark.parametrize("width", [1280, 800])
def test_nothing_overflows_and_pictures_are_sharp(report_folder: Path, width: int) -> None:
    """At 1280 px (a laptop) and 800 px (half a screen) the page scrolls only down, and
    every picture has at least twice the pixels of the size it is shown at."""
    state = _probe(report_folder, width)
    assert state["scroll"] <= state["width"], state["overflowing"]
    assert not state["overflowing"], state["overflowing"]
    for image in state["images"]:
        assert image["right"] <= state["width"]
        assert image["natural"] >= 2 * image["shown"] - 1, image


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


def test_a_long_line_of_code_wraps_instead_of_widening_the_page(
    report_folder: Path, tmp_path: Path
) -> None:
    from netdoctor.render.documents import render_html
    from netdoctor.report import Report

    data = json.loads((report_folder / "report.json").read_text())
    data["findings"][0]["location"]["source"] = "d_out=error*sigmoid_derivative(out)" * 12
    page = render_html(Report.from_dict(data), drawn=[])
    (tmp_path / "report.html").write_text(page)
    state = _probe(tmp_path, 1280)
    assert state["scroll"] <= state["width"], state["overflowing"]
