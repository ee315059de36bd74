import StewardModel

/// An error that stops the store from opening or a run from being recorded: what, which file, how to fix it, and
/// the underlying cause (a GRDB `DatabaseError`, an `errno`).
public struct MasterStoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Another run holds the store's lock.
        case locked = "store_locked"
        /// The file is not a SQLite database, or not a Steward store.
        case notAStore = "not_a_store"
        /// The store was written by a newer Steward (migrations this version does not know).
        case newerSchema = "store_newer_schema"
        /// A read-only open of a store that does not exist.
        case missing = "store_missing"
        /// A run's data contradicts itself or the store (a record naming a golden id the run does not write, a
        /// retired id revived, …): a bug in the caller; nothing was written.
        case invalidCommit = "store_invalid_commit"
        /// A steward decision that cannot be stored (a record linked to itself).
        case invalidDecision = "store_invalid_decision"
        /// SQLite or the file system failed (disk full, I/O error, permissions).
        case failure = "store_failure"
    }

    public var code: Code
    public var message: String
    /// The store file.
    public var path: String
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, path: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    /// Suggested exit status: 2 when the store named is the wrong file (not a store, too new, missing) or a
    /// decision is invalid — fix the invocation; 3 when the run could not complete (locked by another run: try
    /// again when it ends; an invalid commit; SQLite or I/O failure).
    public var exitStatus: ExitStatus {
        switch code {
        case .notAStore, .newerSchema, .missing, .invalidDecision: return .usage
        case .locked, .invalidCommit, .failure: return .failure
        }
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }

    /// ``description`` plus the underlying cause.
    public var debugDescription: String {
        underlying.map { "\(description) (cause: \($0))" } ?? description
    }
}
