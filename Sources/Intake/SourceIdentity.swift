/// What identifies one version of a source: its location, the SHA-256 of its body and the HTTP validators.
public struct SourceIdentity: Sendable, Hashable {
    public var url: String?
    public var digest: String?
    public var etag: String?
    public var lastModified: String?
    /// The server answered 304 to a conditional GET: the body is the previous week's.
    public var notModified: Bool

    public init(url: String? = nil, digest: String?, etag: String? = nil, lastModified: String? = nil, notModified: Bool = false) {
        self.url = url
        self.digest = digest
        self.etag = etag
        self.lastModified = lastModified
        self.notModified = notModified
    }
}
