"""``smp bench``: load, analyse and report on synthetic networks, timed.

For each tier (``region``, ``national``, ``stress``; ``all`` is the three) against
the server that :func:`core.config.connection` points at (the caller starts it):

1. generate the workbook with :func:`synth.scaled.generate` (not timed as load);
2. the baseline: empty the project's labels, then Neo4j's own ``LOAD CSV`` of the
   same files (``cypher/bench/*.cypher``, in transactions of 5,000 rows);
3. ``smp load --replace`` in-process: :func:`loader.validate.load_workbook` and
   :func:`loader.write.write_workbook` timed together, into an emptied database;
4. the analyses: :func:`graph.read.read_network`, then :func:`graph.analyse.analyse`
   with the network measures, as of :data:`synth.scaled.AS_OF`;
5. the quarterly report (html, pdf, xlsx) when :mod:`report.quarterly` exists.

**The bench replaces the network in that database** (only the project's labels, as
``smp load --replace`` does); point it at a server you can spare.

Peak memory is that of this Python process during the tier (Linux: the high-water
mark is reset before each tier, so each tier reports its own; elsewhere it is the
process's peak so far, and tiers run smallest first).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from cypher import query

__all__ = ["ALL_TIERS", "REQUIRED_KEYS", "main", "markdown_table", "run_bench"]

ALL_TIERS = ("region", "national", "stress")
REQUIRED_KEYS = (
    "nodes", "relationships", "load_s", "load_rows_per_s", "baseline_load_csv_rows_per_s",
    "analyse_s", "analyse_read_s", "report_s", "peak_rss_mb",
)  # fmt: skip
QUARTER = "2026Q3"  # the quarter that ends on synth.scaled.AS_OF
# (file, statement) of the LOAD CSV baseline, in the loader's order.
BASELINE_STEPS = (
    ("areas", "bench/load_csv_areas"),
    ("areas", "bench/load_csv_area_parents"),
    ("organisations", "bench/load_csv_organisations"),
    ("organisations", "bench/load_csv_organisation_links"),
    ("people", "bench/load_csv_people"),
    ("groups", "bench/load_csv_groups"),
    ("memberships", "bench/load_csv_memberships"),
    ("reporting_lines", "bench/load_csv_reporting_lines"),
    ("meetings", "bench/load_csv_meetings"),
    ("attendance", "bench/load_csv_attendance"),
)
#: The other way a Neo4j user updates a network with LOAD CSV: MERGE the whole changed
#: workbook over the old network, marking what it sees, then delete the rest.
MERGE_STEPS = (
    ("areas", "bench/merge_areas"),
    ("areas", "bench/load_csv_area_parents"),
    ("organisations", "bench/merge_organisations"),
    ("organisations", "bench/load_csv_organisation_links"),
    ("people", "bench/merge_people"),
    ("groups", "bench/merge_groups"),
    ("memberships", "bench/merge_memberships"),
    ("reporting_lines", "bench/merge_reporting_lines"),
    ("meetings", "bench/merge_meetings"),
    ("attendance", "bench/merge_attendance"),
)
SWEEP_STEPS = ("bench/sweep_relationships", "bench/sweep_records")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}

Echo = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def expand_tiers(tiers: list[str] | tuple[str, ...]) -> list[str]:
    """``all`` → region, national, stress; unknown names raise ``ValueError``."""
    out: list[str] = []
    for tier in tiers:
        names = ALL_TIERS if tier == "all" else (tier,)
        for name in names:
            if name not in ALL_TIERS:
                raise ValueError(f"unknown tier {name!r}; one of: {', '.join(ALL_TIERS)}, all")
            if name not in out:
                out.append(name)
    return out


# --- memory -------------------------------------------------------------------------------


def _reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark of this process (Linux); False when it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return _vm_hwm_kb() is not None


def _vm_hwm_kb() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _ru_maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _peak_rss_mb(reset: bool) -> float:
    hwm = _vm_hwm_kb() if reset else None
    return round(hwm / 1024 if hwm is not None else _ru_maxrss_mb(), 1)


# --- machine ------------------------------------------------------------------------------


def machine_info(driver) -> dict:
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    neo4j_version = None
    try:
        record = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        ).records[0]
        neo4j_version = f"{record['version']} {record['edition']}"
    except Exception:  # an old or restricted server: the version is only informative
        pass
    return {
        "cpu_count": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "neo4j_version": neo4j_version,
    }


# --- the steps ----------------------------------------------------------------------------


def clear_network(driver, database: str | None = None) -> None:
    """Empty the project's labels in batches (not timed)."""
    with driver.session(database=database) as session:
        session.run(query("bench/clear")).consume()


