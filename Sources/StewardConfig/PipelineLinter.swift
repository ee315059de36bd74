import Foundation
import StewardModel
import Yams

/// Walks the YAML node tree of a pipeline file, collecting diagnostics and building the spec as it goes.
struct PipelineLinter {
    let file: String
    let baseDirectory: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Extra (non-canonical) field names that sources map, so blocking and comparisons may use them.
    private var extraFields: Set<String> = []
    /// Fields named by `compare` entries, in order: the fields `rules` may use.
    private var comparedFields: [FieldReference] = []
    /// Nodes visited; bounds the walk (YAML aliases share nodes, so a hostile file could fan out).
    private var visited = 0
    static let maxNodes = 100_000

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    // MARK: - Document

    mutating func pipeline(_ root: Node) -> PipelineSpec? {
        guard let top = mapping(root, "", allowed: PipelineValidator.topLevelKeys) else { return nil }
        if let version = top["version"] {
            if version.value.int != 1 { error(version.value, "version", "only version 1 exists") }
        } else {
            error(root, "version", "missing; add 'version: 1'")
        }
        let name = top["name"].flatMap { string($0.value, "name") } ?? ""
        if top["name"] == nil { error(root, "name", "missing; name the pipeline (e.g. 'name: nightly-crm')") }
        var region: String?
        if let defaults = top["defaults"], let map = mapping(defaults.value, "defaults", allowed: ["region"]) {
            region = map["region"].flatMap { self.region($0.value, "defaults.region") }
        }
        var sources: [SourceSpec] = []
        if let node = top["sources"] {
            sources = self.sources(node.value)
        } else {
            error(root, "sources", "missing; a pipeline needs at least one source")
        }
        let blocking = top["blocking"].map { self.blocking($0.value) } ?? []
        // Neither blocking nor compare: the built-in contact settings, on purpose. Only one of them: suspicious.
        if top["blocking"] == nil && top["compare"] != nil && !sources.isEmpty {
            warning(
                root, "blocking",
                "no blocking passes: the built-in contact passes (email, phone, name, company) will find the "
                    + "candidates for your comparisons")
        }
        let comparisons = top["compare"].map { self.comparisons($0.value) } ?? []
        var rules: [MatchRuleSpec] = []
        if let node = top["rules"] {
            // Without compare entries the match stage uses its built-in comparisons, so rules may name those.
            let builtIn = top["compare"]?.value.sequence?.isEmpty ?? true
            let compared =
                builtIn ? PipelineValidator.builtInComparedFields : comparedFields
            rules = self.rules(node.value, compared: compared, builtIn: builtIn)
        }
        var merge = MatchSettings.defaultMergeThreshold
        var review = MatchSettings.defaultReviewThreshold
        if let node = top["thresholds"], let map = mapping(node.value, "thresholds", allowed: ["merge", "review"]) {
            merge = map["merge"].flatMap { probability($0.value, "thresholds.merge") } ?? merge
            review = map["review"].flatMap { probability($0.value, "thresholds.review") } ?? review
            if review > merge {
                error(node.value, "thresholds", "review (\(review)) must not be above merge (\(merge))")
            }
        }
        var prior = MatchSettings.defaultPrior
        var maxBlockSize = MatchSettings.defaultMaxBlockSize
        var modelFile: String?
        var priorSet = false
        if let node = top["matching"],
            let map = mapping(node.value, "matching", allowed: PipelineValidator.matchingKeys)
        {
            prior = map["prior"].flatMap { openProbability($0.value, "matching.prior") } ?? prior
            priorSet = map["prior"] != nil
            maxBlockSize =
                map["max_block_size"].flatMap { blockSize($0.value, "matching.max_block_size") } ?? maxBlockSize
            if let node = map["model"], let path = string(node.value, "matching.model") {
                modelFile = resolved(path)
                if let priorNode = map["prior"] {
                    warning(
                        priorNode.key, "matching.prior",
                        "the trained model's prior replaces this one (matching.model is set); drop one of them")
                }
            }
        }
        let survivorship = top["survivorship"].map { self.survivorship($0.value) } ?? [:]
        var mustLink: [[String]] = []
        var cannotLink: [[String]] = []
        if let node = top["constraints"],
            let map = mapping(node.value, "constraints", allowed: ["must_link", "cannot_link"])
        {
            mustLink = map["must_link"].map { recordPairs($0.value, "constraints.must_link") } ?? []
            cannotLink = map["cannot_link"].map { recordPairs($0.value, "constraints.cannot_link") } ?? []
        }
        var output = "out/\(name.isEmpty ? "pipeline" : name)"
        if let node = top["output"], let map = mapping(node.value, "output", allowed: ["dir"]) {
            output = map["dir"].flatMap { string($0.value, "output.dir") } ?? output
        }
        let store = top["store"].flatMap { string($0.value, "store") }.map(resolved)
        var spec = PipelineSpec(
            name: name, file: file, defaultRegion: region, sources: sources, blocking: blocking,
            comparisons: comparisons, mergeThreshold: merge, reviewThreshold: review, survivorship: survivorship,
            mustLink: mustLink, cannotLink: cannotLink, outputDirectory: resolved(output), store: store, rules: rules,
            prior: prior, maxBlockSize: maxBlockSize)
        spec.modelFile = modelFile
        spec.automaticPrior = !priorSet
        return spec
    }

