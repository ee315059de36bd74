import Foundation
import StewardConfig
import StewardMatch
import StewardModel
import StewardPipeline
import StewardTestSupport
import Testing

/// `steward train` end to end: train on a labelled data set, run with the trained model, evaluate.
@Suite(.serialized) struct TrainJobTests {
    struct Scores: CustomStringConvertible {
        var precision: Double
        var recall: Double
        var f1: Double
        var description: String { String(format: "P %.4f R %.4f F1 %.4f", precision, recall, f1) }
    }

    static func spec(_ pipeline: String) throws -> PipelineSpec {
        let result = PipelineValidator.validate(file: Fixtures.repositoryRoot.appendingPathComponent(pipeline).path)
        return try #require(result.spec, "\(result.diagnostics)")
    }

    /// Runs `spec` into a temporary folder and evaluates its crosswalk against `truth`.
    static func evaluate(_ spec: PipelineSpec, truth: String) throws -> Scores {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steward-train-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try RunJob.run(spec, options: RunOptions(outputDirectory: directory.path))
        let evaluation = try EvaluateJob.run(
            truth: Fixtures.repositoryRoot.appendingPathComponent(truth).path,
            crosswalk: directory.appendingPathComponent("crosswalk.csv").path)
        return Scores(precision: evaluation.precision, recall: evaluation.recall, f1: evaluation.f1)
    }

    /// Trains `spec`, writes the model to a temporary file and returns the spec that uses it.
    static func trained(
        _ spec: PipelineSpec, options: TrainingOptions = TrainingOptions()
    ) throws -> (
        spec: PipelineSpec, outcome: TrainOutcome
    ) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("steward-\(UUID()).model.json").path
        let outcome = try TrainJob.run(spec, options: options, output: file)
        var withModel = spec
        withModel.modelFile = file
        return (withModel, outcome)
    }

    @Test("patient registries (member number, birth date, names, postal code): F1 ≥ 0.95 with trained weights")
    func patients() throws {
        let spec = try Self.spec("testdata/truth/patients/patients.yaml")
        let before = try Self.evaluate(spec, truth: "testdata/truth/patients/truth.csv")
        let (trainedSpec, outcome) = try Self.trained(spec)
        defer { try? FileManager.default.removeItem(atPath: outcome.modelFile ?? "") }
        let after = try Self.evaluate(trainedSpec, truth: "testdata/truth/patients/truth.csv")
        print("patients: built-in weights \(before); trained \(after)")
        #expect(after.f1 >= 0.95, "\(after)")
        #expect(after.precision >= before.precision)
        // The trained model: every comparison estimated; λ near the truth (297 true pairs of 140,185).
        let model = outcome.training.trained
        #expect(model.randomPairs == 530 * 529 / 2)
        #expect(model.comparisons.allSatisfy { $0.levels[0].mSource == .trained })
        #expect(model.expectedMatches > 200 && model.expectedMatches < 450, "\(model.expectedMatches)")
        #expect(model.converged)
    }

    @Test("patients from uninformative weights (m = u on every level): training alone reaches F1 ≥ 0.95")
    func patientsFromNothing() throws {
        var spec = try Self.spec("testdata/truth/patients/patients.yaml")
        spec.comparisons = spec.comparisons.map { comparison in
            var flat = comparison
            let count = MatchModelBuilder.comparison(comparison).levels.count
            flat.m = Array(repeating: 1 / Double(count), count: count)
            flat.u = flat.m
            return flat
        }
        let before = try Self.evaluate(spec, truth: "testdata/truth/patients/truth.csv")
        let (trainedSpec, outcome) = try Self.trained(spec)
        defer { try? FileManager.default.removeItem(atPath: outcome.modelFile ?? "") }
        let after = try Self.evaluate(trainedSpec, truth: "testdata/truth/patients/truth.csv")
        print("patients, flat start: before \(before); trained \(after)")
        #expect(before.f1 < 0.5)
        #expect(after.f1 >= 0.95, "\(after)")
    }

    @Test("contacts (built-in settings): trained weights keep F1 ≥ 0.97")
    func contacts() throws {
        let spec = try Self.spec("testdata/truth/contacts/contacts.yaml")
        let before = try Self.evaluate(spec, truth: "testdata/truth/contacts/truth.csv")
        let (trainedSpec, outcome) = try Self.trained(spec, options: TrainingOptions(randomPairs: 300_000))
        defer { try? FileManager.default.removeItem(atPath: outcome.modelFile ?? "") }
        let after = try Self.evaluate(trainedSpec, truth: "testdata/truth/contacts/truth.csv")
        print("contacts: built-in weights \(before); trained \(after)")
        #expect(after.f1 >= 0.97, "\(after)")
    }

    @Test("training is deterministic for a seed: the same model file bytes")
    func deterministic() throws {
        let spec = try Self.spec("testdata/truth/patients/patients.yaml")
        let options = TrainingOptions(seed: 11, randomPairs: 50_000)
        let a = try TrainJob.run(spec, options: options, output: nil).training.trained.json()
        let b = try TrainJob.run(spec, options: options, output: nil).training.trained.json()
        #expect(a == b)
        let other = try TrainJob.run(spec, options: TrainingOptions(seed: 12, randomPairs: 50_000), output: nil)
        #expect(try other.training.trained.json() != a)
    }

    @Test("a run whose model file does not fit stops before reading, naming the file and the comparison")
    func misfitStopsRun() throws {
        let patients = try Self.spec("testdata/truth/patients/patients.yaml")
        let (trainedSpec, outcome) = try Self.trained(patients, options: TrainingOptions(randomPairs: 10_000))
        defer { try? FileManager.default.removeItem(atPath: outcome.modelFile ?? "") }
        var contacts = try Self.spec("testdata/truth/contacts/contacts.yaml")
        contacts.modelFile = trainedSpec.modelFile
        #expect {
            _ = try RunJob.run(contacts, options: RunOptions(dryRun: true))
        } throws: { error in
            guard let error = error as? StewardError else { return false }
            return error.code.exitStatus == .usage && error.description.contains("email_key(emails)")
                && error.description.contains(".model.json")
        }
        var missing = contacts
        missing.modelFile = "/nonexistent/model.json"
        #expect(throws: StewardError.self) { _ = try RunJob.run(missing, options: RunOptions(dryRun: true)) }
    }
}
