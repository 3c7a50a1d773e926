"""A :class:`~qd213_rules.sensitivity.Sensitivity` table as text, JSON or Markdown, and as a
line chart (matplotlib, from the ``notebook`` extra).

Statuses are in words and the parameter by its label; only the statuses some value has a
result in are shown. The chart is deterministic (no date or random ids in an SVG), so a
committed chart regenerates byte for byte with the same matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ..messages import Lang, t
from .compare import show_value
from .markdown import escape_cell
from ..words import format_date

if TYPE_CHECKING:
    from ..sensitivity import Sensitivity

__all__ = ["SensitivityFormat", "SENSITIVITY_FORMATS", "render_sensitivity", "plot_sensitivity", "PLOT_SUFFIXES"]

SensitivityFormat = Literal["text", "json", "markdown"]
SENSITIVITY_FORMATS: tuple[SensitivityFormat, ...] = ("text", "json", "markdown")
PLOT_SUFFIXES = (".svg", ".png")

_COLOURS = {
    "violated": "#b00020", "overdue": "#c75000", "due": "#8a6d00", "fulfilled": "#1b7f3b",
    "fulfilled_late": "#7fa32b", "waived": "#555555", "ongoing": "#1f4e99", "not_applicable": "#999999",
}  # fmt: skip
_MARKERS = {"violated": "X", "overdue": "o", "due": "s", "fulfilled_late": "^", "fulfilled": "v"}


def _value(table: Sensitivity, value: Any, lang: Lang) -> str:
    days = table.parameter.field.endswith("_days")
    return show_value(value, lang, days=days)


def _header(table: Sensitivity, lang: Lang, *, markdown: bool = False) -> list[str]:
    param = table.parameter
    esc = escape_cell if markdown else (lambda text: text)
    lines = [
        t("sensitivity.parameter", lang, label=esc(param.label(lang)), name=f"`{param.name}`" if markdown else param.name),
        t("sensitivity.baseline", lang, value=_value(table, table.baseline_value, lang), as_of=format_date(table.as_of, lang)),
    ]
    if table.obligations is not None:
        titles = ", ".join(t(f"obligation.{ob}.title", lang) for ob in table.obligations)
        lines.append(t("sensitivity.scope", lang, duties=esc(titles)))
    return lines


def render_sensitivity(table: Sensitivity, fmt: SensitivityFormat, *, lang: Lang) -> str:
    """The table in ``fmt``: one row per value, a column per status, and how many results
    differ from the current value's."""
    if fmt == "json":
        return table.to_json()
    statuses = table.statuses()
    heads = [t("sensitivity.col.value", lang), *(t(f"status.{s}", lang) for s in statuses),
             t("sensitivity.col.changed", lang)]  # fmt: skip
    body = [
        [_value(table, row.value, lang), *(f"{row.counts[s]:,}" for s in statuses), f"{row.changed:,}"]
        for row in table.rows
    ]
    if fmt == "markdown":
        out = [f"## {t('sensitivity.title', lang)}", ""]
        out += [f"- {line}" for line in _header(table, lang, markdown=True)]
        out += ["", "| " + " | ".join(heads) + " |", "|---|" + "---:|" * (len(heads) - 1)]
        out += ["| " + " | ".join(escape_cell(cell) for cell in row) + " |" for row in body]
        return "\n".join(out) + "\n"
    if fmt == "text":
        widths = [max(len(heads[i]), *(len(row[i]) for row in body)) for i in range(len(heads))]
        out = [t("sensitivity.title", lang), *(f"  {line}" for line in _header(table, lang)), ""]
        out.append("  " + "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(heads, widths, strict=True))))
        for row in body:
            out.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown sensitivity format {fmt!r}")


def _plotted(table: Sensitivity) -> list[str]:
    """The statuses drawn: those whose count moves with the value, and the findings (due,
    overdue, violated) present; a status that stays flat and is not a finding (hundreds of
    ongoing duties) would only flatten the lines that move. All of them if none moves."""
    from ..evaluation.results import Status

    present = table.statuses()
    moving = [s for s in present if len({row.counts[s] for row in table.rows}) > 1 or Status(s).severity != "none"]
    return moving or present


def plot_sensitivity(table: Sensitivity, lang: Lang, *, path: str | None = None, ax: Any = None) -> Any:
    """Draw one line per status (results against value; see :func:`_plotted`) on ``ax`` (a new figure when ``None``)
    and write it to ``path`` (``.svg`` or ``.png``) when given (a figure made here is then closed:
without ``path``, it shows inline in a notebook). :class:`ImportError` with the
    install command when matplotlib is missing. Returns the Axes."""
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError(t("cli.error.no_matplotlib", lang)) from exc
    if path is not None and not path.lower().endswith(PLOT_SUFFIXES):
        raise ValueError(t("cli.error.plot_suffix", lang, file=path))
    if ax is None:
        if path is not None:
            matplotlib.use("Agg")  # writing a file needs no display
        import matplotlib.pyplot as plt

        figure, ax = plt.subplots(figsize=(7.5, 4.2), dpi=100)
        created = True
    else:
        figure, created = ax.figure, False
    numeric = all(isinstance(v, int) and not isinstance(v, bool) for v in table.values)
    xs: list[Any] = list(table.values) if numeric else list(range(len(table.values)))
    for status in _plotted(table):
        ys = [row.counts[status] for row in table.rows]
        ax.plot(xs, ys, marker=_MARKERS.get(status, "."), color=_COLOURS[status], label=t(f"status.{status}", lang))
    ax.set_xticks(xs)
    ax.set_xticklabels([_value(table, v, lang) for v in table.values])
    if table.baseline_value in table.values:
        at = xs[table.values.index(table.baseline_value)]
        ax.axvline(at, color="#888888", linestyle=":", linewidth=1)
    ax.set_xlabel(table.parameter.label(lang), wrap=True)
    ax.set_ylabel(t("sensitivity.chart.y", lang))
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    scope = (", ".join(t(f"obligation.{ob}.title", lang) for ob in table.obligations)
             if table.obligations else t("sensitivity.title", lang))  # fmt: skip
    ax.set_title(f"{scope} ({format_date(table.as_of, lang)})", wrap=True)
    ax.legend(loc="best", fontsize="small")
    ax.grid(True, alpha=0.3)
    figure.tight_layout()
    if path is not None:
        import matplotlib as mpl

        with mpl.rc_context({"svg.hashsalt": "qd213", "svg.fonttype": "path"}):
            metadata = {"Date": None} if path.lower().endswith(".svg") else {"Software": None}
            figure.savefig(path, metadata=metadata)
        if created:  # the file is the output: do not keep the figure open (a loop of charts)
            import matplotlib.pyplot as plt

            plt.close(figure)
    return ax
