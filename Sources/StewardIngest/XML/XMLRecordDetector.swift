import CLibXML2
import StewardModel

/// Finds the record element of a document whose pipeline names none, from the start of the document only (a 2 GB
/// export is not read twice).
///
/// Heuristic, in document order over at most ``sniffBytes`` bytes: the record element is the first element whose
/// next sibling element has the same name and namespace, provided the first one "looks like a contact": the names
/// of its attributes and of the leaf elements below it map (through the header alias table, see
/// ``XMLFieldRoles``) to at least two different fields, one of them a name part, organization, email or phone.
/// So in `<Contact>…<Phone/><Phone/>…</Contact><Contact>` the repeated `Phone`s (one field) are passed over and
/// `Contact` is chosen. Without such a repetition (a file with one contact), the deepest element with the most
/// mapped fields wins. Atom metadata (`id`, `title`, `author` …) and OData metadata do not count.
///
/// The result is an anchored path with exact namespaces (`/feed/entry` in the Atom namespace), read like a path
/// the pipeline wrote.
enum XMLRecordDetector {
    /// How much of the document is examined.
    static let sniffBytes = 4 << 20

    struct Detection: Sendable, Hashable {
        var path: XMLRecordPath
        /// Prefix → namespace URI for the prefixes in `path.description` (the file's own prefixes, `ns`, `ns2` …
        /// for default namespaces).
        var namespaces: [String: String]
    }

    private struct Frame {
        var name: UnsafePointer<UInt8>?
        var local: String
        var namespace: String?
        var prefix: String?
        var roles: UInt32 = 0
        var hasChild = false
        var skip = false
        var lastChild: (name: UnsafePointer<UInt8>?, namespace: String?)?
        var lastChildRoles: UInt32 = 0
    }

    static let identityRoles: UInt32 = [
        CanonicalField.fullName, .givenName, .familyName, .organization, .emails, .phones,
    ].reduce(0) { $0 | 1 << UInt32($1.ordinal) }

    /// At least two fields besides the source id, one of them a name part, organization, email or phone.
    static func qualifies(_ roles: UInt32) -> Bool {
        (roles & ~(1 << 31)).nonzeroBitCount >= 2 && roles & identityRoles != 0
    }

    /// Reads the document in `session` until the record element is found (or the input ends or fails).
    static func detect(session: XMLReaderSession, maxDepth: Int) -> Detection? {
        var visitor = Visitor(maxDepth: maxDepth)
        switch XMLNodePump.run(session, &visitor, emit: { _ in }) {
        case .complete, .failed: break
        case .refused: return nil
        }
        if let decided = visitor.decided { return decided }
        return visitor.best.map { detection($0.steps) }
    }

    private struct Visitor: XMLNodeVisitor {
        let maxDepth: Int
        var stack: [Frame] = []
        var best: (steps: [Frame], score: Int, depth: Int)?
        var decided: Detection?
        var finished: Bool { decided != nil }

        init(maxDepth: Int) {
            self.maxDepth = maxDepth
        }

        mutating func startElement(
            _ node: XMLNodePointer, depth: Int, isEmpty: Bool, emit: (SourceRecord) -> Void
        ) throws(XMLRefusal) {
            guard depth < maxDepth else { throw XMLRefusal(message: "too deep", line: nil) }
            if stack.count > depth { stack.removeSubrange(depth...) }
            guard stack.count == depth else { throw XMLRefusal(message: "lost track of depth", line: nil) }
            let frame = Frame(
                name: node.pointee.name, local: XMLNodes.string(node.pointee.name),
                namespace: node.pointee.ns?.pointee.href.map { XMLNodes.string($0) },
                prefix: node.pointee.ns?.pointee.prefix.map { XMLNodes.string($0) })
            if depth > 0, let last = stack[depth - 1].lastChild, last.name == frame.name,
                last.namespace == frame.namespace, qualifies(stack[depth - 1].lastChildRoles)
            {
                decided = detection(stack + [frame])
                return
            }
            if depth > 0 { stack[depth - 1].hasChild = true }
            var opened = frame
            opened.skip = (depth > 0 && stack[depth - 1].skip) || isMetadata(frame)
            if !opened.skip { opened.roles = attributeRoles(node) }
            stack.append(opened)
            if isEmpty { close() }
        }

        mutating func endElement(depth: Int, emit: (SourceRecord) -> Void) {
            guard stack.count == depth + 1 else { return }
            close()
        }

        func text(_ node: XMLNodePointer) {}

        func documentType(_ node: XMLNodePointer) throws(XMLRefusal) {
            let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self)
            if dtd.pointee.entities != nil || dtd.pointee.pentities != nil {
                throw XMLRefusal(message: "entities", line: nil)
            }
        }

        mutating func close() {
            guard var frame = stack.popLast() else { return }
            if !frame.hasChild && !frame.skip {
                frame.roles |= XMLFieldRoles.element(frame.local, parent: nil).roleBit
            }
            let depth = stack.count
            if qualifies(frame.roles) {
                let score = frame.roles.nonzeroBitCount
                if best == nil || score > best?.score ?? 0 || (score == best?.score && depth > best?.depth ?? 0) {
                    best = (stack + [frame], score, depth)
                }
            }
            guard depth > 0 else { return }
            if !frame.skip { stack[depth - 1].roles |= frame.roles }
            stack[depth - 1].lastChild = (frame.name, frame.namespace)
            stack[depth - 1].lastChildRoles = frame.roles
        }
    }

    private static func attributeRoles(_ node: XMLNodePointer) -> UInt32 {
        var roles: UInt32 = 0
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard current.pointee.ns == nil else { continue }
            roles |= XMLFieldRoles.attribute(XMLNodes.string(current.pointee.name), element: nil).roleBit
        }
        return roles
    }

    /// Atom feed metadata and OData metadata elements (their names say nothing about the record).
    private static func isMetadata(_ frame: Frame) -> Bool {
        guard let namespace = frame.namespace else { return false }
        if namespace == String(decoding: XMLRecordReader.atomURI, as: UTF8.self) {
            return XMLRecordReader.atomMetadata.contains(frame.local)
        }
        if namespace == String(decoding: XMLRecordReader.odataMetadataURI, as: UTF8.self) {
            return frame.local != "properties"
        }
        return false
    }

    private static func detection(_ frames: [Frame]) -> Detection {
        var namespaces: [String: String] = [:]
        var prefixByURI: [String: String] = [:]
        var steps: [XMLNameTest] = []
        for frame in frames {
            guard let uri = frame.namespace else {
                steps.append(XMLNameTest(localName: frame.local, namespace: .none, written: frame.local))
                continue
            }
            let prefix: String
            if let known = prefixByURI[uri] {
                prefix = known
            } else {
                var candidate = frame.prefix ?? "ns"
                var n = 1
                while namespaces[candidate] != nil {
                    n += 1
                    candidate = (frame.prefix ?? "ns") + "\(n)"
                }
                prefix = candidate
                prefixByURI[uri] = prefix
                namespaces[prefix] = uri
            }
            steps.append(XMLNameTest(localName: frame.local, namespace: .uri(uri), written: "\(prefix):\(frame.local)"))
        }
        return Detection(path: XMLRecordPath(steps: steps, anchored: true), namespaces: namespaces)
    }
}
