#!/usr/bin/env python3
"""Write plan.yml and figures.csv, spendwatch's embedded demo data.

Source: 충청뉴스, 2008-12-23, "대전테크노파크의 '08년 성과와 '09년 계획".
Programme totals, project counts and the named ECO projects come from the
article. Every other sub-project name, budget and owner is made up.
figures.csv holds weekly cumulative executed amounts, 2009-W02 to W26.

Roles at 2009-W26 (Sunday 2009-06-28, target 59.34 %). gap = target % minus
executed %, in percentage points; on track < 5 <= warning < 10 <= critical.
  critical   RSI2-09 (gap 18.0, the largest shortfall in won), RSI2-13 (13.0,
             the stalled project), ECO-13 (15.0)
  warning    RSI2-04 (7.0), RSI2-17 (8.0), ECO-06 (6.5), ECO-12 (8.5),
             ECO-24 (7.5)
  stalled    RSI2-13: the same figure in W22 through W26, so there is no
             change in W23, W24, W25 or W26, and it is behind target.
  overspent  ECO-04: in W18 and W19 the figure is above budget because an
             invoice was posted twice. W20 drops back below budget (the
             correction) and later weeks are normal. gap -10.0, on track.
  missing    ECO-23: rows up to W25 and no W26 row. Counted at its W25 figure,
             the gap is 0.46, on track.
  restated   ECO-09: a 12,500,000 payment booked in W25 was cancelled and paid
             again in W26, so the W26 export restates W25 (one more W25 row,
             보고주차 2009-W26, 12,500,000 lower). A run of W26 after W25 reports
             it; a rerun of W25 still shows the figure as first reported.
  on track   40 projects, including ECO-04 and ECO-23. 18 of them are ahead of
             the curve (negative gap).
KPI columns (cumulative head counts, only for the projects a KPI lists; empty
elsewhere) come from their own random stream, so adding them changed no amount:
  신규고용  new jobs, plan 750 for the year; about 320 by W26 against 368 on a
            straight line, so the KPI is a warning.
  교육인원  people trained, plan 2,500; cohorts finish every few weeks and
            are ahead of the line by W26.
Apart from these roles, every cumulative figure goes up every week.
Nothing else is irregular: no unknown projects and no duplicate rows.
"""
import csv
import random
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20081223
MW = 1_000_000  # budgets in the tables below are in 백만원
WEEKS = range(2, 27)
CURVE = [(date(2008, 12, 31), 0), (date(2009, 3, 31), 30), (date(2009, 6, 30), 60),
         (date(2009, 9, 30), 85), (date(2009, 12, 31), 100)]

