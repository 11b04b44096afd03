import Foundation

/// Turns a source's bytes into UTF-8: strips a BOM, detects CP949 (EUC-KR superset) when asked for `auto`.
enum TextDecoding {
    enum Failure: Error {
        case invalid(encoding: String, line: Int)
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func utf8(_ data: Data, declared: String) throws -> [UInt8] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        switch declared {
        case "utf-8":
            if let bad = firstInvalidUTF8(bytes) { throw Failure.invalid(encoding: "UTF-8", line: lineNumber(of: bad, in: bytes)) }
            return bytes
        case "cp949":
            return try fromCP949(bytes)
        default:
            if firstInvalidUTF8(bytes) == nil { return bytes }
            return try fromCP949(bytes)
        }
    }

    /// Offset of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8<C: RandomAccessCollection<UInt8>>(_ bytes: C) -> Int? where C.Index == Int {
        var i = bytes.startIndex
        let n = bytes.endIndex
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 } else { return i - bytes.startIndex }
            guard i + len <= n else { return i - bytes.startIndex }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return i - bytes.startIndex }
            i += len
        }
        return nil
    }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    static func fromCP949(_ bytes: [UInt8]) throws -> [UInt8] {
        let cd = iconv_open("UTF-8", "CP949")
        guard cd != iconv_t(bitPattern: -1) else { throw Failure.invalid(encoding: "CP949 (iconv unavailable)", line: 1) }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let produced: Int = try input.withUnsafeMutableBufferPointer { inBuf in
            try output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    let offset = inBuf.count - inLeft
                    throw Failure.invalid(encoding: "UTF-8 or CP949", line: lineNumber(of: offset, in: bytes))
                }
                return outBuf.count - outLeft
            }
        }
        return Array(output[..<produced])
    }
}
