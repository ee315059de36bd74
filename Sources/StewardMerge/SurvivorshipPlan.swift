import StewardModel

/// The survivorship rules of one field, resolved from the pipeline's map.
struct FieldRules: Sendable {
    /// Tie-breakers in order, never empty, without `union`.
    var rules: [SurvivorshipRule]
    /// List fields only: keep every distinct value (`union`) rather than the single best one.
    var union: Bool
}

/// The rules of every field, resolved once per run.
///
/// Lookup: the field's name (`emails`, `organization`, `date_of_birth`), else one of its aliases (`email`,
/// `company`), else `default`, else the built-in defaults: `[trust, recency, completeness]`; `[union]` for emails
/// and phones. `union` on a single-valued field means nothing and is dropped; a list of only `union` there falls
/// back to the default rules. On a list field, `union` anywhere in the list selects union, and the list's other
/// rules (else the default rules) order the values.
struct SurvivorshipPlan: Sendable {
    static let builtInDefault: [SurvivorshipRule] = [.trust, .recency, .completeness]

    let defaultRules: [SurvivorshipRule]
    /// By position in `CanonicalField.allCases`.
    let canonical: [FieldRules]
    private let map: [String: [SurvivorshipRule]]

    init(_ map: [String: [SurvivorshipRule]]) {
        self.map = map
        let defaults = map["default"]?.filter { $0 != .union } ?? []
        let defaultRules = defaults.isEmpty ? Self.builtInDefault : defaults
        self.defaultRules = defaultRules
        canonical = CanonicalField.allCases.map { field in
            let aliases = FieldReference.aliases.filter { $0.value == field }.map(\.key).sorted()
            let given = ([field.rawValue] + aliases).lazy.compactMap { map[$0] }.first
            let rest = given?.filter { $0 != .union } ?? []
            if field.isList {
                let union = given.map { $0.isEmpty || $0.contains(.union) } ?? true
                return FieldRules(rules: rest.isEmpty ? defaultRules : rest, union: union)
            }
            return FieldRules(rules: rest.isEmpty ? defaultRules : rest, union: false)
        }
    }

    /// Rules of a canonical field.
    @inline(__always)
    func rules(_ field: CanonicalField) -> FieldRules { canonical[field.ordinal] }

    /// Rules of an extra field.
    func rules(extra name: String) -> [SurvivorshipRule] {
        let rules = map[name]?.filter { $0 != .union } ?? []
        return rules.isEmpty ? defaultRules : rules
    }
}
