import Foundation
import Testing
import TestSupport
@testable import Budget
@testable import Config

struct PlanLoaderTests {
    func problems(_ fixture: String) throws -> [ConfigProblem] {
        let path = Paths.fixture("config/\(fixture)")
        do {
            _ = try PlanLoader.load(path: path)
        } catch let ConfigError.problems(list) {
            return list
        }
        Issue.record("\(fixture) loaded although it is invalid")
        return []
    }

    @Test func theDemoPlanAddsUp() throws {
        let plan = try PlanLoader.load(path: Paths.example + "/plan.yml")
        #expect(plan.fiscalYear == 2009)
        #expect(plan.programs.map(\.id) == ["RSI2", "ECO"])
        #expect(plan.programs.map(\.projects.count) == [21, 27])
        #expect(plan.programs.map(\.budget) == [39_500_000_000, 25_000_000_000])
        #expect(plan.curve.milestones.first?.basisPoints == 3_000)
        #expect(plan.kpis.map(\.target) == [750, 2_500])
    }

    /// A misspelt key dropped the KPI section (`kpi:`) or showed owner "-" (`ownr:`) without a word.
    @Test("a key the plan does not know is an error naming its line", arguments: [
        ("kpis:", "kpi:", "unknown field 'kpi'"),
        ("owner:", "ownr:", "programs[0].projects[0].ownr: unknown field 'ownr'"),
        ("percent: 30", "pct: 30", "milestones[0].pct: unknown field 'pct'"),
    ])
    func unknownKeysAreErrors(key: String, typo: String, expected: String) throws {
        let folder = Paths.temporaryDirectory("plan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOfFile: Paths.example + "/plan.yml", encoding: .utf8)
        let range = try #require(text.range(of: key))
        let path = folder.appendingPathComponent("plan.yml").path
        try text.replacingCharacters(in: range, with: typo).write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: ConfigError.self) { try PlanLoader.load(path: path) }
        #expect(error.description.contains("plan.yml:"), "\(error)")
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test func everyProblemNamesFileLineAndField() throws {
        let list = try problems("plan-bad.yml")
        let text = list.map(\.description)
        // Milestones out of order.
        #expect(text.contains { $0.hasSuffix("plan-bad.yml:5: milestones[1].by: 2009-03-31 must come after the previous milestone 2009-06-30") })
        // The same id twice.
        #expect(text.contains { $0.contains("plan-bad.yml:12: programs[0].projects[1].id: id 'RSI2-01' is already used at line 11") })
        // Budgets that do not add up, with the difference in won.
        #expect(text.contains { $0.contains(":9: programs[0].budget: sub-project budgets add up to 900,000,000원, not the programme budget 1,000,000,000원") })
        // Decimals in a budget.
        #expect(text.contains { $0.contains(":17: programs[1].projects[0].budget: '12.5' is not a whole number of won") })
        #expect(list.count == 4)
    }

    @Test func percentOutOfRange() throws {
        let list = try problems("plan-percent.yml")
        #expect(list.map(\.description) == ["\(Paths.fixture("config/plan-percent.yml")):3: milestones[0].percent: must be between 0 and 100"])
    }

    @Test func yamlSyntaxErrorsHaveALine() throws {
        let list = try problems("plan-syntax.yml")
        #expect(list.count == 1)
        #expect(list.first?.line == 3)
        #expect(list.first?.field == "(syntax)")
    }

    @Test func missingPlanFile() {
        #expect(throws: ConfigError.self) { try PlanLoader.load(path: "/nonexistent/plan.yml") }
    }
}
