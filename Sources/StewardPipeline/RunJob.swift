import Dispatch
import Foundation
import StewardCluster
import StewardConfig
import StewardIngest
import StewardMatch
import StewardMerge
import StewardModel
import StewardNormalize
import StewardReport

/// Options of `steward run` / `steward dedup`.
public struct RunOptions: Sendable {
    /// Stop after blocking: count candidate pairs per pass, compare nothing, write nothing.
    public var dryRun: Bool
    /// Replaces the pipeline's output folder.
    public var outputDirectory: String?
    public var stewardVersion: String

    public init(dryRun: Bool = false, outputDirectory: String? = nil, stewardVersion: String = "dev") {
        self.dryRun = dryRun
        self.outputDirectory = outputDirectory
        self.stewardVersion = stewardVersion
    }
}

/// What a run produced: the summary (also in summary.json), the blocking plan, and how it should exit.
public struct RunOutcome: Sendable {
    public var summary: RunSummary
    public var plan: BlockingPlan
    public var model: MatchModel
    /// Rejects and warnings the user must see make the run finish with status 1.
    public var status: ExitStatus
    /// Set when nothing was written (dry run).
    public var dryRun: Bool
    /// The input rows rejected (also in rejects.csv).
    public var rejects: [Reject]
}

/// The main job: every source → ingest → normalize → block → compare → cluster → merge → outputs, written
/// atomically into the output folder. Only this type knows the order of the stages.
public enum RunJob {
    public static func run(
        _ spec: PipelineSpec, options: RunOptions, progress: ProgressReporter = ProgressReporter(mode: .quiet)
    ) throws -> RunOutcome {
        let started = Date()
        var timings: [StageTiming] = []
        var warnings: [String] = []
        func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
            let start = Date()
            progress.begin(stage)
            defer {
                progress.end()
                timings.append(StageTiming(stage: stage, seconds: Date().timeIntervalSince(start)))
            }
            return try body()
        }

        // The match model first: a model file that does not fit the pipeline stops the run before any reading.
        var model = try TrainJob.matchModel(spec)

        // Ingest.
        let ingested = try timed("ingest") { try ingest(spec) }
        warnings += ingested.warnings

        // Normalize, each source with its own region.
        let normalized = timed("normalize") {
            normalize(ingested, spec: spec) { done, total in progress.update(done: done, total: total, unit: "records")
            }
        }

        // Block, compare.
        let table = timed("table") {
            RecordTableBuilder.build(
                records: ingested.records, normalized: normalized, sourceIndex: ingested.sourceIndex,
                columns: MatchStage.requiredColumns(model))
        }
        model = model.sized(records: table.count)
        let outputDirectory = options.outputDirectory ?? spec.outputDirectory
        func summary(counts: StageCounts) -> RunSummary {
            RunSummary(
                pipeline: spec.name, stewardVersion: options.stewardVersion,
                startedAt: RunSummary.timestamp(started), finishedAt: RunSummary.timestamp(Date()),
                outputDirectory: displayPath(outputDirectory), sources: ingested.sources, counts: counts,
                timings: timings,
                warnings: warnings)
        }
        if options.dryRun {
            let plan = timed("block") { MatchStage.plan(table, model: model) }
            warnings += skippedBlockWarnings(plan)
            let counts = StageCounts(
                recordsRead: ingested.recordsRead, rejected: ingested.rejects.count, normalized: normalized.count,
                blocking: plan.passes, candidatePairs: plan.candidatePairs, compared: 0, decisions: [:], clusters: 0,
                multiRecordClusters: 0, goldenRecords: 0, reviewPairs: 0, flaggedClusters: 0)
            return RunOutcome(
                summary: summary(counts: counts), plan: plan, model: model,
                status: warnings.isEmpty && ingested.rejects.isEmpty ? .ok : .finishedWithRejects, dryRun: true,
                rejects: ingested.rejects)
        }
        let match = timed("compare") {
            MatchStage.run(table, model: model) { done, total in
                progress.update(done: done, total: total, unit: "pairs")
            }
        }
        warnings += skippedBlockWarnings(match.plan)

