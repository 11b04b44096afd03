import Foundation
import GRDB

/// Where a delivery stands in the outbox.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    /// Stored and due: sent by this run, the next run or `deliver --pending`.
    case pending
    /// The channel accepted it.
    case sent
    /// The channel refused it for good (a 4xx other than 408/429, an SMTP 5xx).
    case failed
    /// Replaced before it was sent, by newer content or `--force` for the same week and channel.
    case superseded
}

/// One row of the outbox: a payload for one channel and week, with its idempotency key.
public struct DeliveryRecord: Sendable, Equatable {
    /// The idempotency key, sent as `webhook-id` (and in an e-mail's Message-ID).
    public let id: String
    public let week: String
    public let channel: String
    public let contentDigest: String
    public let payload: Data
    public let contentType: String
    public var status: DeliveryStatus
    public var attempts: Int
    public var lastError: String?
    public let createdAt: String
    public var sentAt: String?
    public var nextAttemptAt: String?
    public var updatedAt: String?
    /// The last HTTP status or SMTP reply code the channel answered with.
    public var responseStatus: Int?

    /// A delivery not (yet) in the outbox: a failure notice sent directly when the ledger cannot hold it.
    public static func unstored(id: String, week: String, channel: String, payload: Data, contentType: String,
                                digest: String, now: String) -> DeliveryRecord {
        DeliveryRecord(id: id, week: week, channel: channel, contentDigest: digest, payload: payload, contentType: contentType,
                       status: .pending, attempts: 0, lastError: nil, createdAt: now, sentAt: nil, nextAttemptAt: nil,
                       updatedAt: now, responseStatus: nil)
    }
}

/// What `enqueueDelivery` did with a candidate.
public enum EnqueueDisposition: String, Sendable {
    /// A new delivery with a new key.
    case created
    /// The same content for the same week and channel was already queued: its delivery and key are kept.
    case reused
    /// The same content was already delivered to the channel; nothing to send.
    case alreadySent
}

extension Ledger {
    /// Stores a delivery before anything is sent, applying the outbox's idempotency rules in one transaction.
    ///
    /// Same week, channel and content: the existing delivery and its key are reused (a refused one is queued
    /// again), or skipped when already sent — unless `force`. New content or `force`: a new delivery whose key
    /// is `baseKey` (or `baseKey_rN` when that key is taken), and any unsent older one is superseded.
    public func enqueueDelivery(baseKey: String, week: String, channel: String, digest: String, payload: Data,
                                contentType: String, force: Bool, now: String) throws(LedgerError)
    -> (record: DeliveryRecord, disposition: EnqueueDisposition) {
        let order = store.dialect.insertionOrder
        return try store.write { db in
            let rows = try Self.fetchDeliveries(db, sql: "WHERE week = ? AND channel = ? ORDER BY created_at, \(order)",
                                                arguments: [week, channel])
            // Only the newest live delivery counts: content that goes A → B → A is a change each time.
            if !force, let same = rows.last(where: { $0.status != .superseded }), same.contentDigest == digest {
                switch same.status {
                case .sent:
                    return (same, .alreadySent)
                case .pending:
                    return (same, .reused)
                case .failed, .superseded:
                    try db.execute("UPDATE delivery SET status = 'pending', next_attempt_at = NULL, updated_at = ? WHERE id = ?",
                                   [now, same.id])
                    var again = same
                    again.status = .pending
                    again.nextAttemptAt = nil
                    again.updatedAt = now
                    return (again, .reused)
                }
            }
            var key = baseKey
            var n = 0
            while try !db.rows("SELECT 1 AS taken FROM delivery WHERE id = ?", [key]).isEmpty {
                n += 1
                key = "\(baseKey)_r\(n)"
            }
            try Self.supersedePending(db, week: week, channel: channel, reason: "replaced by \(key)", now: now)
            let record = DeliveryRecord(id: key, week: week, channel: channel, contentDigest: digest, payload: payload,
                                        contentType: contentType, status: .pending, attempts: 0, lastError: nil,
                                        createdAt: now, sentAt: nil, nextAttemptAt: nil, updatedAt: now, responseStatus: nil)
            try db.execute("""
                INSERT INTO delivery (id, week, channel, content_digest, payload, content_type, status, attempts, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                """, [key, week, channel, digest, payload, contentType, now, now])
            return (record, .created)
        }
    }

