import Budget
import Foundation
@testable import Intake
import TestSupport
import Testing

/// Mutated and garbage input must end in figures or an `IntakeError`, never a crash, and every
/// `badData` must point at a line that exists.
struct IntakeFuzzTests {
    /// Bytes that matter to the grammars: delimiters, quotes, line ends, digits, signs, invalid UTF-8 and CP949 lead bytes.
    static let interesting: [UInt8] = Array(",\"\r\n0123456789-W:[]{} ".utf8) + [0x00, 0x80, 0xB0, 0xC1, 0xC3, 0xE0, 0xED, 0xEF, 0xBB, 0xBF, 0xF4, 0xFE, 0xFF]

    static func mutate(_ seed: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[at] = interesting.randomElement(using: &rng)!
            case 1: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &rng)))
            case 3: bytes = Array(bytes[..<at]) // truncated export
            case 4 where !bytes.isEmpty: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 5: // a duplicated line
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                if let line = lines.randomElement(using: &rng) { bytes += [0x0A] + line }
            default: bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in interesting.randomElement(using: &rng)! }
            }
        }
        return bytes
    }

    static func check(_ bytes: [UInt8], _ read: (SourceDocument) throws(IntakeError) -> [Figure]) {
        do throws(IntakeError) {
            _ = try read(SourceDocument(name: "fuzz.csv", data: Data(bytes)))
        } catch {
            switch error {
            case let .badData(source, line, _, message):
                let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                #expect(source == "fuzz.csv" && line >= 1 && line <= lines && !message.isEmpty, "\(error) for \(bytes)")
            case .empty: break
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("mutated cumulative exports never crash the reader", arguments: ["utf8.csv", "cp949.csv", "crlf.csv", "figures.json"])
    func cumulative(fixture: String) throws {
        let seed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.fixture("intake/\(fixture)"))))
        let reader = FiguresReader(columns: FiguresReaderTests.koreanColumns, format: fixture.hasSuffix(".json") ? .json : .csv)
        var rng = SplitMix64(seed: UInt64(fixture.utf8.count))
        for _ in 0..<600 {
            Self.check(Self.mutate(seed, &rng)) { document throws(IntakeError) in try reader.read(document) }
        }
    }

    @Test("mutated transaction files never crash the streaming reader", arguments: ["transactions.csv", "transactions-cp949.csv"])
    func transactions(fixture: String) throws {
        let seed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.fixture("intake/\(fixture)"))))
        var rng = SplitMix64(seed: 7)
        for i in 0..<500 {
            let reader = TransactionsReader(columns: TransactionsReaderTests.columns, chunkSize: 1 + i % 9, showsProgress: false)
            Self.check(Self.mutate(seed, &rng)) { document throws(IntakeError) in try reader.read(document) }
        }
    }
}
