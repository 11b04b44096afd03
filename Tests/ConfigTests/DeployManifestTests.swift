import Foundation
import Testing
import TestSupport
import Yams
@testable import Config

/// `deploy/k8s/`: the ConfigMap's files load as they are, the Secret reaches the pod as files, the pod meets
/// the Pod Security 'restricted' profile, a Job never retries an exit that a retry cannot mend, and every
/// manifest validates against the Kubernetes schemas.
struct DeployManifestTests {
    static let folder = Paths.root.appendingPathComponent("deploy/k8s")
    static let secretsFolder = "/run/secrets/spendwatch"

    func manifest(_ name: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// A manifest parsed as YAML (comments dropped), as the API server would read it.
    func object(_ name: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: manifest(name)) as? [String: Any], "\(name) is not a YAML mapping")
    }

    /// The literal block `key: |` of a ConfigMap's `data`, unindented.
    func block(_ key: String, in yaml: String) throws -> String {
        let lines = yaml.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "  \(key): |"), "no \(key) in the ConfigMap") + 1
        let body = lines[start...].prefix { $0.isEmpty || $0.hasPrefix("    ") }
        return body.map { String($0.dropFirst(min(4, $0.count))) }.joined(separator: "\n")
    }

    /// The CronJob's Job spec, pod spec and its one container.
    func cronJob() throws -> (job: [String: Any], pod: [String: Any], container: [String: Any]) {
        let cronJob = try object("cronjob.yaml")
        let job = try #require(cronJob["spec"] as? [String: Any]).dig("jobTemplate", "spec")
        let pod = job.dig("template", "spec")
        let containers = try #require(pod["containers"] as? [[String: Any]], "no containers")
        #expect(containers.count == 1)
        return (job, pod, try #require(containers.first))
    }

    /// Every variable that spendwatch.yml names for a secret: `${NAME}` in any value and the value of any `*_env` key.
    func secretVariables(in spendwatchYML: String) throws -> Set<String> {
        var names: Set<String> = []
        func walk(_ node: Any, key: String?) {
            switch node {
            case let map as [String: Any]: for (k, v) in map { walk(v, key: k) }
            case let list as [Any]: for v in list { walk(v, key: nil) }
            case let text as String:
                if let key, key.hasSuffix("_env") { names.insert(text) }
                names.formUnion(text.matches(of: #/\$\{([A-Za-z0-9_]+)\}/#).map { String($0.1) })
            default: break
            }
        }
        walk(try #require(try Yams.load(yaml: spendwatchYML)), key: nil)
        return names
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

    /// Each secret the config names reaches the pod as a file of the Secret, through the `NAME_FILE`
    /// convention, never as a value in the pod's environment; PGPASSWORD, read by libpq, is the one
    /// environment variable, and it comes from the same Secret.
    @Test func everySecretTheConfigNamesReachesThePodAsAFileOfTheSecret() throws {
        let spendwatch = try block("spendwatch.yml", in: manifest("configmap.yaml"))
        let named = try secretVariables(in: spendwatch)
        #expect(named == ["ERP_TOKEN", "WEBHOOK_SECRET", "SLACK_WEBHOOK_URL"])
        let ledger = try #require(spendwatch.firstMatch(of: #/\nledger: postgres://([^@\s]+)@/#), "no PostgreSQL ledger")
        #expect(!ledger.1.contains(":"), "the password stays out of the ConfigMap: libpq reads PGPASSWORD")

        let secret = try object("secret.yaml")
        let secretName = try #require((secret["metadata"] as? [String: Any])?["name"] as? String)
        let keys = Set(try #require(secret["stringData"] as? [String: Any], "the Secret has no stringData").keys)
        #expect(keys == named.union(["PGPASSWORD"]), "the Secret holds exactly what the config and libpq read")

        let (_, pod, container) = try cronJob()
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        let secretVolume = try #require(volumes.first { ($0["secret"] as? [String: Any])?["secretName"] as? String == secretName },
                                        "no volume mounts the Secret \(secretName)")
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        let mount = try #require(mounts.first { $0["name"] as? String == secretVolume["name"] as? String }, "the Secret's volume is not mounted")
        #expect(mount["mountPath"] as? String == Self.secretsFolder)
        #expect(mount["readOnly"] as? Bool == true)

        let env = try #require(container["env"] as? [[String: Any]])
        let byName = Dictionary(env.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for variable in named {
            #expect(byName["\(variable)_FILE"]?["value"] as? String == "\(Self.secretsFolder)/\(variable)",
                    "\(variable)_FILE does not name the Secret's file \(variable)")
            #expect(byName[variable] == nil, "\(variable) must stay out of the pod's environment")
        }
        let password = try #require(byName["PGPASSWORD"]?["valueFrom"] as? [String: Any], "PGPASSWORD is not taken from the Secret")
        #expect((password["secretKeyRef"] as? [String: Any])?["name"] as? String == secretName)
        #expect((password["secretKeyRef"] as? [String: Any])?["key"] as? String == "PGPASSWORD")
        #expect(container["envFrom"] == nil, "no whole Secret as environment variables")
    }

    /// The Pod Security Standard 'restricted' (Kubernetes docs, "Pod Security Standards"), plus a read-only
    /// root filesystem with emptyDir for /tmp and the output folder, and no service account token.
    @Test func theCronJobMeetsThePodSecurityRestrictedProfile() throws {
        let (_, pod, container) = try cronJob()
        let podSecurity = try #require(pod["securityContext"] as? [String: Any], "no pod securityContext")
        let security = try #require(container["securityContext"] as? [String: Any], "no container securityContext")
        #expect(podSecurity["runAsNonRoot"] as? Bool == true)
        #expect(security["runAsNonRoot"] as? Bool != false)
        #expect((podSecurity["runAsUser"] as? Int).map { $0 != 0 } ?? true, "runAsUser 0 is root")
        #expect(security["allowPrivilegeEscalation"] as? Bool == false)
        #expect(security["privileged"] as? Bool != true)
        #expect(security["readOnlyRootFilesystem"] as? Bool == true)
        let capabilities = try #require(security["capabilities"] as? [String: Any])
        #expect(capabilities["drop"] as? [String] == ["ALL"])
        #expect((capabilities["add"] as? [String] ?? []).allSatisfy { $0 == "NET_BIND_SERVICE" })
        let seccomp = (security["seccompProfile"] ?? podSecurity["seccompProfile"]) as? [String: Any]
        #expect(["RuntimeDefault", "Localhost"].contains(seccomp?["type"] as? String))
        #expect(pod["automountServiceAccountToken"] as? Bool == false)
        #expect(pod["hostNetwork"] == nil && pod["hostPID"] == nil && pod["hostIPC"] == nil)

        // Volumes: only the kinds 'restricted' allows; writable places are emptyDirs.
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        let allowed: Set<String> = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]
        for volume in volumes {
            let kinds = Set(volume.keys).subtracting(["name"])
            #expect(kinds.isSubset(of: allowed), "volume \(volume["name"] ?? "?") is of a kind 'restricted' refuses: \(kinds)")
        }
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        func volume(mountedAt path: String) -> [String: Any]? {
            guard let name = mounts.first(where: { $0["mountPath"] as? String == path })?["name"] as? String else { return nil }
            return volumes.first { $0["name"] as? String == name }
        }
        #expect(volume(mountedAt: "/tmp")?["emptyDir"] != nil, "/tmp is not an emptyDir")
        let config = try block("spendwatch.yml", in: manifest("configmap.yaml"))
        let output = try #require(config.firstMatch(of: #/\noutput: (\S+)/#)?.1, "the ConfigMap's spendwatch.yml names no output")
        let outputMount = try #require(mounts.map { $0["mountPath"] as? String ?? "" }.filter { output.hasPrefix($0) }.max(by: { $0.count < $1.count }),
                                       "the output folder \(output) is on the read-only root filesystem")
        #expect(volume(mountedAt: outputMount)?["emptyDir"] != nil, "the output folder is not on an emptyDir")
    }

    /// 64 (usage), 65 (bad data), 78 (bad config) and 76 (refused for good) fail the Job at once; the exits a
    /// later try can clear (66, 69, 73, 75) are retried by backoffLimit.
    @Test func theJobFailsAtOnceOnExitsARetryCannotMendAndRetriesTheRest() throws {
        let (job, pod, _) = try cronJob()
        #expect(pod["restartPolicy"] as? String == "Never", "podFailurePolicy requires restartPolicy: Never")
        let rules = try #require((job["podFailurePolicy"] as? [String: Any])?["rules"] as? [[String: Any]], "no podFailurePolicy")
        var failJob: Set<Int> = []
        for rule in rules where rule["action"] as? String == "FailJob" {
            let onExitCodes = try #require(rule["onExitCodes"] as? [String: Any])
            #expect(onExitCodes["operator"] as? String == "In")
            #expect(onExitCodes["containerName"] as? String == "spendwatch")
            failJob.formUnion(onExitCodes["values"] as? [Int] ?? [])
        }
        #expect(failJob.isSuperset(of: [64, 65, 78]))
        #expect(failJob.isDisjoint(with: [66, 69, 73, 75]), "retryable exits must not fail the Job")
        #expect(rules.contains { $0["action"] as? String == "Ignore" && "\($0["onPodConditions"] ?? "")".contains("DisruptionTarget") },
                "an evicted pod should not use up a retry")
        #expect((job["backoffLimit"] as? Int ?? 6) >= 1)
    }

    @Test func theCronJobRunsMondaysEightSeoulAndForbidsOverlap() throws {
        let spec = try #require(try object("cronjob.yaml")["spec"] as? [String: Any])
        #expect(spec["schedule"] as? String == "0 8 * * 1")
        #expect(spec["timeZone"] as? String == "Asia/Seoul")
        #expect(spec["concurrencyPolicy"] as? String == "Forbid")
        let (_, pod, _) = try cronJob()
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        #expect(volumes.contains { ($0["configMap"] as? [String: Any])?["name"] as? String == "spendwatch-config" })
    }

    /// PyPI's kubernetes-validate (`scripts/setup.sh --test`), offline, strict (unknown fields are errors),
    /// against the oldest Kubernetes the manifests need (1.30) and the newest it ships schemas for.
    @Test(arguments: ["1.30.0", "1.37.0"])
    func everyManifestValidatesAgainstTheKubernetesSchemas(version: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { Self.folder.appendingPathComponent($0).path }
        #expect(files.count == 3)
        let result = try runProgram("/usr/bin/env", ["kubernetes-validate", "--strict", "-k", version] + files)
        #expect(result.status == 0, "kubernetes-validate \(version): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("INFO") && $0.contains("passed") }.count == files.count,
                "\(result.stdout)\(result.stderr)")
    }
}

private extension [String: Any] {
    /// The mapping at `keys` below this one, or an empty one.
    func dig(_ keys: String...) -> [String: Any] {
        keys.reduce(self) { ($0[$1] as? [String: Any]) ?? [:] }
    }
}
