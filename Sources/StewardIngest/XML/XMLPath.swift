import Foundation
import StewardModel

/// One step of an XML path: a local name (or any name) and what namespace the element or attribute must be in.
///
/// Names are matched by local name and namespace URI, never by the prefix a file happens to write, so
/// `<d:FirstName>` and `<d2:FirstName>` with the same URI are one name.
struct XMLNameTest: Sendable, Hashable, CustomStringConvertible {
    enum Namespace: Sendable, Hashable {
        /// Any namespace or none (an unprefixed step when the pipeline declares no default namespace).
        case any
        /// No namespace (unprefixed attributes; the names the record detector found outside any namespace).
        case none
        /// Exactly this namespace URI.
        case uri(String)
    }

    /// The local name; `nil` for `*`.
    var localName: String?
    var namespace: Namespace
    /// The step as written (for messages).
    var written: String

    var description: String { written }
}

/// The record element's path: `/Export/Contacts/Contact` (from the document element down) or `//Contact` (the
/// last steps, at any depth).
struct XMLRecordPath: Sendable, Hashable, CustomStringConvertible {
    var steps: [XMLNameTest]
    /// `true` for `/a/b`: the first step is the document element. `false` for `//a/b`.
    var anchored: Bool

    var description: String {
        (anchored ? "/" : "//") + steps.map(\.written).joined(separator: "/")
    }
}

/// What a field path's values feed.
enum XMLFieldTarget: Sendable, Hashable {
    case sourceID
    case single(CanonicalField)
    case email
    case phone
    case extra(String)

    /// `source_id`, a canonical field name (`given_name`, `emails`), an alias pipeline files accept (`email`,
    /// `first_name`), else an extra field of that name.
    init(fieldName name: String) {
        if name == "source_id" {
            self = .sourceID
            return
        }
        guard let canonical = CanonicalField(rawValue: name) ?? FieldReference.aliases[name] else {
            self = .extra(name)
            return
        }
        switch canonical {
        case .emails: self = .email
        case .phones: self = .phone
        default: self = .single(canonical)
        }
    }
}

/// One explicit field mapping, compiled: element steps below the record element, then optionally an attribute.
struct XMLFieldRule: Sendable, Hashable {
    var field: String
    var target: XMLFieldTarget
    var steps: [XMLNameTest]
    var attribute: XMLNameTest?
    var path: String
}

/// ``XMLOptions`` checked and compiled: the record path (or `nil` for detection) and the field rules.
struct XMLPlan: Sendable {
    var record: XMLRecordPath?
    var fields: [XMLFieldRule]

    /// Most explicit field paths one source may map (each is a bit in a 64-bit set while matching).
    static let maxFieldRules = 64

    /// Compiles `options`; every problem found is listed (not only the first).
    static func compile(_ options: XMLOptions) -> Result<XMLPlan, XMLPlanError> {
        var problems: [String] = []
        var record: XMLRecordPath?
        if let text = options.recordPath {
            switch XMLPathParser.recordPath(text, namespaces: options.namespaces) {
            case .success(let path): record = path
            case .failure(let problem): problems.append("record '\(text)': \(problem.message)")
            }
        }
        var rules: [XMLFieldRule] = []
        for field in options.fields {
            switch XMLPathParser.fieldPath(field.path, namespaces: options.namespaces) {
            case .success(let (steps, attribute)):
                rules.append(
                    XMLFieldRule(
                        field: field.field, target: XMLFieldTarget(fieldName: field.field), steps: steps,
                        attribute: attribute, path: field.path))
            case .failure(let problem):
                problems.append("field \(field.field) '\(field.path)': \(problem.message)")
            }
            if field.field.isEmpty { problems.append("a field path '\(field.path)' has no field name") }
        }
        if options.fields.count > maxFieldRules {
            problems.append("\(options.fields.count) field paths; at most \(maxFieldRules) are supported")
        }
        if options.maxDepth < 1 { problems.append("max depth \(options.maxDepth) must be at least 1") }
        if options.maxFieldBytes < 1 { problems.append("max field bytes \(options.maxFieldBytes) must be positive") }
        guard problems.isEmpty else { return .failure(XMLPlanError(problems: problems)) }
        return .success(XMLPlan(record: record, fields: rules))
    }
}

/// Problems in ``XMLOptions`` (bad path syntax, undeclared prefixes).
struct XMLPlanError: Error, Sendable {
    var problems: [String]
    var message: String { problems.joined(separator: "; ") }
}

