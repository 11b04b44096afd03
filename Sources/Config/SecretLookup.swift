import Foundation

/// Where a secret comes from: an environment variable, or a file, as Kubernetes and Docker mount secrets.
///
/// `NAME` unset with `NAME_FILE` set reads that file (the convention of the official Docker images), so a
/// config that names `${ERP_TOKEN}` works unchanged with the token mounted at `/run/secrets/erp-token`.
public enum SecretLookup {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unset(variable: String)
        case unreadable(path: String, reason: String)
        case emptyFile(path: String)

        public var description: String {
            switch self {
            case let .unset(variable): "environment variable \(variable) is not set (nor \(variable)_FILE naming a file that holds it)"
            case let .unreadable(path, reason): "secret file \(path) cannot be read: \(reason)"
            case let .emptyFile(path): "secret file \(path) is empty"
            }
        }
    }

    /// The value of `variable`, or of the file `variable_FILE` names.
    public static func variable(_ variable: String, in environment: [String: String]) -> Result<String, Failure> {
        if let value = environment[variable] { return .success(value) }
        if let path = environment[variable + "_FILE"], !path.isEmpty { return file(path) }
        return .failure(.unset(variable: variable))
    }

    /// A secret file's contents without the line break editors and `kubectl create secret --from-file` leave at its end.
    public static func file(_ path: String) -> Result<String, Failure> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .failure(.unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription))
        }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        return text.isEmpty ? .failure(.emptyFile(path: path)) : .success(text)
    }
}
