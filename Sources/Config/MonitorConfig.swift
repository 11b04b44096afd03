/// What watches an unattended run: the heartbeat, the metrics file, who hears of a failure, how far it catches up.
public struct MonitorConfig: Sendable, Equatable {
    /// `monitor.ping_url_env` / `ping_url_file`: the healthchecks.io / Cronitor check URL (a secret: it is the check's key).
    public var pingURL: String?
    /// `metrics.textfile`: the Prometheus textfile node_exporter's textfile collector reads.
    public var metricsTextfile: String?
    /// `on_failure`: names of channels that get a short notice when a run fails.
    public var onFailure: [String]
    /// `catch_up_weeks`: how many weeks one scheduled run reports at most, the last complete week included.
    public var catchUpWeeks: Int

    public static let defaultCatchUpWeeks = 4

    public init(pingURL: String? = nil, metricsTextfile: String? = nil, onFailure: [String] = [],
                catchUpWeeks: Int = MonitorConfig.defaultCatchUpWeeks) {
        self.pingURL = pingURL
        self.metricsTextfile = metricsTextfile
        self.onFailure = onFailure
        self.catchUpWeeks = catchUpWeeks
    }
}
