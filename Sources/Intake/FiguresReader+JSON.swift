import Budget
import Foundation

/// Cumulative figures from JSON: an array of objects with the same fields as the CSV's columns.
extension FiguresReader {
    func readJSON(_ document: SourceDocument) throws(IntakeError) -> [Row] {
        let bytes: [UInt8]
        do { bytes = try TextDecoding.utf8(document.data, declared: encoding.rawValue) } catch {
            throw .badData(source: document.name, line: 1, column: nil, message: "not valid UTF-8 or CP949 text")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty(source: document.name) }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            let (line, detail) = Self.jsonErrorLine(error, in: bytes)
            throw .badData(source: document.name, line: line, column: nil, message: "not valid JSON: \(detail)")
        }
        // Foundation keeps the last of two equal keys: `{"executed": 1, "executed": 2}` would be ₩2 without a word.
        if let duplicate = Self.duplicateKey(bytes) {
            throw .badData(source: document.name, line: duplicate.line, column: duplicate.key,
                           message: "the key '\(duplicate.key)' appears twice in one object; which value counts is not for spendwatch to guess")
        }
        guard let array = parsed as? [Any] else {
            throw .badData(source: document.name, line: 1, column: nil, message: "expected a JSON array of objects")
        }
        let lines = Self.elementLines(bytes)
        var rows: [Row] = []
        for (i, element) in array.enumerated() {
            let line = i < lines.count ? lines[i] : 1
            guard let object = element as? [String: Any] else {
                throw .badData(source: document.name, line: line, column: nil, message: "element \(i + 1) is not an object")
            }
            rows.append(try row(line: line, source: document.name) { field in
                let key = column(field)
                guard let value = object[key] ?? object.first(where: { $0.key.lowercased() == key.lowercased() })?.value else { return nil }
                switch value {
                case let s as String: return (key, s)
                // JSON true/false arrive as NSNumber too ("c"): shown as written, so they fail as amounts
                // instead of counting as ₩1 and ₩0.
                case let n as NSNumber where String(cString: n.objCType) == "c": return (key, n.boolValue ? "true" : "false")
                case let n as NSNumber: return (key, n.stringValue)
                default: return (key, "\(value)")
                }
            })
        }
        return rows
    }

    /// The line Foundation's parser stopped on ("around character N", or the last line when the text
    /// ends too soon) and its words, so a broken JSON file names a line like a broken CSV does.
    static func jsonErrorLine(_ error: any Error, in bytes: [UInt8]) -> (line: Int, detail: String) {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        func line(at offset: Int) -> Int { 1 + bytes.prefix(max(0, min(offset, bytes.count))).filter { $0 == 0x0A }.count }
        if let match = detail.firstMatch(of: #/character (\d+)/#), let offset = Int(match.1) {
            return (line(at: offset), detail)
        }
        if detail.lowercased().contains("end of file") || detail.lowercased().contains("end of data") {
            var end = bytes.count
            while end > 0, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
            return (line(at: end), detail + " (the file is cut short)")
        }
        return (1, detail)
    }

    /// The first key that one object holds twice, with its line (keys compared as written).
    static func duplicateKey(_ bytes: [UInt8]) -> (line: Int, key: String)? {
        struct Level { var isObject: Bool; var keys: Set<[UInt8]> = []; var expectingKey: Bool }
        var stack: [Level] = []
        var line = 1
        var string: [UInt8]?
        var escaped = false
        for b in bytes {
            if b == UInt8(ascii: "\n") { line += 1 }
            if var text = string {
                if escaped { escaped = false; text.append(b) } else if b == UInt8(ascii: "\\") { escaped = true; text.append(b) } else if b == UInt8(ascii: "\"") {
                    string = nil
                    if let top = stack.indices.last, stack[top].isObject, stack[top].expectingKey {
                        stack[top].expectingKey = false
                        guard stack[top].keys.insert(text).inserted else { return (line, String(decoding: text, as: UTF8.self)) }
                    }
                    continue
                } else { text.append(b) }
                string = text
                continue
            }
            switch b {
            case UInt8(ascii: "\""): string = []
            case UInt8(ascii: "{"): stack.append(Level(isObject: true, expectingKey: true))
            case UInt8(ascii: "["): stack.append(Level(isObject: false, expectingKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","): if let top = stack.indices.last, stack[top].isObject { stack[top].expectingKey = true }
            default: break
            }
        }
        return nil
    }

    /// The line on which each top-level array element starts, so JSON errors can name a line too.
    static func elementLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        for b in bytes {
            if b == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 1 { lines.append(line) }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return lines
    }
}
