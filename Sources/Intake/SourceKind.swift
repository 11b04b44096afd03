/// What a source's amounts are (`source.kind`): cumulative figures per week, or payments spendwatch sums itself.
public enum SourceKind: String, Sendable, CaseIterable {
    case cumulative
    case transactions
}
