import Foundation

/// Locations in the source tree, for tests.
public enum Paths {
    /// The package root (the folder with Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static func fixture(_ relative: String) -> String {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    public static var example: String { root.appendingPathComponent("examples/daejeon-2009").path }

    /// A new empty folder that lives until the test process ends (in `TestProcessFolder`), for what a
    /// test hands on by path with no owner to hold it. A test that can hold one uses `TemporaryDirectory`
    /// or `withTemporaryDirectory(_:_:)` instead, which remove the folder as soon as it is done with it.
    public static func temporaryDirectory(_ label: String = "spendwatch") -> URL {
        TestProcessFolder.shared.subfolder(label)
    }
}
