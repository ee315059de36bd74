import Foundation

/// After reading stopped early: counts the record element's start tags in the whole input (so the report can say
/// how many records were lost) and takes the text of the line where reading stopped.
///
/// A plain byte scan, not a parse: `<prefix:Name` or `<Name` followed by a space, `/` or `>` counts when its local
/// name is the record element's, so a start tag inside a comment or CDATA section would count too (the report says
/// "about"). Only encodings that write `<` as one byte (UTF-8, ISO-8859-x, Windows-125x, ASCII) are scanned;
/// UTF-16 and UTF-32 input gives no count. Reads 1 MiB at a time: memory stays flat, time is a fraction of a
/// parse.
enum XMLDamageScan {
    enum Input {
        case file(String)
        case bytes(UnsafeBufferPointer<UInt8>)
    }

    struct Result {
        /// Start tags of the record element in the input; `nil` when not counted.
        var startTags: Int?
        /// The input's line `line` (at most 300 bytes), decoded as UTF-8 with replacement characters.
        var lineText: String?
    }

    static func scan(_ input: Input, localName: String?, line: Int?) -> Result {
        var state = State(localName: localName.map { Array($0.utf8) }, line: line ?? 0)
        switch input {
        case .bytes(let bytes):
            guard !isWide(bytes) else { return Result() }
            state.feed(bytes)
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { return Result() }
            defer { try? handle.close() }
            var first = true
            while true {
                let chunk = handle.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                let wide = chunk.withUnsafeBytes { raw in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    if first && isWide(bytes) { return true }
                    state.feed(bytes)
                    return false
                }
                if wide { return Result() }
                first = false
            }
        }
        return Result(
            startTags: localName == nil ? nil : state.count,
            lineText: line == nil ? nil : String(decoding: state.lineBytes, as: UTF8.self))
    }

    /// The line of `<!DOCTYPE` in the first 64 KiB (it can only be in the prolog), for refusals of a DTD.
    static func doctypeLine(_ input: Input) -> Int? {
        let head: [UInt8]
        switch input {
        case .bytes(let bytes): head = Array(bytes.prefix(1 << 16))
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            head = [UInt8](handle.readData(ofLength: 1 << 16))
        }
        let marker = Array("<!DOCTYPE".utf8)
        guard head.count >= marker.count else { return nil }
        var line = 1
        for i in 0...(head.count - marker.count) {
            if head[i] == 0x0A { line += 1 }
            if head[i] == marker[0] && head[i..<(i + marker.count)].elementsEqual(marker) { return line }
        }
        return nil
    }

    /// UTF-16 or UTF-32, by BOM or by a NUL beside the first `<`.
    static func isWide(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        if (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return true }
        return bytes[0] == 0 || bytes[1] == 0
    }

    private struct State {
        let localName: [UInt8]?
        let line: Int
        var currentLine = 1
        var lineBytes: [UInt8] = []
        var count = 0
        /// 0: text; 1: just after `<`; 2: in a start tag's name.
        var mode = 0
        var name: [UInt8] = []

        init(localName: [UInt8]?, line: Int) {
            self.localName = localName
            self.line = line
            name.reserveCapacity(64)
        }

        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
            for byte in bytes {
                if byte == 0x0A {
                    currentLine += 1
                } else if currentLine == line && lineBytes.count < 300 && byte != 0x0D {
                    lineBytes.append(byte)
                }
                guard localName != nil else { continue }
                switch mode {
                case 0:
                    if byte == UInt8(ascii: "<") { mode = 1 }
                case 1:
                    if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                        || byte <= 0x20
                    {
                        mode = 0
                    } else {
                        name.removeAll(keepingCapacity: true)
                        name.append(byte)
                        mode = 2
                    }
                case 2:
                    if byte <= 0x20 || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
                        finishName()
                        mode = 0
                    } else if byte == UInt8(ascii: "<") {
                        mode = 1
                    } else if name.count < 256 {
                        name.append(byte)
                    }
                default:
                    mode = 0
                }
            }
        }

        mutating func finishName() {
            guard let localName else { return }
            let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[(name.index(after: $0))...] } ?? name[...]
            if local.elementsEqual(localName) { count += 1 }
        }
    }
}