    // MARK: - Sections

    mutating func sources(_ node: Node) -> [SourceSpec] {
        guard let items = sequence(node, "sources") else { return [] }
        if items.isEmpty { error(node, "sources", "empty; a pipeline needs at least one source") }
        // Extra fields first, so blocking/compare can name them whatever order the sections come in.
        for item in items {
            guard case .mapping(let map) = item else { continue }
            for columns in map where columns.key.string == "columns" || columns.key.string == "fields" {
                guard case .mapping(let columnMap) = columns.value else { continue }
                for key in columnMap.keys {
                    // `source_id` maps the record's own id, which is not a field to block on or compare.
                    if let name = key.string, name != "source_id", field(named: name) == nil {
                        extraFields.insert(name)
                    }
                }
            }
        }
        var names: Set<String> = []
        var specs: [SourceSpec] = []
        for (i, item) in items.enumerated() {
            let path = "sources[\(i)]"
            guard let map = mapping(item, path, allowed: PipelineValidator.sourceKeys) else { continue }
            guard let nameNode = map["name"], let name = string(nameNode.value, "\(path).name") else {
                if map["name"] == nil { error(item, "\(path).name", "missing; every source needs a name") }
                continue
            }
            if !names.insert(name).inserted { error(nameNode.value, "\(path).name", "'\(name)' is used twice") }
            var format = SourceFormat.csv
            if let node = map["format"] {
                format = registry(node.value, "\(path).format", SourceFormat.self) ?? format
            } else {
                error(item, "\(path).format", "missing; one of \(list(SourceFormat.self))")
            }
            var files: [String] = []
            if let node = map["path"] {
                files = self.files(node.value, "\(path).path")
            } else {
                error(item, "\(path).path", "missing; give a file or a glob such as 'exports/*.csv'")
            }
            let trust = map["trust"].flatMap { probability($0.value, "\(path).trust") } ?? 0.5
            let region = map["region"].flatMap { self.region($0.value, "\(path).region") }
            var delimiter: UInt8?
            if let node = map["delimiter"] {
                delimiter = self.delimiter(node.value, "\(path).delimiter")
                if format != .csv { error(node.value, "\(path).delimiter", "only CSV sources have a delimiter") }
            }
            // CSV maps `columns` (field: "Header"); XML maps `fields` (field: relative path).
            let mappingKey = format == .xml ? "fields" : format == .csv ? "columns" : ""
            for key in ["columns", "fields"] where key != mappingKey {
                if let node = map[key] {
                    let why =
                        format == .xml
                        ? "XML sources map 'fields' (field: path such as Account/@name)"
                        : format == .csv
                            ? "CSV sources map 'columns' (field: \"Header\")"
                            : "\(format.rawValue) sources map their fields themselves (\(key) is for CSV and XML)"
                    error(node.key, "\(path).\(key)", why)
                }
            }
            var columns: [FieldColumn] = []
            if let node = map[mappingKey], case .mapping(let columnMap) = node.value {
                for (key, value) in columnMap {
                    guard let fieldName = string(key, "\(path).\(mappingKey)") else { continue }
                    let columnPath = "\(path).\(mappingKey).\(fieldName)"
                    // XML may feed one field from several paths: `emails: [EMailAddress1, EMailAddress2]`.
                    var headers: [String] = []
                    if format == .xml, let list = value.sequence {
                        headers = list.enumerated().compactMap { string($0.element, "\(columnPath)[\($0.offset)]") }
                    } else if let header = string(value, columnPath) {
                        headers = [header]
                    }
                    guard !headers.isEmpty,
                        let field = field(named: fieldName) ?? extraField(fieldName, key, columnPath)
                    else { continue }
                    columns += headers.map { FieldColumn(field: field, header: $0) }
                }
            } else if let node = map[mappingKey] {
                error(
                    node.value, "\(path).\(mappingKey)",
                    format == .xml ? "expected a mapping of field: path" : "expected a mapping of field: \"Header\"")
            }
            var spec = SourceSpec(
                name: name, format: format, files: files, trust: trust, region: region, delimiter: delimiter,
                columns: columns)
            formatKeys(map, format: format, path: path, into: &spec)
            specs.append(spec)
        }
        return specs
    }

