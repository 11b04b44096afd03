import Budget

/// Reads and validates `plan.yml`: unique ids, budgets that add up, increasing milestones.
public enum PlanLoader {
    public static func load(path: String) throws(ConfigError) -> Plan {
        let root = try YAMLValue.load(path: path, role: "plan")
        var c = ProblemCollector()
        // A misspelt key (`kpi:` for `kpis:`, `ownr:`) would silently drop a section or show a default.
        rejectUnknown(in: root, known: ["fiscal_year", "currency", "milestones", "programs", "kpis"], into: &c)

        let fiscalYear = c.attempt { () throws(ConfigProblemBox) -> Int in
            let v = try root.required("fiscal_year")
            let year = try v.integer()
            guard (1900...9999).contains(year) else { throw ConfigProblemBox(v.problem("must be a year such as 2009")) }
            return Int(year)
        }
        let currency = c.attempt { () throws(ConfigProblemBox) -> String in
            guard let v = root.child("currency") else { return "KRW" }
            let code = try v.nonEmptyString()
            guard code == "KRW" else { throw ConfigProblemBox(v.problem("only KRW (whole won) is supported, got '\(code)'")) }
            return code
        }
        let milestones = c.attempt { () throws(ConfigProblemBox) -> YAMLValue in try root.required("milestones") }
            .flatMap { parseMilestones($0, fiscalYear: fiscalYear, into: &c) }

        var programs: [Program] = []
        var seen: [String: YAMLValue] = [:]
        func claim(_ id: String, _ value: YAMLValue, _ c: inout ProblemCollector) {
            if let first = seen[id] {
                c.report(value.problem("id '\(id)' is already used at line \(first.line ?? 0)"))
            } else {
                seen[id] = value
            }
        }
        if let list = c.attempt({ () throws(ConfigProblemBox) -> [YAMLValue] in try root.required("programs").items() }) {
            if list.isEmpty { c.report(root.problem("the plan has no programmes", field: "programs")) }
            for item in list {
                rejectUnknown(in: item, known: ["id", "name", "budget", "milestones", "projects"], into: &c)
                guard let id = c.attempt({ () throws(ConfigProblemBox) -> (String, YAMLValue) in
                    let v = try item.required("id"); return (try v.nonEmptyString(), v)
                }) else { continue }
                claim(id.0, id.1, &c)
                let name = c.attempt { () throws(ConfigProblemBox) -> String in try item.required("name").nonEmptyString() } ?? id.0
                let budgetValue = c.attempt { () throws(ConfigProblemBox) -> YAMLValue in try item.required("budget") }
                let budget = budgetValue.flatMap { v in c.attempt { () throws(ConfigProblemBox) -> Int64 in try positive(v) } }
                let own = item.child("milestones").flatMap { parseMilestones($0, fiscalYear: fiscalYear, into: &c) }
                var projects: [Project] = []
                if let projectList = c.attempt({ () throws(ConfigProblemBox) -> [YAMLValue] in try item.required("projects").items() }) {
                    if projectList.isEmpty { c.report(item.problem("programme \(id.0) has no sub-projects", field: "\(item.path).projects")) }
                    for p in projectList {
                        rejectUnknown(in: p, known: ["id", "name", "budget", "owner", "milestones", "excluded"], into: &c)
                        guard let pid = c.attempt({ () throws(ConfigProblemBox) -> (String, YAMLValue) in
                            let v = try p.required("id"); return (try v.nonEmptyString(), v)
                        }) else { continue }
                        claim(pid.0, pid.1, &c)
                        let pname = c.attempt { () throws(ConfigProblemBox) -> String in try p.required("name").nonEmptyString() }
                        let pbudget = c.attempt { () throws(ConfigProblemBox) -> Int64 in try positive(try p.required("budget")) }
                        let owner = c.attempt { () throws(ConfigProblemBox) -> String in try p.child("owner")?.nonEmptyString() ?? "-" }
                        let pmilestones = p.child("milestones").flatMap { parseMilestones($0, fiscalYear: fiscalYear, into: &c) }
                        // 인건비, 기본경비, 법정경비: in 예산현액, not in 대상액.
                        let excluded = c.attempt { () throws(ConfigProblemBox) -> Bool in try p.child("excluded")?.boolean() ?? false }
                        if let pname, let pbudget, let owner, let excluded {
                            projects.append(Project(id: pid.0, name: pname, budget: pbudget, owner: owner, milestones: pmilestones,
                                                    excluded: excluded))
                        }
                    }
                    let sum = projects.reduce(Int64(0)) { $0 + $1.budget }
                    if let budget, let budgetValue, projects.count == projectList.count, sum != budget {
                        c.report(budgetValue.problem(
                            "sub-project budgets add up to \(WonFormat.full(sum)), not the programme budget \(WonFormat.full(budget)) (difference \(WonFormat.full(sum - budget)))"))
                    }
                }
                if let budget { programs.append(Program(id: id.0, name: name, budget: budget, milestones: own, projects: projects)) }
            }
        }

        var kpis: [KPI] = []
        if let list = root.child("kpis"), let items = c.attempt({ () throws(ConfigProblemBox) -> [YAMLValue] in try list.items() }) {
            for item in items {
                rejectUnknown(in: item, known: ["id", "name", "unit", "target", "projects", "milestones"], into: &c)
                let kpiMilestones = item.child("milestones").flatMap { parseMilestones($0, fiscalYear: fiscalYear, into: &c) }
                if let kpi = c.attempt({ () throws(ConfigProblemBox) -> KPI in
                    let projectIDs = try item.child("projects")?.items().map { v throws(ConfigProblemBox) -> String in
                        let id = try v.nonEmptyString()
                        guard seen[id] != nil else { throw ConfigProblemBox(v.problem("no sub-project has the id '\(id)'")) }
                        return id
                    } ?? []
                    return KPI(id: try item.required("id").nonEmptyString(), name: try item.required("name").nonEmptyString(),
                               unit: try item.child("unit")?.string() ?? "", target: try positive(try item.required("target")),
                               projects: projectIDs, milestones: kpiMilestones)
                }) { kpis.append(kpi) }
            }
        }

        try c.finish()
        // Every field that failed left a problem behind, so with none they are all here.
        guard let fiscalYear, let currency, let milestones else { throw ConfigError.problems(c.problems) }
        return Plan(fiscalYear: fiscalYear, currency: currency, milestones: milestones, programs: programs, kpis: kpis)
    }

