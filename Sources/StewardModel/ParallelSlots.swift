import Foundation

/// Results of parallel work (`DispatchQueue.concurrentPerform`): one slot per iteration, each written by exactly
/// one iteration and read in index order afterwards, so the assembled result is the same at any thread count.
/// Shared by every stage that splits its work into chunks.
public final class ParallelSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores slot `i`'s result.
    public func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// The filled slots, in index order.
    public func all() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }

    /// Removes and returns slot `i`, which must be set (to free a chunk's memory as soon as it is consumed).
    public func take(_ i: Int) -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let value = slots[i] else { preconditionFailure("slot \(i) is empty") }
        slots[i] = nil
        return value
    }
}

/// A counter several threads add to (progress of parallel work).
public final class SharedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    public init() {}

    /// Adds `n` and returns the new total.
    public func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}