    /// Keys that belong to one format: `record` and `namespaces` (XML), `headers` and `signatures` (email).
    mutating func formatKeys(
        _ map: [String: (key: Node, value: Node)], format: SourceFormat, path: String, into spec: inout SourceSpec
    ) {
        let owners: [String: SourceFormat] = [
            "record": .xml, "namespaces": .xml, "headers": .email, "signatures": .email,
        ]
        for (key, owner) in owners.sorted(by: { $0.key < $1.key }) where owner != format {
            if let node = map[key] {
                error(node.key, "\(path).\(key)", "only \(owner.rawValue) sources have '\(key)'")
            }
        }
        guard format == .xml || format == .email else { return }
        if let node = map["record"], let record = string(node.value, "\(path).record") {
            if !record.hasPrefix("/") || record.hasSuffix("/") || record.contains("//") || record.contains("@") {
                error(
                    node.value, "\(path).record", "expected an absolute element path such as /Export/Contacts/Contact")
            }
            spec.record = record
        }
        if let node = map["namespaces"] {
            if case .mapping(let prefixes) = node.value {
                for (key, value) in prefixes {
                    guard let prefix = string(key, "\(path).namespaces"),
                        let uri = string(value, "\(path).namespaces.\(prefix)")
                    else { continue }
                    spec.namespaces[prefix] = uri
                }
            } else {
                error(node.value, "\(path).namespaces", "expected a mapping of prefix: URI")
            }
        }
        var undeclared: [String] = []
        for elementPath in [spec.record].compactMap({ $0 }) + spec.columns.map(\.header) {
            for step in elementPath.split(separator: "/") {
                let name = step.hasPrefix("@") ? step.dropFirst() : step
                if let colon = name.firstIndex(of: ":"), !spec.namespaces.keys.contains(String(name[..<colon])),
                    !undeclared.contains(String(name[..<colon]))
                {
                    undeclared.append(String(name[..<colon]))
                }
            }
        }
        for prefix in undeclared {
            error(
                map["record"]?.value ?? map["fields"]?.value, path,
                "namespace prefix '\(prefix)' is not declared under namespaces")
        }
        if let node = map["headers"], let list = sequence(node.value, "\(path).headers") {
            let known = ["From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Delivered-To", "Return-Path"]
            var headers: [String] = []
            for (j, item) in list.enumerated() {
                guard let header = string(item, "\(path).headers[\(j)]") else { continue }
                guard let match = known.first(where: { $0.lowercased() == header.lowercased() }) else {
                    error(
                        item, "\(path).headers[\(j)]",
                        "'\(header)' carries no addresses Steward reads\(Suggestion.hint(header, known)) (one of "
                            + known.joined(separator: ", ") + ")")
                    continue
                }
                headers.append(match)
            }
            spec.headers = headers
        }
        if let node = map["signatures"] {
            switch node.value.scalar?.string.lowercased() {
            case "true", "yes", "on": spec.signatures = true
            case "false", "no", "off": spec.signatures = false
            default: error(node.value, "\(path).signatures", "expected true or false")
            }
        }
    }