def _file_url(path: Path) -> str:
    return path.resolve().as_uri()


def _csv_readable(driver, url: str, database: str | None) -> bool:
    from neo4j.exceptions import Neo4jError

    try:
        driver.execute_query(
            "LOAD CSV FROM $url AS row RETURN count(*) AS n", url=url, database_=database
        )
    except Neo4jError:
        return False
    return True


def _import_dir(driver) -> Path | None:
    try:
        records = driver.execute_query(
            "CALL dbms.listConfig('server.directories.import') YIELD value RETURN value"
        ).records
    except Exception:  # not allowed or not there: no fallback
        return None
    if not records or not records[0]["value"]:
        return None
    folder = Path(records[0]["value"])
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None


def baseline_urls(driver, folder: Path, database: str | None = None) -> tuple[dict, str | None]:
    """URLs the server can read the workbook's CSV files at, or ({}, why not).

    Our embedded server reads ``file:///`` URLs anywhere; a server restricted to its
    import folder gets a copy of the files there (when that folder is on this machine).
    """
    import shutil

    from core import config

    host = urlparse(config.connection().uri).hostname
    if host not in LOCAL_HOSTS:
        return {}, f"the server at {host} cannot read this machine's files"
    # Meetings and attendance are optional sheets: their steps run when the files exist.
    names = dict.fromkeys(n for n, _ in BASELINE_STEPS if (folder / f"{n}.csv").exists())
    urls = {name: _file_url(folder / f"{name}.csv") for name in names}
    if _csv_readable(driver, urls["areas"], database):
        return urls, None
    target_root = _import_dir(driver)
    if target_root is None:
        return {}, "LOAD CSV cannot read the files (server.directories.import is elsewhere)"
    target = target_root / f"smp-bench-{folder.name}"
    target.mkdir(exist_ok=True)
    for name in names:
        shutil.copyfile(folder / f"{name}.csv", target / f"{name}.csv")
    urls = {name: f"file:///smp-bench-{folder.name}/{name}.csv" for name in names}
    if _csv_readable(driver, urls["areas"], database):
        return urls, None
    return {}, "LOAD CSV cannot read the files, even in the server's import folder"


def run_baseline(driver, urls: dict[str, str], database: str | None = None) -> float:
    """Neo4j's LOAD CSV of the whole workbook into an empty database; seconds taken."""
    from loader.write import ensure_schema

    ensure_schema(driver, database)
    clear_network(driver, database)
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for name, statement in BASELINE_STEPS:
            if name in urls:
                session.run(query(statement), url=urls[name]).consume()
    return time.perf_counter() - started


def _merge(session, urls: dict[str, str], stamp: int) -> None:
    for name, statement in MERGE_STEPS:
        if name in urls:
            session.run(query(statement), url=urls[name], stamp=stamp).consume()


def run_merge_baseline(
    driver, old_urls: dict[str, str], new_urls: dict[str, str], database: str | None = None
) -> float:
    """The update as a Neo4j user would make it with MERGE; seconds taken.

    Untimed, the old workbook is loaded with the MERGE statements (memberships and
    lines keyed by their seat, so an extended term is found again). Timed: the changed
    workbook MERGEd over it, every record it has marked, and everything unmarked
    deleted. A changed link (a person moving organisation) keeps its old relationship
    too, and two rows with the same seat but other differences become one membership:
    this baseline does less than ``smp load --replace``, never more.
    """
    from loader.write import ensure_schema

    ensure_schema(driver, database)
    clear_network(driver, database)
    with driver.session(database=database) as session:
        _merge(session, old_urls, stamp=1)
        started = time.perf_counter()
        _merge(session, new_urls, stamp=2)
        for statement in SWEEP_STEPS:
            session.run(query(statement), stamp=2).consume()
        return time.perf_counter() - started


