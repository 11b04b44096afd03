import Foundation
import Testing
import TestSupport
@testable import Intake
@testable import Transport

/// The figures source by URL, fetched through libcurl from a real HTTP server on 127.0.0.1.
@Suite(.timeLimit(.minutes(3)))
final class HTTPSourceTests {
    let folder: TemporaryDirectory
    let server: FixtureServer

    init() throws {
        folder = try TemporaryDirectory("http-source")
        let csv = "week,program,project,executed\n2009-W12,RSI2,RSI2-01,\"1,234,000\"\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("exec.csv"))
        server = try FixtureServer("static_http.py", arguments: [folder.path])
    }

    deinit { server.stop() }

    func fetcher(totalSeconds: Int = 10) -> SourceFetcher {
        SourceFetcher(client: HTTPClient(timeouts: Timeouts(connectSeconds: 2, totalSeconds: totalSeconds),
                                         redactor: Redactor(secrets: ["s3cr3t"])))
    }

    func requests() throws -> [[String: Any]] {
        let text = try String(contentsOf: folder.appendingPathComponent("requests.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func fetchesAndReadsWithTheConfiguredHeaders() throws {
        let document = try fetcher().fetch(url: "\(server.baseURL)/exec.csv?week=2009-W12",
                                           headers: [("Authorization", "Bearer s3cr3t")])
        let figures = try FiguresReader().read(document)
        #expect(figures.map(\.executed) == [1_234_000])
        let headers = try #require(try requests().last?["headers"] as? [String: String])
        #expect(headers["Authorization"] == "Bearer s3cr3t")
        #expect(headers["User-Agent"]?.hasPrefix("spendwatch/") == true)
    }

    @Test func aNon2xxAnswerNamesTheURLAndStatusWithoutSecrets() throws {
        let error = try #require(throws: IntakeError.self) {
            try fetcher().fetch(url: "\(server.baseURL)/status/503?token=s3cr3t&week=2009-W12", headers: [])
        }
        let text = error.description
        #expect(text.contains("127.0.0.1:\(server.port)/status/503"))
        #expect(text.contains("HTTP 503"))
        #expect(!text.contains("s3cr3t"))
        guard case .unreachable = error else { Issue.record("expected unreachable, got \(error)"); return }
    }

    @Test func aMissingExportIsA404() throws {
        let error = try #require(throws: IntakeError.self) { try fetcher().fetch(url: "\(server.baseURL)/nope.csv", headers: []) }
        #expect(error.description.contains("HTTP 404"))
    }

    @Test func aRefusedConnectionIsUnreachable() throws {
        let closed = try FixtureServer("static_http.py", arguments: [folder.path])
        let url = "http://user:pa55word@127.0.0.1:\(closed.port)/exec.csv"
        closed.stop()
        let error = try #require(throws: IntakeError.self) { try fetcher().fetch(url: url, headers: []) }
        #expect(error.description.contains("connection refused"))
        #expect(error.description.contains("127.0.0.1:\(closed.port)/exec.csv"))
        #expect(!error.description.contains("pa55word"))
    }

    @Test func aSlowServerTimesOut() throws {
        // The server answers after 60 s; a "timed out" error is the 1-s limit at work. The bound only
        // proves the client did not sit out the server's delay: 20× the expected second, a third of 60 s.
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: IntakeError.self) { try fetcher(totalSeconds: 1).fetch(url: "\(server.baseURL)/slow/60", headers: []) }
        #expect(error.description.contains("timed out"))
        #expect(clock.now - start < .seconds(20))
    }
}
