import CLibXML2
import Foundation

typealias XMLNodePointer = UnsafeMutablePointer<xmlNode>

/// Byte-level reads of libxml2 tree nodes (the reader's current node and, after an error, the nodes it had parsed
/// but not yet delivered). Values are libxml2's UTF-8; nothing here allocates unless an attribute value is split
/// over several nodes.
enum XMLNodes {
    /// A NUL-terminated libxml2 string as a buffer (without the NUL).
    @inline(__always)
    static func buffer(_ text: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// Whether the NUL-terminated `text` equals `bytes`.
    @inline(__always)
    static func equals(_ text: UnsafePointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where text[i] != b[i] { return false }
            return text[b.count] == 0
        }
    }

    static func string(_ text: UnsafePointer<UInt8>?) -> String {
        guard let text else { return "" }
        return String(decoding: buffer(text), as: UTF8.self)
    }

    /// The namespace URI of an element or attribute, `nil` when it has none.
    @inline(__always)
    static func namespaceURI(_ ns: UnsafeMutablePointer<xmlNs>?) -> UnsafePointer<UInt8>? {
        ns?.pointee.href
    }

    /// Whether two NUL-terminated strings are equal.
    @inline(__always)
    static func equals(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> Bool {
        if a == b { return true }
        let left = UnsafeRawPointer(a).assumingMemoryBound(to: CChar.self)
        let right = UnsafeRawPointer(b).assumingMemoryBound(to: CChar.self)
        return strcmp(left, right) == 0
    }

    /// Calls `body` with the value of attribute `attribute`: its single text child directly, or the text of all
    /// its children joined. Returns `false` without calling `body` when the value holds an entity reference
    /// (refused: Steward never expands entities).
    static func withValue(
        of attribute: UnsafeMutablePointer<xmlAttr>, scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Bool {
        guard let first = attribute.pointee.children else {
            body(UnsafeBufferPointer(start: nil, count: 0))
            return true
        }
        if first.pointee.next == nil, first.pointee.type == XML_TEXT_NODE, let content = first.pointee.content {
            body(buffer(content))
            return true
        }
        scratch.removeAll(keepingCapacity: true)
        var child: XMLNodePointer? = first
        while let node = child {
            guard node.pointee.type == XML_TEXT_NODE else { return false }
            if let content = node.pointee.content { scratch.append(contentsOf: buffer(content)) }
            child = node.pointee.next
        }
        scratch.withUnsafeBufferPointer(body)
        return true
    }
}

/// A ``XMLNameTest`` bound to one reader: the local name and the namespace URI as the reader's dictionary
/// pointers (element and attribute names of nodes are those very pointers, so a name test is a pointer comparison;
/// a namespace URI is compared as a string). Plain data, so matching copies nothing.
struct BoundNameTest {
    enum Namespace: UInt8 {
        case any
        case none
        case uri
    }

    /// `nil` for `*`.
    var localName: UnsafePointer<UInt8>?
    var namespace: Namespace
    var uri: UnsafePointer<UInt8>?

    init(_ test: XMLNameTest, session: XMLReaderSession) {
        localName = test.localName.flatMap(session.intern)
        switch test.namespace {
        case .any:
            namespace = .any
        case .none:
            namespace = .none
        case .uri(let text):
            namespace = .uri
            uri = session.intern(text)
        }
    }

    @inline(__always)
    func matches(name: UnsafePointer<UInt8>?, namespace ns: UnsafeMutablePointer<xmlNs>?) -> Bool {
        if let localName, name != localName { return false }
        switch namespace {
        case .any: return true
        case .none: return ns == nil
        case .uri:
            guard let href = ns?.pointee.href, let uri else { return false }
            return XMLNodes.equals(href, uri)
        }
    }

    @inline(__always)
    func matches(_ node: XMLNodePointer) -> Bool {
        matches(name: node.pointee.name, namespace: node.pointee.ns)
    }
}
