/// Which sheet of a workbook holds the figures (`source.sheet`): a name, or a 1-based position.
public enum SheetSelector: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case index(Int)

    public var description: String {
        switch self {
        case let .name(name): "'\(name)'"
        case let .index(i): "\(i)"
        }
    }
}
