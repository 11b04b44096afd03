import Reporting

extension RenderedReport {
    /// The HTML alternative of the e-mail: the full HTML report, until Reporting renders a mail-specific one.
    var emailBodyHTML: String { html }
}