    private static func rejectUnknown(in value: YAMLValue, known: [String], into c: inout ProblemCollector) {
        guard value.node.mapping != nil else { return }
        for (key, child) in value.entries where !known.contains(key) {
            c.report(child.problem("unknown field '\(key)'; known: \(known.joined(separator: ", "))"))
        }
    }

    private static func positive(_ v: YAMLValue) throws(ConfigProblemBox) -> Int64 {
        let n = try v.integer()
        guard n > 0 else { throw ConfigProblemBox(v.problem("must be more than 0 won")) }
        guard n <= Won.largestAmount else {
            throw ConfigProblemBox(v.problem("\(WonFormat.full(n)) is more than ₩100조 (100,000,000,000,000 won), the most one budget line may state; check for extra digits"))
        }
        return n
    }

    private static func parseMilestones(_ value: YAMLValue, fiscalYear: Int?, into c: inout ProblemCollector) -> [Milestone]? {
        guard let items = c.attempt({ () throws(ConfigProblemBox) -> [YAMLValue] in try value.items() }) else { return nil }
        if items.isEmpty { c.report(value.problem("needs at least one milestone")); return nil }
        var out: [Milestone] = []
        var ok = true
        for item in items {
            rejectUnknown(in: item, known: ["by", "percent"], into: &c)
            guard let m = c.attempt({ () throws(ConfigProblemBox) -> Milestone in
                let byValue = try item.required("by")
                let raw = try byValue.string()
                guard let date = CalendarDate(iso: raw) else { throw ConfigProblemBox(byValue.problem("'\(raw)' is not a date (YYYY-MM-DD)")) }
                if let fiscalYear, date.year != fiscalYear {
                    throw ConfigProblemBox(byValue.problem("\(raw) is outside the fiscal year \(fiscalYear)"))
                }
                let pv = try item.required("percent")
                let bp = try pv.basisPoints()
                guard bp <= 10_000 else { throw ConfigProblemBox(pv.problem("must be between 0 and 100")) }
                if let last = out.last {
                    guard date > last.date else { throw ConfigProblemBox(byValue.problem("\(date) must come after the previous milestone \(last.date)")) }
                    guard bp >= last.basisPoints else {
                        throw ConfigProblemBox(pv.problem("\(pv.node.scalar?.string ?? "")% is less than the previous milestone's \(WonFormat.decimal(last.percent, places: 2))%: the curve is cumulative"))
                    }
                }
                return Milestone(date: date, basisPoints: bp)
            }) else { ok = false; continue }
            out.append(m)
        }
        return ok ? out : nil
    }
}
