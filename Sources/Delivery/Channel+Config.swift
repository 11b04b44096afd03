import Budget
import Config
import Foundation
import Transport

extension Channel {
    /// Every channel of `config`, validated together: all problems are reported at once, each naming the file,
    /// the line, the field and, for a missing secret, the environment variable.
    public static func all(_ config: SpendwatchConfig, environment: [String: String]) throws(ConfigError) -> [Channel] {
        var problems: [ConfigProblem] = []
        var channels: [Channel] = []
        for channel in config.channels {
            var reader = ChannelFieldReader(channel: channel, file: config.file, environment: environment)
            let built = reader.build(timeZone: TimeZone(identifier: config.timezone) ?? TimeZone(identifier: "Asia/Seoul") ?? .current)
            problems += reader.problems
            if let built, reader.problems.isEmpty { channels.append(built) }
        }
        guard problems.isEmpty else { throw .problems(problems) }
        return channels
    }
}

/// Reads one channel's fields, collecting problems instead of stopping at the first.
struct ChannelFieldReader {
    static let common = ["name", "kind", "min_severity"]
    static let known: [String: [String]] = [
        "webhook": ["url", "url_env", "secret_env"],
        "slack": ["url", "url_env"],
        "teams": ["url", "url_env"],
        "email": ["smtp_url", "smtp_url_env", "starttls", "username_env", "password_env", "from", "to"],
        "file": ["path"],
    ]
    static let inlineSecrets = ["secret": "secret_env", "password": "password_env", "username": "username_env", "token": "url_env"]

    let channel: ChannelConfig
    let file: String
    let environment: [String: String]
    private(set) var problems: [ConfigProblem] = []
    private(set) var secrets: [String] = []

    init(channel: ChannelConfig, file: String, environment: [String: String]) {
        self.channel = channel
        self.file = file
        self.environment = environment
    }

    mutating func build(timeZone: TimeZone) -> Channel? {
        let allowed = Self.common + (Self.known[channel.kind] ?? [])
        for key in (Array(channel.fields.keys) + Array(channel.lists.keys)).sorted() where !allowed.contains(key) {
            if let instead = Self.inlineSecrets[key] {
                problem(key, "secrets are never written in the config: put it in an environment variable and name that variable with \(instead)")
            } else {
                problem(key, "unknown field for a \(channel.kind) channel; known: \((Self.known[channel.kind] ?? []).joined(separator: ", "))")
            }
        }
        let endpoint: Channel.Endpoint?
        switch channel.kind {
        case "webhook":
            let url = httpURL()
            let signature = signingSecret()
            if let url, let signature {
                endpoint = .webhook(WebhookChannel(url: url, signature: signature))
            } else {
                endpoint = nil
            }
        case "slack":
            endpoint = httpURL().map { Channel.Endpoint.slack(SlackChannel(url: $0)) }
        case "teams":
            endpoint = httpURL().map { Channel.Endpoint.teams(TeamsChannel(url: $0)) }
        case "email":
            endpoint = email(timeZone: timeZone).map { Channel.Endpoint.email($0) }
        case "file":
            endpoint = folder().map { Channel.Endpoint.file(FileChannel(directory: $0)) }
        default:
            problem("kind", "unknown channel kind '\(channel.kind)'")
            endpoint = nil
        }
        guard let endpoint else { return nil }
        return Channel(name: channel.name, minSeverity: channel.minSeverity, endpoint: endpoint, secrets: secrets)
    }