PROGRAMS = [
    ("RSI2", "2단계 지역전략산업진흥사업", [
        ("RSI2-01", "고주파부품 핵심기술개발 지원", 4500, "고주파센터"),
        ("RSI2-02", "RF·IT 기업지원(장비활용·시험인증)", 2200, "고주파센터"),
        ("RSI2-03", "고주파 전문인력양성", 800, "인력양성팀"),
        ("RSI2-04", "RFID/USN 융합제품 상용화 지원", 1500, "고주파센터"),
        ("RSI2-05", "바이오 신약·진단기술 개발 지원", 3800, "바이오센터"),
        ("RSI2-06", "바이오의약 GMP 위탁생산 지원", 2000, "바이오센터"),
        ("RSI2-07", "바이오 기업지원(시험분석·인허가)", 1400, "바이오센터"),
        ("RSI2-08", "바이오 전문인력양성", 750, "인력양성팀"),
        ("RSI2-09", "지능형로봇 핵심기술개발 지원", 4200, "로봇센터"),
        ("RSI2-10", "로봇 One-Stop 시제품제작·성능시험 지원", 1800, "로봇센터"),
        ("RSI2-11", "로봇 전문인력양성", 650, "인력양성팀"),
        ("RSI2-12", "기능성 나노화학소재 기술개발", 3200, "나노소재팀"),
        ("RSI2-13", "나노화학소재센터 장비 고도화", 2500, "나노소재팀"),
        ("RSI2-14", "부품소재 기업지원(분석·평가)", 1600, "나노소재팀"),
        ("RSI2-15", "나노·부품소재 전문인력양성", 600, "인력양성팀"),
        ("RSI2-16", "SW중심 전략산업 기업지원(임베디드SW 융합)", 2600, "SW지원팀"),
        ("RSI2-17", "지역SW 특화 기술개발", 2000, "SW지원팀"),
        ("RSI2-18", "전략산업 마케팅·해외시장 개척 지원", 1200, "기업지원단"),
        ("RSI2-19", "전략산업 디자인·브랜드 지원", 900, "기업지원단"),
        ("RSI2-20", "전략산업 기업 경영·기술 컨설팅", 800, "기업지원단"),
        ("RSI2-21", "전략산업 기획평가 및 성과확산", 500, "성과확산팀"),
    ]),
    ("ECO", "경제활성화사업", [
        ("ECO-01", "스타기업 첨단기술상용화지원", 3000, "사업화지원팀"),
        ("ECO-02", "신기술창업지원", 1000, "창업보육팀"),
        ("ECO-03", "테스트베드시범사업", 2000, "사업화지원팀"),
        ("ECO-04", "기술사업화종합지원센터", 400, "사업화지원팀"),
        ("ECO-05", "소프트웨어산업 육성 지원", 2500, "SW지원팀"),
        ("ECO-06", "연구개발서비스업 육성 지원", 1500, "기업지원단"),
        ("ECO-07", "신재생에너지산업 육성 지원", 2000, "신재생에너지팀"),
        ("ECO-08", "신재생에너지 부품·소재 실증 지원", 1000, "신재생에너지팀"),
        ("ECO-09", "전통산업 기술개발 및 사업화지원", 2000, "기업지원단"),
        ("ECO-10", "전통산업 공정 및 제품개량지원", 1200, "기업지원단"),
        ("ECO-11", "전통산업 IT융합제품 지원", 1000, "고주파센터"),
        ("ECO-12", "충청권 광역경제권 선도프로젝트(의약바이오)", 800, "바이오센터"),
        ("ECO-13", "충청권 광역경제권 선도프로젝트(New IT)", 800, "고주파센터"),
        ("ECO-14", "창업보육센터 입주기업 지원", 600, "창업보육팀"),
        ("ECO-15", "지역기업 시제품 제작 지원", 500, "로봇센터"),
        ("ECO-16", "첨단장비 공동활용 지원", 600, "기업지원단"),
        ("ECO-17", "지역기업 해외마케팅 지원", 500, "기업지원단"),
        ("ECO-18", "디자인 고부가가치화 지원", 400, "기업지원단"),
        ("ECO-19", "청년 인턴 채용 연계 지원", 500, "인력양성팀"),
        ("ECO-20", "재직자 직무능력 향상 교육", 300, "인력양성팀"),
        ("ECO-21", "구직자 취업 연계 교육", 400, "인력양성팀"),
        ("ECO-22", "글로벌 네트워크 협력(두바이, 영국, 일본)", 300, "정책기획팀"),
        ("ECO-23", "국책사업 유치 정책지원", 500, "정책기획팀"),
        ("ECO-24", "기술금융·투자연계 지원", 350, "기업지원단"),
        ("ECO-25", "지식재산권 창출 지원", 300, "기업지원단"),
        ("ECO-26", "성과관리시스템 구축", 250, "성과확산팀"),
        ("ECO-27", "기업애로 원스톱 지원", 300, "기업지원단"),
    ]),
]
PROGRAM_BUDGETS = {"RSI2": 39_500_000_000, "ECO": 25_000_000_000}
KPIS = [
    ("jobs", "신규 일자리 창출", "명", 750,
     ["ECO-01", "ECO-02", "ECO-03", "ECO-05", "ECO-07", "ECO-09", "ECO-19"]),
    ("trained", "일자리 유지·취업 교육", "명", 2500,
     ["RSI2-03", "RSI2-08", "RSI2-11", "RSI2-15", "ECO-20", "ECO-21"]),
]

