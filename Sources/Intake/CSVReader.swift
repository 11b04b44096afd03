/// RFC 4180 CSV over UTF-8 bytes: quoted fields with commas, quotes and newlines; CRLF or LF.
///
/// Calls back once per record with its fields and the line the record starts on, so errors can
/// name the line a person sees in an editor.
struct CSVReader {
    enum Failure: Error {
        case unterminatedQuote(line: Int)
        case strayQuote(line: Int, field: Int)
    }

    let bytes: [UInt8]

    func forEachRecord(_ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        let n = bytes.count
        var inQuotes = false
        var wasQuoted = false
        var atRecordStart = true

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }

        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                endField()
                atRecordStart = false
            case UInt8(ascii: "\r") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                if !(atRecordStart && field.isEmpty && fields.isEmpty) {
                    endField()
                    try body(fields, recordLine)
                }
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
                atRecordStart = true
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else { throw Failure.strayQuote(line: line, field: fields.count + 1) }
                inQuotes = true
                wasQuoted = true
                atRecordStart = false
            default:
                if wasQuoted { throw Failure.strayQuote(line: line, field: fields.count + 1) }
                field.append(b)
                atRecordStart = false
            }
            i += 1
        }
        if inQuotes { throw Failure.unterminatedQuote(line: recordLine) }
        if !(atRecordStart && field.isEmpty && fields.isEmpty) {
            endField()
            try body(fields, recordLine)
        }
    }
}
