import Foundation

/// Progress of a long run on stderr: a redrawn bar on a terminal (at most 10 updates a second), periodic lines
/// otherwise (one every `interval` seconds, and only for work that takes that long), nothing when quiet.
public final class ProgressReporter: @unchecked Sendable {
    public enum Mode: Sendable {
        case terminal
        case lines(interval: Double)
        case quiet
    }

    private let mode: Mode
    private let lock = NSLock()
    private var stage = ""
    private var stageStart = Date()
    private var lastDraw = Date.distantPast
    private var drewBar = false

    public init(mode: Mode) {
        self.mode = mode
    }

    /// Terminal mode when stderr is a TTY, else a line every 10 seconds.
    public static func automatic(quiet: Bool) -> ProgressReporter {
        if quiet { return ProgressReporter(mode: .quiet) }
        return ProgressReporter(mode: isatty(2) != 0 ? .terminal : .lines(interval: 10))
    }

    /// Starts a stage.
    public func begin(_ stage: String) {
        lock.lock()
        defer { lock.unlock() }
        clearBar()
        self.stage = stage
        stageStart = Date()
        lastDraw = stageStart
    }

    /// Reports `done` of `total` units of the current stage.
    public func update(done: Int, total: Int, unit: String) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(stageStart)
        switch mode {
        case .quiet:
            return
        case .terminal:
            guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            write("\r\u{1B}[K" + line(done: done, total: total, unit: unit, elapsed: elapsed, bar: true))
            drewBar = true
        case .lines(let interval):
            guard now.timeIntervalSince(lastDraw) >= interval else { return }
            lastDraw = now
            write(line(done: done, total: total, unit: unit, elapsed: elapsed, bar: false) + "\n")
        }
    }

    /// Ends the current stage (clears the bar).
    public func end() {
        lock.lock()
        defer { lock.unlock() }
        clearBar()
    }

    private func clearBar() {
        if drewBar {
            write("\r\u{1B}[K")
            drewBar = false
        }
    }

    private func line(done: Int, total: Int, unit: String, elapsed: Double, bar: Bool) -> String {
        let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 0
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 && total > done ? Double(total - done) / rate : 0
        var text = "steward: \(stage) "
        if bar {
            let width = 24
            let filled = Int(fraction * Double(width))
            text += "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
        }
        text += String(format: "%3.0f%% ", fraction * 100) + "\(done)/\(total) \(unit) "
        text += String(format: "(%.0f/s, ETA %.0fs)", rate, eta)
        return text
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