        // Cluster, with the file's constraints; score never-compared pairs inside clusters for coherence flags.
        let constraints = resolve(spec, records: ingested.records, warnings: &warnings)
        let clusters = timed("cluster") { () -> ClusterResult in
            var result = ClusterStage.run(
                recordCount: ingested.records.count, pairs: match.pairs, mustLink: constraints.mustLink,
                cannotLink: constraints.cannotLink)
            let extra = ClusterStage.uncomparedPairs(in: result, compared: match.pairs)
            if !extra.isEmpty {
                ClusterStage.addContraryFlags(
                    &result, extraPairs: MatchStage.score(extra, table: table, model: model))
            }
            return result
        }

        // Merge.
        let merge = timed("merge") {
            MergeStage.run(
                MergeInput(
                    records: ingested.records, normalized: normalized, sourceIndex: ingested.sourceIndex,
                    sourceNames: spec.sources.map(\.name), sourceTrust: spec.sources.map(\.trust),
                    updatedAt: table.updatedAt, clusters: clusters, survivorship: spec.survivorship))
        }
        let flagged = clusters.clusters.reduce(0) { $0 + ($1.flags.isEmpty ? 0 : 1) }
        if flagged > 0 { warnings.append("\(flagged) cluster(s) flagged for review (see audit.jsonl)") }

