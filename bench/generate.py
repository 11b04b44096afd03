#!/usr/bin/env python3
"""Writes a national-scale transactions file: payments and refunds across 2009, deterministic.

    python3 bench/generate.py [ROWS] [PROJECTS] > or -o FILE

Columns date,program,project,amount. Rows come day by day (as an ERP exports them); about 3 % are
refunds (negative); a quarter of the amounts carry thousands separators, quoted as a CSV must.
"""
import argparse
import datetime
import os
import sys

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=int(os.environ.get("ROWS", 10_000_000)))
    parser.add_argument("--projects", type=int, default=int(os.environ.get("PROJECTS", 20_000)))
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    days = [datetime.date(2009, 1, 1) + datetime.timedelta(days=i) for i in range(365)]
    per_project = 50
    names = [f"P{p // per_project:04d}-{p % per_project:02d}" for p in range(args.projects)]
    programs = [f"PRG{p // per_project:04d}" for p in range(args.projects)]

    # Front-loaded spending, as early execution asks: more rows early in the year.
    weights = np.linspace(1.6, 0.4, len(days))
    counts = rng.multinomial(args.rows, weights / weights.sum())

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write("date,program,project,amount\n")
        for day, n in zip(days, counts):
            if n == 0:
                continue
            d = day.isoformat()
            project = rng.integers(0, args.projects, n)
            amount = rng.integers(10, 50_000, n) * 1000
            refund = rng.random(n) < 0.03
            amount = np.where(refund, -(amount // 4), amount)
            grouped = rng.random(n) < 0.25
            lines = []
            for p, a, g in zip(project.tolist(), amount.tolist(), grouped.tolist()):
                text = f'"{a:,}"' if g else str(a)
                lines.append(f"{d},{programs[p]},{names[p]},{text}\n")
            out.write("".join(lines))
    os.replace(tmp, args.output)
    print(f"wrote {args.output}: {args.rows} rows, {args.projects} sub-projects", file=sys.stderr)


if __name__ == "__main__":
    main()
