import Foundation

/// An `http_sink.py` on 127.0.0.1 for one test: it records every request and answers as scripted.
public struct HTTPSink {
    public let server: FixtureServer
    public let record: String
    /// Holds the record's folder, removed when the last copy of this sink goes.
    private let folder: TemporaryDirectory

    public init(script: String = "[]") throws {
        folder = try TemporaryDirectory("sink")
        record = folder.appendingPathComponent("requests.jsonl").path
        server = try FixtureServer("http_sink.py", arguments: [record, script])
    }

    public var requests: [SinkRecord] { SinkRecord.read(record) }

    public func url(_ path: String = "/hook") -> String { server.baseURL + path }
}

/// One request an `http_sink.py` recorded.
public struct SinkRecord: Decodable {
    public let method: String?
    public let path: String
    public let headers: [String: String]
    public let body: String

    public static func read(_ path: String) -> [SinkRecord] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(SinkRecord.self, from: Data($0.utf8)) }
    }
}
