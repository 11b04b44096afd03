import Foundation
import Testing
import TestSupport
@testable import Config

/// `deploy/k8s/`: the ConfigMap's files load as they are, and the Secret and CronJob supply what they name.
struct DeployManifestTests {
    static let folder = Paths.root.appendingPathComponent("deploy/k8s")

    func manifest(_ name: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The literal block `key: |` of a ConfigMap's `data`, unindented.
    func block(_ key: String, in yaml: String) throws -> String {
        let lines = yaml.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "  \(key): |"), "no \(key) in the ConfigMap") + 1
        let body = lines[start...].prefix { $0.isEmpty || $0.hasPrefix("    ") }
        return body.map { String($0.dropFirst(min(4, $0.count))) }.joined(separator: "\n")
    }

    @Test func theConfigMapsFilesLoadAndNameTheSharedPostgreSQLLedger() throws {
        let configMap = try manifest("configmap.yaml")
        let folder = try TemporaryDirectory("k8s")
        try block("spendwatch.yml", in: configMap).write(to: folder.appendingPathComponent("spendwatch.yml"), atomically: true, encoding: .utf8)
        try block("plan.yml", in: configMap).write(to: folder.appendingPathComponent("plan.yml"), atomically: true, encoding: .utf8)

        let config = try ConfigLoader.load(path: folder.appendingPathComponent("spendwatch.yml").path,
                                           environment: ["ERP_TOKEN": "token-from-the-secret"])
        #expect(config.ledger == .postgres(url: "postgres://spendwatch@postgres.finance.svc:5432/spendwatch"))
        #expect(config.timeZone.identifier == "Asia/Seoul")
        let plan = try PlanLoader.load(path: config.planPath)
        let demo = try PlanLoader.load(path: Paths.example + "/plan.yml")
        #expect(plan.programs.map(\.id) == demo.programs.map(\.id))
    }

    @Test func theSecretHoldsEveryVariableTheConfigNamesAndTheCronJobForbidsOverlap() throws {
        let configMap = try manifest("configmap.yaml")
        let secret = try manifest("secret.yaml")
        let cronJob = try manifest("cronjob.yaml")
        let spendwatch = try block("spendwatch.yml", in: configMap)
        let named = spendwatch.matches(of: #/\$\{([A-Z_]+)\}|_env: ([A-Z_]+)/#).map { String($0.1 ?? $0.2 ?? "") }
        #expect(Set(named) == ["ERP_TOKEN", "WEBHOOK_SECRET", "SLACK_WEBHOOK_URL"])
        for variable in named + ["PGPASSWORD"] {
            #expect(secret.contains("\n  \(variable): "), "secret.yaml lacks \(variable)")
        }
        let ledger = try #require(spendwatch.firstMatch(of: #/\nledger: postgres://([^@\s]+)@/#), "no PostgreSQL ledger")
        #expect(!ledger.1.contains(":"), "the password stays out of the ConfigMap: libpq reads PGPASSWORD")
        #expect(cronJob.contains("concurrencyPolicy: Forbid"))
        #expect(cronJob.contains("timeZone: Asia/Seoul"))
        #expect(cronJob.contains("secretRef: { name: spendwatch-secrets }"))
        #expect(cronJob.contains("configMap: { name: spendwatch-config }"))
    }
}