# Planned W26 gap (pp) of the projects that are not on track, and of the
# overspent and missing ones. LATE projects get no advance payment and their
# instalments start in April (W14).
PLANNED_GAP = {"RSI2-09": 18.0, "RSI2-13": 13.0, "ECO-13": 15.0,
               "RSI2-04": 7.0, "RSI2-17": 8.0, "ECO-06": 6.5, "ECO-12": 8.5,
               "ECO-24": 7.5, "ECO-04": -10.0, "ECO-23": 0.0}
LATE = {"RSI2-09", "ECO-13", "RSI2-04", "RSI2-17", "ECO-06", "ECO-12", "ECO-24"}
STALLED, STALL_FROM = "RSI2-13", 22       # unchanged W22..W26
OVERSPENT, DOUBLE_POSTED = "ECO-04", (18, 19)
OVERSPENT_INVOICE = 180_000_000           # 2차 출연금, posted twice in W18
MISSING = "ECO-23"                         # no row in W26
RESTATED, RESTATED_WEEK, RESTATED_BY = "ECO-09", 25, 12_500_000


def target_percent(day):
    """Early-execution curve: linear by calendar day between milestones."""
    for (d0, p0), (d1, p1) in zip(CURVE, CURVE[1:]):
        if day <= d1:
            return p0 + (p1 - p0) * (day - d0).days / (d1 - d0).days
    return CURVE[-1][1]


def sunday(week):
    return date.fromisocalendar(2009, week, 7)


def cumulative_path(rng, amount, last_week, late, lumps):
    """Cumulative won for W02..last_week, ending at exactly `amount`.

    Spending comes from weekly running costs, an advance payment (선급금) in
    January or February, and 2 to 4 contract instalments. `lumps` are fixed
    payments in won for given weeks.
    """
    weight = {w: rng.uniform(0.3, 1.0) for w in range(2, last_week + 1)}
    if not late and rng.random() < 0.75:
        weight[rng.randint(2, 8)] += rng.uniform(8, 16)
    for _ in range(rng.randint(2, 4)):
        weight[rng.randint(14 if late else 5, last_week)] += rng.uniform(3, 10)
    rest = amount - sum(lumps.values())
    total, run, paid, path = sum(weight.values()), 0.0, 0, {}
    for w in sorted(weight):
        run += weight[w]
        paid += lumps.get(w, 0)
        path[w] = paid + round(rest * run / total / 1000) * 1000
    return path


def build():
    rng = random.Random(SEED)
    target26 = target_percent(sunday(26))
    rows, gaps = [], {}
    for prog, _, projects in PROGRAMS:
        for pid, name, budget_mw, _ in projects:
            budget = budget_mw * MW
            gap = PLANNED_GAP.get(pid)
            if gap is None:  # on track; about one in five ahead of the curve
                gap = rng.uniform(-14, -5) if rng.random() < 0.2 else rng.uniform(-3, 4.5)
            amount = round(budget * (target26 - gap) / 100 / 1000) * 1000
            last = STALL_FROM if pid == STALLED else 26
            lumps = {18: OVERSPENT_INVOICE} if pid == OVERSPENT else {}
            path = cumulative_path(rng, amount, last, pid in LATE, lumps)
            for w in WEEKS:
                if pid == MISSING and w == 26:
                    continue
                value = path[min(w, last)]
                if pid == OVERSPENT and w in DOUBLE_POSTED:
                    value += OVERSPENT_INVOICE
                rows.append((w, prog, pid, name, value))
            final = path[25] if pid == MISSING else path[last]
            gaps[pid] = target26 - 100 * final / budget
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows, gaps


# KPI column, year target per project, and the share of it reached by W26.
KPI_COLUMNS = {"jobs": "신규고용", "trained": "교육인원"}
KPI_PLAN = {
    "jobs": ({"ECO-01": 150, "ECO-02": 90, "ECO-03": 110, "ECO-05": 120, "ECO-07": 100,
              "ECO-09": 100, "ECO-19": 80}, 0.427),
    "trained": ({"RSI2-03": 450, "RSI2-08": 400, "RSI2-11": 350, "RSI2-15": 300,
                 "ECO-20": 500, "ECO-21": 500}, 0.54),
}


