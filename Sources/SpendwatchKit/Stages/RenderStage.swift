import Budget
import Foundation
import Reporting

/// Stage 4, render: the report in every format, written to `<output>/<week>/`.
struct RenderStage: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    /// Renders and writes the week; returns what was rendered and the folder it went to.
    func run(_ report: WeekReport, outputDirectory: String?) throws -> (rendered: RenderedReport, directory: String) {
        let rendered = try RenderedReport(report, templates: loaded.templates)
        let directory = URL(fileURLWithPath: outputDirectory ?? loaded.config.outputDirectory)
            .appendingPathComponent(report.week.description).path
        do {
            try rendered.write(to: directory)
        } catch {
            throw RunError.cannotWrite(path: directory, cause: error)
        }
        context.logger.info("wrote \(directory)/report.{md,html,json}", metadata: [
            "findings": "\(report.findings.count)", "status": "\(report.total.status.rawValue)",
        ])
        return (rendered, directory)
    }
}
