import Foundation

/// Finds the templates that ship with spendwatch.
enum BuiltInTemplates {
    /// `SPENDWATCH_TEMPLATES_DIR`, else `share/spendwatch/Templates` beside the installed binary,
    /// else a `Templates` folder above the binary (a build inside the source tree).
    static func directory(environment: [String: String]) -> String {
        if let dir = environment["SPENDWATCH_TEMPLATES_DIR"], !dir.isEmpty { return dir }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/spendwatch/Templates")
        if FileManager.default.fileExists(atPath: installed.appendingPathComponent("report.md.mustache").path) { return installed.path }
        for candidate in [folder, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            folder = candidate
            for _ in 0..<8 {
                let templates = folder.appendingPathComponent("Templates")
                if FileManager.default.fileExists(atPath: templates.appendingPathComponent("report.md.mustache").path) { return templates.path }
                folder = folder.deletingLastPathComponent()
            }
        }
        return installed.path
    }
}
