"""The report's figures as a reader sees them: every title and label inside the figure,
legends off the data, panels only where they mean something, the decision boundary before
and after the recorded training, axes over the data's range, pixels for sharp screens.

The figures are drawn from real checks of bundled case studies (a ReLU network and a tanh
network, trained for a few hundred steps) and measured with matplotlib after drawing.
"""

from __future__ import annotations

import base64
import itertools
import re
import struct
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.report import Report

CASES = Path(__file__).parent.parent / "case_studies"
RELU = CASES / "dead_relus" / "buggy.py"  # np.maximum(z, 0) hidden layer
TANH = CASES / "learning_rate_too_large" / "buggy.py"  # np.tanh hidden layer
BROKEN = CASES / "bce_nan_at_saturation" / "buggy.py"  # NaN at its first step
STEPS = 300


def _check(path: Path, **options: Any) -> Report:
    report = check_file(str(path), replace(CheckOptions(), train_steps=STEPS, **options))
    assert report.status == "checked", report.error
    return report


@pytest.fixture(scope="module")
def relu() -> Report:
    return _check(RELU)


@pytest.fixture(scope="module")
def tanh() -> Report:
    return _check(TANH)


@pytest.fixture(scope="module")
def untrained() -> Report:
    return _check(TANH, train=False)


@pytest.fixture(scope="module")
def broken() -> Report:
    return _check(BROKEN)


@pytest.fixture(scope="module")
def long_names(tanh: Report) -> Report:
    """The tanh report with parameter names as long as attribute paths get: titles and
    tick labels must still fit."""
    data = Report.from_dict(tanh.to_dict())
    rename = {
        e["parameter"]: f"self.layers[{i}].parameters['weights_and_biases_{i}']"
        for i, e in enumerate(data.plot_data["gradients"])
    }
    for entry in data.plot_data["gradients"] + data.plot_data["relative_errors"]:
        entry["parameter"] = rename[entry["parameter"]]
    return data


_DRAWN: dict[int, list[Any]] = {}


@pytest.fixture(scope="module", autouse=True)
def _forget_figures() -> Iterator[None]:
    yield
    _DRAWN.clear()


def _figures(report: Report) -> list[Any]:
    """Each figure as the PNG will show it (text fitted, laid out), drawn once per report."""
    from netdoctor.render.figure import fit_text
    from netdoctor.render.plots import figures

    if id(report) not in _DRAWN:
        _DRAWN[id(report)] = list(figures(report))
        for drawn in _DRAWN[id(report)]:
            fit_text(drawn.figure)
            drawn.figure.canvas.draw()
    return _DRAWN[id(report)]


def _data_axes(figure: Any) -> list[Any]:
    return [a for a in figure.axes if a.get_visible() and a.get_label() != "<colorbar>"]


def _readable(figure: Any, renderer: Any) -> Iterator[tuple[str, Any]]:
    """Every piece of text a reader must be able to read whole, with its drawn extent:
    titles, each axis with its label and the tick labels drawn, legends."""
    if getattr(figure, "_suptitle", None) is not None:
        yield figure._suptitle.get_text(), figure._suptitle.get_window_extent(renderer)
    for axis in figure.axes:
        if not axis.get_visible():
            continue
        if axis.get_title():
            yield axis.get_title(), axis.title.get_window_extent(renderer)
        for side in (axis.xaxis, axis.yaxis):
            box = side.get_tightbbox(renderer)
            if box is not None:
                yield f"the axis {side.get_label_text()!r}", box
        if axis.get_legend() is not None:
            yield "a legend", axis.get_legend().get_window_extent(renderer)


def _inside(inner: Any, outer: Any, slack: float = 0.5) -> bool:
    return (
        inner.x0 >= outer.x0 - slack
        and inner.y0 >= outer.y0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y1 <= outer.y1 + slack
    )


