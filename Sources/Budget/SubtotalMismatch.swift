/// A 소계/합계/계 row of a source that does not equal the sum of the figure rows it closes: the export's
/// own total disagrees with its rows, so a figure is missing, doubled or typed by hand.
public struct SubtotalMismatch: Sendable, Hashable {
    /// Which amount disagrees.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case executed
        case budget
        case committed
    }

    /// Where the total stands, `집행현황.xlsx:Sheet1!F12`.
    public let place: String
    /// The row's label as the source writes it (소계, 합계, 계).
    public let label: String
    public let field: Field
    /// What the total row states, in won.
    public let stated: Won
    /// The sum of the rows it closes, in won.
    public let computed: Won
    /// How many figure rows it closes.
    public let rows: Int

    public init(place: String, label: String, field: Field, stated: Won, computed: Won, rows: Int) {
        self.place = place
        self.label = label
        self.field = field
        self.stated = stated
        self.computed = computed
        self.rows = rows
    }

    /// `stated − computed`.
    public var difference: Won { stated - computed }
}
