import Dispatch
import Foundation
import StewardModel

/// `steward generate`: writes a folder of deterministic, messy contact sources with ground truth: CSV exports
/// (`crm.csv` Salesforce-like, `marketing.csv` Google-Contacts-like), business cards (`cards.vcf`), a marketing
/// tool's XML export (`marketing.xml`) and a support mailbox (`support.mbox`), plus `truth.csv`
/// (`source,source_id,entity_id`) and a ready-to-run `pipeline.yaml`.
///
/// The people (four locales: US, UK, DE, FR), their companies, the hard negatives and every record's corruption
/// come from SplitMix64 streams derived from the seed and an index, and records are rendered in fixed chunks of the
/// shuffled record order, so the same options give byte-identical files at any thread count. See
/// ``RecordRenderer`` for the corruption rates and ``World`` for the people.
///
/// The folder is written as `DIR.tmp-<pid>` and renamed into place; a folder that exists, is not empty and holds
/// no `truth.csv` (so was not written by this command) is refused.
///
/// Cost: about 1 µs per record on one core, output streamed in batches (memory: the people, about 60 bytes each,
/// the record order, 9 bytes per record, and one batch of rendered chunks).
public enum GenerateJob {
    /// Records rendered per chunk: the unit of parallel work and of determinism.
    static let chunkRecords = 8192

    /// Generates into `directory`. `progress` is called after each batch with (records written, total).
    ///
    /// - Throws: `StewardError` `.badUsage` for bad options or a folder that may not be replaced,
    ///   `.fileUnreadable` when the folder cannot be written.
    public static func run(
        _ options: GenerateOptions, directory: String, progress: ((Int, Int) -> Void)? = nil
    ) throws -> GenerateSummary {
        let started = DispatchTime.now()
        try options.validate()
        let target = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        try checkTarget(target)
        let world: World
        do {
            world = try World(options: options)
        } catch {
            throw StewardError(
                .badUsage,
                "too many records for the generated phone plans; use --records \(GenerateOptions.maxRecords) or fewer")
        }
        let temporary = "\(target).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let fm = FileManager.default
        try? fm.removeItem(atPath: temporary)
        do {
            try fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            let counts = try write(world, options: options, into: temporary, progress: progress)
            try replace(target, with: temporary)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return GenerateSummary(
                directory: target,
                sources: world.sources.map {
                    GenerateSummary.SourceCount(source: $0.name, file: $0.fileName, records: counts[$0.rawValue])
                },
                records: world.recordCount, entities: world.entities.count, companies: world.companies.count,
                duplicatePairs: world.duplicatePairs,
                hardNegativeGroups: world.groupCounts.map { ($0.kind.label, $0.groups, $0.people) },
                seconds: seconds)
        } catch {
            try? fm.removeItem(atPath: temporary)
            if error is StewardError { throw error }
            throw StewardError(
                .fileUnreadable, "cannot write the generated files: \(error.localizedDescription)",
                location: SourceLocation(file: target), underlying: error)
        }
    }

