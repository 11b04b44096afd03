@testable import Intake
import Testing

struct CSVReaderTests {
    /// Every record as (line, fields), tokenised from chunks of `size` bytes.
    static func records(_ text: String, chunk size: Int) throws -> [[String]] {
        var out: [[String]] = []
        var reader = CSVReader()
        let bytes = Array(text.utf8)
        let collect: (CSVRecord) -> Void = { record in
            out.append(["\(record.line)"] + (0..<record.count).map { String(decoding: record.bytesOf($0), as: UTF8.self) })
        }
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + size)
                try reader.feed(UnsafeBufferPointer(rebasing: all[start..<end]), collect)
                start = end
            }
        }
        try reader.finish(collect)
        return out
    }

    static let tricky = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n1,,\"\"\nlast,row,\"no newline\""

    @Test("RFC 4180 records: commas, doubled quotes and newlines inside quotes, CRLF, blank lines, no final newline")
    func grammar() throws {
        #expect(try Self.records(Self.tricky, chunk: 1 << 20) == [
            ["1", "a", "b", "c"],
            ["2", "x, y", "say \"hi\"", "two\r\nlines"],
            ["5", "1", "", ""],
            ["6", "last", "row", "no newline"],
        ])
    }

    @Test("the same records whatever the chunk size: a chunk may end inside a quote, a CRLF or a doubled quote",
          arguments: [1, 2, 3, 5, 7, 13, 64])
    func chunkBoundaries(size: Int) throws {
        #expect(try Self.records(Self.tricky, chunk: size) == Self.records(Self.tricky, chunk: 1 << 20))
    }

    @Test("broken quoting is an error with the line", arguments: [
        ("a,b\nx,y\"z\n", CSVReader.Failure.strayQuote(line: 2, field: 2)),
        ("a,b\n\"x\"y,z\n", CSVReader.Failure.strayQuote(line: 2, field: 1)),
        ("a,b\nx,\"open\n\nstill open", CSVReader.Failure.unterminatedQuote(line: 2, field: 2)),
    ])
    func brokenQuoting(text: String, failure: CSVReader.Failure) {
        for size in [1, 4, 1 << 20] {
            #expect(throws: failure) { try Self.records(text, chunk: size) }
        }
    }
}