def _report(G, workdir: Path) -> tuple[float | None, str | None]:
    try:
        from report.quarterly import write_report
    except ImportError as err:
        return None, f"report.quarterly is not available ({err})"
    out = workdir / "report"
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        paths = write_report(G, QUARTER, out, formats=("html", "pdf", "xlsx"))
    except Exception as err:  # a failing report must not lose the other figures
        return None, f"write_report failed: {type(err).__name__}: {err}"
    elapsed = time.perf_counter() - started
    return elapsed, f"wrote {len(list(paths or []))} files"


def _load(driver, folder: Path, database: str | None) -> tuple[float, float, object]:
    """``smp load --replace`` in-process: (seconds in all, seconds validating, LoadResult)."""
    from loader.validate import load_workbook
    from loader.write import write_workbook

    started = time.perf_counter()
    workbook = load_workbook(folder)
    validated = time.perf_counter()
    loaded = write_workbook(driver, workbook, replace=True, database=database, progress=False)
    return time.perf_counter() - started, validated - started, loaded


def warm_up(driver, workdir: Path, echo: Echo = _stderr, seed: int = 1) -> None:
    """Run every timed statement once on the region workbook, untimed: the first
    statements a server sees are planned and compiled, which would otherwise count
    against whichever run comes first. Both loads, the reads of the analysis and of
    the diff, a delta load, and the update by MERGE."""
    from core import db
    from graph.read import read_network
    from loader.validate import load_workbook
    from loader.write import diff_with_database
    from synth.scaled import generate
    from synth.scaled import quarterly_update as changed_copy

    database = db.database()
    folder = workdir / "warm-up"
    echo("warming up the server (loads, reads and diff of the region workbook, not timed) ...")
    generate("region", folder, seed=seed)
    urls, _why_not = baseline_urls(driver, folder, database)
    if urls:
        run_baseline(driver, urls, database)
        run_merge_baseline(driver, urls, urls, database)
    clear_network(driver, database)
    _load(driver, folder, database)
    read_network(driver, database)
    diff_with_database(driver, load_workbook(folder), database, parallel=True)
    update = workdir / "warm-up-update"  # the statements of a delta load
    changed_copy(folder, update, seed)
    _load(driver, update, database)