    mutating func blocking(_ node: Node) -> [BlockingPassSpec] {
        guard let items = sequence(node, "blocking") else { return [] }
        var passes: [BlockingPassSpec] = []
        for (i, item) in items.enumerated() {
            let path = "blocking[\(i)]"
            var keyNodes: [Node] = []
            var name: String?
            switch item {
            case .sequence(let keys):
                keyNodes = Array(keys)
            case .mapping:
                guard let map = mapping(item, path, allowed: ["name", "keys"]) else { continue }
                name = map["name"].flatMap { string($0.value, "\(path).name") }
                if let keys = map["keys"], let list = sequence(keys.value, "\(path).keys") {
                    keyNodes = list
                } else if map["keys"] == nil {
                    error(
                        item, "\(path).keys", "missing; list the keys, e.g. [family_name.phonetic, given_name.initial]")
                }
            default:
                error(item, path, "expected a list of keys ([email]) or {name, keys}")
                continue
            }
            if keyNodes.isEmpty { error(item, path, "a blocking pass needs at least one key") }
            var keys: [BlockingKeySpec] = []
            for (j, keyNode) in keyNodes.enumerated() {
                if let key = blockingKey(keyNode, "\(path)[\(j)]") { keys.append(key) }
            }
            if keys.count == keyNodes.count && !keys.isEmpty {
                passes.append(
                    BlockingPassSpec(name: name ?? keys.map(\.description).joined(separator: "+"), keys: keys))
            }
        }
        return passes
    }

    mutating func comparisons(_ node: Node) -> [ComparisonSpec] {
        guard let items = sequence(node, "compare") else { return [] }
        var specs: [ComparisonSpec] = []
        for (i, item) in items.enumerated() {
            let path = "compare[\(i)]"
            guard let map = mapping(item, path, allowed: PipelineValidator.compareKeys) else { continue }
            let field = map["field"].flatMap { fieldReference($0.value, "\(path).field") }
            if map["field"] == nil { error(item, "\(path).field", "missing; name the field to compare") }
            if let field, !comparedFields.contains(field) { comparedFields.append(field) }
            let method = map["method"].flatMap { registry($0.value, "\(path).method", ComparisonMethod.self) }
            if map["method"] == nil { error(item, "\(path).method", "missing; one of \(list(ComparisonMethod.self))") }
            var levels: [Double] = []
            // Whether the level labels are known, so that m and u can be counted against them.
            var labelsKnown = method != nil
            if let node = map["levels"] {
                if let method, !method.takesThresholds {
                    let labels = PipelineLinter.quoted(method.levelLabels(thresholds: []))
                    let graded = ComparisonMethod.allCases.filter(\.takesThresholds).map(\.rawValue)
                    error(
                        node.key, "\(path).levels",
                        "\(method.rawValue) has fixed levels: \(labels); remove 'levels' (methods with thresholds: "
                            + "\(graded.joined(separator: ", ")))")
                } else if let list = sequence(node.value, "\(path).levels") {
                    for (j, level) in list.enumerated() {
                        if let value = probability(level, "\(path).levels[\(j)]") { levels.append(value) }
                    }
                    if levels.count != list.count { labelsKnown = false }
                    if levels != levels.sorted(by: >) {
                        error(node.value, "\(path).levels", "levels must be listed from the highest down")
                    }
                } else {
                    labelsKnown = false
                }
            }
            let labels = method.map { $0.levelLabels(thresholds: levels.isEmpty ? $0.defaultThresholds : levels) }
            let m = map["m"].flatMap {
                levelProbabilities($0.value, "\(path).m", labels: labelsKnown ? labels : nil, among: "true matches")
            }
            let u = map["u"].flatMap {
                levelProbabilities($0.value, "\(path).u", labels: labelsKnown ? labels : nil, among: "random pairs")
            }
            if let m, let u, let mNode = map["m"], let first = labels?.first, m[0] < u[0] {
                let subject = field?.description ?? "this field"
                warning(
                    mNode.value, "\(path).m",
                    "m (\(m[0])) is below u (\(u[0])) at level '\(first)': agreeing on \(subject) would count "
                        + "against a match")
            }
            let termFrequency = map["term_frequency"].flatMap { bool($0.value, "\(path).term_frequency") }
            if let field, let method {
                specs.append(
                    ComparisonSpec(
                        field: field, method: method, levels: levels, m: m, u: u, termFrequency: termFrequency)
                )
            }
        }
        return specs
    }

