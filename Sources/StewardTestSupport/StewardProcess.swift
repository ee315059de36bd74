import Foundation

/// Runs the built `steward` executable, for end-to-end tests.
public enum StewardProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// Non-empty stdout lines.
        public var lines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }

    /// The `steward` binary beside the running test bundle (same build products folder).
    public static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let beside = exe.deletingLastPathComponent().appendingPathComponent("steward")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        // macOS: the .xctest bundle sits in the products folder.
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("steward")
    }

    /// Runs `steward` with arguments and optional stdin, in the repository root as working directory.
    public static func run(_ arguments: [String], stdin: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.repositoryRoot
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Drain both pipes concurrently so a large output cannot dead-lock the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        let errData = errBox.data
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Hand-off cell for the stderr reader; written once before `group.wait()` returns.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
