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
    /// `projects.csv`: every sub-project's row (the reports list only what fits their limits); attached to the e-mail.
    public let projectsCSV: Data

    public init(_ report: WeekReport, templates: TemplateSet) throws {
        document = ReportDocument(report)
        json = try document.encoded()
        let context = TemplateContext.tree(ReportView(report, limits: .report))
        markdown = try templates.render("report.md", context: context)
        html = try templates.render("report.html", context: context)
        // The e-mail lists less than the reports (its own limits), so it stays under 100 KB at any scale.
        var mail = ReportView(report, limits: .email)
        mail.includeCharts = false
        let mailContext = TemplateContext.tree(mail)
        emailSubject = try templates.render("email-subject", context: mailContext).trimmingCharacters(in: .whitespacesAndNewlines)
        emailText = try templates.render("email-text", context: mailContext)
        emailHTML = try templates.render("email-html", context: mailContext)
        projectsCSV = ProjectsTable.csv(report)
    }

    /// Writes `report.md`, `report.html`, `report.json`, `projects.csv` and the e-mail's `email.html` into `directory`,
    /// each atomically.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let folder = URL(fileURLWithPath: directory)
        try Data(markdown.utf8).write(to: folder.appendingPathComponent("report.md"), options: .atomic)
        try Data(html.utf8).write(to: folder.appendingPathComponent("report.html"), options: .atomic)
        try json.write(to: folder.appendingPathComponent("report.json"), options: .atomic)
        try Data(emailHTML.utf8).write(to: folder.appendingPathComponent("email.html"), options: .atomic)
        try projectsCSV.write(to: folder.appendingPathComponent(ProjectsTable.fileName), options: .atomic)
    }
}
