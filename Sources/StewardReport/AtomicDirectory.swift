import Foundation
import StewardModel

/// Replaces a folder's content all at once: readers see the old folder or the complete new one, never a mix.
///
/// The files are written into a sibling temporary folder (`<dir>.tmp-<pid>-<random>`) and flushed to disk
/// (`fsync` on every file and on the folder); then an existing `<dir>` is renamed aside (`<dir>.old-<pid>-<random>`),
/// the new folder renamed in and the old one deleted. Between the two renames `<dir>` briefly does not exist; it
/// never holds a partial set of files. On any error the temporary folder is removed and an existing `<dir>` is
/// left as it was (renamed back if it had been moved aside).
///
/// Safety: an existing `<dir>` is replaced only when it is empty or holds nothing but files named in
/// `replaceable` (a previous run's output), so a mistyped `-o ~` cannot delete a home folder. Missing parent
/// folders are created. A symbolic link at `<dir>` is followed: the folder it points to is replaced.
public enum AtomicDirectory {
    /// Writes `files` (name → bytes; names are plain file names) as the complete content of `path`.
    /// - Parameter replaceable: file names an existing folder may hold and still be replaced.
    /// - Throws: ``StewardError`` (`file_unreadable`) naming the path and the reason.
    public static func replace(
        _ path: String, with files: [(name: String, bytes: [UInt8])], replaceable: Set<String>
    )
        throws
    {
        try replace(path, with: files, replaceable: replaceable, fault: { _ in })
    }

    /// Points in ``replace(_:with:replaceable:fault:)`` where tests inject a failure.
    enum Step {
        /// Every file is written and synced in the temporary folder.
        case filesWritten
        /// The existing folder has been renamed aside; the new one is not in place yet.
        case movedAside
    }

    /// ``replace(_:with:replaceable:)`` with a hook that can fail at each ``Step``, for tests.
    static func replace(
        _ path: String, with files: [(name: String, bytes: [UInt8])], replaceable: Set<String>,
        fault: (Step) throws -> Void
    ) throws {
        guard !path.isEmpty else { throw failure(path, "no output folder given") }
        let target = resolvedTarget(path)
        let manager = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let existing = try existingFolder(target, shownAs: path, replaceable: replaceable)
        if !parent.isEmpty, !manager.fileExists(atPath: parent) {
            do {
                try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw failure(path, "cannot create the parent folder \(parent)", error)
            }
        }

        let suffix = "\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
        let temp = "\(target).tmp-\(suffix)"
        let old = "\(target).old-\(suffix)"
        guard mkdir(temp, 0o755) == 0 else {
            throw failure(path, "cannot create the temporary folder \(temp): \(lastError())")
        }
        var movedAside = false
        do {
            for file in files {
                try writeSynced(file.bytes, to: (temp as NSString).appendingPathComponent(file.name), shownAs: path)
            }
            try syncFolder(temp, shownAs: path)
            try fault(.filesWritten)
            if existing {
                guard rename(target, old) == 0 else {
                    throw failure(path, "cannot move the previous output aside to \(old): \(lastError())")
                }
                movedAside = true
                try fault(.movedAside)
            }
            guard rename(temp, target) == 0 else {
                throw failure(path, "cannot move the new output into place: \(lastError())")
            }
        } catch {
            if movedAside { _ = rename(old, target) }
            try? manager.removeItem(atPath: temp)
            if let error = error as? StewardError { throw error }
            throw failure(path, "cannot write the output", error)
        }
        if movedAside { try? manager.removeItem(atPath: old) }
        try? syncFolder(parent.isEmpty ? "." : parent, shownAs: path)
    }

    /// `path` without trailing slashes, through a symbolic link at its last component.
    private static func resolvedTarget(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: trimmed) {
            let parent = (trimmed as NSString).deletingLastPathComponent
            return destination.hasPrefix("/") ? destination : (parent as NSString).appendingPathComponent(destination)
        }
        return trimmed
    }

    /// Whether `target` exists (a folder Steward may replace); throws when it is something else.
    private static func existingFolder(_ target: String, shownAs path: String, replaceable: Set<String>) throws -> Bool
    {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else { return false }
        guard isFolder.boolValue else { throw failure(path, "it exists and is not a folder") }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: target)
        } catch {
            throw failure(path, "cannot list the existing folder", error)
        }
        let foreign = entries.filter { !replaceable.contains($0) }.sorted()
        if !foreign.isEmpty {
            let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
            throw failure(
                path,
                "the folder holds files Steward did not write (\(shown)); it would be replaced as a whole: "
                    + "choose a new or empty output folder")
        }
        return true
    }

    private static func writeSynced(_ bytes: [UInt8], to file: String, shownAs path: String) throws {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create \(file): \(lastError())") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot write \(file): \(lastError())")
            }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush \(file) to disk: \(lastError())") }
    }

    private static func syncFolder(_ folder: String, shownAs path: String) throws {
        let descriptor = open(folder, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path, "cannot open \(folder): \(lastError())") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush \(folder) to disk: \(lastError())") }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    /// A ``StewardError`` located at `path`; the cause is kept as ``StewardError/underlying``, and its POSIX reason
    /// (`Permission denied`) added to the message when it has one.
    private static func failure(_ path: String, _ reason: String, _ cause: (any Error)? = nil) -> StewardError {
        var message = "cannot write the output folder: \(reason)"
        if let cause, let posix = posixReason(cause) { message += ": \(posix)" }
        return StewardError(.fileUnreadable, message, location: SourceLocation(file: path), underlying: cause)
    }

    private static func posixReason(_ error: any Error) -> String? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nil
    }
}
