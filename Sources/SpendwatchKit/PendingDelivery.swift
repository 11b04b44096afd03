import Delivery

/// `spendwatch deliver --pending`: sends what the outbox still holds, with the keys it was stored under.
public struct PendingDelivery: Sendable {
    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    public func run(configPath: String) throws -> Dispatcher.Summary {
        let loaded = try LoadedConfig.load(path: configPath, context: context)
        // The outbox is the run's too: sending it while a run delivers could send a row twice.
        let lock = try loaded.acquireRunLock()
        defer { lock.release() }
        return try DeliverStage(loaded: loaded, context: context).run(ledger: try loaded.openLedger())
    }
}
