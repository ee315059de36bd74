import CLibXML2
import Foundation
import StewardModel

/// Turns the node events of one document (from the reader, or from the parsed-but-undelivered nodes after an error)
/// into records. Holds per-record state only: the open elements of the current record, its text and fields, plus
/// the open elements above it; memory does not grow with the file, unless repeated ids are checked
/// (``checkIDs``: one 64-bit hash and ordinal per source id, 12–24 bytes).
///
/// Values: an element's value is its text, CDATA and character references decoded, with the text of descendant
/// elements joined by a space (`<Name><First>Ann</First><Last>Lee</Last></Name>` → `Ann Lee`); an attribute's
/// value is its normalized value. Values are trimmed by ``RecordFields``; empty values are absent.
///
/// Hot-path state is plain data (no `String` or class reference per element): names are the reader's dictionary
/// pointers, kinds and extra-field names are indices into ``labels``, rules are flat tables.
struct XMLRecordReader: XMLNodeVisitor {
    enum Mode: UInt8 {
        case normal
        /// An OData/Atom wrapper (`content`, `m:properties`): its children count as the record's own.
        case transparent
        /// Atom feed metadata (`id`, `title`, `author`, `link` …) and OData metadata: not mapped.
        case skip
    }

    /// What a value does, as plain data: `label` indexes ``labels`` (the kind of an email or phone, the name of an
    /// extra field; -1 none).
    struct Action {
        enum Tag: UInt8 {
            case sourceID, single, email, phone, extra
        }

        var tag: Tag
        var field: CanonicalField
        var label: Int32

        var isContact: Bool { tag == .email || tag == .phone }
    }

    /// One open element of the current record.
    struct Frame {
        var name: UnsafePointer<UInt8>?
        var textStart: Int
        var hasChild = false
        var mode = Mode.normal
        /// The kind (label index) a `type`/`kind`/`label` attribute gives an email or phone element; -1 none.
        var kind: Int32 = -1
        /// Explicit mode: the field rules whose element steps match down to this element.
        var paths: UInt64 = 0
        /// Explicit mode: the rules whose value is this element's text.
        var values: UInt64 = 0
        /// The parent name children of this element are looked up with (`nil`: the record or a wrapper).
        var childContext: UnsafePointer<UInt8>?
    }

    /// An explicit field rule: element steps `steps[stepStart..<stepStart + stepCount]`, then maybe an attribute.
    struct Rule {
        var stepStart: Int
        var stepCount: Int
        var attribute: BoundNameTest?
        var action: Action
    }

    struct NameKey: Hashable {
        var context: UnsafeRawPointer?
        var name: UnsafeRawPointer
        var attribute: Bool
    }

    static let atomURI = Array("http://www.w3.org/2005/Atom".utf8)
    static let odataMetadataURI = Array("http://schemas.microsoft.com/ado/2007/08/dataservices/metadata".utf8)

    let displayPath: String
    let source: String
    let options: XMLOptions
    let recordSteps: [BoundNameTest]
    let anchored: Bool
    let rules: [Rule]
    let steps: [BoundNameTest]
    let explicit: Bool
    let allRules: UInt64
    /// Most text one record may hold before it is rejected (bounds memory on a hostile record).
    let maxRecordBytes: Int
    /// The dictionary pointers of `type`, `kind` and `label` (attributes that give an email's or phone's kind).
    let kindAttributes: [UnsafePointer<UInt8>]
    /// Reject a record whose source id an earlier record has (costs memory per record).
    let checkIDs: Bool
    /// Labels of the explicit rules (the first ones in ``labels``; kept when the caches are emptied).
    let ruleLabels: Int
    /// Names cached before the caches are emptied (a document with endless distinct names must not grow them).
    static let maxCachedNames = 4096

