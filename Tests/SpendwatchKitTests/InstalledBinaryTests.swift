import Foundation
import Testing
import TestSupport

/// `deploy/install.sh --prefix P --binary B --no-units` as an operator runs it (no root, no units), then
/// `spendwatch` called by name from `PATH`, as cron and systemd call it, from a working directory that has
/// no `Templates` folder anywhere above it: it finds its templates in `P/share/spendwatch/Templates`.
@Suite(.timeLimit(.minutes(3)))
struct InstalledBinaryTests {
    /// A folder under `/tmp` itself, removed with everything in it when the value goes. Not `TMPDIR`: the
    /// tests' TMPDIR is inside the repository (`.build/test-tmp`), whose `Templates/` a binary that
    /// searched above itself or its working directory would find, and so hide a broken install.
    final class OutsideTheTree {
        let url: URL

        init() throws {
            url = URL(fileURLWithPath: "/tmp/spendwatch-installed-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        }

        func folder(_ name: String) throws -> URL {
            let folder = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// The marker put at the end of the installed report template: a report that carries it was rendered
    /// from the installed copy, not from the repository's `Templates/`.
    static let marker = "<!-- rendered from the installed templates -->"

    @Test func anInstalledBinaryCalledByNameFromAnyFolderValidatesAndRunsTheDemo() throws {
        let place = try OutsideTheTree()
        let prefix = try place.folder("prefix")
        let work = try place.folder("work")      // empty: no config, no Templates, nothing above it but /tmp
        let demo = try place.folder("demo")
        for file in ["plan.yml", "figures.csv", "spendwatch.yml"] {
            try FileManager.default.copyItem(atPath: Paths.example + "/" + file, toPath: demo.appendingPathComponent(file).path)
        }

        let install = try runProgram("/bin/bash", [Paths.root.appendingPathComponent("deploy/install.sh").path,
                                                   "--prefix", prefix.path, "--binary", Paths.spendwatchBinary, "--no-units"])
        #expect(install.status == 0, "install.sh: \(install.stderr)")
        let installed = prefix.appendingPathComponent("bin/spendwatch").path
        #expect(FileManager.default.isExecutableFile(atPath: installed))
        let templates = prefix.appendingPathComponent("share/spendwatch/Templates/report.md.mustache")
        let template = try String(contentsOf: templates, encoding: .utf8)
        try Data((template + "\n" + Self.marker + "\n").utf8).write(to: templates)

        // What cron gives a job: a short PATH, no SPENDWATCH_* variables, and a working directory of its own.
        var environment = ["PATH": "\(prefix.path)/bin:/usr/bin:/bin", "HOME": work.path, "LANG": "C.UTF-8"]
        environment["TMPDIR"] = ProcessInfo.processInfo.environment["TMPDIR"]
        let config = demo.appendingPathComponent("spendwatch.yml").path
        let which = try runProgram("/bin/sh", ["-c", "command -v spendwatch"], environment: environment, currentDirectory: work.path)
        #expect(which.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == installed, "spendwatch on PATH is \(which.stdout)")

        let validate = try runProgram("/usr/bin/env", ["spendwatch", "validate", "--config", config],
                                      environment: environment, currentDirectory: work.path)
        #expect(validate.status == 0, "spendwatch validate: \(validate.stdout)\(validate.stderr)")

        let run = try runProgram("/usr/bin/env", ["spendwatch", "run", "--week", "2009-W26", "--config", config],
                                 environment: environment, currentDirectory: work.path)
        #expect(run.status == 0, "spendwatch run: \(run.stderr)")
        let week = demo.appendingPathComponent("out/2009-W26")
        let markdown = try String(contentsOf: week.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("2009-W26"))
        #expect(markdown.contains(Self.marker), "report.md was not rendered from \(prefix.path)/share/spendwatch/Templates")
        let html = try String(contentsOf: week.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("2009-W26"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty, "the run wrote into its working directory")
    }

    @Test func installShRefusesAnUnknownOptionAndAMissingBinary() throws {
        let place = try OutsideTheTree()
        let script = Paths.root.appendingPathComponent("deploy/install.sh").path
        let unknown = try runProgram("/bin/bash", [script, "--prefix", place.url.path, "--bogus"])
        #expect(unknown.status == 64, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("--binary PATH"))
        let missing = try runProgram("/bin/bash", [script, "--prefix", place.url.path, "--binary", place.url.path + "/nothing", "--no-units"])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.url.path).isEmpty, "a refused install wrote files")
    }
}
