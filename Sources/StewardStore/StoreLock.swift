import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive run lock of a store: `flock(LOCK_EX | LOCK_NB)` on `<store>.lock`.
///
/// The kernel releases a `flock` when the last descriptor of its open file closes, which includes the process
/// dying (SIGKILL, a crash): a dead run never leaves the store locked. The holder writes its pid and start time
/// into the file, for the message the next opener gets. The lock file itself stays (removing it would race with
/// a concurrent opener). Not reliable on network file systems that do not implement `flock` (older NFS).
final class StoreLock: @unchecked Sendable {
    /// Guards `descriptor` (-1 once released).
    private let guardLock = NSLock()
    private var descriptor: Int32
    let path: String

    /// Takes the lock or throws ``MasterStoreError/Code/locked`` naming the store and the holder.
    init(storePath: String) throws {
        path = storePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw MasterStoreError(
                .failure, "cannot create the lock file \(path): \(String(cString: strerror(code)))", path: storePath,
                underlying: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = StoreLock.holder(fd)
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                throw MasterStoreError(
                    .locked,
                    "another run holds the store\(holder.map { " (\($0))" } ?? ""); it is released when that run "
                        + "ends. Wait for it, or point `store:` at another file",
                    path: storePath)
            }
            throw MasterStoreError(
                .failure, "cannot lock \(path): \(String(cString: strerror(code)))", path: storePath,
                underlying: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
        }
        descriptor = fd
        let stamp = "pid \(getpid()), since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = stamp.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Releases the lock now (idempotent); deinitialization releases it too.
    func release() {
        guardLock.lock()
        defer { guardLock.unlock() }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    deinit {
        release()
    }

    /// What the holder wrote into the lock file (`pid 4242, since …`), if anything.
    private static func holder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
