import Foundation

/// Finds the templates that ship with spendwatch, from any working directory.
enum BuiltInTemplates {
    /// `SPENDWATCH_TEMPLATES_DIR`, else `share/spendwatch/Templates` beside the installed binary (`bin/../share`),
    /// else a `Templates` folder above the binary (a build inside the source tree), else above the working directory.
    static func directory(environment: [String: String]) -> String {
        if let dir = environment["SPENDWATCH_TEMPLATES_DIR"], !dir.isEmpty { return dir }
        let binary = executable()
        let installed = binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/spendwatch/Templates")
        if hasTemplates(installed) { return installed.path }
        for start in [binary.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var folder = start
            for _ in 0..<8 {
                let templates = folder.appendingPathComponent("Templates")
                if hasTemplates(templates) { return templates.path }
                folder = folder.deletingLastPathComponent()
            }
        }
        return installed.path
    }

    /// The running binary itself. Called by name from `PATH` (cron, `sudo -u spendwatch spendwatch`), argv[0]
    /// is a bare name that says nothing of where the binary is; the kernel's `/proc/self/exe` does.
    static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    }

    private static func hasTemplates(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md.mustache").path)
    }
}