        // Write.
        var output = RunOutput(
            records: ingested.records, normalized: normalized, model: model, match: match, clusters: clusters,
            merge: merge, rejects: ingested.rejects,
            summary: summary(
                counts: StageCounts(
                    recordsRead: ingested.recordsRead, rejected: ingested.rejects.count, normalized: normalized.count,
                    match: match, clusters: clusters, merge: merge)))
        output.summary.matchWeights = match.weights
        try timed("write") { try RunReportWriter.write(output, to: outputDirectory) }
        output.summary = summary(counts: output.summary.counts)
        output.summary.matchWeights = match.weights
        let status: ExitStatus = warnings.isEmpty && ingested.rejects.isEmpty ? .ok : .finishedWithRejects
        return RunOutcome(
            summary: output.summary, plan: match.plan, model: model, status: status, dryRun: false,
            rejects: ingested.rejects)
    }

    // MARK: - Normalize

    /// Normalizes every record with its source's region, in parallel chunks reassembled in order.
    static func normalize(
        _ ingested: Ingested, spec: PipelineSpec, progress: @escaping @Sendable (Int, Int) -> Void
    )
        -> [NormalizedRecord]
    {
        let count = ingested.records.count
        let normalizers = spec.sources.map {
            RecordNormalizer(options: NormalizeOptions(defaultRegion: $0.region ?? spec.defaultRegion))
        }
        // Chunks never straddle two sources, so each chunk has one normalizer.
        var chunks: [Range<Int>] = []
        var start = 0
        while start < count {
            var end = start
            let source = ingested.sourceIndex[start]
            while end < count && end - start < 8192 && ingested.sourceIndex[end] == source { end += 1 }
            chunks.append(start..<end)
            start = end
        }
        let results = ParallelSlots<[NormalizedRecord]>(count: chunks.count)
        let done = SharedCounter()
        let records = ingested.records
        let sourceIndex = ingested.sourceIndex
        let ranges = chunks
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            let normalizer = normalizers[Int(sourceIndex[ranges[c].lowerBound])]
            results.set(c, records[ranges[c]].map { normalizer.normalized($0) })
            progress(done.add(ranges[c].count), count)
        }
        var out: [NormalizedRecord] = []
        out.reserveCapacity(count)
        for chunk in results.all() { out += chunk }
        return out
    }

    // MARK: - Ingest

    struct Ingested {
        var records: [SourceRecord] = []
        var sourceIndex = ContiguousArray<UInt16>()
        var rejects: [Reject] = []
        var warnings: [String] = []
        var sources: [SourceSummary] = []
        var recordsRead = 0
    }

    static func ingest(_ spec: PipelineSpec) throws -> Ingested {
        var out = Ingested()
        for (s, source) in spec.sources.enumerated() {
            var summary = SourceSummary(
                name: source.name, files: source.files.map(displayPath), records: 0, rejects: 0)
            var seen: [String: SourceLocation] = [:]
            var seenIndex: [String: Int] = [:]
            for resolved in source.files {
                // Shown in rejects and warnings: relative to the working folder when inside it.
                let file = displayPath(resolved)
                let result = try SourceReader.read(
                    path: file, format: source.format, source: source.name, options: readOptions(source))
                out.warnings += result.warnings
                out.rejects += result.rejects
                summary.rejects += result.rejects.count
                out.recordsRead += result.recordsRead
                let fileName = URL(fileURLWithPath: file).lastPathComponent
                for var record in result.records {
                    // A record without an id column is known by its place: `file.csv:12`, not an absolute path.
                    if record.sourceID == record.location.description {
                        if let line = record.location.line {
                            record.sourceID = "\(fileName):\(line)"
                        } else if let ordinal = record.location.ordinal {
                            record.sourceID = "\(fileName)#\(ordinal)"
                        }
                    }
                    // An email source's id is the address: the same address in two mailbox files is one person,
                    // not a bad row. Keep the record of the newest message (ISO 8601 UTC dates sort as text).
                    if source.format == .email, let kept = seenIndex[record.sourceID] {
                        if (record.fields[.updatedAt] ?? "") > (out.records[kept].fields[.updatedAt] ?? "") {
                            out.records[kept] = record
                        }
                        continue
                    }
                    // Ids are unique per file already; a source spread over files must keep them unique too.
                    if let first = seen[record.sourceID] {
                        out.rejects.append(
                            Reject(
                                source: source.name, location: record.location,
                                reason: .duplicateSourceID(record.sourceID, firstSeen: first.description),
                                rawText: record.sourceID))
                        summary.rejects += 1
                        continue
                    }
                    seen[record.sourceID] = record.location
                    seenIndex[record.sourceID] = out.records.count
                    out.records.append(record)
                    out.sourceIndex.append(UInt16(s))
                    summary.records += 1
                }
            }
            out.sources.append(summary)
        }
        return out
    }

    /// The ingester settings a source declares.
    static func readOptions(_ source: SourceSpec) -> ReadOptions {
        var options = ReadOptions()
        options.csv.delimiter = source.delimiter
        for column in source.columns { options.csv.columns[column.header] = column.field.description }
        options.xml = XMLOptions(
            recordPath: source.record,
            fields: source.columns.map { XMLOptions.FieldPath(field: $0.field.description, path: $0.header) },
            namespaces: source.namespaces)
        options.email = EmailHeaderOptions(
            headers: source.headers ?? EmailHeaderOptions.defaultHeaders, signatures: source.signatures)
        return options
    }

    /// `path` relative to the current folder when it lies inside it, else unchanged.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    // MARK: - Constraints

    static func resolve(
        _ spec: PipelineSpec, records: [SourceRecord], warnings: inout [String]
    ) -> (
        mustLink: [RecordLink], cannotLink: [RecordLink]
    ) {
        guard !spec.mustLink.isEmpty || !spec.cannotLink.isEmpty else { return ([], []) }
        var index: [String: Int32] = [:]
        for (i, record) in records.enumerated() { index["\(record.source):\(record.sourceID)"] = Int32(i) }
        func links(_ pairs: [[String]], _ kind: String) -> [RecordLink] {
            pairs.compactMap { pair in
                guard pair.count == 2, let a = index[pair[0]], let b = index[pair[1]] else {
                    let missing = pair.filter { index[$0] == nil }.joined(separator: ", ")
                    warnings.append("\(kind) [\(pair.joined(separator: ", "))]: no such record \(missing); ignored")
                    return nil
                }
                return RecordLink(a, b)
            }
        }
        return (links(spec.mustLink, "must_link"), links(spec.cannotLink, "cannot_link"))
    }

    static func skippedBlockWarnings(_ plan: BlockingPlan) -> [String] {
        plan.passes.flatMap { pass in
            pass.skipped.prefix(5).map {
                "blocking pass '\(pass.name)': block '\($0.key)' has \($0.size) records (over max_block_size "
                    + "\(plan.maxBlockSize)); skipped, its pairs are not compared"
            }
        }
    }
}
