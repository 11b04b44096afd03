import Synchronization

/// A SIGTERM or SIGINT asked the process to stop: the run ends at its next safe point (between stages, weeks
/// and deliveries), and a transfer in flight is aborted by libcurl's progress callback.
///
/// One per process, because a signal is: the executable sets it from its signal handler, every layer reads it.
public enum StopRequest {
    private static let signal = Atomic<Int32>(0)

    /// Records the signal (the first one wins).
    public static func request(_ number: Int32) {
        _ = signal.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
    }

    /// The signal that asked to stop, or nil.
    public static var current: Int32? {
        let number = signal.load(ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    /// For tests in one process: forget an earlier request.
    public static func reset() { signal.store(0, ordering: .sequentiallyConsistent) }
}
