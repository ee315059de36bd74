import Foundation
import StewardModel

/// Writes files so that readers see either the old content or the complete new one, never a partial file.
///
/// The bytes go to a temporary file in the same directory (`.<name>.tmp-<pid>`), are flushed to disk, and the
/// temporary file is renamed over the target (an atomic replace on POSIX file systems). On failure the
/// temporary file is removed and the target is untouched.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(bytes).write(to: temp, options: [])
            let handle = try FileHandle(forWritingTo: temp)
            try handle.synchronize()
            try handle.close()
            if rename(temp.path, url.path) != 0 {
                throw StewardError(
                    .fileUnreadable, "cannot replace \(path): \(String(cString: strerror(errno)))",
                    location: SourceLocation(file: path))
            }
        } catch let error as StewardError {
            try? FileManager.default.removeItem(at: temp)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw StewardError(
                .fileUnreadable, "cannot write \(path): \(error.localizedDescription)",
                location: SourceLocation(file: path))
        }
    }
}
