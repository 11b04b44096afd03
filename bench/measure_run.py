#!/usr/bin/env python3
"""Times the whole `spendwatch run --dry-run` beside DuckDB and pandas and writes bench/RESULTS-run.md.

    python3 bench/measure_run.py ROWS [ROWS ...]

For each size: bench/data/transactions-ROWSxPROJECTS.csv (bench/generate.py) and its plan
bench/data/plan-ROWSxPROJECTS.yml (bench/generate_plan.py) must exist (bench/run-all.sh makes them).
spendwatch runs the production command on them, week 2009-W26, in a fresh folder every time (a new
SQLite ledger: the first run of a week, every figure inserted, the costliest case), with a file and
an e-mail channel so the dry run renders every payload. DuckDB and pandas run bench/duckdb_intake.py
and bench/pandas_intake.py: the same aggregation of the same file (net per sub-project and ISO week,
then the running sum), which is what the run's intake computes before it compares and reports.

Wall time is the median of RUNS runs (default 3), each a fresh process; peak RSS the largest maximum
resident set size wait4 reports. The sizes of what the run wrote (report.html, email.html,
report.json, projects.csv) are recorded with it.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import ROOT, machine, run  # noqa: E402

WEEK = "2009-W26"
PREVIOUS_WEEK = "2009-W25"


def config(folder, data, plan):
    path = os.path.join(folder, "spendwatch.yml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""plan: {plan}
timezone: Asia/Seoul
source:
  url: file:{data}
  format: csv
  kind: transactions
  encoding: utf-8
  columns: {{ date: date, program: program, project: project, amount: amount }}
ledger: sqlite:var/spendwatch.sqlite
output: out
thresholds: {{ warn_gap_pp: 5, critical_gap_pp: 10, stall_weeks: 2 }}
channels:
  - {{ name: folder, kind: file, path: out/outbox, min_severity: info }}
  - {{ name: tft-mail, kind: email, smtp_url: "smtp://127.0.0.1:2525", starttls: "off", from: tft@example.org, to: [tft@example.org] }}
""")
    return path


BINARY = os.environ.get("SPENDWATCH_BINARY") or os.path.join(ROOT, ".build/release/spendwatch")


