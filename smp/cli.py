"""The ``smp`` command. The only module that turns errors into messages and exit codes.

Exit status: 0 success, 1 invalid input or a failed analysis, 2 wrong usage,
3 the database could not be reached.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from core.clock import today
from core.errors import BadValue, DatabaseUnavailable, SmpError, UsageError, WorkbookError
from smp import __version__

#: Characters a terminal would act on rather than show: C0 and C1 controls but tab and
#: newline (escape sequences can erase lines, hide text or set the clipboard), and the
#: bidirectional overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _echo(message: object = None, **kwargs) -> None:
    """``click.echo`` with workbook text made safe for a terminal: :data:`_CONTROL`
    characters are dropped (the output is text to read, never instructions)."""
    click.echo(None if message is None else _CONTROL.sub("", str(message)), **kwargs)


#: The option a value of each kind (``BadValue.what``) comes from.
OPTION_OF = {"quarter": "--quarter", "region": "--region", "format": "--format",
             "sectors": "--sectors", "rep_expectation": "--rep-expectation"}  # fmt: skip


def advice(err: SmpError) -> str | None:
    """What to do about an error, in the command line's terms (None: the message says it)."""
    from graph.read import IncompleteLoad
    from loader.write import ErasedPeople, LoadTooLarge

    if isinstance(err, DatabaseUnavailable):
        if err.reason == "refused":
            return (
                "Unset NEO4J_PASSWORD to use the local server's own, or run `smp db start` again."
                if err.local
                else "Check NEO4J_USER and NEO4J_PASSWORD."
            )
        if err.local:
            return (
                "Start the local server with `smp db start`, or set NEO4J_URI to your own server."
            )
        return "Check that the server runs and that NEO4J_URI is right."
    if isinstance(err, IncompleteLoad):
        return (
            f"Wait for it if it is running; otherwise run `smp load {err.source}` again (loads "
            "are idempotent), or `smp load --replace` with the workbook you want."
        )
    if isinstance(err, LoadTooLarge):
        return "Try `smp load --commit-every 50000` (or smaller), or SMP_DB_HEAP=4g."
    if isinstance(err, ErasedPeople):
        return "To add them back (only with their agreement), load with --allow-erased."
    return None


class _Group(click.Group):
    """Maps the project's errors to one clear message and the contract's exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbookError as err:
            for problem in err.problems:
                _echo(str(problem), err=True)
            if err.total > len(err.problems):
                _echo(f"… and {err.total - len(err.problems):,} more problems", err=True)
            _echo(f"Error: {err}; nothing was written.", err=True)
            if advice(err):
                _echo(advice(err), err=True)
            ctx.exit(err.exit_code)
        except BadValue as err:
            _echo(f"Error: {OPTION_OF.get(err.what, err.what)}: {err}", err=True)
            ctx.exit(err.exit_code)
        except SmpError as err:
            fix = advice(err)
            _echo(f"Error: {err}" + (f" {fix}" if fix else ""), err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            _echo("Interrupted; nothing was written.", err=True)
            ctx.exit(130)


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return today()
    from loader.validate import parse_date

    try:
        return parse_date(value)
    except ValueError as err:
        raise UsageError(f"--as-of {value!r} is not a date (use YYYY-MM-DD)") from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="smp")
def cli() -> None:
    """SMP Network Analyser: stakeholder networks of Strategic Migration Partnerships.

    Workbooks in, a Neo4j graph, analyses of coverage and information flow out.
    Connection settings: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (default: the local
    server of `smp db start`).
    """


@cli.group(cls=_Group)
def db() -> None:
    """Run the project's own local Neo4j (5.26 LTS Community, embedded)."""


@db.command("start")
def db_start() -> None:
    """Start the local server (idempotent); waits until Bolt answers."""
    from smp import server

    before = server.status()
    status = server.start(echo=lambda m: _echo(m, err=True))
    _echo(("Already running: " if before.running else "Started: ") + status.describe())


@db.command("stop")
def db_stop() -> None:
    """Shut the local server down cleanly."""
    from smp import server

    _echo("Stopped the local Neo4j." if server.stop() else "The local Neo4j was not running.")