def _overlap(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("which", ["relu", "tanh", "untrained", "broken", "long_names"])
def test_every_title_label_and_legend_fits_inside_its_figure(
    which: str, request: pytest.FixtureRequest
) -> None:
    report = request.getfixturevalue(which)
    drawn_any = False
    for drawn in _figures(report):
        drawn_any = True
        figure = drawn.figure
        renderer = figure.canvas.get_renderer()
        for what, box in _readable(figure, renderer):
            assert _inside(box, figure.bbox), (
                f"{drawn.name}: {what} at {box.bounds} leaves the figure {figure.bbox.bounds}"
            )
    assert drawn_any


@pytest.mark.parametrize("which", ["relu", "tanh", "long_names"])
def test_legends_and_labels_cover_nothing(which: str, request: pytest.FixtureRequest) -> None:
    report = request.getfixturevalue(which)
    for drawn in _figures(report):
        figure = drawn.figure
        renderer = figure.canvas.get_renderer()
        for axis in figure.axes:
            legend = axis.get_legend()
            if legend is None:
                continue
            box = legend.get_window_extent(renderer)
            for other in figure.axes:
                assert not _overlap(box, other.bbox), f"{drawn.name}: a legend over a plot"
        for axis in _data_axes(figure):
            xs = axis.get_xticklabels()
            for ticks in (xs, axis.get_yticklabels()):
                low, high = sorted(axis.get_xlim() if ticks is xs else axis.get_ylim())
                boxes = [
                    t.get_window_extent(renderer)
                    for t in ticks
                    if t.get_text()
                    and low <= (t.get_position()[0] if ticks is xs else t.get_position()[1]) <= high
                ]
                for first, second in itertools.pairwise(boxes):
                    assert not _overlap(first, second), f"{drawn.name}: tick labels collide"
        titles = [a.title.get_window_extent(renderer) for a in _data_axes(figure)]
        for index, first in enumerate(titles):
            for second in titles[index + 1 :]:
                assert not _overlap(first, second), f"{drawn.name}: titles collide"


def _named(report: Report, name: str) -> Any:
    found = [d.figure for d in _figures(report) if d.name == name]
    assert found, f"no {name} among the figures"
    return found[0]


def _titles(figure: Any) -> list[str]:
    return [a.get_title() for a in _data_axes(figure)]


def test_dead_relu_panel_only_for_relu_layers(relu: Report, tanh: Report) -> None:
    relu_titles = _titles(_named(relu, "training.png"))
    tanh_titles = _titles(_named(tanh, "training.png"))
    assert any("dead ReLU" in t for t in relu_titles), relu_titles
    assert not any("ReLU" in t for t in tanh_titles), tanh_titles
    assert any("saturated tanh" in t for t in tanh_titles), tanh_titles
    assert not any("saturated" in t for t in relu_titles), relu_titles


def test_step_axis_covers_the_recorded_steps_and_nothing_else(relu: Report) -> None:
    steps = relu.plot_data["training"]["steps"]
    for axis in _data_axes(_named(relu, "training.png")):
        assert axis.get_xlim() == pytest.approx((0.0, max(steps)))


def test_histograms_span_the_data_not_the_shading(tanh: Report) -> None:
    import numpy as np

    figure = _named(tanh, "pre_activations.png")
    for axis, values in zip(_data_axes(figure), tanh.plot_data["pre_activations"], strict=True):
        z = np.array([v for v in values if v is not None])
        low, high = axis.get_xlim()
        width = z.max() - z.min()
        assert low <= z.min() and high >= z.max()
        assert low >= z.min() - 0.1 * width and high <= z.max() + 0.1 * width


def test_decision_boundary_before_and_after_the_recorded_training(tanh: Report) -> None:
    decision = tanh.plot_data["decision"]
    steps = tanh.training["steps_run"]
    assert decision["after"]["steps"] == steps  # the run completed: every step applied
    assert decision["after"]["output"] != decision["output"]  # the training moved the net
    titles = _titles(_named(tanh, "decision_boundary.png"))
    assert len(titles) == 2
    assert titles[0].startswith("before training")
    assert titles[1] == f"after {steps} steps of your training"


def test_decision_boundary_without_training_has_one_panel(untrained: Report) -> None:
    assert "after" not in untrained.plot_data["decision"]
    titles = _titles(_named(untrained, "decision_boundary.png"))
    assert len(titles) == 1 and titles[0].startswith("before training")


def test_a_run_that_broke_at_once_shows_its_one_step_and_no_after_panel(broken: Report) -> None:
    assert broken.training["stopped"] == "non-finite"
    assert broken.plot_data["training"]["steps"] == [0]
    assert "after" not in broken.plot_data["decision"]  # no step was applied
    assert len(_titles(_named(broken, "decision_boundary.png"))) == 1
    for axis in _data_axes(_named(broken, "training.png")):
        for line in axis.get_lines():
            if len(line.get_xdata()) == 1:  # one point: a line alone would draw nothing
                assert line.get_marker() not in (None, "None", "", " "), axis.get_title()


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_pictures_have_twice_the_pixels_of_their_size_on_the_page(relu: Report) -> None:
    from netdoctor.render.documents import render_html
    from netdoctor.render.plots import pictures

    drawn = pictures(relu)
    assert len(drawn) >= 5
    page = render_html(relu, drawn)
    shown = re.findall(
        r'<img alt="[^"]*" width="(\d+)" height="(\d+)" src="data:image/png;base64,([^"]+)"', page
    )
    assert len(shown) == len(drawn)
    for width, height, data in shown:
        pixels = _png_size(base64.b64decode(data))
        assert pixels[0] >= 2 * int(width) - 1 and pixels[1] >= 2 * int(height) - 1
        assert int(width) <= 1100  # the page's width: no picture is shrunk by much


def test_the_json_carries_the_after_training_grid_as_the_schema_says(tanh: Report) -> None:
    import json

    import jsonschema

    schema = json.loads((Path(__file__).parent / "report.schema.json").read_text())
    report = json.loads(tanh.to_json())
    jsonschema.validate(report, schema)
    after = report["plot_data"]["decision"]["after"]
    assert len(after["output"]) == len(report["plot_data"]["decision"]["y"])
    broken = json.loads(tanh.to_json())
    broken["plot_data"]["decision"]["after"] = {"output": after["output"]}  # no step count
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
