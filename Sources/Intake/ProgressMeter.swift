import Foundation

/// Shows how far a long read has got, on a terminal only: under cron stderr is not a tty and it stays silent.
struct ProgressMeter {
    let label: String
    let total: Int
    let enabled: Bool
    private var lastShown: UInt64 = 0
    private var shownAny = false

    init(label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.total = total
        // Small files finish before anyone could read a percentage.
        self.enabled = enabled && total >= 64 << 20
    }

    mutating func update(done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now &- lastShown >= 250_000_000 else { return }
        lastShown = now
        shownAny = true
        let percent = total > 0 ? done * 100 / total : 100
        let line = "\r\(label): \(percent)% (\(done >> 20) of \(total >> 20) MiB)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    mutating func finish() {
        guard enabled, shownAny else { return }
        FileHandle.standardError.write(Data("\r\(label): 100% (\(total >> 20) MiB)\n".utf8))
    }
}
