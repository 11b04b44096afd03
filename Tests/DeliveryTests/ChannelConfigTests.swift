import Config
import Foundation
import TestSupport
import Testing
@testable import Delivery

struct ChannelConfigTests {
    func channels(_ yaml: String, environment: [String: String] = [:]) throws -> [Channel] {
        let folder = try TemporaryDirectory("config")
        let file = folder.appendingPathComponent("spendwatch.yml")
        try ("plan: plan.yml\nsource: { url: file:figures.csv }\nchannels:\n" + yaml).write(to: file, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: file.path, environment: environment)
        return try Channel.all(config, environment: environment)
    }

    func problems(_ yaml: String, environment: [String: String] = [:]) -> String {
        do {
            _ = try channels(yaml, environment: environment)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func everyKindOfTheDesignParses() throws {
        let env = ["SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/xoxb-secret-token",
                   "WEBHOOK_SECRET": Sample.secret, "TEAMS_URL": "https://prod.westeurope.logic.azure.com/workflows/abc?sig=zzz",
                   "SMTP_USER": "tft", "SMTP_PASSWORD": "pa55word!"]
        let list = try channels("""
              - { name: tft-slack, kind: slack, url_env: SLACK_WEBHOOK_URL, min_severity: warning }
              - { name: erp-hook, kind: webhook, url: "https://hooks.example.org/spendwatch", secret_env: WEBHOOK_SECRET }
              - { name: tft-teams, kind: teams, url_env: TEAMS_URL, min_severity: critical }
              - { name: weekly-mail, kind: email, smtp_url: "smtps://smtp.example.org:465", starttls: required,
                  username_env: SMTP_USER, password_env: SMTP_PASSWORD, from: "tft@example.org", to: ["finance@example.org"] }
              - { name: tft-folder, kind: file, path: out/outbox }
            """, environment: env)
        #expect(list.map(\.kind) == ["slack", "webhook", "teams", "email", "file"])
        #expect(list[0].minSeverity == .warning)
        #expect(list[3].minSeverity == nil)
        let secrets = Set(list.flatMap(\.secrets))
        #expect(secrets.isSuperset(of: [env["SLACK_WEBHOOK_URL"]!, env["WEBHOOK_SECRET"]!, env["SMTP_PASSWORD"]!, env["TEAMS_URL"]!]))
        let file = try #require(list[4].endpoint as? FileChannel, "not a file channel")
        #expect(file.directory.hasSuffix("/out/outbox"))
    }

    @Test func anUnknownKindIsNamedWithItsLineAndTheKindsThereAre() {
        let text = problems("  - { name: pager, kind: sms }\n")
        #expect(text.contains("spendwatch.yml:4: channels[pager].kind: unknown channel kind 'sms'; known: webhook, slack, teams, email, file"), "\(text)")
    }

    @Test func aMissingVariableIsNamedWithFileAndLine() {
        let text = problems("  - { name: tft-slack, kind: slack, url_env: SLACK_WEBHOOK_URL }\n")
        #expect(text.contains("environment variable SLACK_WEBHOOK_URL is not set"))
        #expect(text.contains("spendwatch.yml:4"))
        #expect(text.contains("channels[tft-slack].url_env"))
    }

    @Test func problemsOfSeveralChannelsComeTogether() {
        let text = problems("""
              - { name: hook, kind: webhook, url: "ftp://x" }
              - { name: mail, kind: email, smtp_url: "https://x", password: hunter2, from: nobody, to: [] }
            """)
        #expect(text.contains("channels[hook].url: must be an http:// or https:// URL"))
        #expect(text.contains("channels[hook].secret_env: required"))
        #expect(text.contains("channels[mail].smtp_url: must be an smtp:// (STARTTLS) or smtps:// (implicit TLS) URL"))
        #expect(text.contains("channels[mail].password: secrets are never written in the config"))
        #expect(text.contains("channels[mail].to: required"))
        #expect(text.contains("'nobody' is not an e-mail address"))
        #expect(!text.contains("hunter2"))
    }

    @Test func aSecretThatIsNotStandardWebhooksFormatIsRefusedWithoutShowingIt() {
        let text = problems("  - { name: hook, kind: webhook, url: \"https://x.example\", secret_env: S }\n",
                            environment: ["S": "plain-text-secret"])
        #expect(text.contains("must be whsec_"))
        #expect(!text.contains("plain-text-secret"))
    }

    /// A line break in an address would have added `RCPT TO:<evil@…>` and a `Bcc:` to the SMTP session.
    @Test(arguments: [("to", "finance@example.org\\r\\nRCPT TO:<evil@example.net>"), ("from", "tft@example.org\\nBcc: evil@example.net")])
    func aLineBreakInAnAddressIsRefused(field: String, address: String) {
        let to = field == "to" ? "\"\(address)\"" : "finance@example.org"
        let from = field == "from" ? "\"\(address)\"" : "tft@example.org"
        let text = problems("  - { name: mail, kind: email, smtp_url: \"smtp://127.0.0.1:2525\", starttls: off, from: \(from), to: [\(to)] }\n")
        #expect(text.contains("channels[mail].\(field): "), "\(text)")
        #expect(text.contains("holds a control character"), "\(text)")
    }

    @Test func urlAndUrlEnvTogetherAreAmbiguous() {
        let text = problems("  - { name: s, kind: slack, url: \"https://a.example\", url_env: U }\n", environment: ["U": "https://b.example"])
        #expect(text.contains("give one of url, url_env, not several"))
    }

    @Test func theTokenOfAnInlineHookURLIsASecretToo() throws {
        let list = try channels("  - { name: s, kind: slack, url: \"https://hooks.slack.com/services/T0AB/B0CD/abcdefghijklmnopqrstuvwx\" }\n")
        let secrets = try #require(list.first?.secrets)
        #expect(secrets.contains("abcdefghijklmnopqrstuvwx"))
        #expect(!secrets.contains("T0AB"))
    }
}