    /// An `m:` or `u:` list: one probability per level, each strictly between 0 and 1, adding up to about 1.
    /// `labels` is nil when the levels are unknown (a bad method or bad levels, already reported).
    mutating func levelProbabilities(_ node: Node, _ path: String, labels: [String]?, among: String) -> [Double]? {
        guard let list = sequence(node, path) else { return nil }
        var values: [Double] = []
        for (j, item) in list.enumerated() {
            if let value = openProbability(item, "\(path)[\(j)]") { values.append(value) }
        }
        guard values.count == list.count, let labels else { return nil }
        guard values.count == labels.count else {
            error(
                node, path,
                "expected \(labels.count) values, one per level in this order: \(PipelineLinter.quoted(labels))"
                    + " (found \(values.count))")
            return nil
        }
        let sum = (values.reduce(0, +) * 10_000).rounded() / 10_000
        if abs(sum - 1) > 0.01 {
            warning(
                node, path,
                "the values add up to \(sum), not 1: each is the share of \(among) whose values land on that level")
        }
        return values
    }

    mutating func rules(_ node: Node, compared: [FieldReference], builtIn: Bool) -> [MatchRuleSpec] {
        guard let items = sequence(node, "rules") else { return [] }
        var names: Set<String> = []
        var rules: [MatchRuleSpec] = []
        for (i, item) in items.enumerated() {
            let path = "rules[\(i)]"
            guard let map = mapping(item, path, allowed: PipelineValidator.ruleKeys) else { continue }
            var name: String?
            if let node = map["name"], let text = string(node.value, "\(path).name") {
                if !PipelineLinter.isSnakeCase(text) {
                    error(
                        node.value, "\(path).name",
                        "'\(text)' is not snake_case (lower-case letters, digits and _, e.g. same_email_similar_given)")
                } else if !names.insert(text).inserted {
                    error(
                        node.value, "\(path).name",
                        "'\(text)' is used twice; the audit names rules, so names are unique")
                } else {
                    name = text
                }
            } else if map["name"] == nil {
                error(item, "\(path).name", "missing; name the rule for the audit, e.g. same_email_similar_given")
            }
            var conditions: [MatchRuleSpec.Condition]?
            if let node = map["when"] {
                conditions = self.conditions(node.value, "\(path).when", compared: compared, builtIn: builtIn)
            } else {
                error(item, "\(path).when", "missing; give the conditions, e.g. { email: 1.0, given_name: 0.8 }")
            }
            var decision: RuleDecision?
            if let node = map["decision"] {
                decision = registry(node.value, "\(path).decision", RuleDecision.self)
            } else {
                error(item, "\(path).decision", "missing; one of \(list(RuleDecision.self))")
            }
            guard let name, let conditions, let decision else { continue }
            if decision == .merge, let whenNode = map["when"], conditions.allSatisfy({ $0.minimum == nil }) {
                warning(
                    whenNode.value, "\(path).when",
                    "this rule merges pairs only because their values differ; give it a similarity condition too")
            }
            rules.append(MatchRuleSpec(name: name, conditions: conditions, decision: decision))
        }
        return rules
    }

