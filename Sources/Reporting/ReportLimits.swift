/// How much of a large week each output lists; the complete table is `projects.csv`, every finding `report.json`.
///
/// A national roll-up (20,000 sub-projects, tens of thousands of findings) must still give a report a
/// person reads and an e-mail a mail server accepts. Under the limits nothing is left out: a plan of a few
/// dozen sub-projects (the Daejeon demo's 48) renders every row, as it always did.
public struct ReportLimits: Sendable, Hashable {
    /// Up to this many sub-projects, every programme is shown with its full table (and its chart);
    /// beyond it, a table of programmes and the sub-projects that need action.
    public var detailedProjects: Int
    /// Owners listed in the to-do list, the one with most to spend each week first.
    public var owners: Int
    /// Behind sub-projects listed under each owner, worst first.
    public var itemsPerOwner: Int
    /// Programme rows of the programme table (worst first), beyond `detailedProjects`.
    public var programmes: Int
    /// Sub-projects behind the curve listed by shortfall, beyond `detailedProjects`.
    public var actionRows: Int
    /// A kind with more findings than this is summarised: count, total, and this many of the largest.
    public var findingsPerKind: Int

    public init(detailedProjects: Int, owners: Int, itemsPerOwner: Int, programmes: Int, actionRows: Int, findingsPerKind: Int) {
        self.detailedProjects = detailedProjects
        self.owners = owners
        self.itemsPerOwner = itemsPerOwner
        self.programmes = programmes
        self.actionRows = actionRows
        self.findingsPerKind = findingsPerKind
    }

    /// report.md and report.html: under 5 MB at 20,000 sub-projects.
    public static let report = ReportLimits(detailedProjects: 200, owners: 200, itemsPerOwner: 10, programmes: 1_000,
                                            actionRows: 500, findingsPerKind: 20)
    /// The e-mail's text and HTML: under Gmail's 102 KB clipping at any scale (the demo's 48 rows still fit).
    public static let email = ReportLimits(detailedProjects: 50, owners: 10, itemsPerOwner: 3, programmes: 15,
                                           actionRows: 15, findingsPerKind: 10)
}
