import Budget

/// What the ledger holds of a snapshot row, as `record(figures:)` compares it with a new figure.
struct StoredSnapshot {
    let program: String
    let executed: Won
    let budget: Won?
    let kpis: String?
    let noticedWeek: ISOWeek?
}
