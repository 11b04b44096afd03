import ArgumentParser
import Budget
import Ledger
import SpendwatchKit

extension LogOutput.Format: ExpressibleByArgument {}

extension Severity: ExpressibleByArgument {}

extension Finding.Kind: ExpressibleByArgument {}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension ISOWeek: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension RunTrigger: ExpressibleByArgument {
    /// `--trigger` when given, else `SPENDWATCH_TRIGGER`, else `manual`; schedules pass `scheduled`.
    static func resolve(_ option: RunTrigger?, environment: [String: String]) throws -> RunTrigger {
        if let option { return option }
        guard let text = environment["SPENDWATCH_TRIGGER"], !text.isEmpty else { return .manual }
        guard let trigger = RunTrigger(rawValue: text) else {
            throw RunError.usage("SPENDWATCH_TRIGGER='\(text)' is not one of scheduled, manual, backfill")
        }
        return trigger
    }
}
