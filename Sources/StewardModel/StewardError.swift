/// How a run ended, as the process exit status.
public enum ExitStatus: Int32, Sendable {
    /// Finished; nothing the user must look at.
    case ok = 0
    /// Finished, but with rejects or warnings the user must see.
    case finishedWithRejects = 1
    /// Bad usage or configuration; nothing was done.
    case usage = 2
    /// Failure: the run could not complete.
    case failure = 3
}

/// An error that stops a command: what happened, where, how to fix it, and the underlying cause.
public struct StewardError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case fileNotFound = "file_not_found"
        case fileUnreadable = "file_unreadable"
        case unsupportedEncoding = "unsupported_encoding"
        case badUsage = "bad_usage"
        case internalFailure = "internal_failure"

        /// Exit status for this code: input/usage problems are 2, the rest 3.
        public var exitStatus: ExitStatus {
            switch self {
            case .fileNotFound, .fileUnreadable, .unsupportedEncoding, .badUsage: return .usage
            case .internalFailure: return .failure
            }
        }
    }

    public var code: Code
    public var message: String
    public var location: SourceLocation?
    public var underlying: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, location: SourceLocation? = nil, underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.underlying = underlying
    }

    /// One line for people: `location: message`. The message already says what went wrong in words; the
    /// underlying cause (often a verbose platform error) stays available in ``underlying`` and ``debugDescription``.
    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }

    /// ``description`` plus the underlying cause, for logs and bug reports.
    public var debugDescription: String {
        underlying.map { "\(description) (cause: \($0))" } ?? description
    }
}
