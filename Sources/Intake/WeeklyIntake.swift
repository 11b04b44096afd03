import Budget
import Crypto
import Foundation
import Transport

/// The intake stage: a week's figures from the source, and whether the source has anything new.
///
/// Staleness compares the week with the week before only: no row for the week, or — for a source
/// addressed per week (`{week}` in its location) — a body with the previous week's SHA-256, or a 304
/// answer to a conditional GET with the previous week's strong ETag. A source that is one file for
/// every week is the same body week after week by design, so only the row rule applies there.
public struct WeeklyIntake: Sendable {
    /// What the source gave for the week.
    public struct Result: Sendable {
        public let figures: [Figure]
        /// Why the source has nothing new for the week, when it has not.
        public let stale: HistoryFinding.StaleReason?
        /// The file name or redacted URL, for findings and logs.
        public let sourceName: String
        /// This version of the source, for the ledger: next week's run compares with it.
        public let identity: SourceIdentity
        /// The source's own 소계/합계 rows that disagree with its figures (XLSX).
        public var subtotalMismatches: [SubtotalMismatch] = []
    }

    public let source: SourceConfig
    public let client: HTTPClient
    public let fiscalYear: Int
    /// Told what the payments reader leaves out (payments dated outside the fiscal year…).
    public let notice: @Sendable (String) -> Void

    public init(source: SourceConfig, client: HTTPClient, fiscalYear: Int, notice: @escaping @Sendable (String) -> Void) {
        self.source = source
        self.client = client
        self.fiscalYear = fiscalYear
        self.notice = notice
    }

    /// Whether last week's identity matters to this week's read (`{week}` in the location).
    public var comparesWeeks: Bool { source.location.isAddressedPerWeek }

    /// Reads `week`'s figures; `previous` is what the ledger stored of last week's source, when it compares weeks.
    public func read(week: ISOWeek, previous: SourceIdentity?) throws(IntakeError) -> Result {
        let location = source.location(for: week)
        let previousWeek = week.adding(weeks: -1)
        var figures: [Figure]
        let identity: SourceIdentity
        let name: String
        var mismatches: [SubtotalMismatch] = []
        switch (source.kind, location) {
        case let (.cumulative, .file(path)) where source.format == .xlsx:
            // A workbook streams from disk: its digest is hashed in chunks, its sheet parsed as it is decompressed.
            name = URL(fileURLWithPath: path).lastPathComponent
            guard let digest = try Self.sha256(path: path) else { throw .missing(source: path) }
            identity = SourceIdentity(url: path, digest: digest)
            let reading = try figuresReader(week: week).readXLSX(path: path, name: name)
            figures = reading.figures
            mismatches = reading.subtotalMismatches
        case let (.transactions, .file(path)):
            // Payments stream from disk and are never held whole, so the body has no digest here.
            figures = TransactionsReader.everyWeek(try transactionsReader().read(path: path), through: week)
            identity = SourceIdentity(url: path, digest: nil)
            name = URL(fileURLWithPath: path).lastPathComponent
        default:
            let http = if case .http = location { true } else { false }
            // Last week's validators go to this week's URL, another resource: only a strong ETag, which names
            // the bytes, can say "same content" there. A Last-Modified date (or a weak ETag) says nothing about
            // another file, and a 304 for it would drop the week's real figures.
            let strongETag = previous?.etag.flatMap { $0.hasPrefix("W/") ? nil : $0 }
            let document = try SourceFetcher(client: client).fetch(location, headers: source.headers,
                                                                   ifNoneMatch: http ? strongETag : nil, ifModifiedSince: nil)
            name = http ? document.name : URL(fileURLWithPath: document.name).lastPathComponent
            if document.notModified {
                return Result(figures: [], stale: .notModified(previousWeek: previousWeek, validator: "ETag \(strongETag ?? "-")"),
                              sourceName: name,
                              identity: SourceIdentity(url: document.name, digest: previous?.digest, etag: document.etag,
                                                       lastModified: document.lastModified, notModified: true))
            }
            identity = SourceIdentity(url: document.name, digest: Self.sha256(document.data), etag: document.etag,
                                      lastModified: document.lastModified)
            if source.kind == .transactions {
                figures = TransactionsReader.everyWeek(try transactionsReader().read(document), through: week)
            } else {
                let reading = try figuresReader(week: week).readChecked(document)
                figures = reading.figures
                mismatches = reading.subtotalMismatches
            }
        }
        let stale: HistoryFinding.StaleReason? =
            if comparesWeeks, let previous, let digest = identity.digest, previous.digest == digest {
                .sameDigest(previousWeek: previousWeek, digest: digest)
            } else if !figures.contains(where: { $0.week == week }) { .noRows }
            else { nil }
        return Result(figures: figures, stale: stale, sourceName: name, identity: identity, subtotalMismatches: mismatches)
    }

    func figuresReader(week: ISOWeek) -> FiguresReader {
        FiguresReader(columns: source.columns, kpiColumns: source.kpiColumns, format: source.format, encoding: source.encoding,
                      knownAsOf: week, sheet: source.sheet, unit: source.unit, preset: source.preset)
    }

    /// Lower-case hex SHA-256 of a file, read in chunks; nil when the file does not exist.
    static func sha256(path: String) throws(IntakeError) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .badData(source: path, line: 1, column: nil, message: "cannot be read (permissions?)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw .badData(source: path, line: 1, column: nil, message: "read failed: \(error)")
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    func transactionsReader() -> TransactionsReader {
        TransactionsReader(columns: source.columns, encoding: source.encoding, fiscalYear: fiscalYear, notice: notice)
    }

    /// Lower-case hex SHA-256.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