@db.command("status")
def db_status() -> None:
    """Say whether the local server runs, and where; exit 3 when it does not."""
    from core import config
    from smp import server

    status = server.status()
    _echo(status.describe())
    conn = config.connection()
    if not conn.is_local_default:
        _echo(f"smp commands connect to NEO4J_URI={conn.uri} (set in the environment).")
    if not status.running:
        sys.exit(3)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        _echo(f"Warning: {warning}", err=True)


def _summary(counts: dict[str, int]) -> str:
    parts = [f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n]
    return ", ".join(parts) or "no records"


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a workbook (a folder of CSVs, a .zip of them or an .xlsx); no database."""
    from loader.validate import load_workbook

    workbook = load_workbook(path)
    _print_warnings(workbook.warnings)
    _echo(f"OK: {path} is a valid workbook: {_summary(workbook.counts())}.")


def _diff_text(diff, records: list[dict]) -> str:
    """``smp diff``'s table: counts per sheet, then each record."""
    from core.words import count
    from loader.diff import change_in_words

    lines = ["What the workbook would change (as smp load --replace):", ""]
    width = max(len(name) for name in diff.sheets)
    for name, counts in diff.counts().items():
        words = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
        lines.append(f"  {name.replace('_', ' '):<{width}}  {words}")
    totals = diff.totals()
    lines += ["", f"In all: {count(totals['added'], 'record')} added, "
              f"{count(totals['changed'], 'record')} changed, "
              f"{count(totals['removed'], 'record')} removed."]  # fmt: skip
    if records:
        lines.append("")
    for record in records:
        # Internal ids (a membership's m-…, a line's r-…) say nothing to a steward.
        internal = record["sheet"] in ("memberships", "reporting_lines", "group_rules",
                                       "attendance")  # fmt: skip
        if record.get("name"):
            what = record["name"] if internal else f"{record['name']} ({record['id']})"
        else:
            what = record["id"]
        sheet = record["sheet"].replace("_", " ")
        lines.append(f"  {record['change']:<8} {sheet:<16} {what}")
        for column, (old, new) in record.get("fields", {}).items():
            lines.append(f"           {change_in_words(column, old, new)}")
    return "\n".join(lines) + "\n"


def _impact_dates(as_of: str | None) -> list[dt.date]:
    """The dates an update's impact is shown for: ``--as-of`` if given, else today; and
    the last quarter end before it."""
    from graph.views import previous_quarter_end

    first = _as_of(as_of)
    return list(dict.fromkeys([first, previous_quarter_end(first)]))


def _show_diff(
    path: Path,
    fmt: str,
    output: Path | None,
    replace: bool = True,
    as_of: str | None = None,
    allow_erased: bool = True,
) -> None:
    """Validate a workbook and print what loading it with --replace would change, and
    what that does to the answers (for ``smp load --dry-run`` without ``--replace``,
    ``replace=False``: also which removals that load would not make)."""
    import json

    from core import db as smp_db
    from core.words import count
    from graph.impact import IMPACT_SHEETS, impact_lines, update_impact
    from graph.model import build_network
    from graph.read import check_complete
    from loader.diff import tables_before
    from loader.validate import load_workbook
    from loader.write import (
        diff_with_database,
        erased_in,
        erased_lookalikes,
        names_in,
        refuse_erased,
    )

    dates = _impact_dates(as_of)
    workbook = load_workbook(path)
    _print_warnings(workbook.warnings)
    with smp_db.driver() as driver:
        check_complete(driver, smp_db.database())  # a half-loaded network is no "before"
        diff = diff_with_database(driver, workbook, smp_db.database(), parallel=True)
        erased = [] if allow_erased else erased_in(driver, workbook, smp_db.database())
        _print_warnings(erased_lookalikes(driver, workbook, smp_db.database()))
    # The network as the database holds it, from the workbook and the diff (no second
    # read of the database: 5 s for a national network).
    before = build_network(tables_before(workbook.tables, diff, IMPACT_SHEETS), ids=False)
    kept = None if replace else {name: d.removed for name, d in diff.sheets.items()}
    impacts = update_impact(before, workbook.tables, kept, dates)
    records = diff.records(names_in(diff, workbook))
    if fmt == "json":
        text = json.dumps({"sheets": diff.counts(), "records": records, "impact": impacts[0],
                           "impact_dates": impacts}, indent=2, ensure_ascii=False,
                          default=str) + "\n"  # fmt: skip
    else:
        text = "What the update does to the answers\n\n"
        for found in impacts:
            text += "\n".join(impact_lines(found)) + "\n\n"
        text += "\n" + _diff_text(diff, records)
        removed = diff.totals()["removed"]
        if not replace and removed:
            text += (
                f"\nWithout --replace this load removes nothing: the {count(removed, 'record')} "
                f"marked removed {'stays' if removed == 1 else 'stay'} in the network.\n"
            )
    if output:
        output.write_text(text, encoding="utf-8")
        _echo(f"Wrote {output}", err=True)
    else:
        _echo(text, nl=False)
    if erased:  # the load itself would be refused: say so, as it would
        raise refuse_erased(workbook, erased)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout."
)
@click.option(
    "--as-of", "as_of", metavar="DATE",
    help="Say what the update does to the answers as of DATE (default: today), and as of "
    "the quarter end before it.",
)  # fmt: skip
def diff(path: Path, fmt: str, output: Path | None, as_of: str | None) -> None:
    """Show what loading a workbook with --replace would change: what it does to the
    answers (areas covered, local groups cut off or reconnected, and why), then per sheet,
    records added, changed (each field's old and new value) and removed. Writes nothing."""
    _show_diff(path, fmt, output, as_of=as_of)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--replace", is_flag=True,
    help="Make the network exactly this workbook: what earlier loads wrote and it does "
    "not have is removed (see smp diff).",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Only show what the load would change (as smp diff).")
