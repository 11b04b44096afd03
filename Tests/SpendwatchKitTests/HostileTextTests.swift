import Foundation
import TestSupport
import Testing

/// A name in the plan may hold Markdown, HTML, a line break or bidirectional controls; every output shows it
/// as text, on one line, and none of it becomes a link, an image, a heading or a line of figures.
@Suite struct HostileTextTests {
    static let name = #"**굵게** [여기를 클릭](https://evil.example/x) ![i](https://evil.example/i.png) <img src=x onerror=alert(1)>\n## 위조된 제목\n- 전체 집행률 100%"#
    static let owner = #"로봇센터\u202E역순\u2066"#

    @Test func everyOutputShowsAHostileNameAsText() throws {
        let slack = try HTTPSink(), teams = try HTTPSink()
        let demo = try DemoCopy()
        try demo.edit("plan.yml", replacing: #"name: "지능형로봇 핵심기술개발 지원", budget: 4200000000, owner: "로봇센터""#,
                      with: "name: \"\(Self.name)\", budget: 4200000000, owner: \"\(Self.owner)\"")
        try demo.edit("spendwatch.yml", replacing: "  - { name: tft-folder, kind: file, path: out/outbox, min_severity: info }", with: """
              - { name: tft-folder, kind: file, path: out/outbox, min_severity: info }
              - { name: tft-slack, kind: slack, url: "\(slack.url("/slack"))" }
              - { name: tft-teams, kind: teams, url: "\(teams.url("/teams"))" }
            """)
        let run = try SpendwatchProcess.run(["run", "--config", demo.config, "--week", "2009-W26"], in: demo.folder, name: "run")
        #expect(run.status == 0, "\(run.stderr)")
        let out = demo.folder.appendingPathComponent("out/2009-W26")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let email = try String(contentsOf: out.appendingPathComponent("email.html"), encoding: .utf8)
        let slackBody = try #require(slack.requests.first?.body)
        let teamsBody = try #require(teams.requests.first?.body)

        #expect(markdown.contains("RSI2-09"), "the sub-project is in the report")
        let lines = markdown.components(separatedBy: "\n")
        #expect(!lines.contains { $0.hasPrefix("## 위조된 제목") }, "a line break in a name forged a heading")
        #expect(!lines.contains { $0.hasPrefix("- 전체 집행률 100%") }, "a line break in a name forged a line of figures")
        // `\](` is an escaped bracket, inert; a bare `](` would make a link.
        #expect(!markdown.replacingOccurrences(of: #"\]"#, with: "").contains("](https://evil"), "a link or image survived in report.md")
        #expect(!markdown.replacingOccurrences(of: #"\<"#, with: "").contains("<img"), "raw HTML survived in report.md")
        #expect(markdown.contains(#"\[여기를 클릭\]"#))
        for (output, text) in [("report.html", html), ("email.html", email)] {
            #expect(!text.contains("<img src=x"), "\(output) holds the name's HTML")
            #expect(text.contains("&lt;img src=x"), "\(output) shows the name as text")
        }
        for (output, text) in [("report.md", markdown), ("report.html", html), ("email.html", email), ("Slack", slackBody), ("Teams", teamsBody)] {
            #expect(!text.contains("\u{202E}") && !text.contains("\u{2066}"), "\(output) carries bidirectional controls")
            #expect(!text.contains("\\u202e") && !text.contains("\\u2066"), "\(output) carries them JSON-escaped")
        }
        #expect(!slackBody.contains("<https://evil.example"), "Slack would make a link")
        #expect(!slackBody.contains("\\n## 위조된 제목"), "a line break in Slack's text")
        // JSON doubles the backslash that makes the bracket inert.
        #expect(!teamsBody.replacingOccurrences(of: #"\\]"#, with: "").contains("](https://evil"), "a Markdown link in the Teams card")
    }
}
