import CCurl
import Foundation

/// Initialises libcurl once per process, before any handle exists.
enum CurlGlobal {
    static let initialised: Bool = ccurl_global_init_all() == CURLE_OK
}

/// Owns one libcurl easy handle and everything it points to, freed together in `deinit`.
///
/// Not `Sendable`: a handle belongs to the task that made it.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private var strings: [UnsafeMutablePointer<CChar>] = []
    private(set) var body = Data()
    private(set) var responseHeaders: [(String, String)] = []
    var upload = Data()
    private var uploadOffset = 0

    init() throws(TransportError) {
        guard CurlGlobal.initialised, let h = curl_easy_init() else {
            throw .setup(option: "curl_easy_init", reason: "libcurl could not be initialised")
        }
        handle = h
        let me = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_NOSIGNAL, 1)
        // A SIGTERM during a transfer ends it within about a second, instead of after its whole timeout.
        try check(ccurl_setopt_xferinfo(handle, { _, _, _, _, _ in StopRequest.current == nil ? 0 : 1 }), "CURLOPT_XFERINFOFUNCTION")
        try set(CURLOPT_NOPROGRESS, 0)
        try check(ccurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            guard let data, let context else { return 0 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
            easy.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }), "CURLOPT_WRITEFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, me), "CURLOPT_WRITEDATA")
        try check(ccurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            guard let data, let context else { return 0 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            if line.hasPrefix("HTTP/") { easy.responseHeaders.removeAll() }
            if let colon = line.firstIndex(of: ":") {
                easy.responseHeaders.append((String(line[..<colon]).lowercased(),
                                             line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            return size * count
        }), "CURLOPT_HEADERFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, me), "CURLOPT_HEADERDATA")
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        for s in strings { free(s) }
    }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_setopt_long(handle, option, value), "\(option)")
    }

    func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        // libcurl copies most strings, but not all (CURLOPT_POSTFIELDS); keep our copy alive until cleanup.
        guard let copy = strdup(value) else { throw .setup(option: "\(option)", reason: "out of memory") }
        strings.append(copy)
        try check(ccurl_setopt_string(handle, option, copy), "\(option)")
    }

    func set(_ option: CURLoption, list values: [String]) throws(TransportError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            // curl_slist_append returns NULL and leaves the list as it was when it runs out of memory: a list
            // silently missing a header (a webhook signature, a recipient) must not be sent.
            guard let longer = curl_slist_append(list, value) else {
                curl_slist_free_all(list)
                throw .setup(option: "\(option)", reason: "out of memory while building the list")
            }
            list = longer
        }
        guard let list else { return }
        lists.append(list)
        try check(ccurl_setopt_slist(handle, option, list), "\(option)")
    }

    /// Sends `data` as the request body through a read callback (no copy limits, binary safe).
    func setUpload(_ data: Data) throws(TransportError) {
        upload = data
        uploadOffset = 0
        try check(ccurl_setopt_callback(handle, CURLOPT_READFUNCTION, { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
            let n = min(size * count, easy.upload.count - easy.uploadOffset)
            guard n > 0 else { return 0 }
            easy.upload.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                UnsafeMutableRawPointer(buffer).copyMemory(from: base + easy.uploadOffset, byteCount: n)
            }
            easy.uploadOffset += n
            return n
        }), "CURLOPT_READFUNCTION")
        try check(ccurl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(self).toOpaque()), "CURLOPT_READDATA")
    }

    /// Runs the transfer; returns libcurl's code and its message.
    func perform() -> (code: CURLcode, message: String) {
        body.removeAll(keepingCapacity: true)
        responseHeaders.removeAll()
        uploadOffset = 0
        let code = curl_easy_perform(handle)
        return (code, String(cString: curl_easy_strerror(code)))
    }

    /// The last HTTP status or SMTP reply code; 0 when there was none (or libcurl cannot tell).
    var responseCode: Int {
        var code = 0
        guard ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK else { return 0 }
        return code
    }

    /// Seconds from a Retry-After header, when the server sent one.
    var retryAfter: Int? {
        var seconds: curl_off_t = 0
        guard ccurl_getinfo_off_t(handle, CURLINFO_RETRY_AFTER, &seconds) == CURLE_OK, seconds > 0 else { return nil }
        return Int(seconds)
    }

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return responseHeaders.last { $0.0 == lower }?.1
    }

    private func check(_ code: CURLcode, _ option: String) throws(TransportError) {
        guard code == CURLE_OK else { throw .setup(option: option, reason: String(cString: curl_easy_strerror(code))) }
    }
}
