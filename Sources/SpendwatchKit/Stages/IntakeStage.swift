import Budget
import Intake
import Ledger

/// Stage 1, intake: the week's figures from the source, compared with what the ledger knows of last week's.
struct IntakeStage: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    func run(week: ISOWeek, ledger: Ledger) throws -> WeeklyIntake.Result {
        let logger = context.logger
        let intake = WeeklyIntake(source: loaded.config.source, client: loaded.httpClient, fiscalYear: loaded.plan.fiscalYear,
                                  notice: { logger.warning("\($0)") })
        let previous = intake.comparesWeeks ? try ledger.sourceVersion(ofWeek: week.adding(weeks: -1)).map(SourceIdentity.init) : nil
        let result = try intake.read(week: week, previous: previous)
        if result.identity.notModified {
            logger.warning("\(result.sourceName) answered 304 Not Modified for \(week): nothing new since \(week.adding(weeks: -1))")
        } else {
            logger.info("read \(result.figures.count) figures from \(loaded.redactor.redact(result.sourceName))")
        }
        return result
    }
}

extension SourceIdentity {
    init(_ version: SourceVersion) {
        self.init(url: version.url, digest: version.digest, etag: version.etag, lastModified: version.lastModified,
                  notModified: version.notModified)
    }
}

extension SourceVersion {
    init(_ identity: SourceIdentity) {
        self.init(url: identity.url, digest: identity.digest, etag: identity.etag, lastModified: identity.lastModified,
                  notModified: identity.notModified)
    }
}
