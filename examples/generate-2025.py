#!/usr/bin/env python3
"""Write plan.yml and figures.csv of the two 2025 신속집행 examples (local-2025, central-2025).

Everything here is illustrative: the organisations, programmes, sub-projects, budgets and figures
are made up. What is real is the shape of the 2025 rules: the first-half target (지방 60.5 % by
30 June, 행정안전부; 중앙 67 %, 기획재정부), measured against 대상액, which leaves out 인건비,
기본경비 and 법정경비 (marked `excluded: true`); after June the question is 이월 and 불용.

Figures are weekly cumulative executed amounts, 2025-W02 to W30 (Sunday 27 July), rounded down to
the thousand won. A sub-project follows the curve times its pace `f` up to 30 June, then spends
`after` of its budget per 365 days; an excluded line (salaries, running costs) spends evenly
over the year. Run: python3 examples/generate-2025.py
"""
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
YEAR = 2025
START = dt.date(YEAR - 1, 12, 31)
JUNE30 = dt.date(YEAR, 6, 30)


def curve(milestones, day):
    prev_d, prev_p = START, 0.0
    for d, p in milestones:
        if day <= d:
            return prev_p + (p - prev_p) * (day - prev_d).days / (d - prev_d).days
        prev_d, prev_p = d, p
    return prev_p


def executed(project, milestones, day):
    budget = project["budget"]
    if project.get("excluded"):
        return budget * (day - START).days // 365 // 1000 * 1000
    f, after = project["f"], project["after"]
    first = budget * f * curve(milestones, min(day, JUNE30)) / 100
    later = budget * after * max(0, (day - JUNE30).days) / 365
    return int(min(budget, first + later)) // 1000 * 1000


def write(folder, title, note, milestones, programs):
    lines = [f"# {title} (illustrative: names, budgets and figures are made up; see ../generate-2025.py)",
             f"# {note}",
             f"fiscal_year: {YEAR}", "currency: KRW", "milestones:"]
    for d, p in milestones:
        lines.append(f"  - {{ by: {d.isoformat()}, percent: {p:g} }}")
    lines.append("programs:")
    for prog in programs:
        total = sum(p["budget"] for p in prog["projects"])
        lines += [f"  - id: {prog['id']}", f"    name: {prog['name']}", f"    budget: {total}", "    projects:"]
        for p in prog["projects"]:
            extra = ", excluded: true" if p.get("excluded") else ""
            lines.append(f"      - {{ id: {p['id']}, name: \"{p['name']}\", budget: {p['budget']}, owner: \"{p['owner']}\"{extra} }}")
    with open(os.path.join(HERE, folder, "plan.yml"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")

    rows = ["주차,사업코드,세부사업코드,세부사업명,누적집행액"]
    for week in range(2, 31):
        sunday = dt.date.fromisocalendar(YEAR, week, 7)
        for prog in programs:
            for p in prog["projects"]:
                rows.append(f"{YEAR}-W{week:02d},{prog['id']},{p['id']},{p['name']},\"{executed(p, milestones, sunday):,}\"")
    with open(os.path.join(HERE, folder, "figures.csv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(rows) + "\n")


LOCAL = [
    {"id": "ECON", "name": "지역경제 활성화", "projects": [
        {"id": "ECON-01", "name": "전통시장 시설현대화", "budget": 3_000_000_000, "owner": "경제정책과", "f": 1.05, "after": 0.9},
        {"id": "ECON-02", "name": "소상공인 경영안정자금 이차보전", "budget": 1_200_000_000, "owner": "경제정책과", "f": 1.10, "after": 0.7},
        {"id": "ECON-03", "name": "청년 창업공간 조성", "budget": 800_000_000, "owner": "일자리정책과", "f": 0.90, "after": 0.3},
    ]},
    {"id": "SOC", "name": "생활SOC·재해예방", "projects": [
        {"id": "SOC-01", "name": "시도 확포장", "budget": 4_500_000_000, "owner": "도로과", "f": 1.00, "after": 0.8},
        {"id": "SOC-02", "name": "소하천 정비", "budget": 2_500_000_000, "owner": "안전총괄과", "f": 0.80, "after": 0.25},
        {"id": "SOC-03", "name": "재해구호기금 법정전입금", "budget": 600_000_000, "owner": "안전총괄과", "excluded": True},
    ]},
    {"id": "ADMIN", "name": "행정운영경비", "projects": [
        {"id": "ADMIN-01", "name": "인건비", "budget": 4_000_000_000, "owner": "총무과", "excluded": True},
        {"id": "ADMIN-02", "name": "기본경비", "budget": 600_000_000, "owner": "총무과", "excluded": True},
    ]},
]

CENTRAL = [
    {"id": "RND", "name": "산업기술 R&D", "projects": [
        {"id": "RND-01", "name": "소재부품 기술개발", "budget": 12_000_000_000, "owner": "산업기술과", "f": 1.02, "after": 0.9},
        {"id": "RND-02", "name": "지역혁신 클러스터 육성", "budget": 6_000_000_000, "owner": "지역산업과", "f": 0.82, "after": 0.3},
        {"id": "RND-03", "name": "기술사업화 바우처", "budget": 2_500_000_000, "owner": "산업기술과", "f": 1.08, "after": 0.6},
    ]},
    {"id": "SUP", "name": "중소기업 지원", "projects": [
        {"id": "SUP-01", "name": "수출바우처", "budget": 3_000_000_000, "owner": "수출지원과", "f": 0.95, "after": 0.8},
        {"id": "SUP-02", "name": "스마트공장 보급", "budget": 4_500_000_000, "owner": "지역산업과", "f": 1.00, "after": 0.7},
    ]},
    {"id": "OPS", "name": "기관운영", "projects": [
        {"id": "OPS-01", "name": "인건비", "budget": 5_000_000_000, "owner": "운영지원과", "excluded": True},
        {"id": "OPS-02", "name": "기본경비", "budget": 800_000_000, "owner": "운영지원과", "excluded": True},
    ]},
]

if __name__ == "__main__":
    write("local-2025", "예시시 2025년 상반기 신속집행 점검",
          "지방: 행정안전부 목표 60.5 % by 30 June, against 대상액 (인건비·기본경비·법정경비 excluded)",
          [(dt.date(YEAR, 3, 31), 30), (JUNE30, 60.5)], LOCAL)
    write("central-2025", "예시부 2025년 상반기 신속집행 점검",
          "중앙: 기획재정부 목표 67 % by 30 June, against 대상액 (인건비·기본경비 excluded)",
          [(dt.date(YEAR, 3, 31), 35), (JUNE30, 67)], CENTRAL)