def bench_tier(driver, tier: str, workdir: Path, echo: Echo = _stderr, seed: int = 1) -> dict:
    """Every figure of one tier (see the module's docstring).

    A phase that fails leaves its figures null and says why in ``notes``; a failed
    load skips the analysis and the report (there would be nothing sound to read).
    """
    from core import db
    from synth.scaled import AS_OF

    database = db.database()
    reset = _reset_peak_rss()
    result: dict = {"tier": tier, "seed": seed, "as_of": AS_OF.isoformat(), "notes": []}
    result["timestamp"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for key in (*REQUIRED_KEYS, "baseline_load_csv_s", "baseline_ratio", "analyse_compute_s",
                "diff_s", "impact_s", "reload_s", "baseline_reload_load_csv_s", "reload_ratio",
                "baseline_reload_empty_s", "baseline_reload_merge_s"):  # fmt: skip
        result[key] = None
    folder = workdir / tier
    if tier == "stress" and not os.environ.get("SMP_MAX_CELLS"):
        # Ten national networks: more cells than the reader takes by default (a limit
        # against hostile files, loader.read.Limits); the benchmark raises it for itself.
        os.environ["SMP_MAX_CELLS"] = str(50_000_000)
    _generate(tier, folder, seed, result, echo)
    # The baseline first, so that the loader's network is the one analysed after.
    urls = _first_baseline(driver, folder, database, result, echo)
    if result.get("server_lost"):
        return _finish(result, reset, echo)
    clear_network(driver, database)
    loaded = _first_load(driver, folder, database, result, echo)
    if loaded is None and urls and not result.get("server_lost"):
        loaded = _load_csv_copy(driver, urls, database, result, echo)
    if loaded is not None:
        analyse_and_report(driver, result, workdir / f"{tier}-out", echo)
    if loaded is not None and tier != "stress":
        try:
            quarterly_update(driver, folder, workdir / f"{tier}-update", result, echo, seed)
        except Exception as err:
            _failed(result, echo, "quarterly update", err)
    return _finish(result, reset, echo)


def _failed(result: dict, echo: Echo, phase: str, err: Exception) -> None:
    """A phase failed: say so in ``notes``, and whether the server was lost."""
    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    message = f"{phase} failed: {type(err).__name__}: {err}"
    result["notes"].append(message)
    echo(f"[{result['tier']}] {message}")
    if isinstance(err, ServiceUnavailable | SessionExpired):
        result["server_lost"] = True


def _generate(tier: str, folder: Path, seed: int, result: dict, echo: Echo) -> None:
    """The tier's synthetic workbook, its rows counted."""
    from synth.scaled import generate

    echo(f"[{tier}] generating the workbook in {folder} ...")
    started = time.perf_counter()
    counts = generate(tier, folder, seed=seed)
    result["generate_s"] = round(time.perf_counter() - started, 2)
    rows = sum(counts.values())
    result.update(rows=rows, rows_by_file=counts)
    echo(f"[{tier}] {rows:,} rows in {result['generate_s']} s: " + ", ".join(
        f"{name} {n:,}" for name, n in counts.items()))  # fmt: skip


def _first_baseline(driver, folder: Path, database, result: dict, echo: Echo) -> dict:
    """Neo4j's LOAD CSV of the workbook into an empty database, timed; its URLs."""
    tier, rows = result["tier"], result["rows"]
    urls, why_not = baseline_urls(driver, folder, database)
    if not urls:
        result["notes"].append(f"no LOAD CSV baseline: {why_not}")
        return urls
    echo(f"[{tier}] baseline: Neo4j LOAD CSV ...")
    try:
        seconds = run_baseline(driver, urls, database)
    except Exception as err:
        _failed(result, echo, "baseline LOAD CSV", err)
    else:
        result["baseline_load_csv_s"] = round(seconds, 2)
        result["baseline_load_csv_rows_per_s"] = round(rows / seconds)
        echo(f"[{tier}] baseline: {seconds:.1f} s, {rows / seconds:,.0f} rows/s")
    return urls


def _first_load(driver, folder: Path, database, result: dict, echo: Echo):
    """``smp load --replace`` of the workbook into the emptied database, timed; its
    LoadResult, or None if it failed."""
    tier, rows = result["tier"], result["rows"]
    echo(f"[{tier}] smp load --replace (validate + write) ...")
    try:
        load_s, validate_s, loaded = _load(driver, folder, database)
    except Exception as err:
        _failed(result, echo, "load", err)
        return None
    result.update(
        load_s=round(load_s, 2),
        load_validate_s=round(validate_s, 2),
        load_write_s=round(load_s - validate_s, 2),
        load_rows_per_s=round(rows / load_s),
        load_transactions=loaded.transactions,
        nodes=loaded.nodes,
        relationships=loaded.relationships,
    )
    baseline = result["baseline_load_csv_rows_per_s"]
    if baseline:
        result["baseline_ratio"] = round(result["load_rows_per_s"] / baseline, 3)
    echo(f"[{tier}] load: {load_s:.1f} s ({validate_s:.1f} s validating), "
         f"{result['load_rows_per_s']:,} rows/s in {loaded.transactions} transaction(s); "
         f"{loaded.nodes:,} nodes, {loaded.relationships:,} relationships")  # fmt: skip
    return loaded


def _load_csv_copy(driver, urls: dict, database, result: dict, echo: Echo):
    """The load failed: the analysis and the report still get measured, on the LOAD
    CSV copy of the same network (same labels, properties and relationships)."""
    tier = result["tier"]
    echo(f"[{tier}] analysing the LOAD CSV copy instead (loading it again, not timed) ...")
    try:
        run_baseline(driver, urls, database)
        record = driver.execute_query(query("count_network"), database_=database).records[0]
    except Exception as err:
        _failed(result, echo, "reloading with LOAD CSV", err)
        return None
    result.update(nodes=record["nodes"], relationships=record["relationships"])
    result["notes"].append("analysis and report measured on the LOAD CSV copy")
    return record


def quarterly_update(
    driver, folder: Path, out: Path, result: dict, echo: Echo = _stderr, seed: int = 1
) -> None:
    """A quarter later: about 2% of the rows changed, loaded with --replace over the
    network just loaded, against LOAD CSV making the database the changed workbook.

    ``diff_s``: comparing the (validated) workbook with the database; ``impact_s``:
    what the update does to the answers at two dates, beyond the diff (as ``smp diff``
    says it: the network before made from the workbook and the diff); ``reload_s``:
    writing the change (one transaction); ``reload_total_s``: validation, diff and
    write, as ``smp load --replace`` does them; ``baseline_reload_load_csv_s``: the
    faster of the two ways with LOAD CSV: ``baseline_reload_empty_s`` (the whole changed
    workbook into an emptied database) and ``baseline_reload_merge_s`` (MERGEd over the
    old network, then what it lacks deleted: :func:`run_merge_baseline`).
    """
    from core import db
    from loader.validate import load_workbook
    from loader.write import diff_with_database, write_workbook
    from synth.scaled import quarterly_update as changed_copy

    database = db.database()
    made = changed_copy(folder, out, seed)
    echo(
        f"[{result['tier']}] quarterly update: " + ", ".join(f"{k} {v:,}" for k, v in made.items())
    )
    started = time.perf_counter()
    workbook = load_workbook(out)
    validate_s = time.perf_counter() - started
    started = time.perf_counter()
    diff = diff_with_database(driver, workbook, database, parallel=True)  # as `smp diff`
    diff_s = time.perf_counter() - started
    # What the update does to the answers, as `smp diff` says it: the network before
    # made from the workbook and the diff, the workbook's built, both analysed at the
    # as-of date and the quarter end before.
    from graph.impact import IMPACT_SHEETS, update_impact
    from graph.model import build_network
    from graph.views import previous_quarter_end
    from loader.diff import tables_before
    from synth.scaled import AS_OF

    started = time.perf_counter()
    before = build_network(tables_before(workbook.tables, diff, IMPACT_SHEETS), ids=False)
    update_impact(before, workbook.tables, None, [AS_OF, previous_quarter_end(AS_OF)])
    impact_s = time.perf_counter() - started
    started = time.perf_counter()
    loaded = write_workbook(driver, workbook, replace=True, database=database, progress=False,
                            diff=diff)  # fmt: skip
    reload_s = time.perf_counter() - started
    totals = diff.totals()
    result.update(
        update_changes=made, update_records=totals, update_validate_s=round(validate_s, 2),
        diff_s=round(diff_s, 2), impact_s=round(impact_s, 2), reload_s=round(reload_s, 2),
        reload_total_s=round(validate_s + diff_s + reload_s, 2),
        reload_transactions=loaded.transactions,
    )  # fmt: skip
    echo(
        f"[{result['tier']}] diff {diff_s:.1f} s ({totals}); impact {impact_s:.1f} s; "
        f"write {reload_s:.2f} s in "
        f"{loaded.transactions} transaction; with validation {result['reload_total_s']} s"
    )
    _update_baselines(driver, folder, out, database, result, echo, reload_s)


def _update_baselines(
    driver, folder: Path, out: Path, database, result: dict, echo: Echo, reload_s: float
) -> None:
    """Both LOAD CSV ways to the changed workbook, timed; the faster is the baseline."""
    urls, why_not = baseline_urls(driver, out, database)
    old_urls, _ = baseline_urls(driver, folder, database)
    if not urls or not old_urls:
        result["notes"].append(f"no LOAD CSV baseline for the update: {why_not}")
        return
    merged = run_merge_baseline(driver, old_urls, urls, database)
    clear_network(driver, database)
    emptied = run_baseline(driver, urls, database)
    seconds = min(merged, emptied)
    result.update(baseline_reload_merge_s=round(merged, 2),
                  baseline_reload_empty_s=round(emptied, 2))  # fmt: skip
    echo(f"[{result['tier']}] LOAD CSV update by MERGE over the old network and deleting the "
         f"rest: {merged:.1f} s; into an emptied database: {emptied:.1f} s")  # fmt: skip
    result["baseline_reload_load_csv_s"] = round(seconds, 2)
    result["reload_ratio"] = round(seconds / reload_s, 1)
    result["reload_total_ratio"] = round(seconds / result["reload_total_s"], 2)
    echo(f"[{result['tier']}] LOAD CSV, the faster way: {seconds:.1f} s; "
         f"ratio {result['reload_ratio']} (write), "
         f"{result['reload_total_ratio']} (with validation and diff)")  # fmt: skip


def analyse_and_report(driver, result: dict, outdir: Path, echo: Echo = _stderr) -> None:
    """Time reading the network, analysing it (with measures, as ``smp analyse`` does:
    the measures in a forked process beside the rest) and the quarterly report; the
    figures go into ``result``."""
    from core import db
    from graph.analyse import analyse
    from graph.read import read_network
    from synth.scaled import AS_OF

    database = db.database()
    tier = result["tier"]
    G = None
    try:
        echo(f"[{tier}] analyse: reading the network ...")
        started = time.perf_counter()
        G = read_network(driver, database)
        read_done = time.perf_counter()
        result["analyse_read_s"] = round(read_done - started, 2)
        echo(f"[{tier}] analyse: read in {result['analyse_read_s']} s; computing (with network "
             "measures) ...")  # fmt: skip
        analysis = analyse(G, AS_OF, measures=True, parallel=True)  # as `smp analyse` does
        done = time.perf_counter()
    except Exception as err:
        message = f"analyse failed: {type(err).__name__}: {err}"
        result["notes"].append(message)
        echo(f"[{tier}] {message}")
    else:
        result.update(
            analyse_s=round(done - started, 2),
            analyse_compute_s=round(done - read_done, 2),
            analysis_summary={
                "areas_total": analysis["coverage"]["areas_total"],
                "areas_covered": analysis["coverage"]["areas_covered"],
                "local_groups_total": analysis["flow"]["local_groups_total"],
                "connected": analysis["flow"]["connected"],
                "broken": len(analysis["flow"]["broken"]),
                "fragile": len(analysis["flow"]["fragile"]),
            },
        )
        del analysis
        echo(f"[{tier}] analyse: {result['analyse_s']} s (read {result['analyse_read_s']} s, "
             f"compute {result['analyse_compute_s']} s)")  # fmt: skip
    if G is not None:
        echo(f"[{tier}] quarterly report ...")
        report_s, note = _report(G, outdir)
        result["report_s"] = None if report_s is None else round(report_s, 2)
        result["report_note"] = note
        if report_s is None:
            result["notes"].append(note)
        echo(f"[{tier}] report: {result['report_s']} s ({note})")


def _finish(result: dict, reset: bool, echo: Echo) -> dict:
    result["peak_rss_mb"] = _peak_rss_mb(reset)
    result["peak_rss_scope"] = "this tier" if reset else "process so far"
    # The network measures run in a forked copy (graph.analyse): its peak counts the
    # pages it shares with this process too, so the two are not to be added up.
    result["peak_rss_children_mb"] = round(_ru_maxrss_mb(resource.RUSAGE_CHILDREN), 1)
    echo(f"[{result['tier']}] peak memory of this process: {result['peak_rss_mb']:,} MB; "
         f"of its largest child so far (the measures' fork, shared pages included): "
         f"{result['peak_rss_children_mb']:,} MB")  # fmt: skip
    return result


def _combined(results: list[dict], machine: dict) -> dict:
    for result in results:
        result.setdefault("machine", machine)
    return results[0] if len(results) == 1 else {"tiers": results, "machine": machine}


def run_bench(
    tiers: list[str],
    output: Path | None,
    workdir: Path,
    echo: Echo = print,
    seed: int = 1,
    warmup: bool = True,
) -> dict:
    """Benchmark ``tiers`` against the configured server; the JSON object (also to ``output``).

    One tier gives that tier's object; several give ``{"tiers": [...]}``. The output
    file is rewritten after every tier, so a long run keeps what it has measured.
    """
    from core import config, db

    names = expand_tiers(tiers)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    with db.driver() as driver:
        machine = machine_info(driver)
        echo(f"Benchmarking {', '.join(names)} against {config.connection().uri} "
             f"(Neo4j {machine['neo4j_version']}, {machine['cpu_count']} CPUs); "
             "this replaces the network in that database.")  # fmt: skip
        if warmup:
            warm_up(driver, workdir, echo, seed)
        for tier in names:
            result = bench_tier(driver, tier, workdir, echo, seed)
            result["machine"] = machine
            results.append(result)
            if output is not None:
                _write_json(_combined(list(results), machine), Path(output))
            if result.get("server_lost"):
                echo("The server stopped answering; the remaining tiers are skipped.")
                break
    return _combined(results, machine)


def _write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".partial")
    tmp.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