    private mutating func problem(_ field: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: channel.line, field: "channels[\(channel.name)].\(field)", message: message))
    }

    /// The value of `<key>_env`'s variable, remembered as a secret; a problem naming the variable when unset.
    private mutating func fromEnvironment(_ key: String, required: Bool) -> String? {
        guard let variable = channel.fields[key] else {
            if required { problem(key, "required: the name of the environment variable that holds it") }
            return nil
        }
        guard let value = environment[variable], !value.isEmpty else {
            problem(key, "environment variable \(variable) is not set (\(file)\(channel.line.map { ":\($0)" } ?? ""), channel '\(channel.name)')")
            return nil
        }
        secrets.append(value)
        if key.hasSuffix("url_env") { secrets += Self.tokenParts(of: value) }
        return value
    }

    /// The parts of a secret URL that are tokens on their own (Slack's last path segment, a `sig=` value), so
    /// that a server echoing one back in an error does not reveal it either.
    static func tokenParts(of url: String) -> [String] {
        guard let components = URLComponents(string: url) else { return [] }
        let segments = components.path.split(separator: "/").map(String.init)
        let values = (components.queryItems ?? []).compactMap(\.value)
        return (segments + values + [components.password].compactMap { $0 }).filter { $0.count >= 16 }
    }

    /// Exactly one of `key` (inline) or `key_env`.
    private mutating func urlValue(_ key: String) -> String? {
        let inline = channel.fields[key]
        let env = channel.fields[key + "_env"]
        switch (inline, env) {
        case (nil, nil):
            problem(key, "required: set \(key), or \(key)_env to the environment variable that holds it")
            return nil
        case (_?, _?):
            problem(key, "give either \(key) or \(key)_env, not both")
            return nil
        case let (value?, nil):
            // An inline URL may still carry a credential in its path or query (a Slack hook's last segment,
            // a Workflows `sig=`): those parts never reach a log either.
            secrets += Self.tokenParts(of: value)
            return value
        case (nil, _?):
            return fromEnvironment(key + "_env", required: true)
        }
    }

    private mutating func httpURL() -> String? {
        guard let url = urlValue("url") else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), URL(string: url)?.host != nil else {
            problem(channel.fields["url_env"] != nil ? "url_env" : "url", "must be an http:// or https:// URL")
            return nil
        }
        return url
    }

    private mutating func signingSecret() -> StandardWebhookSignature? {
        guard let secret = fromEnvironment("secret_env", required: true) else { return nil }
        guard let signature = StandardWebhookSignature(secret: secret) else {
            problem("secret_env", "the secret in \(channel.fields["secret_env"] ?? "") must be whsec_ followed by at least 16 bytes in base64 (the Standard Webhooks format)")
            return nil
        }
        return signature
    }

    private mutating func email(timeZone: TimeZone) -> EmailChannel? {
        let url = urlValue("smtp_url")
        if let url, !(url.lowercased().hasPrefix("smtp://") || url.lowercased().hasPrefix("smtps://")) {
            problem(channel.fields["smtp_url_env"] != nil ? "smtp_url_env" : "smtp_url", "must be an smtp:// (STARTTLS) or smtps:// (implicit TLS) URL")
        }
        var startTLS = SMTPServer.StartTLS.required
        if let raw = channel.fields["starttls"] {
            if let parsed = SMTPServer.StartTLS(rawValue: raw) { startTLS = parsed } else {
                problem("starttls", "'\(raw)' is not one of required, optional, off")
            }
        }
        let username = fromEnvironment("username_env", required: false)
        let password = fromEnvironment("password_env", required: false)
        if (channel.fields["username_env"] == nil) != (channel.fields["password_env"] == nil) {
            problem(channel.fields["username_env"] == nil ? "username_env" : "password_env", "username_env and password_env go together")
        }
        let from = channel.fields["from"]
        if from == nil { problem("from", "required: the sender address, e.g. tft@example.org") }
        let to = channel.lists["to"] ?? channel.fields["to"].map { [$0] } ?? []
        if to.isEmpty { problem("to", "required: one or more recipient addresses") }
        for address in [from].compactMap({ $0 }) + to where !MailHeader.address(address).contains("@") {
            problem(address == from ? "from" : "to", "'\(address)' is not an e-mail address")
        }
        guard let url, let from, !to.isEmpty else { return nil }
        return EmailChannel(server: SMTPServer(url: url, startTLS: startTLS, username: username, password: password),
                            from: from, to: to, timeZone: timeZone)
    }

    private mutating func folder() -> String? {
        guard let path = channel.fields["path"], !path.isEmpty else {
            problem("path", "required: the folder the payloads are written to")
            return nil
        }
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL.path
    }
}
