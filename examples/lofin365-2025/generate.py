#!/usr/bin/env python3
"""Writes 세출집행현황.xlsx: an illustrative 지방재정365 세출 예산집행현황 (세부사업별) export as of 2025-03-31.

The layout is the one spendwatch's `source.preset: lofin365` reads: a merged title, an as-of line and a
unit line (천원) above the header, 16-digit 세부사업코드 as text, 합계 on top, a 소계 under each 정책사업,
a note below the table. Budgets and amounts are made up; 스마트 공장 보급 has had a 추경 (its 예산현액
is above the plan's budget). Needs openpyxl (pip install openpyxl) only to regenerate the file.
"""
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

# 정책사업, 단위사업, 세부사업코드, 세부사업명, 부서명, 예산현액, 지출원인행위액, 지출액 (천원)
PROGRAMS = [
    ("지역경제 활성화", [
        ("전통시장 활성화", "0800123400000001", "전통시장 시설현대화", "경제정책과", 1_250_000, 820_000, "512,345"),
        ("소상공인 지원", "0800123400000002", "소상공인 경영안정자금", "경제정책과", 3_000_000, 2_100_000, 1_487_654.321),
        ("창업 지원", "0800123400000013", "청년창업 지원", "일자리과", 480_000, 120_000, 99_999.5),
        ("제조업 혁신", "0800123400000021", "스마트 공장 보급", "산업과", 2_200_000, 1_500_000, 1_000_000),
    ]),
    ("생활 안전", [
        ("재난 대응", "0800567800000004", "CCTV 통합관제 고도화", "안전총괄과", 2_400_000, 1_800_000, 420_000),
        ("재난 대응", "0800567800000005", "재난안전 통신망", "안전총괄과", 910_500, 0, 0),
    ]),
]


def thousand(value):
    return Decimal(value.replace(",", "")) if isinstance(value, str) else Decimal(repr(value))


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "세출집행현황"
    ws["A1"] = "2025년 세출예산 집행현황(세부사업별)"
    ws.merge_cells("A1:I1")
    ws["A2"] = "(2025.03.31 기준)"
    ws["I2"] = "(단위: 천원)"
    ws.append([])
    ws.append(["정책사업", "단위사업", "세부사업코드", "세부사업명", "부서명", "예산현액", "지출원인행위액", "지출액", "집행률(%)"])
    everything = [row for _, rows in PROGRAMS for row in rows]
    sums = [sum(thousand(r[i]) for r in everything) for i in (4, 5, 6)]
    ws.append(["합계", None, None, None, None, *[float(s) for s in sums], float(round(sums[2] / sums[0] * 100, 1))])
    for program, rows in PROGRAMS:
        for r in rows:
            ws.append([program, *r, float(round(thousand(r[6]) / thousand(r[4]) * 100, 1))])
        group = [sum(thousand(r[i]) for r in rows) for i in (4, 5, 6)]
        ws.append([program, "소계", None, None, None, *[float(s) for s in group], float(round(group[2] / group[0] * 100, 1))])
    ws.append([])
    ws.append(["※ 예시 자료: 지방재정365 세출 예산집행현황의 모양을 본뜬 값입니다."])
    for cell in ws["C"]:
        cell.number_format = "@"
    wb.save(HERE / "세출집행현황.xlsx")


if __name__ == "__main__":
    main()