@click.option(
    "--as-of", "as_of", metavar="DATE",
    help="With --dry-run: say what the load does to the answers as of DATE (default: today).",
)  # fmt: skip
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on a terminal)."
)
@click.option(
    "--commit-every",
    type=click.IntRange(min=1000),
    metavar="ROWS",
    help="Commit every ROWS rows instead of once (automatic above 500,000 rows; "
    "SMP_LOAD_TRANSACTION_ROWS changes that). Not atomic: a load stopped half way is "
    "marked incomplete until it is run again.",
)
@click.option(
    "--allow-erased",
    is_flag=True,
    help="Add back people erased with `smp forget` who are in the workbook (only with "
    "their agreement); the audit records it.",
)
def load(
    path: Path,
    replace: bool,
    dry_run: bool,
    progress: bool | None,
    commit_every: int | None,
    allow_erased: bool,
    as_of: str | None,
) -> None:
    """Validate a workbook, then write it to Neo4j in one transaction.

    Workbooks too large for one transaction (over 500,000 rows, or with
    --commit-every) are written in several, and analyses refuse the network until
    the load has finished.
    """
    from core import db as smp_db
    from loader.validate import load_workbook
    from loader.write import erased_lookalikes, write_workbook

    if dry_run:
        _show_diff(path, "table", None, replace, as_of, allow_erased)
        return
    workbook = load_workbook(path)
    _print_warnings(workbook.warnings)
    with smp_db.driver() as driver:
        _print_warnings(erased_lookalikes(driver, workbook, smp_db.database()))
        result = write_workbook(
            driver, workbook, replace=replace, database=smp_db.database(), progress=progress,
            commit_every=commit_every, allow_erased=allow_erased, parallel=True,
        )  # fmt: skip
    how = "" if result.transactions == 1 else f" in {result.transactions} transactions"
    changed = ""
    if result.changes is not None:
        totals = {k: sum(c[k] for c in result.changes.values())
                  for k in ("added", "changed", "removed")}  # fmt: skip
        changed = (
            f" Records: {totals['added']:,} added, {totals['changed']:,} changed, "
            f"{totals['removed']:,} removed; the rest left as it was."
        )
    _echo(
        f"Loaded {path}{how}: {_summary(result.counts)}.{changed} The database now holds "
        f"{result.nodes} nodes and {result.relationships} relationships of the network."
    )


