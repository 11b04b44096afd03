import Foundation
import Testing
import TestSupport
@testable import Config

/// A mutated plan.yml ends in a plan or in problems that name the file and a line it has, never a crash, and
/// a plan that loads still satisfies the rules a loaded plan promises (sums, order, ranges).
struct PlanFuzzTests {
    static let interesting = Array(":-{}[],#\"'\n 0123456789.%&*!|>".utf8) + [0x00, 0x09, 0xC3, 0xEC, 0xFF]

    static func mutate(_ seed: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = Int.random(in: 0..<max(1, bytes.count), using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[at] = interesting.randomElement(using: &rng)!
            case 1: bytes.insert(interesting.randomElement(using: &rng)!, at: min(at, bytes.count))
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...12, using: &rng)))
            case 3: bytes = Array(bytes[..<min(at, bytes.count)])
            case 4: // a line repeated (a duplicated key or sub-project)
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                if let line = lines.randomElement(using: &rng) { bytes.insert(contentsOf: line + [0x0A], at: min(at, bytes.count)) }
            default: // a digit changed: budgets that no longer add up, a milestone out of order
                if let i = bytes.indices.filter({ (0x30...0x39).contains(bytes[$0]) }).randomElement(using: &rng) {
                    bytes[i] = UInt8.random(in: 0x30...0x39, using: &rng)
                }
            }
        }
        return bytes
    }

    @Test func mutatedPlansLoadOrNameTheirLine() throws {
        let seed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.example + "/plan.yml")))
        let folder = try TemporaryDirectory("plan-fuzz")
        let path = folder.appendingPathComponent("plan.yml").path
        var rng = SplitMix64(seed: 2009)
        var loaded = 0, refused = 0
        for _ in 0..<300 {
            let bytes = Self.mutate(seed, &rng)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            do {
                let plan = try PlanLoader.load(path: path)
                loaded += 1
                for program in plan.programs {
                    #expect(program.projects.reduce(0) { $0 + $1.budget } == program.budget, "a loaded plan's budgets add up")
                    #expect(!program.projects.isEmpty)
                }
                let ids = plan.programs.flatMap { [$0.id] + $0.projects.map(\.id) }
                #expect(Set(ids).count == ids.count, "ids are unique")
            } catch let ConfigError.problems(problems) {
                refused += 1
                #expect(!problems.isEmpty)
                for problem in problems {
                    #expect(problem.file == path && !problem.message.isEmpty, "\(problem)")
                    if let line = problem.line { #expect((1...lines).contains(line), "line \(line) of \(lines): \(problem)") }
                }
            } catch let ConfigError.unreadable(file, reason) {
                // A broken UTF-8 sequence: the file is named, and what is wrong with it.
                refused += 1
                #expect(file == path && reason.contains("UTF-8"))
            } catch {
                Issue.record("not a ConfigError: \(error)")
            }
        }
        #expect(loaded > 0 && refused > 0, "the mutations reach both outcomes (loaded \(loaded), refused \(refused))")
    }
}
