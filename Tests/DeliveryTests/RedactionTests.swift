import Foundation
import Ledger
import TestSupport
import Testing
import Transport

/// A secret echoed back in any encoding a server may use is still a secret, also when a body is cut.
struct RedactionTests {
    static let token = "erp/Tok+en\"9f3Q7xLm2P"

    static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "/", with: "\\/")
    }

    @Test(arguments: [
        ("raw", "token \(token) refused"),
        ("JSON with \\/", "{\"error\":\"bad token \(jsonEscaped(token))\"}"),
        ("JSON without \\/", "{\"error\":\"bad token \(jsonEscaped(token).replacingOccurrences(of: "\\/", with: "/"))\"}"),
        ("percent-encoded", "GET /?t=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"),
        ("percent, lower-case hex", "GET /?t=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!.replacing(#/%[0-9A-F]{2}/#) { $0.output.lowercased() })"),
        ("base64 of Basic user:token", "Authorization: Basic \(Data("spendwatch:\(token)".utf8).base64EncodedString())"),
        ("base64 of the token", "echo \(Data(token.utf8).base64EncodedString())"),
        ("base64 with one byte before", "echo \(Data("x\(token)".utf8).base64EncodedString())"),
        ("base64url", "jwt \(Data("ab\(token)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))"),
    ])
    func everyEncodingIsRedacted(_ name: String, _ text: String) {
        let redacted = Redactor(secrets: [Self.token]).redact(text)
        #expect(redacted.contains("***"), "\(name): \(redacted)")
        #expect(!redacted.contains("9f3Q7xLm2P"), "\(name): \(redacted)")
        let base64 = Data("spendwatch:\(Self.token)".utf8).base64EncodedString()
        #expect(!redacted.contains(base64.dropFirst(8).prefix(12)), "\(name): \(redacted)")
    }

    /// Cut at 2,000 bytes first, a token across the cut left its first characters in the log.
    @Test func aBodyIsRedactedBeforeItIsCut() {
        let body = String(repeating: "x", count: 1_990) + Self.token + " trailing"
        let excerpt = Redactor(secrets: [Self.token]).excerpt(Data(body.utf8))
        #expect(!excerpt.contains("erp/Tok"), "the token's start survived the cut")
        #expect(excerpt.count <= 2_001)
    }

    /// Through the real binary: a source that answers 401 with the bearer token JSON-escaped in its body.
    @Test func aSourceEchoingTheTokenJSONEscapedLeaksItNowhere() throws {
        let token = "erp/Tok9f3Q7xLm2PwZ"
        let body = "{\"error\":\"invalid token\",\"token\":\"\(Self.jsonEscaped(token))\"}"
        let script = try String(decoding: JSONSerialization.data(withJSONObject: [["status": 401, "body": body]]), as: UTF8.self)
        let sink = try HTTPSink(script: script)
        let demo = try DemoCopy()
        try demo.edit("spendwatch.yml", replacing: "url: file:figures.csv", with: "url: \(sink.url("/exec.csv"))\n  headers: { Authorization: \"Bearer ${ERP_TOKEN}\" }")
        var environment = ProcessInfo.processInfo.environment
        environment["ERP_TOKEN"] = token
        environment["SPENDWATCH_CONFIG"] = nil
        let run = try runProgram(Paths.spendwatchBinary, ["run", "--config", demo.config, "--week", "2009-W26"], environment: environment)
        #expect(run.status == 69 || run.status == 65 || run.status == 66, "\(run.stderr)")
        #expect(run.stderr.contains("401"), "\(run.stderr)")
        let history = try runProgram(Paths.spendwatchBinary, ["history", "--config", demo.config], environment: environment)
        let validate = try runProgram(Paths.spendwatchBinary, ["validate", "--config", demo.config], environment: environment)
        let ledger = try Ledger(path: demo.path("var/spendwatch.sqlite")).runs().compactMap(\.message).joined(separator: "\n")
        for (place, text) in [("stderr", run.stderr), ("history", history.stdout + history.stderr),
                              ("validate", validate.stdout + validate.stderr), ("ledger", ledger)] {
            #expect(!text.contains("9f3Q7xLm2PwZ"), "the token leaked into \(place): \(text)")
        }
        #expect(sink.requests.first?.headers["authorization"] == "Bearer \(token)", "the real token was sent")
    }
}