    // Above the record: the open elements, by depth.
    var ancestors: [XMLNodePointer] = []
    /// Whether any element was seen (a document without one is empty or not XML).
    var sawElement = false
    // The current record.
    var inRecord = false
    var recordDepth = 0
    var frames: [Frame] = []
    var text: [UInt8] = []
    var lastTextFrame = -1
    var fields = RecordFields()
    var sourceID: String?
    var problem: RejectReason?
    var sizeHint = 256
    // Results.
    /// Record elements completed (delivered or rejected): the ordinal of the last one.
    var ordinal = 0
    var delivered = 0
    var rejects: [Reject] = []
    var warnings: [String] = []
    var seenIDs: [Int: Int32] = [:]
    // Tables and caches.
    var labels: [String] = []
    var labelIndex: [String: Int32] = [:]
    var actionCache: [NameKey: Action] = [:]
    var nameKinds: [UnsafeRawPointer: Int32] = [:]
    /// Kind attribute values seen (`work`, `Mobile` …) and the label index of their kind.
    var kindValues: [(value: [UInt8], label: Int32)] = []
    var scratch: [UInt8] = []

    init(
        plan: XMLPlan, record: XMLRecordPath, options: XMLOptions, session: XMLReaderSession, displayPath: String,
        source: String, checkIDs: Bool
    ) {
        self.checkIDs = checkIDs
        self.displayPath = displayPath
        self.source = source
        self.options = options
        self.recordSteps = record.steps.map { BoundNameTest($0, session: session) }
        self.anchored = record.anchored
        var steps: [BoundNameTest] = []
        var rules: [Rule] = []
        var labels: [String] = []
        var labelIndex: [String: Int32] = [:]
        for rule in plan.fields {
            let action = XMLRecordReader.action(XMLFieldAction(rule.target), labels: &labels, index: &labelIndex)
            rules.append(
                Rule(
                    stepStart: steps.count, stepCount: rule.steps.count,
                    attribute: rule.attribute.map { BoundNameTest($0, session: session) }, action: action))
            steps += rule.steps.map { BoundNameTest($0, session: session) }
        }
        self.rules = rules
        self.steps = steps
        self.labels = labels
        self.labelIndex = labelIndex
        self.ruleLabels = labels.count
        self.explicit = !plan.fields.isEmpty
        self.allRules = plan.fields.count >= 64 ? UInt64.max : (UInt64(1) << UInt64(plan.fields.count)) - 1
        self.maxRecordBytes = max(16 << 20, options.maxFieldBytes.multipliedReportingOverflow(by: 4).partialValue)
        self.kindAttributes = ["type", "kind", "label"].compactMap(session.intern)
        text.reserveCapacity(4096)
        frames.reserveCapacity(16)
    }

    // MARK: - Events

    var finished: Bool { false }

    /// An element starts at `depth` (0: the document element).
    mutating func startElement(
        _ node: XMLNodePointer, depth: Int, isEmpty: Bool, emit: (SourceRecord) -> Void
    ) throws(XMLRefusal) {
        guard depth < options.maxDepth else {
            throw XMLRefusal(
                message: "elements nested deeper than \(options.maxDepth) levels (refused as hostile; the limit is "
                    + "the source's max depth)", line: Int(xmlGetLineNo(node)))
        }
        if inRecord {
            startChild(node, level: depth - recordDepth)
        } else {
            sawElement = true
            if ancestors.count > depth { ancestors.removeSubrange(depth...) }
            if isRecord(node, depth: depth) {
                startRecord(node, depth: depth)
            } else if ancestors.count == depth {
                ancestors.append(node)
            }
        }
        if isEmpty { endElement(depth: depth, emit: emit) }
    }

    /// The element at `depth` ends.
    @inline(__always)
    mutating func endElement(depth: Int, emit: (SourceRecord) -> Void) {
        guard inRecord else { return }
        endChild(level: depth - recordDepth)
        if depth == recordDepth { finishRecord(emit: emit) }
    }

    /// Text (or CDATA) inside the current element.
    @inline(__always)
    mutating func text(_ node: XMLNodePointer) {
        guard inRecord, let content = node.pointee.content else { return }
        let value = XMLNodes.buffer(UnsafePointer(content))
        // White space between elements separates nothing that the joining space does not.
        if value.isEmpty || (value[0] <= 0x20 && value.allSatisfy({ $0 <= 0x20 })) { return }
        if text.count + value.count > maxRecordBytes {
            if problem == nil {
                problem = .malformed("record holds more than \(maxRecordBytes) bytes of text (refused as hostile)")
            }
            return
        }
        let current = frames.count - 1
        if lastTextFrame != current {
            if !text.isEmpty { text.append(0x20) }
            lastTextFrame = current
        }
        text.append(contentsOf: value)
    }

