import Foundation
import StewardModel

/// The weights `steward train` learned for a pipeline (`model.json`): per comparison and level the m and u
/// probabilities and where each came from, the prior λ, and how training went. `steward run`/`dedup` apply it
/// over the pipeline's own comparisons (``applied(to:file:)``); rules, thresholds and blocking stay the
/// pipeline's.
///
/// JSON keys are snake_case and sorted, so the file is byte-identical for the same data, pipeline and seed.
public struct TrainedModel: Sendable, Hashable, Codable {
    /// The file format this build writes and reads.
    public static let currentFormat = 1

    /// Where a level's m or u came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// Estimated from the data.
        case trained
        /// The pipeline's value (configured or built-in), because the data had no pairs at this level.
        case kept
        /// Estimated, then moved to the edge of its allowed range (agreement counting against a match, or
        /// disagreement counting for it).
        case clamped
        /// No random pair reached the level: u is the 95 % upper bound 3/N (fewer than the pipeline's value).
        case bound
    }

    public struct Level: Sendable, Hashable, Codable {
        public var label: String
        public var m: Double
        public var u: Double
        public var mSource: Source
        public var uSource: Source

        public init(label: String, m: Double, u: Double, mSource: Source, uSource: Source) {
            self.label = label
            self.m = m
            self.u = u
            self.mSource = mSource
            self.uSource = uSource
        }

        /// log2(m/u).
        public var weight: Double { log2(m / u) }
    }

    public struct Comparison: Sendable, Hashable, Codable {
        /// `jaro_winkler(family_name)`.
        public var name: String
        public var method: ComparisonMethod
        public var field: String
        public var thresholds: [Double]
        public var levels: [Level]

        public init(name: String, method: ComparisonMethod, field: String, thresholds: [Double], levels: [Level]) {
            self.name = name
            self.method = method
            self.field = field
            self.thresholds = thresholds
            self.levels = levels
        }
    }

    /// One blocking pass's EM run.
    public struct Pass: Sendable, Hashable, Codable {
        public var name: String
        /// Pairs of the pass compared (after sampling) and the sampling rate.
        public var pairs: Int
        public var sampled: Double
        /// Comparisons this pass estimated m for (those whose field is not a key of the pass).
        public var estimated: [String]
        public var iterations: Int
        public var converged: Bool
        /// Share of matches among the pass's pairs, and the expected matching pairs.
        public var lambda: Double
        public var expectedMatches: Double
        /// Whether the estimate went into the model (not when the classes swapped or no match was found).
        public var used: Bool
        public var note: String?

        public init(
            name: String, pairs: Int, sampled: Double, estimated: [String], iterations: Int, converged: Bool,
            lambda: Double, expectedMatches: Double, used: Bool, note: String? = nil
        ) {
            self.name = name
            self.pairs = pairs
            self.sampled = sampled
            self.estimated = estimated
            self.iterations = iterations
            self.converged = converged
            self.lambda = lambda
            self.expectedMatches = expectedMatches
            self.used = used
            self.note = note
        }
    }

    public var format: Int
    public var pipeline: String
    public var seed: UInt64
    /// Records trained on, random pairs compared for u (all pairs when there are fewer), blocked pairs compared
    /// for m.
    public var records: Int
    public var randomPairs: Int
    public var blockedPairs: Int
    /// Most EM iterations of any pass; whether every used pass converged.
    public var iterations: Int
    public var converged: Bool
    /// λ: probability that two records drawn at random are the same entity.
    public var prior: Double
    /// Expected matching pairs among all record pairs (λ · n(n−1)/2).
    public var expectedMatches: Double
    public var comparisons: [Comparison]
    public var passes: [Pass]
    public var warnings: [String]

    public init(
        pipeline: String, seed: UInt64, records: Int, randomPairs: Int, blockedPairs: Int, iterations: Int,
        converged: Bool, prior: Double, expectedMatches: Double, comparisons: [Comparison], passes: [Pass],
        warnings: [String]
    ) {
        format = Self.currentFormat
        self.pipeline = pipeline
        self.seed = seed
        self.records = records
        self.randomPairs = randomPairs
        self.blockedPairs = blockedPairs
        self.iterations = iterations
        self.converged = converged
        self.prior = prior
        self.expectedMatches = expectedMatches
        self.comparisons = comparisons
        self.passes = passes
        self.warnings = warnings
    }

    // MARK: - JSON

    /// Pretty-printed JSON with sorted keys and a final newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads a model file's bytes; `file` names it in errors.
    /// - Throws: ``StewardError`` (`bad_usage`, exit 2) when the bytes are not a model of this format.
    public static func decode(_ data: Data, file: String) throws -> TrainedModel {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let model: TrainedModel
        do {
            model = try decoder.decode(TrainedModel.self, from: data)
        } catch let error as DecodingError {
            throw invalid(file, "not a Steward model file (\(describe(error))); write one with 'steward train'")
        } catch {
            throw invalid(file, "not a Steward model file (\(error)); write one with 'steward train'")
        }
        if model.format != currentFormat {
            throw invalid(file, "model format \(model.format); this steward reads format \(currentFormat)")
        }
        return model
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch error {
        case .dataCorrupted(let context): return "invalid JSON\(path(context))"
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)'\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription.lowercased().trimmingCharacters(in: .punctuationCharacters))"
                + path(context)
        @unknown default: return "\(error)"
        }
    }

    static func invalid(_ file: String, _ message: String) -> StewardError {
        StewardError(.badUsage, message, location: SourceLocation(file: file))
    }

    // MARK: - Applying

    /// `model` with this file's m and u in place of the pipeline's and its prior, the comparisons matched by name
    /// and thresholds (rules, thresholds, blocking and term-frequency settings stay the pipeline's).
    /// - Throws: ``StewardError`` (`bad_usage`, exit 2) naming `file` and the comparison when the model does not
    ///   fit the pipeline: a comparison missing on either side, other thresholds or levels, a value outside (0, 1).
    public func applied(to model: MatchModel, file: String) throws -> MatchModel {
        let retrain = "; run 'steward train' on this pipeline again"
        guard prior > 0, prior < 1 else {
            throw Self.invalid(file, "prior \(prior) is not strictly between 0 and 1\(retrain)")
        }
        var out = model
        var used = [Bool](repeating: false, count: comparisons.count)
        for (c, comparison) in model.comparisons.enumerated() {
            guard let t = comparisons.indices.first(where: { !used[$0] && comparisons[$0].name == comparison.name })
            else {
                throw Self.invalid(
                    file, "the pipeline compares '\(comparison.name)' but the model has no weights for it\(retrain)")
            }
            used[t] = true
            let trained = comparisons[t]
            guard trained.thresholds.count == comparison.thresholds.count,
                zip(trained.thresholds, comparison.thresholds).allSatisfy({ abs($0 - $1) < 1e-9 })
            else {
                throw Self.invalid(
                    file,
                    "comparison '\(comparison.name)': the model was trained with levels \(trained.thresholds), the "
                        + "pipeline has \(comparison.thresholds)\(retrain)")
            }
            let labels = comparison.levels.map(\.label)
            guard trained.levels.map(\.label) == labels else {
                throw Self.invalid(
                    file,
                    "comparison '\(comparison.name)': the model's levels (\(trained.levels.map(\.label).joined(separator: ", "))) "
                        + "are not the pipeline's (\(labels.joined(separator: ", ")))\(retrain)")
            }
            for (l, level) in trained.levels.enumerated() {
                guard level.m > 0, level.m < 1, level.u > 0, level.u < 1 else {
                    throw Self.invalid(
                        file,
                        "comparison '\(comparison.name)', level '\(level.label)': m \(level.m) and u \(level.u) must be "
                            + "strictly between 0 and 1")
                }
                out.comparisons[c].levels[l].m = level.m
                out.comparisons[c].levels[l].u = level.u
            }
        }
        if let extra = comparisons.indices.first(where: { !used[$0] }) {
            throw Self.invalid(
                file,
                "the model has weights for '\(comparisons[extra].name)', which the pipeline does not compare\(retrain)")
        }
        out.prior = prior
        out.automaticPrior = false
        return out
    }
}
