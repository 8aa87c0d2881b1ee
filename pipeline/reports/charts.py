"""Matplotlib charts as base64 PNG data URIs (headless Agg backend, no files, no network)."""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

PALETTE = {
    "Approved": "#2e7d32",
    "Partner action required": "#f9a825",
    "Rejected": "#c62828",
    "Customer consent denied": "#6a1b9a",
    "met": "#2e7d32",
    "missed": "#c62828",
    "open, overdue": "#ef6c00",
    "open, on time": "#90a4ae",
}


def _plt() -> Any:
    # lazy: matplotlib.pyplot costs ~970 ms at import (python -X importtime); only charts need it
    import matplotlib

    matplotlib.use("Agg")
    # lazy: matplotlib.pyplot costs ~970 ms at import (python -X importtime); only charts need it
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    _plt().close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def stacked_bars(df: pd.DataFrame, title: str, ylabel: str = "claims", horizontal: bool = False) -> str | None:
    """Stacked bars of a count table (rows: categories, columns: series)."""
    if df.empty or df.to_numpy().sum() == 0:
        return None
    plt = _plt()
    data = df.loc[:, (df != 0).any(axis=0)]
    height = max(2.2, 0.34 * len(data) + 1.0) if horizontal else 3.2
    width = 6.5 if horizontal else min(10.0, max(5.5, 0.3 * len(data) + 3.5))
    fig, ax = plt.subplots(figsize=(width, height))
    colors = [PALETTE.get(str(c)) for c in data.columns]
    kind = "barh" if horizontal else "bar"
    plot_data = data.iloc[::-1] if horizontal else data
    plot_data.plot(kind=kind, stacked=True, ax=ax, color=[c or f"C{i}" for i, c in enumerate(colors)], width=0.75)
    ax.set_title(title, fontsize=11, loc="left")
    (ax.set_xlabel if horizontal else ax.set_ylabel)(ylabel)
    (ax.set_ylabel if horizontal else ax.set_xlabel)("")
    # Outside the axes: a legend inside hides bars as soon as there are many.
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    if not horizontal:
        ax.tick_params(axis="x", labelrotation=0 if len(data) <= 6 else 45, labelsize=8)
        step = max(1, len(data) // 16)  # at most ~16 labels, the rest stay as ticks
        for i, label in enumerate(ax.get_xticklabels()):
            label.set_visible(i % step == 0)
            label.set_horizontalalignment("center" if len(data) <= 6 else "right")
    (ax.xaxis if horizontal else ax.yaxis).get_major_locator().set_params(integer=True)
    return _png(fig)


def heatmap(df: pd.DataFrame, title: str) -> str | None:
    if df.empty or df.to_numpy().sum() == 0:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.2, 5.0))
    ax.imshow(df.to_numpy(), cmap="Reds")
    ax.set_xticks(range(len(df.columns)), [str(c).replace("_", " ") for c in df.columns], rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(df.index)), [str(c).replace("_", " ") for c in df.index], fontsize=8)
    top = df.to_numpy().max()
    for i in range(len(df.index)):
        for j in range(len(df.columns)):
            v = int(df.iat[i, j])
            ax.text(j, i, str(v), ha="center", va="center", fontsize=9, color="white" if v > top / 2 else "black")
    ax.set_title(title, fontsize=11, loc="left")
    return _png(fig)


def pie(counts: dict[str, int], title: str) -> str | None:
    counts = {k: v for k, v in counts.items() if v}
    if not counts:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(4.6, 3.2))
    ax.pie(
        list(counts.values()),
        labels=[f"{k} ({v})" for k, v in counts.items()],
        colors=[PALETTE.get(k, f"C{i}") for i, k in enumerate(counts)],
        startangle=90,
        wedgeprops={"width": 0.45},
        textprops={"fontsize": 8},
    )
    ax.set_title(title, fontsize=11, loc="left")
    return _png(fig)