    /// A DOCTYPE. One that declares entities is refused: expanding them is how billion-laughs (exponential) and
    /// quadratic blow-ups work, and loading them how external-entity (XXE) attacks read files and reach the
    /// network. An external DTD is never loaded (a warning says so).
    mutating func documentType(_ node: XMLNodePointer) throws(XMLRefusal) {
        let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self)
        let general = XMLRecordReader.entities(in: dtd.pointee.entities)
        let parameter = XMLRecordReader.entities(in: dtd.pointee.pentities)
        if !general.isEmpty || !parameter.isEmpty {
            let all = parameter.map { "%" + $0.name } + general.map(\.name)
            let shown = all.prefix(5).joined(separator: ", ") + (all.count > 5 ? ", … \(all.count) in all" : "")
            let external = (parameter + general).compactMap { entity in
                entity.system.map { "\(entity.name) → SYSTEM \"\($0)\"" }
            }
            let externalNote = external.isEmpty ? "" : "; external: " + external.prefix(3).joined(separator: ", ")
            throw XMLRefusal(
                message: "refused: the DOCTYPE declares entities (\(shown)\(externalNote)). Steward never expands "
                    + "or loads entities (billion-laughs, quadratic blow-up and external-entity attacks work that "
                    + "way); export without an internal DTD subset", line: nil)
        }
        if let system = dtd.pointee.SystemID {
            warnings.append(
                "\(displayPath): the DOCTYPE names an external DTD \"\(XMLNodes.string(system))\"; it was not loaded "
                    + "(Steward never loads DTDs or validates against them)")
        }
    }

    // MARK: - Record path

    @inline(__always)
    func isRecord(_ node: XMLNodePointer, depth: Int) -> Bool {
        let count = recordSteps.count
        guard count > 0 else { return false }
        if anchored ? depth != count - 1 : depth < count - 1 { return false }
        guard recordSteps[count - 1].matches(node) else { return false }
        var step = count - 2
        var level = depth - 1
        while step >= 0 {
            guard level < ancestors.count, recordSteps[step].matches(ancestors[level]) else { return false }
            step -= 1
            level -= 1
        }
        return true
    }

    // MARK: - Inside a record

    mutating func startRecord(_ node: XMLNodePointer, depth: Int) {
        inRecord = true
        recordDepth = depth
        fields = RecordFields()
        fields.reserveCapacity(bytes: sizeHint, values: 16)
        frames.append(Frame(name: node.pointee.name, textStart: 0, paths: allRules))
        if explicit {
            for p in rules.indices where rules[p].stepCount == 0 {
                if let attribute = rules[p].attribute { readAttribute(attribute, of: node, action: rules[p].action) }
            }
        } else {
            readAttributesAuto(of: node, element: nil, elementIsContact: false, frame: 0)
        }
    }

    mutating func startChild(_ node: XMLNodePointer, level: Int) {
        let parentIndex = frames.count - 1
        frames[parentIndex].hasChild = true
        var frame = Frame(name: node.pointee.name, textStart: text.count)
        if explicit {
            var candidates = frames[parentIndex].paths
            while candidates != 0 {
                let p = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                let stepCount = rules[p].stepCount
                guard stepCount >= level, steps[rules[p].stepStart + level - 1].matches(node) else { continue }
                frame.paths |= 1 << UInt64(p)
                guard stepCount == level else { continue }
                if let attribute = rules[p].attribute {
                    readAttribute(attribute, of: node, action: rules[p].action)
                } else {
                    frame.values |= 1 << UInt64(p)
                    if rules[p].action.isContact, frame.kind < 0 { frame.kind = kindAttribute(of: node) }
                }
            }
            frames.append(frame)
            return
        }
        let parentMode = frames[parentIndex].mode
        frame.mode = parentMode == .skip ? .skip : XMLRecordReader.mode(of: node)
        frame.childContext = frame.mode == .transparent ? frames[parentIndex].childContext : node.pointee.name
        frames.append(frame)
        if frame.mode == .normal, node.pointee.properties != nil, let name = node.pointee.name {
            let isContact = elementAction(name, context: frames[parentIndex].childContext).isContact
            readAttributesAuto(of: node, element: name, elementIsContact: isContact, frame: frames.count - 1)
        }
    }

    mutating func endChild(level: Int) {
        guard let frame = frames.popLast() else { return }
        if explicit {
            var values = frame.values
            while values != 0 {
                let p = values.trailingZeroBitCount
                values &= values - 1
                var action = rules[p].action
                if action.isContact { action.label = frame.kind >= 0 ? frame.kind : nameKind(frame.name) }
                emitText(from: frame.textStart, action: action, name: frame.name)
            }
        } else if level > 0, !frame.hasChild, frame.mode == .normal, let name = frame.name {
            var action = elementAction(name, context: frames[frames.count - 1].childContext)
            if frame.kind >= 0 && action.isContact { action.label = frame.kind }
            emitText(from: frame.textStart, action: action, name: name)
        }
        if lastTextFrame >= frames.count { lastTextFrame = -1 }
    }

    mutating func finishRecord(emit: (SourceRecord) -> Void) {
        ordinal += 1
        let location = SourceLocation(file: displayPath, ordinal: ordinal)
        defer { resetRecord() }
        if let problem {
            reject(problem, at: location)
            return
        }
        guard !fields.isEmpty else {
            reject(.emptyRecord, at: location)
            return
        }
        let id: String
        if let sourceID {
            id = sourceID
        } else {
            id = location.description
        }
        if checkIDs, let sourceID {
            let key = sourceID.hashValue
            if let first = seenIDs[key] {
                reject(.duplicateSourceID(sourceID, firstSeen: "\(displayPath)#\(first)"), at: location)
                return
            }
            seenIDs[key] = Int32(truncatingIfNeeded: ordinal)
        }
        delivered += 1
        emit(SourceRecord(source: source, sourceID: id, location: location, fields: fields))
    }

    mutating func resetRecord() {
        sizeHint = min(text.count + 256, 1 << 20)
        inRecord = false
        frames.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        lastTextFrame = -1
        sourceID = nil
        problem = nil
        fields = RecordFields()
        if labels.count > XMLRecordReader.maxCachedNames || actionCache.count > XMLRecordReader.maxCachedNames
            || nameKinds.count > XMLRecordReader.maxCachedNames
        {
            labels.removeSubrange(ruleLabels...)
            labelIndex = labelIndex.filter { $0.value < ruleLabels }
            actionCache.removeAll()
            nameKinds.removeAll()
            kindValues.removeAll()
        }
    }

    mutating func reject(_ reason: RejectReason, at location: SourceLocation) {
        var parts: [String] = []
        if let sourceID { parts.append("id=\(sourceID)") }
        parts += fields.setFields.map { "\($0.field.rawValue)=\($0.value)" }
        parts += fields.emails.map { "email=\($0.value)" } + fields.phones.map { "phone=\($0.value)" }
        parts += fields.extras.map { "\($0.name)=\($0.value)" }
        rejects.append(
            Reject(source: source, location: location, reason: reason, rawText: parts.joined(separator: " | ")))
    }

    // MARK: - Values

    @inline(__always)
    mutating func emitText(from start: Int, action: Action, name: UnsafePointer<UInt8>?) {
        guard start < text.count else { return }
        text.withUnsafeBufferPointer { all in
            emit(UnsafeBufferPointer(rebasing: all[start...]), action: action, name: name)
        }
    }

    mutating func emit(_ value: UnsafeBufferPointer<UInt8>, action: Action, name: UnsafePointer<UInt8>?) {
        guard value.count <= options.maxFieldBytes else {
            if problem == nil {
                problem = .malformed(
                    "the value of \(XMLNodes.string(name)) is longer than \(options.maxFieldBytes) bytes")
            }
            return
        }
        switch action.tag {
        case .single:
            fields.set(action.field, utf8: value)
        case .email:
            fields.addEmail(utf8: value, kind: action.label >= 0 ? labels[Int(action.label)] : nil)
        case .phone:
            fields.addPhone(utf8: value, kind: action.label >= 0 ? labels[Int(action.label)] : nil)
        case .extra:
            fields.addExtra(labels[Int(action.label)], utf8: value)
        case .sourceID:
            var start = 0
            var end = value.count
            while start < end && value[start] <= 0x20 { start += 1 }
            while end > start && value[end - 1] <= 0x20 { end -= 1 }
            guard start < end else { return }
            let id = String(decoding: UnsafeBufferPointer(rebasing: value[start..<end]), as: UTF8.self)
            if sourceID == nil {
                sourceID = id
            } else if sourceID != id {
                fields.addExtra("alternate_id", id)
            }
        }
    }

    /// Explicit mode: the attribute `test` of `node` feeds `action`.
    mutating func readAttribute(_ test: BoundNameTest, of node: XMLNodePointer, action: Action) {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard test.matches(name: current.pointee.name, namespace: current.pointee.ns) else { continue }
            var action = action
            if action.isContact { action.label = nameKind(node.pointee.name) }
            let name = current.pointee.name
            var scratch = self.scratch
            let ok = XMLNodes.withValue(of: current, scratch: &scratch) { emit($0, action: action, name: name) }
            self.scratch = scratch
            if !ok { problem = problem ?? .malformed("attribute \(XMLNodes.string(name)) holds an entity reference") }
            return
        }
    }

    /// Auto mode: every attribute outside a namespace feeds the field its name maps to; `type`/`kind`/`label` on
    /// an email or phone element gives its kind instead.
    mutating func readAttributesAuto(
        of node: XMLNodePointer, element: UnsafePointer<UInt8>?, elementIsContact: Bool, frame: Int
    ) {
        var attribute = node.pointee.properties
        var scratch = self.scratch
        defer { self.scratch = scratch }
        while let current = attribute {
            attribute = current.pointee.next
            guard current.pointee.ns == nil, let name = current.pointee.name else { continue }
            if elementIsContact, kindAttributes.contains(name) {
                _ = XMLNodes.withValue(of: current, scratch: &scratch) { frames[frame].kind = kindLabel(ofValue: $0) }
                continue
            }
            let action = attributeAction(name, element: element)
            let ok = XMLNodes.withValue(of: current, scratch: &scratch) { emit($0, action: action, name: name) }
            if !ok { problem = problem ?? .malformed("attribute \(XMLNodes.string(name)) holds an entity reference") }
        }
    }

    /// The kind (label index) a `type`, `kind` or `label` attribute (no namespace) gives an element; -1 none.
    mutating func kindAttribute(of node: XMLNodePointer) -> Int32 {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard current.pointee.ns == nil, let name = current.pointee.name, kindAttributes.contains(name) else {
                continue
            }
            var kind: Int32 = -1
            var scratch = self.scratch
            _ = XMLNodes.withValue(of: current, scratch: &scratch) { kind = kindLabel(ofValue: $0) }
            self.scratch = scratch
            return kind
        }
        return -1
    }

    /// The kind of a type attribute's value (`Work` → `work`, `cell` → `mobile`), cached by value (a short list:
    /// exports use a handful of type values, and a hit allocates nothing).
    mutating func kindLabel(ofValue value: UnsafeBufferPointer<UInt8>) -> Int32 {
        for entry in kindValues where entry.value.elementsEqual(value) { return entry.label }
        let label = RowMapper.kind(fromTypeCell: String(decoding: value, as: UTF8.self)).map { intern($0) } ?? -1
        if kindValues.count < 32 { kindValues.append((Array(value), label)) }
        return label
    }

    mutating func intern(_ label: String) -> Int32 {
        if let index = labelIndex[label] { return index }
        let index = Int32(labels.count)
        labels.append(label)
        labelIndex[label] = index
        return index
    }

    static func action(_ action: XMLFieldAction, labels: inout [String], index: inout [String: Int32]) -> Action {
        func intern(_ label: String?) -> Int32 {
            guard let label else { return -1 }
            if let known = index[label] { return known }
            let new = Int32(labels.count)
            labels.append(label)
            index[label] = new
            return new
        }
        switch action {
        case .sourceID: return Action(tag: .sourceID, field: .fullName, label: -1)
        case .single(let field): return Action(tag: .single, field: field, label: -1)
        case .email(let kind): return Action(tag: .email, field: .emails, label: intern(kind))
        case .phone(let kind): return Action(tag: .phone, field: .phones, label: intern(kind))
        case .extra(let name): return Action(tag: .extra, field: .fullName, label: intern(name))
        }
    }

    // MARK: - Name lookups (cached by the reader's dictionary pointers)

    mutating func elementAction(_ name: UnsafePointer<UInt8>, context: UnsafePointer<UInt8>?) -> Action {
        let key = NameKey(context: context.map(UnsafeRawPointer.init), name: UnsafeRawPointer(name), attribute: false)
        if let cached = actionCache[key] { return cached }
        let found = XMLFieldRoles.element(XMLNodes.string(name), parent: context.map { XMLNodes.string($0) })
        let action = XMLRecordReader.action(found, labels: &labels, index: &labelIndex)
        actionCache[key] = action
        return action
    }

    mutating func attributeAction(_ name: UnsafePointer<UInt8>, element: UnsafePointer<UInt8>?) -> Action {
        let key = NameKey(context: element.map(UnsafeRawPointer.init), name: UnsafeRawPointer(name), attribute: true)
        if let cached = actionCache[key] { return cached }
        let found = XMLFieldRoles.attribute(XMLNodes.string(name), element: element.map { XMLNodes.string($0) })
        let action = XMLRecordReader.action(found, labels: &labels, index: &labelIndex)
        actionCache[key] = action
        return action
    }

    /// The kind (label index) the alias table gives an element's name (`MobilePhone` → `mobile`); -1 none.
    mutating func nameKind(_ name: UnsafePointer<UInt8>?) -> Int32 {
        guard let name else { return -1 }
        if let cached = nameKinds[UnsafeRawPointer(name)] { return cached }
        let kind = XMLFieldRoles.kind(ofName: XMLNodes.string(name)).map { intern($0) } ?? -1
        nameKinds[UnsafeRawPointer(name)] = kind
        return kind
    }

    /// Auto mode: how an element in the Atom or OData metadata namespace is treated.
    static func mode(of node: XMLNodePointer) -> Mode {
        guard let href = node.pointee.ns?.pointee.href else { return .normal }
        if XMLNodes.equals(href, atomURI) {
            let name = XMLNodes.string(node.pointee.name)
            return name == "content" ? .transparent : atomMetadata.contains(name) ? .skip : .normal
        }
        if XMLNodes.equals(href, odataMetadataURI) {
            return XMLNodes.string(node.pointee.name) == "properties" ? .transparent : .skip
        }
        return .normal
    }

    /// Atom elements that describe the feed entry, not the contact (RFC 4287 §4.2).
    static let atomMetadata: Set<String> = [
        "id", "title", "updated", "author", "link", "category", "summary", "rights", "published", "contributor",
        "source", "generator", "icon", "logo", "subtitle",
    ]

    // MARK: - DTD entities

    struct DeclaredEntity {
        var name: String
        var system: String?
    }

    /// The entities in a DTD's entity table (`xmlHashTable` of `xmlEntity`).
    static func entities(in table: UnsafeMutableRawPointer?) -> [DeclaredEntity] {
        guard let table else { return [] }
        final class Box {
            var entities: [DeclaredEntity] = []
        }
        let box = Box()
        xmlHashScan(
            OpaquePointer(table),
            { payload, context, _ in
                guard let payload, let context else { return }
                let entity = payload.assumingMemoryBound(to: xmlEntity.self).pointee
                Unmanaged<Box>.fromOpaque(context).takeUnretainedValue().entities.append(
                    DeclaredEntity(
                        name: XMLNodes.string(entity.name),
                        system: entity.SystemID.map { XMLNodes.string($0) }))
            }, Unmanaged.passUnretained(box).toOpaque())
        return box.entities.sorted { $0.name < $1.name }
    }
}
