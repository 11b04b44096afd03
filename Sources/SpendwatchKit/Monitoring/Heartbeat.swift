import Logging
import Transport

/// The healthchecks.io / Cronitor convention: `GET <url>/start` when a run starts, `GET <url>` when it ends
/// with 0 or 1, `GET <url>/<exit code>` otherwise. A ping that fails is logged and changes nothing else.
struct Heartbeat: Sendable {
    let url: String
    let client: HTTPClient
    let logger: Logger

    /// A check's server that hangs must not hold the weekly report: a few seconds, then it is only logged.
    static let timeouts = Timeouts(connectSeconds: 5, totalSeconds: 10)

    init?(loaded: LoadedConfig, logger: Logger) {
        guard let url = loaded.config.monitor.pingURL else { return nil }
        self.url = url
        client = HTTPClient(timeouts: Self.timeouts, redactor: loaded.redactor)
        self.logger = logger
    }

    func started() { ping(url + "/start") }

    func finished(_ status: ExitStatus) { ping(status.isSuccess ? url : url + "/\(status.rawValue)") }

    private func ping(_ address: String) {
        do {
            let response = try client.fetch(HTTPRequest(url: address))
            guard (200..<300).contains(response.status) else {
                logger.warning("heartbeat ping answered HTTP \(response.status); the run goes on")
                return
            }
        } catch {
            logger.warning("heartbeat ping failed: \(error); the run goes on")
        }
    }
}