    /// Marks the week's unsent deliveries to `channel` superseded: the week's content no longer calls for one
    /// (corrected figures made an alert week quiet). Returns how many were withdrawn.
    @discardableResult
    public func supersedePending(week: String, channel: String, reason: String, now: String) throws(LedgerError) -> Int {
        try store.write { db in
            let pending = try db.rows("SELECT id FROM delivery WHERE week = ? AND channel = ? AND status = 'pending'", [week, channel])
            if !pending.isEmpty { try Self.supersedePending(db, week: week, channel: channel, reason: reason, now: now) }
            return pending.count
        }
    }

    private static func supersedePending(_ db: any LedgerTransaction, week: String, channel: String, reason: String, now: String) throws {
        try db.execute("""
            UPDATE delivery SET status = 'superseded', last_error = ?, updated_at = ?
            WHERE week = ? AND channel = ? AND status = 'pending'
            """, [reason, now, week, channel])
    }

    /// Every delivery still due, oldest first.
    public func pendingDeliveries() throws(LedgerError) -> [DeliveryRecord] {
        let order = store.dialect.insertionOrder
        return try store.read { db in
            try Self.fetchDeliveries(db, sql: "WHERE status = 'pending' ORDER BY created_at, \(order)", arguments: [])
        }
    }

    /// The deliveries of `week` (all weeks when nil), oldest first.
    public func deliveries(week: String? = nil) throws(LedgerError) -> [DeliveryRecord] {
        let order = store.dialect.insertionOrder
        return try store.read { db in
            if let week {
                return try Self.fetchDeliveries(db, sql: "WHERE week = ? ORDER BY created_at, \(order)", arguments: [week])
            }
            return try Self.fetchDeliveries(db, sql: "ORDER BY created_at, \(order)", arguments: [])
        }
    }

    /// Counts an attempt before the transfer starts, so a crash mid-transfer still shows in `attempts`.
    public func recordDeliveryAttempt(id: String, now: String) throws(LedgerError) {
        try update("attempts = attempts + 1, updated_at = ?", [now], id: id)
    }

    public func markDeliverySent(id: String, responseStatus: Int?, now: String) throws(LedgerError) {
        try update("status = 'sent', sent_at = ?, updated_at = ?, response_status = ?, last_error = NULL, next_attempt_at = NULL",
                   [now, now, responseStatus], id: id)
    }

    public func markDeliveryFailed(id: String, error: String, responseStatus: Int?, now: String) throws(LedgerError) {
        try update("status = 'failed', last_error = ?, updated_at = ?, response_status = ?, next_attempt_at = NULL",
                   [error, now, responseStatus], id: id)
    }

    /// Leaves the delivery pending with the reason it did not go out and when it is worth trying again.
    public func markDeliveryPending(id: String, error: String, responseStatus: Int?, nextAttemptAt: String?, now: String) throws(LedgerError) {
        try update("status = 'pending', last_error = ?, updated_at = ?, response_status = ?, next_attempt_at = ?",
                   [error, now, responseStatus, nextAttemptAt], id: id)
    }

    private func update(_ assignments: String, _ values: [any LedgerArgument], id: String) throws(LedgerError) {
        try store.write { db in
            try db.execute("UPDATE delivery SET \(assignments) WHERE id = ?", values + [id])
        }
    }

    private static func fetchDeliveries(_ db: any LedgerTransaction, sql: String, arguments: [any LedgerArgument]) throws -> [DeliveryRecord] {
        try db.rows("SELECT * FROM delivery " + sql, arguments).map { row in
            let row = RowReader(row, table: "delivery")
            return DeliveryRecord(id: try row.value("id"), week: try row.value("week"), channel: try row.value("channel"),
                                  contentDigest: try row.value("content_digest"), payload: try row.value("payload"),
                                  contentType: try row.value("content_type"),
                                  status: try row.value("status", as: DeliveryStatus.self, "a delivery status"),
                                  attempts: try row.value("attempts"), lastError: try row.optional("last_error"),
                                  createdAt: try row.value("created_at"), sentAt: try row.optional("sent_at"),
                                  nextAttemptAt: try row.optional("next_attempt_at"), updatedAt: try row.optional("updated_at"),
                                  responseStatus: try row.optional("response_status"))
        }
    }
}