# --- the table for BENCHMARKS.md -----------------------------------------------------------

_TABLE_ROWS = (
    ("rows", "workbook rows", "{:,}"),
    ("nodes", "nodes", "{:,}"),
    ("relationships", "relationships", "{:,}"),
    ("load_s", "load (validate + write), s", "{:.1f}"),
    ("load_validate_s", "of which validation, s", "{:.1f}"),
    ("load_rows_per_s", "load, rows/s", "{:,}"),
    ("baseline_load_csv_s", "LOAD CSV baseline, s", "{:.1f}"),
    ("baseline_load_csv_rows_per_s", "LOAD CSV baseline, rows/s", "{:,}"),
    ("baseline_ratio", "load ÷ LOAD CSV", "{:.2f}"),
    ("analyse_s", "analysis total, s", "{:.1f}"),
    ("analyse_read_s", "of which reading from Neo4j, s", "{:.1f}"),
    ("analyse_compute_s", "of which computing, s", "{:.1f}"),
    ("report_s", "quarterly report (html, pdf, xlsx), s", "{:.1f}"),
    ("peak_rss_mb", "peak memory (Python), MB", "{:,.0f}"),
    ("peak_rss_children_mb", "peak memory of the measures' fork (shared pages too), MB", "{:,.0f}"),
    ("diff_s", "quarterly update: diff, s", "{:.1f}"),
    ("reload_s", "quarterly update: write of the change, s", "{:.2f}"),
    ("reload_total_s", "quarterly update: validate + diff + write, s", "{:.1f}"),
    ("baseline_reload_empty_s", "LOAD CSV: empty, then load it all, s", "{:.1f}"),
    ("baseline_reload_merge_s", "LOAD CSV: MERGE it all, delete the rest, s", "{:.1f}"),
    ("baseline_reload_load_csv_s", "LOAD CSV, the faster of the two, s", "{:.1f}"),
    ("reload_ratio", "LOAD CSV ÷ write of the change", "{:.1f}"),
    ("reload_total_ratio", "LOAD CSV ÷ validate + diff + write", "{:.2f}"),
)


