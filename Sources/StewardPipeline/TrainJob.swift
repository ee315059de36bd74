import Foundation
import StewardConfig
import StewardMatch
import StewardModel
import StewardNormalize
import StewardReport

/// What `steward train` produced.
public struct TrainOutcome: Sendable {
    public var training: TrainingResult
    /// Where the model was written (nil when not written).
    public var modelFile: String?
    public var records: Int
    public var rejects: [Reject]
    /// Ingest warnings and training warnings.
    public var warnings: [String]
    public var timings: [StageTiming]
    /// Rejects or warnings the user must see make the command finish with status 1.
    public var status: ExitStatus
}

/// `steward train`: ingest, normalize and build the table exactly as a run does, then learn the pipeline's m, u
/// and prior from the records (``ModelTrainer``) and write them as a model file the pipeline (or `--model`) uses.
public enum TrainJob {
    /// Trains on the pipeline's sources and writes the model to `output` (atomically; nil: write nothing).
    /// The pipeline's own `matching.model` is not applied: training starts from the configured or built-in
    /// weights, so retraining never feeds on its previous result.
    public static func run(
        _ spec: PipelineSpec, options: TrainingOptions, output: String?,
        progress: ProgressReporter = ProgressReporter(mode: .quiet)
    ) throws -> TrainOutcome {
        var timings: [StageTiming] = []
        func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
            let start = Date()
            progress.begin(stage)
            defer {
                progress.end()
                timings.append(StageTiming(stage: stage, seconds: Date().timeIntervalSince(start)))
            }
            return try body()
        }
        let model = MatchModelBuilder.model(spec.match)
        let ingested = try timed("ingest") { try RunJob.ingest(spec) }
        let normalized = timed("normalize") {
            RunJob.normalize(ingested, spec: spec) { done, total in
                progress.update(done: done, total: total, unit: "records")
            }
        }
        let table = timed("table") {
            RecordTableBuilder.build(
                records: ingested.records, normalized: normalized, sourceIndex: ingested.sourceIndex,
                columns: MatchStage.requiredColumns(model))
        }
        let training = timed("train") {
            ModelTrainer.train(table, model: model.sized(records: table.count), pipeline: spec.name, options: options)
        }
        if let output {
            try timed("write") { try writeModel(training.trained, to: output) }
        }
        let warnings = ingested.warnings + training.trained.warnings
        return TrainOutcome(
            training: training, modelFile: output, records: ingested.records.count, rejects: ingested.rejects,
            warnings: warnings, timings: timings,
            status: warnings.isEmpty && ingested.rejects.isEmpty ? .ok : .finishedWithRejects)
    }

    /// Where `steward train` writes when not told: the pipeline's `matching.model`, else `<pipeline>.model.json`
    /// beside the pipeline file.
    public static func defaultModelFile(_ spec: PipelineSpec) -> String {
        if let file = spec.modelFile { return file }
        let url = URL(fileURLWithPath: spec.file)
        return url.deletingPathExtension().path + ".model.json"
    }

    /// Writes a model file atomically.
    public static func writeModel(_ model: TrainedModel, to path: String) throws {
        let data: Data
        do {
            data = try model.json()
        } catch {
            throw StewardError(
                .internalFailure, "cannot encode the model: \(error)", location: SourceLocation(file: path))
        }
        try AtomicFile.write([UInt8](data), to: path)
    }

    /// Reads a model file.
    /// - Throws: ``StewardError``: the file is missing or unreadable, or not a model (exit 2).
    public static func readModel(_ path: String) throws -> TrainedModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw StewardError(
                exists ? .fileUnreadable : .fileNotFound,
                exists ? "cannot read the model file" : "no such model file; write it with 'steward train'",
                location: SourceLocation(file: path))
        }
        return try TrainedModel.decode(data, file: path)
    }

    /// The match model a run scores with: the pipeline's, with the trained weights and prior of its model file
    /// (`matching.model`, or `--model`) when it names one.
    /// - Throws: ``StewardError`` (exit 2) when the file is missing, unreadable or does not fit the pipeline.
    public static func matchModel(_ spec: PipelineSpec) throws -> MatchModel {
        let model = MatchModelBuilder.model(spec.match)
        guard let file = spec.modelFile else { return model }
        return try readModel(file).applied(to: model, file: RunJob.displayPath(file))
    }
}
