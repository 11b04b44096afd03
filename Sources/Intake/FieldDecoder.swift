import Foundation

/// Decodes one CSV field at a time from UTF-8 or CP949 (EUC-KR superset) into a `String`.
///
/// With `auto` the first field holding a non-ASCII byte decides for the whole file: valid UTF-8
/// means UTF-8, anything else CP949. Until then both read the same (ASCII), so a file can be
/// streamed without looking ahead. Owns an iconv handle, so it is a class and stays on one thread.
final class FieldDecoder {
    enum Mode: String { case utf8 = "UTF-8", cp949 = "CP949" }

    private(set) var mode: Mode?
    private var iconvHandle: iconv_t?

    init(declared: String) {
        switch declared {
        case "utf-8": mode = .utf8
        case "cp949": mode = .cp949
        default: mode = nil
        }
    }

    /// For a document held whole: with `auto`, the whole text decides when it can — valid UTF-8 throughout
    /// is UTF-8, else valid CP949 throughout is CP949 — because some Hangul in CP949 (창, 챙 and about 340
    /// more) is also valid UTF-8, and a first field made of them would otherwise pick the wrong one. Only
    /// a document valid in neither falls back to the first non-ASCII field, so the error names its line.
    convenience init(declared: String, document: [UInt8]) {
        self.init(declared: declared)
        guard mode == nil, document.contains(where: { $0 >= 0x80 }) else { return }
        if document.withUnsafeBufferPointer({ TextDecoding.firstInvalidUTF8($0) }) == nil {
            mode = .utf8
        } else if document.withUnsafeBufferPointer({ FieldDecoder(declared: "cp949").string($0) }) != nil {
            mode = .cp949
        }
    }

    deinit {
        if let iconvHandle { iconv_close(iconvHandle) }
    }

    /// The decoded text, or nil when the bytes are not valid in the file's encoding.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if mode == nil {
            mode = TextDecoding.firstInvalidUTF8(bytes) == nil ? .utf8 : .cp949
        }
        switch mode {
        case .cp949: return cp949(bytes)
        default: return TextDecoding.firstInvalidUTF8(bytes) == nil ? String(decoding: bytes, as: UTF8.self) : nil
        }
    }

    func string(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { string($0) }
    }

    private func cp949(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if iconvHandle == nil {
            let cd = iconv_open("UTF-8", "CP949")
            guard cd != iconv_t(bitPattern: -1) else { return nil }
            iconvHandle = cd
        }
        guard let cd = iconvHandle else { return nil }
        iconv(cd, nil, nil, nil, nil)
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 4)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(decoding: output[..<produced], as: UTF8.self)
    }
}
