import Foundation
import Ledger
import Logging
import Reporting

/// The outbox: every delivery is stored in the ledger, with its idempotency key, before anything is sent.
public struct Outbox: Sendable {
    public let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    /// One channel's share of a week, as `enqueue` left it.
    public struct Entry: Sendable {
        public let channel: String
        public let record: DeliveryRecord
        public let disposition: EnqueueDisposition
    }

    /// The key of a week's content for a channel: the same week, channel and content always give the same key,
    /// even with a fresh ledger, so a receiver can recognise a repeat.
    public static func key(week: String, channel: String, digest: String) -> String {
        let safe = String(channel.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
        // A name that had to be changed (`erp.hook`, a Korean name) gets a short hash of itself, so two
        // channels never share a key and a fresh ledger still gives the same one.
        let tag = safe == channel ? safe : safe + "-" + String(DeliveryPayload.digest(of: Data(channel.utf8), ignoring: []).prefix(6))
        return "msg_\(week)_\(tag)_\(digest.prefix(16))"
    }

    /// Stores the week's payload for every due channel (see `Ledger.enqueueDelivery` for the rules).
    /// A channel named in `ownerReports` (one with `owners:`) gets that report instead of `report`.
    public func enqueue(week: String, report fullReport: RenderedReport, channels: [Channel], force: Bool, now: String,
                        logger: Logger, ownerReports: [String: RenderedReport] = [:]) throws(LedgerError) -> [Entry] {
        var entries: [Entry] = []
        for channel in channels {
            let report = ownerReports[channel.name] ?? fullReport
            guard channel.isDue(report.document) else {
                logger.info("nothing for \(channel.name): no finding reaches \(channel.minSeverity?.rawValue ?? "") that is not acknowledged",
                            metadata: ["channel": "\(channel.name)", "week": "\(week)"])
                // An alert still unsent from an earlier run of the week is about figures since corrected.
                let withdrawn = try ledger.supersedePending(week: week, channel: channel.name,
                                                            reason: "the week no longer has a finding for this channel", now: now)
                if withdrawn > 0 {
                    logger.info("\(channel.name): withdrew \(withdrawn) unsent alert(s) of \(week): its corrected figures no longer call for one",
                                metadata: ["channel": "\(channel.name)", "week": "\(week)"])
                }
                continue
            }
            let payload = channel.payload(for: report)
            let (record, disposition) = try ledger.enqueueDelivery(
                baseKey: Self.key(week: week, channel: channel.name, digest: payload.digest), week: week, channel: channel.name,
                digest: payload.digest, payload: payload.body, contentType: payload.contentType, force: force, now: now)
            let note = switch disposition {
            case .created: "queued"
            case .reused: "already queued with the same content; keeping its key"
            case .alreadySent: "already delivered with the same content; not sending again (use --force to resend)"
            }
            logger.info("\(channel.name): \(note)", metadata: ["channel": "\(channel.name)", "week": "\(week)", "key": "\(record.id)"])
            entries.append(Entry(channel: channel.name, record: record, disposition: disposition))
        }
        return entries
    }
}
