import CLibXML2
import StewardModel

/// Why reading stopped before the end of a document, decided by Steward rather than by libxml2 (entities, depth).
struct XMLRefusal: Error, Sendable {
    var message: String
    /// The line it concerns, when known.
    var line: Int?
}

/// Receives the nodes of a document in document order (``XMLNodePump``).
protocol XMLNodeVisitor {
    /// An element starts at `depth` (0: the document element); `isEmpty`: `<x/>`, no end call follows.
    mutating func startElement(
        _ node: XMLNodePointer, depth: Int, isEmpty: Bool, emit: (SourceRecord) -> Void
    ) throws(XMLRefusal)
    /// The element at `depth` ends.
    mutating func endElement(depth: Int, emit: (SourceRecord) -> Void)
    /// A text or CDATA node.
    mutating func text(_ node: XMLNodePointer)
    /// A DOCTYPE (`node` is an `xmlDtd`).
    mutating func documentType(_ node: XMLNodePointer) throws(XMLRefusal)
    /// True once the visitor needs no more nodes.
    var finished: Bool { get }
}

/// Feeds a document's nodes from libxml2's streaming reader to a visitor; after a libxml2 error, feeds on the
/// nodes libxml2 had parsed but not yet delivered.
enum XMLNodePump {
    enum Ending {
        /// The document was read to its end (or the visitor finished).
        case complete
        /// libxml2 stopped on a fatal error (in the session's sink); the parsed nodes were visited.
        case failed
        /// Steward stopped reading.
        case refused(XMLRefusal)
    }

