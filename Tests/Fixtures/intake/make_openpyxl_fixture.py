#!/usr/bin/env python3
"""Writes lofin365-openpyxl.xlsx and its expected totals, lofin365-openpyxl.expected.json.

A workbook made by another tool than the tests' own writer (openpyxl 3.1), in the layout of a
지방재정365 세출 execution export: a guide sheet first, then the figures sheet with a merged title,
an as-of line and a unit line (천원) above the header, 16-digit 세부사업코드 as text, amounts as
numbers (some with decimals of 천원), one as text with separators, 소계 rows per 정책사업 and a
합계 row on top. The totals are computed here with Decimal, independently of spendwatch.

Run it only to change the fixture (pip install openpyxl); the tests read the committed files.
"""
import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

# (정책사업, 세부사업코드, 세부사업명, 부서명, 예산현액 천원, 지출원인행위액 천원, 지출액 천원)
ROWS = [
    ("지역경제 활성화", "0800123400000001", "전통시장 시설현대화", "경제정책과", 1_250_000, 800_000, "612,345"),
    ("지역경제 활성화", "0800123400000002", "소상공인 경영안정자금", "경제정책과", 3_000_000, 2_100_000, 1_987_654.321),
    ("지역경제 활성화", "0800123400000013", "청년창업 지원", "일자리과", 480_000, 120_000, 99_999.5),
    ("생활 안전", "0800567800000004", "CCTV 통합관제 고도화", "안전총괄과", 2_400_000, 1_800_000, 1_200_000),
    ("생활 안전", "0800567800000005", "재난안전 통신망", "안전총괄과", 910_500, 0, 0),
]


def won(thousands):
    text = thousands.replace(",", "") if isinstance(thousands, str) else repr(thousands)
    value = Decimal(text) * 1000
    assert value == value.to_integral_value(), value
    return int(value)


def main():
    wb = Workbook()
    guide = wb.active
    guide.title = "안내"
    guide["A1"] = "이 파일은 지방재정365 세출 예산집행현황(세부사업별)의 모양을 본뜬 시험 자료입니다."
    ws = wb.create_sheet("집행현황")
    ws["A1"] = "2025년 세출예산 집행현황(세부사업별)"
    ws.merge_cells("A1:G1")
    ws["A2"] = "(2025.03.31 기준)"
    ws["G2"] = "(단위: 천원)"
    header = ["정책사업", "세부사업코드", "세부사업명", "부서명", "예산현액", "지출원인행위액", "지출액"]
    ws.append([])
    ws.append(header)  # row 4
    total_budget = sum(won(str(r[4])) for r in ROWS)
    total_committed = sum(won(str(r[5])) for r in ROWS)
    total_executed = sum(won(r[6]) for r in ROWS)
    # 합계 on top, as the system prints it, in 천원 (exact: every total is a whole 원 amount).
    ws.append(["합계", None, None, None, Decimal(total_budget) / 1000, Decimal(total_committed) / 1000,
               float(Decimal(total_executed) / 1000)])
    groups = []
    for program in dict.fromkeys(r[0] for r in ROWS):
        members = [r for r in ROWS if r[0] == program]
        for r in members:
            ws.append(list(r))
        ws.append([program, None, "소계", None,
                   float(Decimal(sum(won(str(r[4])) for r in members)) / 1000),
                   float(Decimal(sum(won(str(r[5])) for r in members)) / 1000),
                   float(Decimal(sum(won(r[6]) for r in members)) / 1000)])
        groups.append(program)
    ws.append([])
    ws.append(["※ 자료: 지방재정365 (시험용으로 만든 값)"])
    for cell in ws["B"]:
        cell.number_format = "@"
    wb.save(HERE / "lofin365-openpyxl.xlsx")
    expected = {
        "sheet": "집행현황",
        "as_of": "2025-03-31",
        "rows": len(ROWS),
        "codes": [r[1] for r in ROWS],
        "executed_won": {r[1]: won(r[6]) for r in ROWS},
        "budget_won": {r[1]: won(str(r[4])) for r in ROWS},
        "total_executed_won": total_executed,
        "total_budget_won": total_budget,
        "total_committed_won": total_committed,
    }
    (HERE / "lofin365-openpyxl.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
