import Foundation

/// A private copy of the Daejeon 2009 demo, so a test's ledger and reports never touch the tree. The
/// folder is removed when the last copy of this value goes: keep it in a `let` while the test reads it.
public struct DemoCopy {
    public let folder: URL
    private let owner: TemporaryDirectory

    public init() throws {
        owner = try TemporaryDirectory("demo")
        folder = owner.url
        for file in ["plan.yml", "figures.csv", "spendwatch.yml"] {
            try FileManager.default.copyItem(atPath: Paths.example + "/" + file, toPath: folder.appendingPathComponent(file).path)
        }
    }

    public var config: String { folder.appendingPathComponent("spendwatch.yml").path }

    public func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    /// Replaces `old` with `new` in one of the copied files.
    public func edit(_ file: String, replacing old: String, with new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }
}
