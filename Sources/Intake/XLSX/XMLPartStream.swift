import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif
import Synchronization
import ZIPFoundation

/// One part of a workbook (`xl/worksheets/sheet1.xml`), decompressed by ZIPFoundation on a second thread
/// into a pipe that `XMLParser` (libxml2's push parser, SAX) reads as a stream: neither the archive nor the
/// part's XML is ever held whole, so memory stays flat however large the sheet.
final class XMLPartStream: InputStream {
    /// What the two threads share.
    private final class Shared: Sendable {
        let cancelled = Atomic<Bool>(false)
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    private let readEnd: Int32
    private let shared: Shared
    private var finished = false

    /// Starts decompressing `path` of `bytes`; nil when the part is not in the archive or no pipe can be made.
    init?(_ bytes: WorkbookBytes, path: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let shared = Shared()
        self.readEnd = readEnd
        self.shared = shared
        super.init(data: Data())
        let thread = Thread {
            defer {
                Glibc.close(writeEnd)
                shared.done.signal()
            }
            do {
                guard let archive = bytes.archive(), let entry = archive[path] else {
                    shared.failure.withLock { $0 = "the workbook has no part \(path)" }
                    return
                }
                _ = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                    if shared.cancelled.load(ordering: .relaxed) { throw CancellationError() }
                    try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                        var offset = 0
                        while offset < raw.count {
                            let n = write(writeEnd, raw.baseAddress! + offset, raw.count - offset)
                            if n < 0 {
                                if errno == EINTR { continue }
                                throw CancellationError()
                            }
                            offset += n
                        }
                    }
                }
            } catch is CancellationError {
            } catch {
                shared.failure.withLock { $0 = "\(path) cannot be decompressed (\(error)); the file is damaged or truncated" }
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops the decompression (after the reader is done or gave up), waits for it and says whether it failed.
    func finish() -> String? {
        if !finished {
            finished = true
            shared.cancelled.store(true, ordering: .relaxed)
            // Drain, so a writer blocked on a full pipe sees the flag and ends.
            var sink = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = sink.withUnsafeMutableBytes { Foundation.read(readEnd, $0.baseAddress, $0.count) }
                if n > 0 || (n < 0 && errno == EINTR) { continue }
                break
            }
            shared.done.wait()
            Glibc.close(readEnd)
        }
        return shared.failure.withLock { $0 }
    }

    deinit { _ = finish() }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { !finished }
    override var streamStatus: Stream.Status { finished ? .closed : .open }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        guard !finished else { return 0 }
        while true {
            let n = Foundation.read(readEnd, buffer, len)
            if n < 0, errno == EINTR { continue }
            return n
        }
    }
}
