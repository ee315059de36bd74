import StewardModel

/// Resolves a pipeline's ``MatchSettings`` into the ``MatchModel`` the stage scores with: the built-in contact
/// passes and comparisons when none are configured, thresholds and the built-in m/u probabilities where the file
/// gives none.
///
/// Built-in probabilities are hand-set for contact data from CRM exports (Fellegi-Sunter m = P(level | same
/// person), u = P(level | different people)); each method's disagreement level takes the complement, so m and u
/// each sum to 1 over a comparison's levels. `steward plan` prints them; `m:`/`u:` in the pipeline file override.
public enum MatchModelBuilder {
    public static func model(_ settings: MatchSettings) -> MatchModel {
        let passes = settings.blocking.isEmpty ? MatchSettings.contactPasses : settings.blocking
        let specs = settings.comparisons.isEmpty ? MatchSettings.contactComparisons : settings.comparisons
        var settings = settings
        if settings.comparisons.isEmpty && settings.rules.isEmpty { settings.rules = MatchSettings.contactRules }
        let comparisons = specs.map(comparison)
        let ruleComparisons = settings.rules.map { rule in
            rule.conditions.map { condition in comparisons.firstIndex { $0.field == condition.field } ?? -1 }
        }
        var model = MatchModel(
            blocking: passes, comparisons: comparisons, rules: settings.rules, ruleComparisons: ruleComparisons,
            prior: settings.prior, mergeThreshold: settings.mergeThreshold, reviewThreshold: settings.reviewThreshold,
            maxBlockSize: settings.maxBlockSize)
        model.automaticPrior = settings.automaticPrior
        return model
    }

    /// One comparison with its levels: configured m/u, else the built-in ones.
    public static func comparison(_ spec: ComparisonSpec) -> Comparison {
        let thresholds =
            spec.method.takesThresholds ? (spec.levels.isEmpty ? spec.method.defaultThresholds : spec.levels) : []
        let labels = spec.method.levelLabels(thresholds: thresholds)
        let defaults = defaultProbabilities(spec.method, field: spec.field, thresholds: thresholds)
        var levels: [ComparisonLevel] = []
        for (i, label) in labels.enumerated() {
            let m = spec.m.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? defaults[i].m
            let u = spec.u.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? defaults[i].u
            levels.append(ComparisonLevel(label: label, m: m, u: u))
        }
        return Comparison(
            field: spec.field, method: spec.method, thresholds: thresholds, levels: levels,
            termFrequency: spec.termFrequency ?? ComparisonSpec.defaultTermFrequency(spec.field, spec.method))
    }

    /// Built-in (m, u) per level, in `levelLabels` order; the last level is the complement of the others.
    static func defaultProbabilities(
        _ method: ComparisonMethod, field: FieldReference, thresholds: [Double]
    )
        -> [(m: Double, u: Double)]
    {
        var agree: [(m: Double, u: Double)]
        switch method {
        case .exact:
            agree = [(0.90, 0.01)]
        case .emailKey:
            // Personal address equal (two different people behind one personal mailbox: about one random pair in
            // ten million); role address equal (colleagues share info@: weak); two mailboxes at one company domain
            // (colleagues as often as aliases: slightly against); a record without an email at the company of the
            // other's mailbox (the same person seen by another system, unless a namesake colleague).
            agree = [(0.65, 0.000_000_1), (0.04, 0.002), (0.03, 0.06), (0.06, 0.000_5)]
        case .phone:
            // Same number; same switchboard with another extension (colleagues: weak).
            agree = [(0.55, 0.000_1), (0.01, 0.002)]
        case .date:
            agree = [(0.90, 0.001), (0.03, 0.000_3), (0.02, 0.005)]
        case .nickname:
            agree = [(0.827, 0.02), (0.08, 0.002)]
            agree += graded(thresholds, first: (0.05, 0.006))
            agree.append((0.03, 0.04))  // one side is an initial
            agree.append((0.01, 0.000_01))  // given and family names swapped (family compared on its own too)
        case .jaroWinkler, .levenshtein, .damerauLevenshtein, .tokenSet, .numeric:
            let exact: (m: Double, u: Double)
            switch field {
            case .canonical(.familyName): exact = (0.85, 0.002)
            case .canonical(.fullName): exact = (0.75, 0.000_5)
            case .canonical(.organization): exact = (0.55, 0.01)
            case .canonical(.givenName): exact = (0.80, 0.02)
            default: exact = (0.80, 0.005)
            }
            agree = [exact] + graded(thresholds, first: (0.08, 0.004))
        }
        let mRest = max(1 - agree.reduce(0) { $0 + $1.m }, 0.001)
        let uRest = max(1 - agree.reduce(0) { $0 + $1.u }, 0.001)
        return agree + [(mRest, uRest)]
    }

    /// Graded levels: each lower threshold is half as likely among matches and three times as likely among
    /// non-matches as the one above it.
    private static func graded(_ thresholds: [Double], first: (m: Double, u: Double)) -> [(m: Double, u: Double)] {
        var out: [(m: Double, u: Double)] = []
        var level = first
        for _ in thresholds {
            out.append(level)
            level = (level.m / 2, level.u * 3)
        }
        return out
    }

    /// The table columns blocking and comparison read.
    public static func requiredColumns(_ model: MatchModel) -> Set<ColumnKey> {
        var columns: Set<ColumnKey> = []
        for pass in model.blocking {
            for key in pass.keys { columns.insert(KeyFunction.column(key)) }
        }
        for comparison in model.comparisons {
            for column in PairComparator.columns(comparison) { columns.insert(column) }
        }
        return columns
    }
}
