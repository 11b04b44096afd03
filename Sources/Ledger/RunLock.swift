import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exclusive right to run against one ledger; released by `release()` or when the holder dies.
///
/// A protocol because the lock lives where the ledger lives: a file beside a SQLite ledger today,
/// a PostgreSQL advisory lock for a shared ledger later.
public protocol RunLock: AnyObject {
    /// Where the lock is, for messages.
    var location: String { get }
    func release()
}

/// An exclusive `flock(2)` on `<ledger>.lock`, holding the owner's pid for the message of the next one.
///
/// The kernel drops the lock when the process ends, however it ends, so a run killed with SIGKILL
/// never blocks the next one; the file itself stays (removing it would race with a new holder).
public final class FileRunLock: RunLock {
    public let location: String
    private var descriptor: Int32

    /// Takes the lock at once or throws `RunLockError.held` naming the holder; never waits.
    public init(path: String) throws(RunLockError) {
        location = path
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readPID(fd)
            close(fd)
            if code == EWOULDBLOCK { throw .held(path: path, pid: holder) }
            throw .cannotCreate(path: path, reason: String(cString: strerror(code)))
        }
        descriptor = fd
        let text = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// The pid of a live process holding the lock at `path`, read without touching the lock itself
    /// (probing it would refuse a run starting at that instant). Nil when no live holder is recorded.
    public static func holder(path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let pid = readPID(fd), pid > 0 else { return nil }
        return kill(pid, 0) == 0 || errno == EPERM ? pid : nil
    }

    static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