def markdown_table(result: dict) -> str:
    """A Markdown table of the figures: one column per tier."""
    tiers = result.get("tiers", [result])
    header = "| | " + " | ".join(t["tier"] for t in tiers) + " |"
    lines = [header, "|---|" + "---:|" * len(tiers)]
    for key, label, fmt in _TABLE_ROWS:
        cells = []
        for tier in tiers:
            value = tier.get(key)
            cells.append("–" if value is None else fmt.format(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- entry point for `smp bench` -----------------------------------------------------------


def main(tiers: list[str] | tuple[str, ...], output: Path | str | None = None,
         workdir: Path | str | None = None) -> dict:  # fmt: skip
    """``smp bench --tier T [--output FILE]``: progress on stderr; the JSON to ``output``,
    or to stdout without one. Generated workbooks go to a temporary folder (removed after)
    unless ``workdir`` is given."""
    names = expand_tiers(list(tiers))
    out = Path(output) if output else None
    if workdir is not None:
        result = run_bench(names, out, Path(workdir), echo=_stderr)
    else:
        with tempfile.TemporaryDirectory(prefix="smp-bench-") as tmp:
            result = run_bench(names, out, Path(tmp), echo=_stderr)
    if out is None:
        print(json.dumps(result, indent=2))
    else:
        _stderr(f"Wrote {out}")
    _stderr(markdown_table(result))
    return result
