import Foundation
import Mustache

/// Errors finding or parsing templates (exit 78: the installation or the user's folder is wrong).
public enum TemplateError: Error, Sendable, CustomStringConvertible {
    case missing(name: String, searched: [String])
    case invalid(file: String, message: String)
    /// A template folder that does not exist or cannot be listed: a misspelt `templates:` must not pass quietly.
    case folderMissing(path: String)

    public var description: String {
        switch self {
        case let .missing(name, searched):
            "template '\(name).mustache' not found in \(searched.joined(separator: " or "))"
        case let .invalid(file, message):
            "\(file): template does not parse: \(message)"
        case let .folderMissing(path):
            "template folder \(path) does not exist or cannot be read; fix `templates:` in the config or remove it to use the built-in templates"
        }
    }
}

/// The built-in templates, with any of them overridden by a same-named file in the user's folder.
public struct TemplateSet: Sendable {
    /// `report-sections` is the body both HTML reports include as a partial.
    public static let required = ["report.md", "report.html", "email-subject", "email-text", "email-html", "report-sections"]

    let library: MustacheLibrary
    /// Where each template came from, for `validate` and for messages.
    public let origins: [String: String]

    /// Loads `*.mustache` from `builtIn`, then from `overrides`, which win by name.
    public init(builtIn: String, overrides: String?) throws(TemplateError) {
        OutputText.registered
        var library = MustacheLibrary()
        var origins: [String: String] = [:]
        for directory in [builtIn, overrides].compactMap({ $0 }) {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw .folderMissing(path: directory)
            }
            for file in names.sorted() where file.hasSuffix(".mustache") {
                let path = (directory as NSString).appendingPathComponent(file)
                let name = String(file.dropLast(".mustache".count))
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw .invalid(file: path, message: "not readable UTF-8 text")
                }
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                } catch {
                    throw .invalid(file: path, message: "\(error)")
                }
                origins[name] = path
            }
        }
        for name in Self.required where origins[name] == nil {
            throw .missing(name: name, searched: [builtIn, overrides].compactMap { $0 })
        }
        self.library = library
        self.origins = origins
    }

    public func render(_ name: String, _ view: Any) throws(TemplateError) -> String {
        try render(name, context: TemplateContext.tree(view))
    }

    /// Renders with a context already made by `TemplateContext.tree`, for several templates of one view.
    func render(_ name: String, context: Any) throws(TemplateError) -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw .missing(name: name, searched: Array(Set(origins.values.map { ($0 as NSString).deletingLastPathComponent })))
        }
        return text
    }
}
