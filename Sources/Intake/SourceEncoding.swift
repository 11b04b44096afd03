/// The text encoding of a source (`source.encoding`): `auto` tells UTF-8 from CP949 by the bytes.
public enum SourceEncoding: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    /// CP949, the EUC-KR superset Korean finance systems export.
    case cp949
}
