import Foundation

/// Splits a byte stream into messages: an mbox file (`From ` separator lines) or a single message (`.eml`), over a
/// window of bytes that a reader refills, so a large mbox is read in chunks and only one message is held at a time.
///
/// mbox (RFC 4155 with the common variants): a separator is a line starting with `From ` that is the first line of
/// the file or follows a blank line, and (after the first) carries a time (`hh:mm`), as every mbox writer's
/// `From sender date` line does; this keeps an unquoted `From time to time` in a body from splitting a message.
/// Lines before the first separator are skipped. A message longer than `maxMessageBytes` is delivered truncated
/// (its header still counts) and the rest is skipped up to the next separator.
///
/// - Complexity: O(n); each line is visited once (a line split across two reads is rescanned once).
struct EmailMessageSplitter {
    /// One message: `range` in the current window, the physical line of its first byte, and whether it was cut at
    /// `maxMessageBytes`.
    struct Message {
        var range: Range<Int>
        var line: Int
        var truncated: Bool
    }

    enum Step {
        case message(Message)
        case needMore
        case done
    }

    let mbox: Bool
    let maxMessageBytes: Int

    /// Window offset of the current message's first byte.
    private var messageStart = 0
    private var messageLine = 1
    /// Window offset of the next line to examine, and its physical line number.
    private var scan = 0
    private var line = 1
    private var previousBlank = true
    /// Whether the current message has started (mbox: its separator was seen).
    private var started: Bool
    /// After a truncated message: discard up to the next separator.
    private var skipping = false
    /// `scan` is inside a long line being skipped (not at a line start).
    private var midLine = false
    private var finished = false

    init(mbox: Bool, maxMessageBytes: Int) {
        self.mbox = mbox
        self.maxMessageBytes = max(1, maxMessageBytes)
        self.started = !mbox
    }

    /// Bytes at the front of the window that are no longer needed.
    var discardable: Int { started && !skipping ? messageStart : scan }

    /// The reader dropped `count` bytes from the front of the window.
    mutating func shift(by count: Int) {
        messageStart -= count
        scan -= count
    }

    /// The next message in `window`, or `.needMore` when the window ends inside one and `eof` is false.
    mutating func next(_ window: UnsafeBufferPointer<UInt8>, eof: Bool) -> Step {
        if finished { return .done }
        let n = window.count
        while true {
            if started && !skipping && scan - messageStart > maxMessageBytes {
                return truncated()
            }
            if scan >= n {
                if !eof { return .needMore }
                finished = true
                if started && !skipping && (messageStart < n || !mbox) {
                    return .message(
                        Message(range: messageStart..<max(messageStart, n), line: messageLine, truncated: false))
                }
                return .done
            }
            guard let base = window.baseAddress else { return .done }
            let newline: Int
            if let found = memchr(base + scan, 0x0A, n - scan) {
                newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else if eof {
                newline = n  // the last line has no line break
            } else {
                if started && !skipping && n - messageStart > maxMessageBytes { return truncated() }
                if (skipping || !started) && n - scan > 4096 {
                    // A long line in skipped text: drop what has been read of it.
                    midLine = true
                    scan = n
                }
                return .needMore
            }
            var lineEnd = newline
            if lineEnd > scan && window[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if !midLine, mbox, previousBlank || !started,
                isSeparator(UnsafeBufferPointer(rebasing: window[scan..<lineEnd]), first: !started)
            {
                let previous = Message(range: messageStart..<scan, line: messageLine, truncated: false)
                let deliver = started && !skipping && scan > messageStart
                started = true
                skipping = false
                previousBlank = false
                scan = min(newline + 1, n)
                line += 1
                messageStart = scan
                messageLine = line
                if deliver { return .message(previous) }
                continue
            }
            previousBlank = !midLine && lineEnd == scan
            midLine = false
            scan = min(newline + 1, n)
            line += 1
        }
    }

    /// Delivers the first `maxMessageBytes` of the current message and skips the rest.
    private mutating func truncated() -> Step {
        skipping = true
        if !mbox { finished = true }
        return .message(
            Message(range: messageStart..<(messageStart + maxMessageBytes), line: messageLine, truncated: true))
    }

    /// `From ` at the start of `line`; after the first separator also a `hh:mm` time in it.
    func isSeparator(_ text: UnsafeBufferPointer<UInt8>, first: Bool) -> Bool {
        guard text.count >= 5, text[0] == UInt8(ascii: "F"), text[1] == UInt8(ascii: "r"),
            text[2] == UInt8(ascii: "o"), text[3] == UInt8(ascii: "m"), text[4] == UInt8(ascii: " ")
        else { return false }
        if first { return true }
        guard text.count >= 9 else { return false }
        for i in 5..<(text.count - 3) where text[i] == UInt8(ascii: ":") {
            if EmailMessageSplitter.isDigit(text[i - 1]) && EmailMessageSplitter.isDigit(text[i + 1])
                && EmailMessageSplitter.isDigit(text[i + 2])
            {
                return true
            }
        }
        return false
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
