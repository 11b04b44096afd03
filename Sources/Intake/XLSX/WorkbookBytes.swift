import Foundation
import ZIPFoundation

/// Where a workbook's bytes are: a file read from disk as it is parsed, or a body already fetched (http).
enum WorkbookBytes: Sendable {
    case file(path: String)
    case data(Data)

    /// Opens the ZIP archive; nil when the bytes are not one (an old `.xls`, an HTML error page, a CSV).
    func archive() -> Archive? {
        switch self {
        case let .file(path): try? Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        case let .data(data): try? Archive(data: data, accessMode: .read)
        }
    }
}