/// Parses the path syntax of ``XMLOptions``.
///
/// Record paths: `/a/b/c` (from the document element) or `//b/c` (those last steps at any depth). Field paths,
/// relative to the record element: `Email`, `Name/First`, `Phones/Phone`, `@id`, `Account/@name`. A step is a
/// name, `prefix:name` (the prefix declared in `namespaces`), `*` or `prefix:*`. An unprefixed element step is in
/// the default namespace when `namespaces` declares one under the empty prefix (`"": "urn:…"`), else it matches
/// the local name in any namespace. An unprefixed attribute is in no namespace (as in XML).
///
/// Not supported (a clear problem is reported): predicates (`[1]`), `..`, `.`, `text()`, `//` inside a path,
/// attributes anywhere but the last step.
enum XMLPathParser {
    struct Problem: Error {
        var message: String
    }

    static func recordPath(_ text: String, namespaces: [String: String]) -> Result<XMLRecordPath, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let anchored: Bool
        let body: Substring
        if trimmed.hasPrefix("//") {
            anchored = false
            body = trimmed.dropFirst(2)
        } else if trimmed.hasPrefix("/") {
            anchored = true
            body = trimmed.dropFirst()
        } else {
            return .failure(Problem(message: "must start with / (from the document element) or // (at any depth)"))
        }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        guard !body.isEmpty else { return .failure(Problem(message: "names no element")) }
        var steps: [XMLNameTest] = []
        for part in parts {
            if part.hasPrefix("@") {
                return .failure(Problem(message: "a record is an element, not an attribute ('\(part)')"))
            }
            switch step(String(part), attribute: false, namespaces: namespaces) {
            case .success(let test): steps.append(test)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(XMLRecordPath(steps: steps, anchored: anchored))
    }

    static func fieldPath(
        _ text: String, namespaces: [String: String]
    ) -> Result<(steps: [XMLNameTest], attribute: XMLNameTest?), Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(Problem(message: "is empty")) }
        if trimmed.hasPrefix("/") {
            return .failure(Problem(message: "is relative to the record element; write it without a leading /"))
        }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        var steps: [XMLNameTest] = []
        var attribute: XMLNameTest?
        for (i, part) in parts.enumerated() {
            let isAttribute = part.hasPrefix("@")
            if isAttribute && i != parts.count - 1 {
                return .failure(Problem(message: "an attribute ('\(part)') can only be the last step"))
            }
            let name = isAttribute ? String(part.dropFirst()) : String(part)
            switch step(name, attribute: isAttribute, namespaces: namespaces) {
            case .success(let test):
                if isAttribute { attribute = test } else { steps.append(test) }
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success((steps, attribute))
    }

    static func step(_ text: String, attribute: Bool, namespaces: [String: String]) -> Result<XMLNameTest, Problem> {
        guard !text.isEmpty else {
            return .failure(Problem(message: "has an empty step (// is only allowed at the start of a record path)"))
        }
        if text == "." || text == ".." || text.contains("(") || text.contains("[") {
            return .failure(
                Problem(message: "'\(text)' is not supported: use element names, '*' and a final '@attribute'"))
        }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count <= 2, pieces.allSatisfy({ !$0.isEmpty }) else {
            return .failure(Problem(message: "'\(text)' is not a name (write name or prefix:name)"))
        }
        let written = attribute ? "@" + text : text
        let local = String(pieces[pieces.count - 1])
        guard local == "*" || isName(local) else {
            return .failure(Problem(message: "'\(local)' is not an XML name"))
        }
        let localName: String? = local == "*" ? nil : local
        if pieces.count == 2 {
            let prefix = String(pieces[0])
            guard let uri = namespaces[prefix] else {
                let declared = namespaces.keys.filter { !$0.isEmpty }.sorted()
                let known = declared.isEmpty ? "none are declared" : "declared: " + declared.joined(separator: ", ")
                return .failure(
                    Problem(message: "namespace prefix '\(prefix)' is not declared in namespaces (\(known))"))
            }
            return .success(XMLNameTest(localName: localName, namespace: .uri(uri), written: written))
        }
        if attribute { return .success(XMLNameTest(localName: localName, namespace: .none, written: written)) }
        if let defaultURI = namespaces[""] {
            return .success(XMLNameTest(localName: localName, namespace: .uri(defaultURI), written: written))
        }
        return .success(XMLNameTest(localName: localName, namespace: .any, written: written))
    }

    /// Letters, digits, `_`, `-`, `.` and non-ASCII; not starting with a digit, `-` or `.` (XML NCName, loosely).
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first.isASCII && !(first.properties.isAlphabetic || first == "_") { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            !scalar.isASCII || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
                || scalar == "-" || scalar == "."
        }
    }
}