def build_kpis():
    """Cumulative KPI values by (project, week), from a stream of their own."""
    rng = random.Random(SEED + 1)
    values = {}
    for kpi, (targets, share) in KPI_PLAN.items():
        for pid, target in targets.items():
            reached = round(target * share * rng.uniform(0.9, 1.1))
            if kpi == "jobs":   # hires trickle in from February
                weight = {w: rng.uniform(0.2, 1.0) if w >= 6 else 0.0 for w in WEEKS}
            else:               # training cohorts finish every 3 to 5 weeks
                weight = {w: 0.0 for w in WEEKS}
                w = rng.randint(5, 8)
                while w <= 26:
                    weight[w] = rng.uniform(0.8, 1.2)
                    w += rng.randint(3, 5)
            total, run = sum(weight.values()), 0.0
            for w in WEEKS:
                run += weight[w]
                values[(pid, kpi)] = values.get((pid, kpi), {})
                values[(pid, kpi)][w] = round(reached * run / total)
    return values


def write_plan(path):
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ["# 대전테크노파크 2009년 조기집행 계획 (source: 충청뉴스 2008-12-23). "
           "Sub-projects not named in the article are illustrative.",
           "fiscal_year: 2009", "currency: KRW",
           "milestones:            # cumulative share of each budget to be executed by the date"]
    out += [f"  - {{ by: {d.isoformat()}, percent: {p} }}" for d, p in CURVE[1:]]
    out.append("programs:")
    for prog, name, projects in PROGRAMS:
        assert sum(p[2] for p in projects) * MW == PROGRAM_BUDGETS[prog], prog
        out += [f"  - id: {prog}", f"    name: {name}",
                f"    budget: {PROGRAM_BUDGETS[prog]}", "    projects:"]
        out += [f"      - {{ id: {pid}, name: {q(n)}, budget: {b * MW}, owner: {q(o)} }}"
                for pid, n, b, o in projects]
    out.append("kpis:")
    out += [f"  - {{ id: {k}, name: {n}, unit: {u}, target: {t}, projects: [{', '.join(ps)}] }}"
            for k, n, u, t, ps in KPIS]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_figures(path, rows, kpis):
    """One row per sub-project and week, reported in its own week (보고주차 empty), then the W26
    export's correction of an already reported W25 figure."""
    def line(w, prog, pid, name, value, reported=""):
        extra = [f"{kpis[(pid, k)][w]:,}" if (pid, k) in kpis else "" for k in KPI_COLUMNS]
        return [f"2009-W{w:02d}", prog, pid, name, f"{value:,}"] + extra + [reported]
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["주차", "사업코드", "세부사업코드", "세부사업명", "누적집행액"] + list(KPI_COLUMNS.values()) + ["보고주차"])
        for row in rows:
            out.writerow(line(*row))
        w, prog, pid, name, value = next(r for r in rows if r[0] == RESTATED_WEEK and r[2] == RESTATED)
        out.writerow(line(w, prog, pid, name, value - RESTATED_BY, reported="2009-W26"))


def main():
    rows, gaps = build()
    write_plan(HERE / "plan.yml")
    kpis = build_kpis()
    write_figures(HERE / "figures.csv", rows, kpis)
    status = lambda g: "critical" if g >= 10 else "warning" if g >= 5 else "on track"
    print(f"W26 target {target_percent(sunday(26)):.2f} %; {len(rows)} rows")
    for role, ids in [("critical", [p for p in gaps if status(gaps[p]) == "critical"]),
                      ("warning", [p for p in gaps if status(gaps[p]) == "warning"]),
                      ("stalled", [STALLED]), ("overspent", [OVERSPENT]),
                      ("missing", [MISSING])]:
        print(f"{role:9}  " + ", ".join(f"{p} ({gaps[p]:.2f} pp)" for p in ids))
    on_track = [p for p in gaps if status(gaps[p]) == "on track"]
    ahead = sum(gaps[p] < 0 for p in on_track)
    print(f"on track   {len(on_track)} projects, {ahead} of them ahead of the curve")
    for kpi, (targets, _) in KPI_PLAN.items():
        print(f"{KPI_COLUMNS[kpi]}  W26 {sum(kpis[(p, kpi)][26] for p in targets)} of {sum(targets.values())}")


if __name__ == "__main__":
    main()
