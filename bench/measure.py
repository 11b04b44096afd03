#!/usr/bin/env python3
"""Times spendwatch's intake, DuckDB and pandas on the same transactions file and writes bench/RESULTS.md.

Each engine runs RUNS times in a fresh process; wall time is the median, peak memory the largest
maximum resident set size the kernel reports for that process (wait4). The engines must agree on
every check they print, or the script fails.
"""
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv):
    """(seconds, peak RSS in MiB, stdout) of one run of argv."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode()
        if proc.returncode != 0:
            sys.exit(f"{argv[0]} failed ({proc.returncode}): {err}")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode().strip()


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem_kib / 1024 / 1024:.1f} GiB RAM, {platform.system()} {platform.release()}"


def main():
    data, runs = sys.argv[1], int(os.environ.get("RUNS", 3))
    bench = os.path.join(ROOT, ".build/release/spendwatch-bench")
    engines = [
        ("spendwatch (TransactionsReader)", [bench, data]),
        ("DuckDB " + __import__("duckdb").__version__, [sys.executable, os.path.join(ROOT, "bench/duckdb_intake.py"), data]),
        ("pandas " + __import__("pandas").__version__, [sys.executable, os.path.join(ROOT, "bench/pandas_intake.py"), data]),
    ]
    results = []
    for name, argv in engines:
        walls, peaks, outputs = [], [], set()
        for _ in range(runs):
            wall, peak, output = run(argv)
            walls.append(wall)
            peaks.append(peak)
            outputs.add(output)
            print(f"  {name}: {wall:.2f} s, {peak:.0f} MiB  {output}", file=sys.stderr)
        if len(outputs) != 1:
            sys.exit(f"{name} printed different results across runs: {outputs}")
        results.append((name, statistics.median(walls), max(peaks), outputs.pop()))
    checks = {r[3] for r in results}
    if len(checks) != 1:
        sys.exit("engines disagree:\n" + "\n".join(f"  {r[0]}: {r[3]}" for r in results))

    demo = demo_times(int(os.environ.get("DEMO_RUNS", 7)))
    size = os.path.getsize(data)
    rows = sum(1 for _ in open(data, "rb")) - 1
    ours = results[0]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        f"File: `{os.path.relpath(data, ROOT)}`, {rows:,} rows, {size / 2**20:.0f} MiB "
        "(bench/generate.py: 2009 day by day, 3 % refunds, a quarter of the amounts with thousands separators).",
        f"Task: net amount per (sub-project, ISO week), then the running cumulative figure per sub-project. "
        f"Median of {runs} runs each; peak RSS is the largest of the runs.",
        "",
        "| engine | wall (median) | vs spendwatch | peak RSS |",
        "|---|---:|---:|---:|",
    ]
    for name, wall, peak, _ in results:
        lines.append(f"| {name} | {wall:.2f} s | {wall / ours[1]:.2f}× | {peak:.0f} MiB |")
    lines += [
        "",
        f"All three printed the same checks: `{ours[3]}`.",
        "",
        f"Demo (`spendwatch run` on examples/daejeon-2009, 48 sub-projects, week 2009-W26, release build): "
        f"median {statistics.median(demo) * 1000:.0f} ms over {len(demo)} runs "
        f"(min {min(demo) * 1000:.0f} ms, max {max(demo) * 1000:.0f} ms).",
        "",
    ]
    # The national-scale run is the headline; smaller quick checks keep their own file.
    name = "RESULTS.md" if rows == 10_000_000 else f"RESULTS-{rows}.md"
    with open(os.path.join(ROOT, "bench", name), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


def demo_times(n):
    binary = os.path.join(ROOT, ".build/release/spendwatch")
    if not os.path.exists(binary):
        return [float("nan")]
    config = os.path.join(ROOT, "examples/daejeon-2009/spendwatch.yml")
    with tempfile.TemporaryDirectory() as out:
        argv = [binary, "run", "--config", config, "--week", "2009-W26", "--out", out]
        run(argv)  # warm the page cache
        return [run(argv)[0] for _ in range(n)]


if __name__ == "__main__":
    main()
