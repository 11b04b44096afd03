import Foundation

extension Paths {
    /// The `spendwatch` executable that process tests run: `$SPENDWATCH_BINARY` when set, else the one
    /// built beside this test bundle, wherever the build put it (`swift build --scratch-path`, release…).
    public static var spendwatchBinary: String {
        if let binary = ProcessInfo.processInfo.environment["SPENDWATCH_BINARY"], !binary.isEmpty { return binary }
        return buildProducts.appendingPathComponent("spendwatch").path
    }

    /// The build products folder this test process runs from (`.build/<triple>/debug/` by default): on
    /// Linux it holds the `…PackageTests.xctest` executable itself, on macOS the `.xctest` bundle.
    public static let buildProducts: URL = {
        let arguments0 = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        let candidates = [Bundle.main.executableURL] + Bundle.allBundles.map(\.bundleURL) + [arguments0]
        let testBundle = candidates.compactMap { $0?.resolvingSymlinksInPath() }.first { $0.pathExtension == "xctest" }
        return (testBundle ?? arguments0).deletingLastPathComponent()
    }()
}
