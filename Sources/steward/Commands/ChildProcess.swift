import Dispatch
import Foundation
import StewardModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `wait4`, so that the child's own resource usage
/// (its peak resident set size) is known; Foundation's `Process` does not expose it. Used by `steward bench`.
struct ChildProcess {
    /// How a child ended.
    struct Outcome: Sendable {
        /// The exit status, or nil when a signal ended the child.
        var exitStatus: Int32?
        /// The signal that ended the child, if one did.
        var signal: Int32?
        /// Wall-clock seconds from spawn to reaping.
        var wallSeconds: Double
        /// The child's peak resident set size in bytes (`ru_maxrss` of `wait4`).
        var peakRSSBytes: Int
    }

    /// This very executable (`/proc/self/exe` on Linux, else the path the process was started with).
    static var currentExecutable: String {
        #if os(Linux)
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if FileManager.default.isExecutableFile(atPath: link) { return link }
        #endif
        if let path = Bundle.main.executablePath { return path }
        return CommandLine.arguments[0]
    }

    /// Runs `executable` with `arguments` and `environment`; stdin is `/dev/null`, stdout and stderr go to the
    /// files named (created or truncated). Blocks until the child has ended.
    ///
    /// - Throws: `StewardError` `.internalFailure` when the child cannot be started or reaped.
    static func run(
        executable: String, arguments: [String], environment: [String: String], stdoutPath: String,
        stderrPath: String
    ) throws -> Outcome {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let mode = mode_t(0o644)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, mode)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, mode)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        let started = DispatchTime.now().uptimeNanoseconds
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw StewardError(
                .internalFailure, "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            let code = errno
            if code == EINTR { continue }
            throw StewardError(
                .internalFailure, "cannot wait for \(executable) (pid \(pid)): \(String(cString: strerror(code)))")
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024  // KiB on Linux
        #else
        let peak = Int(usage.ru_maxrss)  // bytes on macOS
        #endif
        // The <sys/wait.h> macros, which Swift does not import: low 7 bits the signal (0 = exited), then the code.
        let signal = status & 0x7f
        if signal == 0 {
            return Outcome(exitStatus: (status >> 8) & 0xff, signal: nil, wallSeconds: wall, peakRSSBytes: peak)
        }
        return Outcome(exitStatus: nil, signal: signal, wallSeconds: wall, peakRSSBytes: peak)
    }
}