@cli.command()
@click.option("--as-of", "as_of", metavar="DATE", help="Date of the analysis (default: today).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout."
)
@click.option(
    "--sectors",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of expected sectors for strategic groups (see docs/analyses.md).",
)
@click.option(
    "--rep-expectation",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of what a VCS rep is expected to attend in a year (default: 8 meetings, "
    "4 in person, 4 online, 2 engagement days; see docs/analyses.md).",
)
@click.option("--no-measures", is_flag=True, help="Skip the network measures (faster).")
def analyse(
    as_of: str | None,
    fmt: str,
    output: Path | None,
    sectors: Path | None,
    rep_expectation: Path | None,
    no_measures: bool,
) -> None:
    """Read the network from Neo4j and run the analyses as of DATE."""
    import json

    from core import db as smp_db
    from graph.analyse import analyse as run_analyses
    from graph.analyse import explain_analysis
    from graph.engagement import DEFAULT_REP_EXPECTATION, load_rep_expectation
    from graph.model import unchanged
    from graph.read import read_network
    from graph.sectors import DEFAULT_EXPECTATIONS, load_expectations
    from smp.table import render

    date = _as_of(as_of)
    expectations = load_expectations(sectors) if sectors else DEFAULT_EXPECTATIONS
    with smp_db.driver() as driver:
        G = read_network(driver, smp_db.database())
    attendance = (
        load_rep_expectation(rep_expectation) if rep_expectation else DEFAULT_REP_EXPECTATION
    )
    # The command line runs one thread: the measures may be computed in a forked copy.
    # One unchanged() block for both: the explanations reuse the analyses' scans.
    with unchanged(G):
        result = run_analyses(G, date, expectations, measures=not no_measures,
                              rep_expectation=attendance, parallel=True)  # fmt: skip
        result.update(explain_analysis(G, date, result))
    text = (
        json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n"
        if fmt == "json"
        else render(result)
    )
    if output:
        output.write_text(text, encoding="utf-8")
        _echo(f"Wrote {output}", err=True)
    else:
        _echo(text, nl=False)


@cli.command()
@click.option("--quarter", required=True, help="The quarter, e.g. 2026Q3 (as of its last day).")
@click.option(
    "--format",
    "formats",
    default="html,pdf,xlsx",
    show_default=True,
    help="Comma-separated: html, pdf, xlsx, docx (Word).",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder to write to.",
)
@click.option("--region", metavar="CODE", help="One partnership (its area code, e.g. E12000003).")
@click.option("--include-names", is_flag=True, help="Name people (personal data).")
@click.option(
    "--author",
    metavar="ORGANISATION",
    help="Who prepares the report, for its cover (default: $SMP_REPORT_AUTHOR).",
)
def report(
    quarter: str,
    formats: str,
    output: Path,
    region: str | None,
    include_names: bool,
    author: str | None,
):
    """Write the quarterly coverage report as a board paper (HTML, PDF, Excel, Word)."""
    from core import db as smp_db
    from graph.read import read_network
    from report.quarterly import parse_quarter, write_report

    parse_quarter(quarter)
    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    from loader.write import read_history

    with smp_db.driver() as driver:
        G = read_network(driver, smp_db.database())
        loads = read_history(driver, 1000, smp_db.database())
    written = write_report(G, quarter, output, chosen, include_names, region, author, loads)
    for path in written:
        _echo(str(path))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "xlsx"]),
    required=True,
    help="graphml or gexf: a network view for Gephi and others; xlsx: the whole network "
    "as a workbook in the contract's format.",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--as-of", "as_of", metavar="DATE", help="Date of the view (default: today).")
@click.option("--region", metavar="CODE", help="Only this partnership (graphml, gexf).")
def export(fmt: str, output: Path, as_of: str | None, region: str | None) -> None:
    """Export the network for other tools."""
    from core import db as smp_db
    from graph.model import build_network
    from graph.read import read_tables
    from graph.views import explorer_graph
    from report.exports import write_network_file, write_workbook_xlsx

    with smp_db.driver() as driver:
        tables = read_tables(driver, smp_db.database())
    if fmt == "xlsx":
        write_workbook_xlsx(tables, output)
    else:
        view = explorer_graph(
            build_network(tables), _as_of(as_of), regions=[region] if region else ()
        )
        write_network_file(view, output, fmt)
    _echo(f"Wrote {output}")