    /// A rule's `when`: `field: similarity` (0…1) or `field: different`, each field one that is compared.
    mutating func conditions(
        _ node: Node, _ path: String, compared: [FieldReference], builtIn: Bool
    )
        -> [MatchRuleSpec.Condition]?
    {
        visited += 1
        guard case .mapping(let map) = node else {
            error(node, path, "expected a mapping of field: similarity (0…1) or 'different'")
            return nil
        }
        if map.isEmpty {
            error(node, path, "a rule needs at least one condition, e.g. { email: 1.0 }")
            return nil
        }
        var conditions: [MatchRuleSpec.Condition] = []
        var seen: [FieldReference: String] = [:]
        var valid = true
        for (key, value) in map {
            guard let name = string(key, path) else {
                valid = false
                continue
            }
            let conditionPath = "\(path).\(name)"
            let (valueValid, minimum) = similarityCondition(value, conditionPath)
            guard let field = field(named: name) ?? extraField(name, key, conditionPath, mustExist: true) else {
                valid = false
                continue
            }
            if let earlier = seen[field] {
                let same = earlier == name ? "" : " (as '\(earlier)')"
                error(key, conditionPath, "repeated field; '\(field)' already has a condition\(same)")
                valid = false
                continue
            }
            seen[field] = name
            guard compared.contains(field) else {
                let names = compared.map(\.description).joined(separator: ", ")
                let fix =
                    builtIn
                    ? "without a compare section the built-in comparisons apply (\(names)); add a compare entry for it"
                    : "add a compare entry for it (compared: \(names))"
                let shown = name == field.description ? "'\(name)'" : "'\(name)' (\(field))"
                error(key, conditionPath, "\(shown) is not compared, so no rule can test it; \(fix)")
                valid = false
                continue
            }
            guard valueValid else {
                valid = false
                continue
            }
            conditions.append(MatchRuleSpec.Condition(field: field, minimum: minimum))
        }
        return valid ? conditions : nil
    }

    /// A condition's value: a similarity 0…1 (the `minimum`), or `different` (no minimum).
    mutating func similarityCondition(_ node: Node, _ path: String) -> (valid: Bool, minimum: Double?) {
        if let scalar = node.scalar, scalar.string == "different" { return (true, nil) }
        guard let scalar = node.scalar, let value = node.float else {
            let text = node.scalar?.string ?? ""
            error(
                node, path,
                "expected a similarity 0…1 or 'different'\(text.isEmpty ? "" : Suggestion.hint(text, ["different"]))")
            return (false, nil)
        }
        guard value >= 0, value <= 1 else {
            error(node, path, "similarity \(scalar.string) is outside 0…1")
            return (false, nil)
        }
        if value == 0 { warning(node, path, "a similarity of at least 0 always holds; drop the condition") }
        return (true, value)
    }

    mutating func survivorship(_ node: Node) -> [String: [SurvivorshipRule]] {
        guard case .mapping(let map) = node else {
            error(node, "survivorship", "expected a mapping of field: rule(s)")
            return [:]
        }
        var rules: [String: [SurvivorshipRule]] = [:]
        for (key, value) in map {
            guard let name = string(key, "survivorship") else { continue }
            let path = "survivorship.\(name)"
            let field: FieldReference?
            if name == "default" {
                field = nil
            } else {
                guard let f = self.field(named: name) ?? extraField(name, key, path, mustExist: true) else { continue }
                field = f
            }
            let ruleNodes: [Node] = value.sequence.map(Array.init) ?? [value]
            var list: [SurvivorshipRule] = []
            for (j, ruleNode) in ruleNodes.enumerated() {
                let rulePath = value.sequence == nil ? path : "\(path)[\(j)]"
                guard let rule = registry(ruleNode, rulePath, SurvivorshipRule.self) else { continue }
                if rule == .union, field != .canonical(.emails), field != .canonical(.phones) {
                    error(ruleNode, rulePath, "'union' applies to list fields only (emails, phones)")
                }
                list.append(rule)
            }
            rules[field?.description ?? "default"] = list
        }
        return rules
    }

