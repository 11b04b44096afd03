import Foundation

/// Header values of an Internet message (RFC 5322), with non-ASCII text as RFC 2047 encoded words.
public enum MailHeader {
    /// `text` as one or more `=?UTF-8?B?…?=` words, folded onto continuation lines; ASCII text is kept as is.
    ///
    /// Each word stays within RFC 2047's 75 characters and holds whole characters only, because a
    /// mail reader decodes every word on its own.
    public static func encode(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }) && text.count <= 900 {
            return text
        }
        // 39 bytes of UTF-8 give 52 base64 characters: "=?UTF-8?B?" + 52 + "?=" = 64 ≤ 75, and the first line,
        // "Subject: " + 64 = 73, stays within the 76 that RFC 2047 allows a line holding an encoded word.
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(chunk.base64EncodedString())
                chunk.removeAll()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append(chunk.base64EncodedString()) }
        return words.map { "=?UTF-8?B?\($0)?=" }.joined(separator: "\r\n ")
    }

    /// `mailbox` fit for a From or To header: a non-ASCII display name (`대전테크노파크 TFT <tft@example.org>`)
    /// becomes encoded words, the address stays as it is.
    public static func mailbox(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<") else { return mailbox }
        let name = mailbox[..<open].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.unicodeScalars.allSatisfy(\.isASCII) else { return mailbox }
        return "\(encode(name)) <\(address(mailbox))>"
    }

    /// The bare address of `mailbox` (`Name <a@b>` → `a@b`).
    public static func address(_ mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[mailbox.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return mailbox.trimmingCharacters(in: .whitespaces)
    }

    /// The domain of `mailbox`, for Message-IDs; `localhost` when it has none.
    public static func domain(_ mailbox: String) -> String {
        let bare = address(mailbox)
        guard let at = bare.lastIndex(of: "@") else { return "localhost" }
        let domain = bare[bare.index(after: at)...]
        return domain.isEmpty ? "localhost" : String(domain)
    }

    /// `date` as RFC 5322 wants it: `Mon, 29 Jun 2009 08:00:00 +0900`.
    public static func date(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
