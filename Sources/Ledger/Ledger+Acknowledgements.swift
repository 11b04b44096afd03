import Budget

/// The task force's acknowledgements of findings: stored once, read by every run that follows.
extension Ledger {
    /// Stores an acknowledgement and returns it with its id.
    public func acknowledge(week: ISOWeek, subject: String, kind: Finding.Kind, until: CalendarDate, reason: String,
                            severity: Severity, at time: String) throws(LedgerError) -> Acknowledgement {
        let id = try writing { db in
            try Self.insertedID(db.rows("""
                INSERT INTO acknowledgement (week, subject, kind, until, reason, severity, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, [week.description, subject, kind.rawValue, until.description, reason, severity.rawValue, time]),
                table: "acknowledgement")
        }
        return Acknowledgement(id: id, week: week, subject: subject, kind: kind, until: until, reason: reason,
                               severity: severity, createdAt: time)
    }

    /// Every acknowledgement, oldest first.
    public func acknowledgements() throws(LedgerError) -> [Acknowledgement] {
        try reading { db in
            try db.rows("SELECT * FROM acknowledgement ORDER BY id").map { row in
                let row = RowReader(row, table: "acknowledgement")
                return Acknowledgement(
                    id: try row.value("id"), week: try row.value("week", parsedAs: "an ISO week", ISOWeek.init),
                    subject: try row.value("subject"), kind: try row.value("kind", as: Finding.Kind.self, "a finding kind"),
                    until: try row.value("until", parsedAs: "a date (YYYY-MM-DD)") { CalendarDate(iso: $0) },
                    reason: try row.value("reason"), severity: try row.value("severity", as: Severity.self, "a severity"),
                    createdAt: try row.value("created_at"))
            }
        }
    }

    /// Deletes one acknowledgement; false when no acknowledgement has that id.
    public func removeAcknowledgement(id: Int64) throws(LedgerError) -> Bool {
        try writing { db in
            let found = try db.rows("SELECT id FROM acknowledgement WHERE id = ?", [id])
            guard !found.isEmpty else { return false }
            try db.execute("DELETE FROM acknowledgement WHERE id = ?", [id])
            return true
        }
    }
}