@cli.command()
@click.argument("person_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def forget(person_id: str, yes: bool) -> None:
    """Erase PERSON_ID and everything that names them, with an audit entry."""
    from core import db as smp_db
    from loader.write import forget_person

    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("add --yes to erase without a confirmation prompt")
        click.confirm(f"Erase {person_id} and all their memberships for good?", abort=True)
    with smp_db.driver() as driver:
        done = forget_person(driver, person_id, smp_db.database())
    if not done.found:
        already = " (that id was erased before)" if done.erased_before else ""
        raise SmpError(
            f"No person with person_id {person_id!r} in the database{already}; nothing was "
            "erased. The audit records a failed attempt, without the id."
        )
    _echo(
        f"Erased {person_id}. A later load of a workbook that still lists them is refused "
        "(people.csv names the row): correct the workbook too."
    )


@cli.command()
@click.argument("load_id")
@click.option("--dry-run", is_flag=True, help="Only show what reverting would do.")
@click.option(
    "--with-later", is_flag=True,
    help="Revert the later loads that changed the same records too, newest first.",
)  # fmt: skip
@click.option("--as-of", "as_of", metavar="DATE", help="Impact as of DATE (default: today).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def revert(load_id: str, dry_run: bool, with_later: bool, as_of: str | None, yes: bool) -> None:
    """Put the network back as it was before the load LOAD_ID (its first characters, as
    `smp history` shows them), in one transaction. Shown first as a diff with what it
    does to the answers. People erased since stay erased."""
    from pathlib import Path as _Path

    from core import db as smp_db
    from graph.impact import IMPACT_SHEETS, impact_lines, update_impact
    from graph.model import build_network
    from graph.read import check_complete
    from loader.history import reverted_tables
    from loader.readback import read_tables
    from loader.validate import Workbook
    from loader.write import diff_with_database, names_in, write_workbook

    database = smp_db.database()
    with smp_db.driver() as driver:
        check_complete(driver, database)  # a half-loaded network is no "before"
        current = read_tables(driver, database, extras=True)
        tables, undone = reverted_tables(driver, load_id, current, with_later, database)
        names = ", ".join(f"{u['source']} ({u['load_id'][:8]})" for u in undone)
        workbook = Workbook(_Path(f"revert of {names}"), tables,
                            checksum=f"revert:{undone[-1]['load_id']}")  # fmt: skip
        diff = diff_with_database(driver, workbook, database)
        # The network as it is, from the records just read.
        before = build_network({sheet: current.get(sheet, []) for sheet in IMPACT_SHEETS})
        impacts = update_impact(before, tables, None, _impact_dates(as_of))
        text = "Reverting " + names + "\n\nWhat it does to the answers\n\n"
        for found in impacts:
            text += "\n".join(impact_lines(found)) + "\n\n"
        text += _diff_text(diff, diff.records(names_in(diff, workbook)))
        _echo(text, nl=False)
        if dry_run:
            return
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError("add --yes to revert without a confirmation prompt")
            click.confirm("Revert the network as shown?", abort=True)
        result = write_workbook(driver, workbook, replace=True, database=database,
                                diff=diff, progress=False)  # fmt: skip
    _echo(
        f"Reverted {names}: the network is as it was before. This revert is itself a load "
        f"({result.load_id[:8]} in `smp history`), so it can be reverted in turn."
    )


@cli.command()
@click.option("--limit", type=int, default=20, show_default=True)
def history(limit: int) -> None:
    """The last loads: when, who, which file, and what each changed."""
    from core import db as smp_db
    from core.words import uk_datetime
    from loader.write import read_history

    with smp_db.driver() as driver:
        loads = read_history(driver, limit, smp_db.database())
    if not loads:
        _echo("No loads recorded yet.")
    for load in loads:
        changes = load["changes"]
        if changes is None:
            what = "changes not recorded"
        else:
            totals = {k: sum(c.get(k, 0) for c in changes.values())
                      for k in ("added", "changed", "removed")}  # fmt: skip
            what = ", ".join(f"{n:,} {k}" for k, n in totals.items())
            detail = "; ".join(
                f"{sheet.replace('_', ' ')} " + "/".join(str(c[k]) for k in
                                                          ("added", "changed", "removed"))
                for sheet, c in changes.items() if any(c.values())
            )  # fmt: skip
            if detail:
                what += f" ({detail}: added/changed/removed)"
        replace = " --replace" if load["replace"] else ""
        back = "" if load.get("revertible") else "  (cannot be reverted)"
        _echo(f"{(load.get('load_id') or '')[:8]}  {uk_datetime(load['at'])}  {load['by']}  "
              f"{load['source']}{replace}: {what}{back}")  # fmt: skip


@cli.command()
@click.option("--limit", type=int, default=50, show_default=True)
def audit(limit: int) -> None:
    """Show the audit trail: loads (file, checksum, counts) and erasures."""
    from core import db as smp_db
    from loader.write import read_audit

    with smp_db.driver() as driver:
        rows = read_audit(driver, limit, smp_db.database())
    if not rows:
        _echo("No loads or erasures recorded yet.")
    for row in rows:
        when = str(row["at"])[:19]
        if row["action"] == "load":
            what = f"{row['subject']}  sha256 {row['checksum'][:12]}  {row['counts']}"
        elif not row["found"]:
            what = "failed attempt: no such person, nothing erased"
        else:
            what = f"person ref {str(row['subject'])[:12]}"
        _echo(f"{when}  {row['action']:<7} by {row['by']}: {what}")


@cli.command()
@click.option(
    "--tier",
    "tiers",
    multiple=True,
    default=["region"],
    show_default=True,
    type=click.Choice(["region", "national", "stress", "all"]),
    help="Size of synthetic network; repeat or use `all` for region, national and stress.",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="JSON file.")
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".smp/bench-work"),
    show_default=True,
    help="Where workbooks are generated.",
)
@click.option(
    "--use-configured-server",
    is_flag=True,
    help="Benchmark the server of NEO4J_URI (its network is replaced!) instead of a "
    "server of the benchmark's own.",
)
def bench(
    tiers: tuple[str, ...], output: Path | None, workdir: Path, use_configured_server: bool
) -> None:
    """Measure load, LOAD CSV baseline, analysis, report and memory at a size."""
    import json
    import os

    from core import config
    from smp import bench as smp_bench
    from smp import server

    def echo(message: str) -> None:
        _echo(message, err=True)

    if use_configured_server:
        result = smp_bench.run_bench(list(tiers), output, workdir, echo=echo)
    else:  # a server of its own: own port, own data folder; the user's stays untouched
        home = config.state_dir() / "bench"
        with server.temporary_server(
            home,
            heap=os.environ.get("SMP_BENCH_DB_HEAP", "4g"),
            pagecache=os.environ.get("SMP_BENCH_DB_PAGECACHE", "2g"),
            import_dir=home / "import",  # LOAD CSV reads only here
            # An empty store each run: a store aged by earlier runs' loads and deletes
            # read the national network 1.5 s slower (BENCHMARKS.md, stop 21).
            fresh=True,
            echo=echo,
        ):
            result = smp_bench.run_bench(list(tiers), output, workdir, echo=echo)
    _echo(json.dumps(result, indent=2))


