"""What every report figure shares: its size on the page, its pixel density, titles that
fit, legends that cover no data.

A figure is sized in inches at `CSS_PER_INCH` page pixels per inch and saved at `DENSITY`
times that, so the page shows it at its 1x size and a high-density screen gets the
pixels it needs instead of an upscaled blur. Titles are wrapped after a measured draw,
because constrained layout moves axes to make room for text but never shortens a line
that is wider than the figure: that is how titles got clipped.
"""

from __future__ import annotations

import io
import itertools
import textwrap
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CSS_PER_INCH = 100  # page pixels per figure inch: matplotlib's own default dpi
DENSITY = 2  # PNG pixels per page pixel: sharp on 2x screens, fine on 1x ones
SMALL = 8  # font size of legends and notes inside a figure


@dataclass(frozen=True)
class Drawn:
    """A figure still open, before it becomes a PNG: what tests measure."""

    name: str  # file name, e.g. "gradients.png"
    title: str
    figure: Figure


@dataclass(frozen=True)
class Picture:
    """A finished picture: the PNG and the size (page pixels) it is shown at."""

    name: str
    title: str
    png: bytes
    width: int
    height: int


def array(values: Any) -> np.ndarray:
    """JSON lists (None for inf/NaN) back to a float array."""
    return np.array(
        [[np.nan if v is None else v for v in row] for row in values]
        if values and isinstance(values[0], list)
        else [np.nan if v is None else v for v in values],
        dtype=np.float64,
    )


def new_figure(width: float, height: float) -> Figure:
    """A figure with constrained layout (axes move to make room for every label) on its
    own Agg canvas: no pyplot, so no global figure list to leak into or close."""
    figure = Figure(figsize=(width, height), layout="constrained", dpi=CSS_PER_INCH)
    FigureCanvasAgg(figure)
    return figure


def legend_beside(axis: Any, entries: dict[str, Any] | None = None) -> None:
    """The legend right of the axes, outside them: it never hides a bar, line or point.
    Constrained layout counts it in the axes' size, so it is not clipped either.
    `entries` (label -> handle) replace the axes' own, for one legend of several axes."""
    if entries is None:
        handles, labels = axis.get_legend_handles_labels()
        entries = dict(zip(labels, handles, strict=True))
    if entries:
        axis.legend(
            list(entries.values()),
            list(entries),
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0.0,
            fontsize=SMALL,
        )


def fit_text(figure: Figure) -> None:
    """Wrap the suptitle to the figure's width and each axes title to its axes' width, and
    slant x tick labels that would run into each other (long parameter names).

    Measured on a drawn figure (after constrained layout has placed the axes), so the
    widths are the real ones whatever the font; the next draw lays the figure out again
    around the new text."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None:
        _wrap(suptitle, 0.96 * figure.bbox.width, renderer)
    for axis in figure.axes:
        if axis.get_visible() and axis.title.get_text():
            _wrap(axis.title, axis.bbox.width, renderer)
        if axis.get_visible() and _crowded(axis, renderer):
            axis.tick_params(axis="x", labelrotation=30)
            for label in axis.get_xticklabels():
                label.set_horizontalalignment("right")


def _crowded(axis: Any, renderer: Any) -> bool:
    """Whether two x tick labels the axes shows (within its limits) touch."""
    low, high = sorted(axis.get_xlim())
    boxes = sorted(
        (
            label.get_window_extent(renderer)
            for label in axis.get_xticklabels()
            if label.get_text() and low <= label.get_position()[0] <= high
        ),
        key=lambda box: box.x0,
    )
    return any(left.x1 + 2 > right.x0 for left, right in itertools.pairwise(boxes))


def _wrap(text: Any, limit: float, renderer: Any) -> None:
    words = " ".join(text.get_text().split())
    columns = len(words)
    while text.get_window_extent(renderer).width > limit and columns > 12:
        columns = int(columns * 0.85)
        text.set_text(textwrap.fill(words, columns))


def finish(drawn: Drawn) -> Picture:
    """The PNG at `DENSITY` x the page size."""
    figure = drawn.figure
    fit_text(figure)
    width, height = figure.get_size_inches()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CSS_PER_INCH * DENSITY, metadata={"Software": None})
    return Picture(
        drawn.name,
        drawn.title,
        buffer.getvalue(),
        round(width * CSS_PER_INCH),
        round(height * CSS_PER_INCH),
    )
