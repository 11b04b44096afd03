import Foundation

/// A file sent with an e-mail, base64 in its own MIME part.
public struct EmailAttachment: Sendable, Codable, Hashable {
    /// An ASCII name (`projects-2009-W26.csv`): no mail reader must decode it.
    public var fileName: String
    /// `text/csv; charset=UTF-8`.
    public var contentType: String
    public var data: Data

    public init(fileName: String, contentType: String, data: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }
}
