extension Plan {
    /// Every owner the plan names, in plan order.
    public var owners: [String] {
        var seen = Set<String>()
        return programs.flatMap(\.projects).map(\.owner).filter { seen.insert($0).inserted }
    }

    /// The plan as one set of owners sees it: only their sub-projects, in programmes whose budgets are those
    /// sub-projects' sums (a programme with none of them is left out), with the same curves and KPIs.
    ///
    /// A comparison against it gives those owners' rows, programme and total rows of their money only, and
    /// their action list: for a channel with `owners:`.
    public func restricted(toOwners owners: Set<String>) -> Plan {
        let kept = programs.compactMap { program -> Program? in
            let projects = program.projects.filter { owners.contains($0.owner) }
            guard !projects.isEmpty else { return nil }
            return Program(id: program.id, name: program.name, budget: projects.reduce(0) { $0 + $1.budget },
                           milestones: program.milestones, projects: projects)
        }
        let ids = Set(kept.flatMap { $0.projects.map(\.id) })
        let kpis = kpis.compactMap { kpi -> KPI? in
            let projects = kpi.projects.filter(ids.contains)
            guard !projects.isEmpty || kpi.projects.isEmpty else { return nil }
            return kpi
        }
        return Plan(fiscalYear: fiscalYear, currency: currency, milestones: curve.milestones, programs: kept, kpis: kpis)
    }
}