    mutating func recordPairs(_ node: Node, _ path: String) -> [[String]] {
        guard let items = sequence(node, path) else { return [] }
        var pairs: [[String]] = []
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard let list = sequence(item, itemPath) else { continue }
            let refs = list.enumerated().compactMap { string($0.element, "\(itemPath)[\($0.offset)]") }
            if refs.count != 2 || refs.contains(where: { !$0.contains(":") }) {
                error(item, itemPath, "expected a pair of records [\"source:source_id\", \"source:source_id\"]")
                continue
            }
            pairs.append(refs)
        }
        return pairs
    }

    // MARK: - Values

    mutating func blockingKey(_ node: Node, _ path: String) -> BlockingKeySpec? {
        guard let text = string(node, path) else { return nil }
        var fieldName = text
        var transform: BlockingTransform?
        if let dot = text.lastIndex(of: "."), field(named: text) == nil {
            fieldName = String(text[..<dot])
            let transformName = String(text[text.index(after: dot)...])
            transform = BlockingTransform(rawValue: transformName)
            if transform == nil {
                error(
                    node, path,
                    "unknown transform '\(transformName)'\(Suggestion.hint(transformName, names(BlockingTransform.self)))"
                        + " (one of \(list(BlockingTransform.self)))")
                return nil
            }
        }
        guard let field = field(named: fieldName) ?? extraField(fieldName, node, path, mustExist: true) else {
            return nil
        }
        return BlockingKeySpec(field: field, transform: transform)
    }

    mutating func fieldReference(_ node: Node, _ path: String) -> FieldReference? {
        guard let name = string(node, path) else { return nil }
        return field(named: name) ?? extraField(name, node, path, mustExist: true)
    }

    /// A canonical field by its name or a friendly alias.
    func field(named name: String) -> FieldReference? {
        if let field = CanonicalField(rawValue: name) ?? FieldReference.aliases[name] { return .canonical(field) }
        return nil
    }

    /// An extra field: declared by a source's `columns` (or, when `mustExist` is false, being declared there).
    mutating func extraField(_ name: String, _ node: Node, _ path: String, mustExist: Bool = false) -> FieldReference? {
        if mustExist && name == "source_id" {
            error(node, path, "'source_id' is the record's own id, not a field to block on, compare or test in a rule")
            return nil
        }
        let valid =
            !name.isEmpty
            && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        if mustExist && !extraFields.contains(name) || !valid {
            let known =
                CanonicalField.allCases.map(\.rawValue) + FieldReference.aliases.keys.sorted() + extraFields.sorted()
            let why = valid ? "no source maps it (add it under a source's columns)" : "field names are snake_case"
            error(node, path, "unknown field '\(name)': \(why)\(Suggestion.hint(name, known))")
            return nil
        }
        return .extra(name)
    }

    mutating func files(_ node: Node, _ path: String) -> [String] {
        let patterns: [(String, Node)]
        if let list = node.sequence {
            patterns = list.enumerated().compactMap { item in
                string(item.element, "\(path)[\(item.offset)]").map { ($0, item.element) }
            }
        } else if let single = string(node, path) {
            patterns = [(single, node)]
        } else {
            return []
        }
        var files: [String] = []
        for (pattern, patternNode) in patterns {
            let matches = Glob.expand(resolved(pattern))
            if matches.isEmpty {
                error(patternNode, path, "no file matches '\(pattern)' (looked for \(resolved(pattern)))")
            }
            files += matches
        }
        return files
    }

    mutating func region(_ node: Node, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        let upper = text.uppercased()
        guard upper.utf8.count == 2, upper.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            error(node, path, "expected an ISO 3166 region code such as US, GB or DE")
            return nil
        }
        return upper
    }

    mutating func delimiter(_ node: Node, _ path: String) -> UInt8? {
        guard let text = string(node, path) else { return nil }
        if let byte = DelimiterName.byte(text) { return byte }
        error(node, path, "expected one character (or tab, comma, semicolon, pipe)")
        return nil
    }

    mutating func probability(_ node: Node, _ path: String) -> Double? {
        guard node.scalar != nil, let value = node.float else {
            error(node, path, "expected a number between 0 and 1")
            return nil
        }
        guard value >= 0, value <= 1 else {
            error(node, path, "\(value) is outside 0…1")
            return nil
        }
        return value
    }

    /// A probability strictly between 0 and 1 (a prior, an m or u value: 0 or 1 would decide a pair alone).
    mutating func openProbability(_ node: Node, _ path: String) -> Double? {
        guard node.scalar != nil, let value = node.float else {
            error(node, path, "expected a number strictly between 0 and 1")
            return nil
        }
        guard value > 0, value < 1 else {
            error(node, path, "\(value) must be strictly between 0 and 1 (0 or 1 would decide a pair alone)")
            return nil
        }
        return value
    }

    /// `matching.max_block_size`: a whole number of records, at least 2.
    mutating func blockSize(_ node: Node, _ path: String) -> Int? {
        guard node.scalar != nil, let value = node.int else {
            error(
                node, path, "expected a whole number of records (at least 2), e.g. \(MatchSettings.defaultMaxBlockSize)"
            )
            return nil
        }
        guard value >= 2 else {
            error(node, path, "\(value) is too small: a block needs at least 2 records to make a pair")
            return nil
        }
        if value > 10_000 {
            let (product, overflow) = value.multipliedReportingOverflow(by: value - 1)
            warning(
                node, path,
                "a block of \(value) records makes \(overflow ? "too many" : String(product / 2)) pairs; a pass whose "
                    + "blocks grow this large needs a more selective key")
        }
        return value
    }

    /// Level labels for a message, quoted because some contain commas ('same number, other extension').
    static func quoted(_ labels: [String]) -> String {
        labels.map { "'\($0)'" }.joined(separator: ", ")
    }

    static func isSnakeCase(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= 0x61, first <= 0x7A else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    mutating func registry<R: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _ type: R.Type) -> R?
    where R.RawValue == String {
        guard let text = string(node, path) else { return nil }
        if let value = R(rawValue: text) { return value }
        error(node, path, "unknown value '\(text)'\(Suggestion.hint(text, names(type))) (one of \(list(type)))")
        return nil
    }

    func names<R: RawRepresentable & CaseIterable>(_ type: R.Type) -> [String] where R.RawValue == String {
        R.allCases.map(\.rawValue)
    }

    func list<R: RawRepresentable & CaseIterable>(_ type: R.Type) -> String where R.RawValue == String {
        names(type).joined(separator: ", ")
    }

    // MARK: - Node helpers

    /// A mapping's entries by key, after checking for unknown and repeated keys.
    mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
        visited += 1
        guard visited <= PipelineLinter.maxNodes else {
            if visited == PipelineLinter.maxNodes + 1 {
                error(node, path, "the file is too large or too deeply aliased")
            }
            return nil
        }
        guard case .mapping(let map) = node else {
            error(node, path, "expected a mapping (key: value lines)")
            return nil
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in map {
            guard let name = key.string, key.scalar != nil else {
                error(key, path, "keys must be plain words")
                continue
            }
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            if !allowed.contains(name) {
                error(
                    key, keyPath,
                    "unknown key\(Suggestion.hint(name, allowed)) (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            if entries[name] != nil {
                error(key, keyPath, "repeated key; the earlier value would be lost")
                continue
            }
            entries[name] = (key, value)
        }
        return entries
    }

    mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        visited += 1
        guard let list = node.sequence else {
            error(node, path, "expected a list")
            return nil
        }
        return Array(list)
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        guard node.scalar != nil, let value = node.bool else {
            error(node, path, "expected true or false")
            return nil
        }
        return value
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            error(node, path, node.scalar == nil ? "expected text" : "must not be empty")
            return nil
        }
        return scalar.string
    }

    func resolved(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardized.path
    }

    mutating func error(_ node: Node?, _ keyPath: String, _ message: String) {
        report(.error, node, keyPath, message)
    }

    mutating func warning(_ node: Node?, _ keyPath: String, _ message: String) {
        report(.warning, node, keyPath, message)
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ node: Node?, _ keyPath: String, _ message: String) {
        let mark = node?.mark
        diagnostics.append(
            Diagnostic(
                file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, severity: severity, keyPath: keyPath,
                message: message))
    }
}

/// File-name globbing (POSIX `glob(3)`): `*`, `?`, `[…]`; results sorted; no match gives an empty list.
enum Glob {
    static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let cString = result.gl_pathv[i] { paths.append(String(cString: cString)) }
        }
        return paths.sorted()
    }
}