@cli.group(cls=_Group)
def user() -> None:
    """Users of the app (local sign-in; roles viewer, analyst, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_add(name: str, role: str, password_stdin: bool) -> None:
    """Add or change a user (asks for the password)."""
    from core import users

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    users.check_new_user(name, password, role)  # a bad name, role or password: nothing recorded
    # The database learns first that sign-in is on, so that no app reading it can ever
    # show it without sign-in (one whose SMP_HOME points elsewhere, say).
    from core import db as smp_db
    from cypher import query

    with smp_db.driver() as driver:
        driver.execute_query(query("record_sign_in"), kind="local", database_=smp_db.database())
    users.add_user(name, password, role)
    _echo(f"{name} can sign in as {role} ({users.users_file()}).")


@user.command("list")
def user_list() -> None:
    """List users and roles (never passwords)."""
    from core import users

    known = users.load_users()
    kind = users.configured_kind()
    if kind is None:
        _echo("No users: sign-in is off and the app acts as a single local admin.")
    elif not known and kind == "local":
        _echo("No users left: sign-in stays on, so nobody can use the app until you add one.")
    for name, entry in sorted(known.items()):
        _echo(f"{name}\t{entry['role']}")


@user.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "analyst", "admin"]))
def user_role(name: str, role: str) -> None:
    """Change a user's role (open sessions change at their next click)."""
    from core import users

    if not users.set_role(name, role):
        raise SmpError(f"No user named {name!r}.")
    _echo(f"{name} is now {role}.")


