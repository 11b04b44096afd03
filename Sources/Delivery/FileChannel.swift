import Foundation
import Ledger
import Reporting

/// Writes each delivery's payload into a folder as `<key>.json`: the demo's channel, and a drop box for other tools.
public struct FileChannel: ChannelKind {
    public static let kind = "file"
    public static let fields = ["path"]

    public let directory: String

    public init(directory: String) { self.directory = directory }

    public static func make(_ config: inout ChannelFieldReader) -> FileChannel? {
        config.folder("path").map { FileChannel(directory: $0) }
    }

    public func payload(for report: RenderedReport) -> DeliveryPayload {
        DeliveryPayload(body: DeliveryPayload.reportJSON(report), contentType: "application/json",
                        volatile: [report.document.generatedAt])
    }

    /// Writing the same key twice replaces the file: a resend after a crash leaves one file, not two.
    public func send(_ record: DeliveryRecord, via transport: DeliveryTransport, now: Date) -> AttemptOutcome {
        let folder = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try record.payload.write(to: folder.appendingPathComponent("\(record.id).json"), options: .atomic)
            return .delivered(status: nil)
        } catch {
            return .retry(reason: "cannot write \(directory): \((error as NSError).localizedDescription)", status: nil, retryAfter: nil)
        }
    }
}
