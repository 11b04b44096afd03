import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs `XMLParser` over one workbook part, streamed (see `XMLPartStream`).
enum XLSXPartParser {
    enum Failure: Error {
        /// The part is not in the archive.
        case noPart(String)
        /// Decompression or XML failed; the text says what, with the part's line when the XML is at fault.
        case unreadable(String)
        /// The delegate stopped the parse with an error of the reader's own.
        case stopped(IntakeError)
    }

    /// A delegate that may stop the parse with a reader's error.
    class Delegate: NSObject, XMLParserDelegate {
        var stop: IntakeError?
        var xmlError: String?
        weak var parser: XMLParser?

        func fail(_ error: IntakeError) {
            if stop == nil { stop = error }
            parser?.abortParsing()
        }

        // Every callback a subclass uses is declared here: the protocol's witnesses are this class's methods,
        // so a subclass's own method would never be called unless it overrides one of these.
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes: [String: String]) {}
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {}
        func parser(_ parser: XMLParser, foundCharacters string: String) {}

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if xmlError == nil, stop == nil { xmlError = "line \(parser.lineNumber), column \(parser.columnNumber): \(parseError.localizedDescription)" }
        }
    }

    static func parse(_ bytes: WorkbookBytes, path: String, with delegate: Delegate) throws(Failure) {
        guard let stream = XMLPartStream(bytes, path: path) else { throw .unreadable("\(path) cannot be opened") }
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        delegate.parser = parser
        let ok = parser.parse()
        let decompression = stream.finish()
        if let stop = delegate.stop { throw .stopped(stop) }
        if let decompression {
            if decompression.hasPrefix("the workbook has no part") { throw .noPart(path) }
            throw .unreadable(decompression)
        }
        if let xml = delegate.xmlError { throw .unreadable("\(path) is not well-formed XML (\(xml))") }
        if !ok { throw .unreadable("\(path) is not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "unknown error"))") }
    }
}