def seeded_ledger(data, plan):
    """A folder whose ledger holds last week's run (2009-W25), as a Monday's ledger does; made once per size."""
    folder = tempfile.mkdtemp(prefix="spendwatch-bench-seed-")
    path = config(folder, data, plan)
    subprocess.run([BINARY, "run", "--config", path, "--week", PREVIOUS_WEEK, "--dry-run"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder


def spendwatch_run(data, plan, seed=None):
    """(wall, peak MiB, sizes of the outputs in bytes) of one dry run in a fresh folder; with `seed`, on a copy
    of that folder's ledger (the weekly Monday: last week stored, this week's 20,000 figures new)."""
    folder = tempfile.mkdtemp(prefix="spendwatch-bench-")
    try:
        path = config(folder, data, plan)
        if seed:
            shutil.copytree(os.path.join(seed, "var"), os.path.join(folder, "var"))
        wall, peak, _ = run([BINARY, "run", "--config", path, "--week", WEEK, "--dry-run"])
        week = os.path.join(folder, "out", WEEK)
        sizes = {name: os.path.getsize(os.path.join(week, name)) if os.path.exists(os.path.join(week, name)) else None
                 for name in ["report.html", "email.html", "report.json", "projects.csv"]}
        with open(os.path.join(week, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        sizes["projects"] = sum(len(p["projects"]) for p in report["programs"])
        sizes["findings"] = len(report["findings"])
        return wall, peak, sizes
    finally:
        shutil.rmtree(folder)


def median_of(runs, once):
    walls, peaks, extra = [], [], None
    for _ in range(runs):
        wall, peak, extra = once()
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks), walls, extra


def main():
    sizes = [int(s) for s in sys.argv[1:]]
    runs = int(os.environ.get("RUNS", 3))
    projects = int(os.environ.get("PROJECTS", 20_000))
    import duckdb
    import pandas
    rows = []
    for n in sizes:
        data = os.path.join(ROOT, f"bench/data/transactions-{n}x{projects}.csv")
        plan = os.path.join(ROOT, f"bench/data/plan-{n}x{projects}.yml")
        ours = median_of(runs, lambda: spendwatch_run(data, plan))
        print(f"  {n:,} spendwatch: {ours[0]:.2f} s {ours[1]:.0f} MiB runs={['%.2f' % w for w in ours[2]]} {ours[3]}", file=sys.stderr)
        seed = seeded_ledger(data, plan)
        try:
            monday = median_of(runs, lambda: spendwatch_run(data, plan, seed))
        finally:
            shutil.rmtree(seed)
        print(f"  {n:,} spendwatch Monday: {monday[0]:.2f} s {monday[1]:.0f} MiB runs={['%.2f' % w for w in monday[2]]}", file=sys.stderr)
        duck = median_of(runs, lambda: run([sys.executable, os.path.join(ROOT, "bench/duckdb_intake.py"), data]))
        print(f"  {n:,} DuckDB: {duck[0]:.2f} s {duck[1]:.0f} MiB", file=sys.stderr)
        pd = median_of(runs, lambda: run([sys.executable, os.path.join(ROOT, "bench/pandas_intake.py"), data]))
        print(f"  {n:,} pandas: {pd[0]:.2f} s {pd[1]:.0f} MiB", file=sys.stderr)
        if duck[3] != pd[3]:
            sys.exit(f"DuckDB and pandas disagree on {data}: {duck[3]} / {pd[3]}")
        rows.append((n, ours, duck, pd, monday))

    def kib(b):
        return "–" if b is None else f"{b / 1024:,.0f} KiB"

    first_peak = max(rows[0][1][1], rows[0][4][1])
    lines = [
        "# Whole-run benchmark",
        "",
        f"Machine: {machine()}; load average at the end {os.getloadavg()[0]:.1f}.",
        f"spendwatch: `spendwatch run --dry-run --week {WEEK}` (release build) on a plan of {projects:,} sub-projects "
        "(bench/generate_plan.py) and the transactions file of bench/generate.py, in a fresh folder each run "
        "(new SQLite ledger, file and e-mail channels). DuckDB " + duckdb.__version__ + " and pandas " + pandas.__version__
        + ": the same aggregation of the same file (bench/duckdb_intake.py, bench/pandas_intake.py).",
        f"Wall: median of {runs} runs; peak RSS: the largest of them (wait4).",
        "",
        "First run: a new ledger, every figure inserted (the costliest case). Monday: the ledger already holds "
        f"{PREVIOUS_WEEK}'s run, as it does on a weekly cron Monday.",
        "",
        "| rows | spendwatch, first run | spendwatch, Monday | DuckDB | pandas | first run / DuckDB | Monday / DuckDB | "
        "spendwatch peak RSS (first / Monday) | DuckDB peak RSS | pandas peak RSS | RSS vs first size |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, ours, duck, pd, monday in rows:
        lines.append(f"| {n:,} | {ours[0]:.2f} s | {monday[0]:.2f} s | {duck[0]:.2f} s | {pd[0]:.2f} s | {ours[0] / duck[0]:.2f}× | "
                     f"{monday[0] / duck[0]:.2f}× | {ours[1]:.0f} / {monday[1]:.0f} MiB | {duck[1]:.0f} MiB | {pd[1]:.0f} MiB | "
                     f"{max(ours[1], monday[1]) / first_peak:.2f}× |")
    lines += ["", "What the run wrote, per size:", "",
              "| rows | sub-projects | findings | report.html | email.html | report.json | projects.csv |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    for n, ours, _, _, _ in rows:
        s = ours[3]
        lines.append(f"| {n:,} | {s['projects']:,} | {s['findings']:,} | {kib(s['report.html'])} | {kib(s['email.html'])} | "
                     f"{kib(s['report.json'])} | {kib(s['projects.csv'])} |")
    lines.append("")
    with open(os.path.join(ROOT, "bench", os.environ.get("RESULTS", "RESULTS-run.md")), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