    static let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    static let endElementType = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    static let textType = Int32(XML_READER_TYPE_TEXT.rawValue)
    static let cdataType = Int32(XML_READER_TYPE_CDATA.rawValue)
    static let documentTypeType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
    static let entityReferenceType = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)

    /// Reads the whole document of `session` into `visitor`.
    ///
    /// - Complexity: O(n) in the document; per node one `xmlTextReaderRead` and a few accessor calls.
    static func run<Visitor: XMLNodeVisitor>(
        _ session: XMLReaderSession, _ visitor: inout Visitor, emit: (SourceRecord) -> Void
    ) -> Ending {
        let reader = session.reader
        var lastNode: XMLNodePointer?
        var lastOpened = false
        let sink = session.sink
        while true {
            let status = xmlTextReaderRead(reader)
            if status < 0 || sink.refusal != nil { break }
            if status == 0 { return .complete }
            guard let node = xmlTextReaderCurrentNode(reader) else { continue }
            do throws(XMLRefusal) {
                switch xmlTextReaderNodeType(reader) {
                case elementType:
                    let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                    try visitor.startElement(node, depth: Int(xmlTextReaderDepth(reader)), isEmpty: isEmpty, emit: emit)
                    lastOpened = !isEmpty
                case endElementType:
                    visitor.endElement(depth: Int(xmlTextReaderDepth(reader)), emit: emit)
                    lastOpened = false
                case textType, cdataType:
                    visitor.text(node)
                    lastOpened = false
                case documentTypeType:
                    try visitor.documentType(node)
                    lastOpened = false
                case entityReferenceType:
                    throw entityReference(node)
                default:
                    lastOpened = false
                }
            } catch {
                return .refused(error)
            }
            lastNode = node
            if visitor.finished { return .complete }
        }
        // Stopped early (an error, or a message Steward refuses): read on through what libxml2 had parsed.
        let document = lastNode == nil ? session.takeDocument() : nil
        do throws(XMLRefusal) {
            try salvage(
                visitor: &visitor, from: lastNode, opened: lastOpened, document: document, open: sink.openElements,
                emit: emit)
        } catch {
            return .refused(error)
        }
        if let issue = sink.refusal { return .refused(XMLRefusal(message: refusalMessage(issue), line: issue.line)) }
        return .failed
    }

    /// After libxml2 stopped on an error: visits the nodes it had parsed but not yet delivered.
    ///
    /// libxml2's reader parses ahead in 512-byte blocks and reports an error as soon as the block that holds it is
    /// parsed, so records complete before the error but in the same block would otherwise be lost. The partial
    /// document tree still holds them. The walk goes on in document order from the last delivered node and stops
    /// at the first element whose end tag was not parsed, so a record cut by the error is never completed.
    ///
    /// - Parameters:
    ///   - document: where to start when no node was delivered at all (the error came in the first block).
    ///   - open: the elements still open when libxml2 stopped (from the parser context); `nil` when unknown, then
    ///     an element counts as ended when it or an ancestor has a following sibling.
    static func salvage<Visitor: XMLNodeVisitor>(
        visitor: inout Visitor, from last: XMLNodePointer?, opened: Bool, document: UnsafeMutablePointer<xmlDoc>?,
        open: Set<UnsafeMutableRawPointer>?, emit: (SourceRecord) -> Void
    ) throws(XMLRefusal) {
        func ended(_ node: XMLNodePointer) -> Bool {
            if let open { return !open.contains(UnsafeMutableRawPointer(node)) }
            var current = node
            while true {
                if current.pointee.next != nil { return true }
                guard let parent = current.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else {
                    return false
                }
                current = parent
            }
        }
        var node: XMLNodePointer
        var depth: Int
        var visit: Bool
        if let last {
            node = last
            depth = XMLNodePump.depth(of: last)
            visit = false
            if opened && last.pointee.type == XML_ELEMENT_NODE {
                if let child = last.pointee.children {
                    node = child
                    depth += 1
                    visit = true
                } else {
                    guard ended(last) else { return }
                    visitor.endElement(depth: depth, emit: emit)
                }
            }
        } else {
            guard let first = document?.pointee.children else { return }
            node = first
            depth = 0
            visit = true
        }
        while !visitor.finished {
            if visit {
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    try visitor.startElement(node, depth: depth, isEmpty: false, emit: emit)
                    if let child = node.pointee.children {
                        node = child
                        depth += 1
                        continue
                    }
                    guard ended(node) else { return }
                    visitor.endElement(depth: depth, emit: emit)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    visitor.text(node)
                case XML_DTD_NODE:
                    try visitor.documentType(node)
                case XML_ENTITY_REF_NODE:
                    throw entityReference(node)
                default:
                    break
                }
            }
            // `node` is done: on to its next sibling, or up to end its parent.
            if let next = node.pointee.next {
                node = next
                visit = true
                continue
            }
            guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, ended(parent) else {
                return
            }
            node = parent
            depth -= 1
            visitor.endElement(depth: depth, emit: emit)
            visit = false
        }
    }

    /// Elements above `node`.
    static func depth(of node: XMLNodePointer) -> Int {
        var depth = 0
        var parent = node.pointee.parent
        while let current = parent, current.pointee.type == XML_ELEMENT_NODE {
            depth += 1
            parent = current.pointee.parent
        }
        return depth
    }

    /// An entity reference left in the document (only possible for entities an unread external DTD might
    /// declare): refused rather than read without its text.
    static func entityReference(_ node: XMLNodePointer) -> XMLRefusal {
        XMLRefusal(
            message: "refused: entity reference &\(XMLNodes.string(node.pointee.name)); is not declared in the "
                + "document (XML predefines only &amp; &lt; &gt; &quot; &apos;; write other characters as "
                + "character references such as &#160;)", line: Int(xmlGetLineNo(node)))
    }

    /// The message for a libxml2 report that makes Steward stop (see ``XMLErrorSink/refusedCodes``).
    static func refusalMessage(_ issue: XMLParseIssue) -> String {
        switch issue.code {
        case Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue):
            return "refused at \(issue.position): \(issue.message) (XML predefines only &amp; &lt; &gt; &quot; "
                + "&apos;; write other characters as character references such as &#160;)"
        case Int(XML_ERR_ENTITY_LOOP.rawValue):
            return "refused at \(issue.position): entity expansion blow-up (\(issue.message))"
        default:
            return "refused at \(issue.position): the document tries to load an external resource "
                + "(\(issue.message))"
        }
    }
}
