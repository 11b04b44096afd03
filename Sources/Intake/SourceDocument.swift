import Foundation
import Transport

/// The raw bytes of a figures source as fetched, with what identifies this version of it.
public struct SourceDocument: Sendable {
    /// The file path or the redacted URL, for messages.
    public let name: String
    public let data: Data
    public let etag: String?
    public let lastModified: String?

    public init(name: String, data: Data, etag: String? = nil, lastModified: String? = nil) {
        self.name = name
        self.data = data
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Fetches a source from a `file:` path or an http(s) URL through libcurl.
public struct SourceFetcher: Sendable {
    public let client: HTTPClient

    public init(client: HTTPClient) { self.client = client }

    public func fetch(url: String, headers: [(name: String, value: String)]) throws(IntakeError) -> SourceDocument {
        if url.hasPrefix("file:") {
            let path = String(url.dropFirst(5))
            guard FileManager.default.fileExists(atPath: path) else { throw .missing(source: path) }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .badData(source: path, line: 1, column: nil, message: "cannot be read (permissions?)")
            }
            return SourceDocument(name: path, data: data)
        }
        do {
            let response = try client.fetch(HTTPRequest(url: url, headers: headers))
            return SourceDocument(name: client.redactor.redact(url), data: response.body,
                                  etag: response.header("etag"), lastModified: response.header("last-modified"))
        } catch {
            throw .unreachable(error)
        }
    }
}