    /// Refuses a path that is a file, or a non-empty folder without our `truth.csv`.
    static func checkTarget(_ target: String) throws {
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        guard fm.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw StewardError(
                .badUsage, "exists and is not a folder; choose another output folder",
                location: SourceLocation(file: target))
        }
        let contents = (try? fm.contentsOfDirectory(atPath: target)) ?? []
        if !contents.isEmpty && !contents.contains("truth.csv") {
            throw StewardError(
                .badUsage,
                "folder is not empty and was not written by 'steward generate' (no truth.csv); choose another "
                    + "output folder or empty it",
                location: SourceLocation(file: target))
        }
    }

    /// Moves the finished folder into place; an earlier generated folder is removed only once the new one is
    /// complete.
    private static func replace(_ target: String, with temporary: String) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: target) {
            let old = "\(target).old-\(ProcessInfo.processInfo.processIdentifier)"
            try fm.moveItem(atPath: target, toPath: old)
            try fm.moveItem(atPath: temporary, toPath: target)
            try? fm.removeItem(atPath: old)
        } else {
            try fm.moveItem(atPath: temporary, toPath: target)
        }
    }

    /// Renders every record, batch by batch, and writes the files; returns the records per source.
    static func write(
        _ world: World, options: GenerateOptions, into folder: String, progress: ((Int, Int) -> Void)?
    ) throws -> [Int] {
        var files: [SourceKind: FileHandle] = [:]
        func open(_ name: String) throws -> FileHandle {
            let path = folder + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else {
                throw StewardError(.fileUnreadable, "cannot create the file", location: SourceLocation(file: path))
            }
            return handle
        }
        for source in world.sources { files[source] = try open(source.fileName) }
        let truth = try open("truth.csv")
        defer {
            for handle in files.values { try? handle.close() }
            try? truth.close()
        }
        try files[.crm]?.write(contentsOf: Data(RecordRenderer.crmHeader.utf8))
        try files[.marketing]?.write(contentsOf: Data(RecordRenderer.marketingHeader.utf8))
        try files[.marketingXML]?.write(contentsOf: Data(RecordRenderer.xmlHeader.utf8))
        try truth.write(contentsOf: Data("source,source_id,entity_id\n".utf8))

        let total = world.recordCount
        let chunks = (total + chunkRecords - 1) / chunkRecords
        let batch = max(2, 4 * ProcessInfo.processInfo.activeProcessorCount)
        var counts = Array(repeating: 0, count: SourceKind.allCases.count)
        // Output buffers are reused from batch to batch (slot i of every batch), so pages are not zeroed anew.
        let pool = ParallelSlots<ChunkOutput>(count: batch)
        for i in 0..<batch { pool.set(i, ChunkOutput()) }
        var first = 0
        while first < chunks {
            let last = min(chunks, first + batch)
            let base = first
            DispatchQueue.concurrentPerform(iterations: last - first) { i in
                let chunk = base + i
                var renderer = RecordRenderer(world: world, output: pool.take(i))
                for position in (chunk * chunkRecords)..<min(total, (chunk + 1) * chunkRecords) {
                    renderer.render(position: position)
                }
                pool.set(i, renderer.out)
            }
            for i in 0..<(last - first) {
                var output = pool.take(i)
                for source in world.sources where !output.sources[source.rawValue].isEmpty {
                    try write(output.sources[source.rawValue], to: files[source])
                    counts[source.rawValue] += output.counts[source.rawValue]
                }
                try write(output.truth, to: truth)
                output.clear()
                pool.set(i, output)
            }
            first = last
            progress?(min(total, first * chunkRecords), total)
        }
        try files[.marketingXML]?.write(contentsOf: Data(RecordRenderer.xmlFooter.utf8))
        let pipeline = folder + "/pipeline.yaml"
        guard FileManager.default.createFile(atPath: pipeline, contents: Data(pipelineYAML(world, options).utf8)) else {
            throw StewardError(.fileUnreadable, "cannot create the file", location: SourceLocation(file: pipeline))
        }
        return counts
    }

    private static func write(_ bytes: [UInt8], to handle: FileHandle?) throws {
        guard let handle else { return }
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            try handle.write(
                contentsOf: Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
        }
    }

    /// The pipeline file naming every written source, with the XML paths, trust per source and `out/` beside it.
    static func pipelineYAML(_ world: World, _ options: GenerateOptions) -> String {
        var lines = [
            "# Written by: steward generate --records \(options.records) --seed \(options.seed) --dup-rate "
                + "\(options.dupRate) --formats \(options.formats.map(\.rawValue).joined(separator: ","))",
            "# Ground truth: truth.csv beside this file. Run and score:",
            "#   steward run pipeline.yaml",
            "#   steward evaluate --truth truth.csv out/crosswalk.csv",
            "version: 1",
            "name: generated",
            "sources:",
        ]
        for source in world.sources {
            switch source {
            case .crm, .marketing:
                lines.append(
                    "  - { name: \(source.name), format: csv, path: \(source.fileName), trust: \(source.trust) }")
            case .cards:
                lines.append(
                    "  - { name: \(source.name), format: vcard, path: \(source.fileName), trust: \(source.trust) }")
            case .marketingXML:
                lines += [
                    "  - name: \(source.name)",
                    "    format: xml",
                    "    path: \(source.fileName)",
                    "    trust: \(source.trust)",
                    "    record: /Export/Subscribers/Subscriber",
                    "    fields:",
                    "      source_id: \"@id\"",
                    "      name_prefix: Salutation",
                    "      given_name: FirstName",
                    "      family_name: LastName",
                    "      name_suffix: Suffix",
                    "      emails: Email",
                    "      organization: Company",
                    "      title: JobTitle",
                    "      phones: Phones/Phone",
                    "      city: City",
                    "      country: Country",
                    "      updated_at: Modified",
                    "      consent: Consent",
                ]
            case .support:
                lines += [
                    "  # Every sender and copied address is one record (its id: the address in lower case); the desk's",
                    "  # own address in To: is left out.",
                    "  - { name: \(source.name), format: email, path: \(source.fileName), trust: \(source.trust), "
                        + "headers: [From, Cc] }",
                ]
            }
        }
        lines.append("output: { dir: out }")
        return lines.joined(separator: "\n") + "\n"
    }
}
