import CBuildInfo

/// What `spendwatch --version` prints and the metrics file labels: the release and the git commit built.
public enum BuildInfo {
    public static let version = "1.1.0"
    public static var commit: String { String(cString: spendwatch_build_commit()) }
    public static var line: String { "spendwatch \(version) (commit \(commit))" }
}
