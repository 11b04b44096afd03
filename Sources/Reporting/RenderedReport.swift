import Budget
import Foundation

/// The week's report in every format, ready to write or to send.
public struct RenderedReport: Sendable {
    public let document: ReportDocument
    public let json: Data
    public let markdown: String
    public let html: String
    public let emailSubject: String
    public let emailText: String
    /// The e-mail's HTML part: the browser report without charts, inline styles only, nothing external.
    public let emailHTML: String

    public init(_ report: WeekReport, templates: TemplateSet) throws {
        document = ReportDocument(report)
        json = try document.encoded()
        let view = ReportView(report)
        markdown = try templates.render("report.md", view)
        html = try templates.render("report.html", view)
        emailSubject = try templates.render("email-subject", view).trimmingCharacters(in: .whitespacesAndNewlines)
        emailText = try templates.render("email-text", view)
        var mailView = view
        mailView.includeCharts = false
        emailHTML = try templates.render("email-html", mailView)
    }

    /// Writes `report.md`, `report.html`, `report.json` and the e-mail's `email.html` into `directory`, each atomically.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let folder = URL(fileURLWithPath: directory)
        try Data(markdown.utf8).write(to: folder.appendingPathComponent("report.md"), options: .atomic)
        try Data(html.utf8).write(to: folder.appendingPathComponent("report.html"), options: .atomic)
        try json.write(to: folder.appendingPathComponent("report.json"), options: .atomic)
        try Data(emailHTML.utf8).write(to: folder.appendingPathComponent("email.html"), options: .atomic)
    }
}
