import Config
import Foundation

/// Reads one channel's config fields for its kind, collecting problems instead of stopping at the first.
public struct ChannelFieldReader {
    static let common = ["name", "kind", "min_severity", "owners"]
    static let inlineSecrets = ["secret": "secret_env", "password": "password_env", "username": "username_env", "token": "url_env"]

    let channel: ChannelConfig
    let file: String
    let environment: [String: String]
    /// The plan's time zone, for kinds that stamp dates (the e-mail's Date header).
    public let timeZone: TimeZone
    private(set) var problems: [ConfigProblem] = []
    private(set) var secrets: [String] = []

    init(channel: ChannelConfig, file: String, environment: [String: String], timeZone: TimeZone) {
        self.channel = channel
        self.file = file
        self.environment = environment
        self.timeZone = timeZone
    }

    /// The channel, when its kind is registered and every field it needs is right.
    mutating func build() -> Channel? {
        guard let kind = ChannelKinds.named(channel.kind) else {
            problem("kind", "unknown channel kind '\(channel.kind)'; known: \(ChannelKinds.all.map { $0.kind }.joined(separator: ", "))")
            return nil
        }
        // Every `X_env` has an `X_file` sibling: a secret mounted as a file, as Kubernetes does.
        let allowed = Self.common + kind.fields + kind.fields.filter { $0.hasSuffix("_env") }.map(Self.fileSibling)
        for key in (Array(channel.fields.keys) + Array(channel.lists.keys)).sorted() where !allowed.contains(key) {
            if let instead = Self.inlineSecrets[key] {
                problem(key, "secrets are never written in the config: put it in an environment variable and name that variable with \(instead)")
            } else {
                problem(key, "unknown field for a \(channel.kind) channel; known: \(kind.fields.joined(separator: ", "))")
            }
        }
        let owners = list("owners")
        if let owners, owners.isEmpty || owners.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            problem("owners", "must list at least one owner as the plan names them (e.g. [로봇센터]); remove it to send the whole report")
        }
        guard let endpoint = kind.make(&self) else { return nil }
        return Channel(name: channel.name, minSeverity: channel.minSeverity, endpoint: endpoint, secrets: secrets,
                       owners: owners?.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Records a problem with `field` of this channel.
    public mutating func problem(_ field: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: channel.line, field: "channels[\(channel.name)].\(field)", message: message))
    }

    /// A scalar field as written (after `${ENV}` expansion).
    public func field(_ key: String) -> String? { channel.fields[key] }

    /// A list field, or a scalar given where a list of one would do.
    public func list(_ key: String) -> [String]? { channel.lists[key] ?? channel.fields[key].map { [$0] } }

    /// The `X_file` field that stands for the `X_env` field `key`.
    static func fileSibling(_ key: String) -> String { String(key.dropLast("_env".count)) + "_file" }

    /// The secret that `key` (ending in `_env`) names by environment variable, or its `_file` sibling by file
    /// (relative to the config's folder), remembered as a secret; a problem naming the variable or the file
    /// when it cannot be had.
    public mutating func secret(_ key: String, required: Bool) -> String? {
        let fileKey = Self.fileSibling(key)
        let result: Result<String, SecretLookup.Failure>
        switch (channel.fields[key], channel.fields[fileKey]) {
        case (nil, nil):
            if required { problem(key, "required: the name of the environment variable that holds it (or \(fileKey): the file that does)") }
            return nil
        case (_?, _?):
            problem(key, "give either \(key) or \(fileKey), not both")
            return nil
        case let (variable?, nil):
            result = SecretLookup.variable(variable, in: environment)
        case let (nil, path?):
            result = SecretLookup.file(resolve(path))
        }
        let field = channel.fields[key] != nil ? key : fileKey
        guard case let .success(value) = result, !value.isEmpty else {
            let reason = if case let .failure(failure) = result { failure.description } else { "environment variable \(channel.fields[key] ?? "") is not set" }
            problem(field, "\(reason) (\(file)\(channel.line.map { ":\($0)" } ?? ""), channel '\(channel.name)')")
            return nil
        }
        secrets.append(value)
        if key.hasSuffix("url_env") { secrets += Self.tokenParts(of: value) }
        return value
    }

    /// A path of the config, resolved against the config file's folder.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL.path
    }

    /// The parts of a secret URL that are tokens on their own (Slack's last path segment, a `sig=` value), so
    /// that a server echoing one back in an error does not reveal it either.
    static func tokenParts(of url: String) -> [String] {
        guard let components = URLComponents(string: url) else { return [] }
        let segments = components.path.split(separator: "/").map(String.init)
        let values = (components.queryItems ?? []).compactMap(\.value)
        return (segments + values + [components.password].compactMap { $0 }).filter { $0.count >= 16 }
    }

    /// Exactly one of `key` (inline), `key_env` or `key_file`.
    public mutating func url(_ key: String) -> String? {
        let given = [key, key + "_env", key + "_file"].filter { channel.fields[$0] != nil }
        guard given.count == 1 else {
            problem(key, given.isEmpty ? "required: set \(key), or \(key)_env to the environment variable that holds it, or \(key)_file to the file"
                                       : "give one of \(given.joined(separator: ", ")), not several")
            return nil
        }
        guard given[0] == key, let value = channel.fields[key] else { return secret(key + "_env", required: true) }
        // An inline URL may still carry a credential in its path or query (a Slack hook's last segment,
        // a Workflows `sig=`): those parts never reach a log either.
        secrets += Self.tokenParts(of: value)
        return value
    }

    /// The field the user wrote for `key`: `key_env` or `key_file` when the URL is a secret.
    public func urlField(_ key: String) -> String {
        [key + "_env", key + "_file"].first { channel.fields[$0] != nil } ?? key
    }

    /// `url` or `url_env`, which must be http(s) with a host.
    public mutating func httpURL() -> String? {
        guard let url = url("url") else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), URL(string: url)?.host != nil else {
            problem(urlField("url"), "must be an http:// or https:// URL")
            return nil
        }
        return url
    }

    /// A folder, resolved against the config file's folder.
    public mutating func folder(_ key: String) -> String? {
        guard let path = channel.fields[key], !path.isEmpty else {
            problem(key, "required: the folder the payloads are written to")
            return nil
        }
        return resolve(path)
    }
}
