/// A view model turned into dictionaries and arrays once, before rendering.
///
/// swift-mustache looks every name up by reflecting the object again (`Mirror(reflecting:)` and a
/// scan of its children), and a name a section's object lacks is looked up again in every enclosing
/// object. On the demo report that was two thirds of the run's time; a dictionary lookup is not.
enum TemplateContext {
    static func tree(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Int64, is Double:
            return value
        case let array as [Any]:
            return array.map(tree)
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let present = unwrap(child.value) else { continue }
                fields[label] = tree(present)
            }
            return fields
        case .collection?:
            return mirror.children.map { tree($0.value) }
        case .optional?:
            return unwrap(value).map(tree) as Any
        default:
            return value
        }
    }

    /// The wrapped value of an optional, nil when it holds none; any other value as it is.
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
