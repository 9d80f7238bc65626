"""The report as one self-contained HTML page: inline CSS and SVG charts, no links out."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, select_autoescape

from core.config import REPO_ROOT
from core.vocabulary import GAP_HEADINGS
from core.words import agree, count, uk_date, uk_datetime
from graph.words import CYCLE_WORDS, REASON_WORDS, STATUS_COLOURS, STATUS_WORDS
from report.board import SECTIONS, complete_groups_sentence
from report.pictures import bar_chart_svg, hex_map_svg, map_key

_ENV = Environment(
    loader=FileSystemLoader(REPO_ROOT / "report" / "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["uk_date"] = uk_date
_ENV.filters["uk_datetime"] = uk_datetime
_ENV.filters["count"] = count
_ENV.filters["agree"] = agree
_ENV.filters["cycle_words"] = CYCLE_WORDS.get


PDF_LIST_LIMIT = 10
#: Cut-off groups the PDF lists before pointing to the Excel sheet (each takes space).
PDF_BROKEN_LIMIT = 30
#: The coverage target drawn on the partnerships chart (per cent of council areas).
COVERAGE_TARGET = 100.0
#: Widths of the maps (CSS px; A4's text is 680 wide): one partnership's, labelled, and
#: the UK's, large enough to see each council's colour.
REGION_MAP_WIDTH = 640
UK_MAP_WIDTH = 560


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def chart_rows(figures: dict) -> tuple[list[tuple[str, float, str]], list[tuple[str, float, str]]]:
    """The two charts' bars (label, per cent, caption): coverage by partnership, most
    covered first, and coverage at each of the last four quarter ends, oldest first."""
    by_region = sorted(
        (
            (r["region"], _percent(r["covered"], r["areas"]), f"({r['covered']} of {r['areas']})")
            for r in figures["by_region"]
        ),
        key=lambda row: (-row[1], row[0]),
    )
    history = [
        (
            h["quarter_words"],
            _percent(h["covered"], h["total"]),
            f"({h['covered']} of {h['total']})",
        )
        for h in figures["history"]
    ]
    return by_region, history


def render(figures: dict, pdf: bool = False) -> str:
    """The report page for ``quarter_figures`` output.

    ``pdf`` gives the printable paper: every gap, but not the list of all council areas
    (covered ones included); cut-off groups cut to ``PDF_BROKEN_LIMIT`` and fragile ones
    to ``PDF_LIST_LIMIT``, each with a pointer to the Excel sheet holding them all.
    """
    by_region, history = chart_rows(figures)
    single = figures["region_id"] is not None
    template = _ENV.get_template("quarterly.html.j2")
    return template.render(
        f=figures,
        by_region_svg=bar_chart_svg(
            by_region,
            target=COVERAGE_TARGET,
            title="Share of council areas with an elected VCS representative, by partnership",
        ),
        history_svg=bar_chart_svg(
            history, title="Share of council areas covered at each of the last four quarter ends"
        ),
        uk_map_svg=hex_map_svg(
            [a for s in figures["sections"] for a in s["areas"]],
            width=UK_MAP_WIDTH,
            title="Map of council areas by coverage",
        ),
        region_map=lambda section: hex_map_svg(
            section["areas"],
            width=REGION_MAP_WIDTH,
            labels=True,
            title=f"Map of the council areas of {section['region']} by coverage",
        ),
        complete_groups=lambda balance: complete_groups_sentence(balance, not single),
        region_key=lambda section: map_key(section["areas"], REGION_MAP_WIDTH),
        colours=STATUS_COLOURS,
        gap_headings=GAP_HEADINGS,
        status_words=STATUS_WORDS,
        reason_words=REASON_WORDS,
        sections=SECTIONS,
        single=single,
        by_region={r["region_id"]: r for r in figures["by_region"]},
        pdf=pdf,
        limit=PDF_LIST_LIMIT,
        broken_limit=PDF_BROKEN_LIMIT,
    )
