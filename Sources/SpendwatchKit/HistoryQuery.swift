import Budget

/// `spendwatch history`: reads the ledger of a config without creating one.
public struct HistoryQuery: Sendable {
    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    public func run(configPath: String, week: ISOWeek?) throws -> LedgerHistory {
        let loaded = try LoadedConfig.load(path: configPath, context: context)
        return try LedgerHistory(ledger: try loaded.openExistingLedger(), week: week)
    }
}
