#!/usr/bin/env python3
"""Writes the same cumulative figures twice, as XLSX (openpyxl, write-only: a title, a unit line, the
header) and as CSV (the header only), for bench/xlsx.sh; prints the totals it wrote, in won.

  python3 bench/generate_xlsx.py --rows 1000000 --projects 20000 -o bench/data/figures-1000000
"""
import argparse
import csv
import random

from openpyxl import Workbook


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--projects", type=int, default=20_000)
    p.add_argument("-o", required=True, help="path without extension")
    a = p.parse_args()
    rng = random.Random(2025)
    weeks = -(-a.rows // a.projects)
    budgets = [rng.randrange(10_000_000, 5_000_000_000, 1000) for _ in range(a.projects)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("집행현황")
    ws.append(["2025년 세출예산 집행현황(주별 누계)"])
    ws.append(["(단위: 원)"])
    header = ["주차", "정책사업", "세부사업코드", "예산현액", "지출액"]
    ws.append(header)
    executed_total = 0
    budget_total = 0
    n = 0
    with open(a.o + ".csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        cumulative = [0] * a.projects
        for w in range(weeks):
            week = f"2025-W{w + 1:02d}"
            for j in range(a.projects):
                if n == a.rows:
                    break
                cumulative[j] = min(budgets[j], cumulative[j] + rng.randrange(0, budgets[j] // 40 + 1))
                row = [week, f"P{j % 40:02d}", f"08{j:014d}", budgets[j], cumulative[j]]
                ws.append(row)
                out.writerow(row)
                executed_total += cumulative[j]
                budget_total += budgets[j]
                n += 1
    wb.save(a.o + ".xlsx")
    print(f"rows={n} executed={executed_total} budget={budget_total}")


if __name__ == "__main__":
    main()
