import Crypto
import Foundation

/// What tells one version of a file from another without reading it: device, inode, size and mtime (to the
/// nanosecond). Taken before and after a read, it shows an export rewritten (or replaced) while it was read.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }

    static func of(descriptor fd: Int32) -> FileIdentity? {
        var info = stat()
        return fstat(fd, &info) == 0 ? FileIdentity(info) : nil
    }

    static func of(path: String) -> FileIdentity? {
        var info = stat()
        return stat(path, &info) == 0 ? FileIdentity(info) : nil
    }

    /// Linux stamps mtime from a coarse clock (a few milliseconds): a file written during a short read can keep
    /// its mtime. A file modified this recently is therefore read twice and the two reads compared.
    static let settle: TimeInterval = 2

    /// Whether the file was modified within `settle` seconds of `now` (or claims a time after it).
    func modifiedRecently(now: Date = Date()) -> Bool {
        let modified = Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9
        return now.timeIntervalSince1970 - modified < Self.settle
    }

    /// A writer stopped between two of its writes (descheduled on a busy machine) leaves the same half file
    /// for both reads; it resumes within a scheduler tick or two, so the second read waits this long first.
    static let writerPause: useconds_t = 50_000

    /// SHA-256 of the whole file read again from its start through `fd`, after `writerPause`.
    static func digest(fd: Int32, path: String) throws(IntakeError) -> SHA256.Digest {
        usleep(writerPause)
        var hasher = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var offset: off_t = 0
        while true {
            let n = pread(fd, buffer.baseAddress, size, offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .badData(source: path, line: 1, column: nil, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return hasher.finalize() }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
            offset += off_t(n)
        }
    }

    /// Throws when the file at `path`, open as `fd` and read as `bytesRead`, is not the file it was at `before`.
    static func checkUnchanged(_ before: FileIdentity?, fd: Int32, path: String, bytesRead: Int) throws(IntakeError) {
        guard let before else { return }
        let open = of(descriptor: fd)
        let named = of(path: path)
        guard open == before, named == before, Int64(bytesRead) == before.size else {
            throw .changedWhileRead(source: path)
        }
    }
}
