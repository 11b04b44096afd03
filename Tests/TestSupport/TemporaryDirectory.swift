import Foundation

/// A new empty folder under the system's temporary directory (`TMPDIR`), removed with everything in it
/// when the last reference to it goes: keep it in a `let` for as long as the test needs the folder
/// (`try TemporaryDirectory("x").path` is a path to a folder already gone). The same holds for the
/// values that own one: `DemoCopy`, `HistoryWorkspace`, `RunDeliveryTests.Setup`, `HTTPSink`.
///
/// `path` and `appendingPathComponent(_:)` read as a `URL`'s, so `let folder = try TemporaryDirectory("x")`
/// stands where a folder URL stood. `withTemporaryDirectory(_:_:)` is the same with an explicit scope.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "spendwatch") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func appendingPathComponent(_ component: String) -> URL { url.appendingPathComponent(component) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a new empty folder that is removed, with everything in it, when `body` returns or throws.
public func withTemporaryDirectory<Result>(_ label: String = "spendwatch", _ body: (URL) throws -> Result) throws -> Result {
    let folder = try TemporaryDirectory(label)
    return try withExtendedLifetime(folder) { try body(folder.url) }
}