@user.command("remove")
@click.argument("name")
def user_remove(name: str) -> None:
    """Remove a user (their open sessions end at their next click)."""
    from core import users

    if not users.remove_user(name):
        raise SmpError(f"No user named {name!r}.")
    _echo(f"Removed {name}.")
    if not users.load_users():
        _echo(
            "No users are left. Sign-in stays on: nobody can use the app until you add a user "
            "(smp user add), or turn sign-in off with `smp user sign-in-off`.",
            err=True,
        )


@user.command("sign-in-off")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def user_sign_in_off(yes: bool) -> None:
    """Remove every user and turn sign-in off (a single person's local tool)."""
    from core import users

    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("add --yes to turn sign-in off without a confirmation prompt")
        click.confirm(
            "Remove every user? Whoever can open the app on this computer will then see "
            "everything, names included",
            abort=True,
        )
    from core import db as smp_db
    from cypher import query

    users.turn_sign_in_off()
    # The database remembers sign-in too (so that an app that lost its users file
    # refuses everyone): forget it there as well.
    with smp_db.driver() as driver:
        driver.execute_query(query("record_sign_in"), kind=None, database_=smp_db.database())
    _echo(
        "Sign-in is off. The app opens without sign-in only while it listens on this "
        "computer alone (smp app)."
    )


@cli.command()
@click.option("--port", type=int, default=8501, show_default=True, help="Port of the app.")
@click.option("--headless", is_flag=True, help="Do not open a browser window.")
def app(port: int, headless: bool) -> None:
    """Run the Streamlit app (open http://localhost:PORT).

    It listens on localhost unless SMP_APP_ADDRESS says otherwise, and answers only the
    host names in SMP_ALLOWED_HOSTS (default: the localhost names).
    """
    import os
    import subprocess

    from core.config import REPO_ROOT

    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO_ROOT / "app" / "serve.py"),
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        # Always headless: otherwise Streamlit first asks for an e-mail address on the
        # terminal, and fails when there is none (make, CI, a service).
        "--server.headless",
        "true",
        "--server.address",
        os.environ.get("SMP_APP_ADDRESS", "localhost"),
        # People using the app get no developer tools (Deploy, Clear cache, Rerun)...
        "--client.toolbarMode",
        "minimal",
        # ... and no tracebacks: app/serve.py shows a plain message instead.
        "--client.showErrorDetails",
        "none",
        # A national workbook zipped is about 10 MB; the loader caps what it unpacks.
        "--server.maxUploadSize",
        os.environ.get("SMP_MAX_UPLOAD_MB", "50"),
        # Buttons, tabs and tags in GOV.UK blue: red means one thing only, a group cut off.
        "--theme.primaryColor",
        "#1d70b8",
        # What every page view cost the server and nobody uses (issue 30, item 9): a
        # full garbage collection after every run, walking the cached networks (0.1 s
        # a run on the sample, seconds at national size; Python's own collector still
        # runs), and a watch over every imported module's file for edits, set up again
        # after every run of every session (0.1 s).
        "--runner.postScriptGC",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    url = f"http://localhost:{port}"
    _echo(f"The app runs at {url} (Ctrl+C stops it).", err=True)
    if not headless:  # open a browser once the app answers, from a process of its own
        opener = (
            "import time, urllib.request, webbrowser\n"
            "for _ in range(120):\n"
            "    try:\n"
            f"        urllib.request.urlopen('{url}/_stcore/health', timeout=1); break\n"
            "    except OSError:\n"
            "        time.sleep(0.5)\n"
            f"webbrowser.open('{url}')\n"
        )
        subprocess.Popen(
            [sys.executable, "-c", opener],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
    # Become Streamlit, so that signals (Ctrl+C, a service manager's SIGTERM) reach it.
    os.execv(sys.executable, command)


def main() -> None:
    cli(prog_name="smp")


if __name__ == "__main__":
    main()
