import Foundation
import StewardModel

extension Ingesters {
    /// File extensions that name a format.
    public static let extensionFormats: [String: SourceFormat] = [
        "csv": .csv, "tsv": .csv, "tab": .csv, "vcf": .vcard, "vcard": .vcard, "xml": .xml, "eml": .email,
        "mbox": .email, "mbx": .email,
    ]

    /// The format of a file: from its extension when it names one, else from its first bytes (`BEGIN:VCARD`, an
    /// XML declaration or element, a mbox `From ` line or mail headers, else CSV). A directory is read as a
    /// folder of `.eml` messages. `nil` when the file cannot be read.
    public static func detectFormat(path: String) -> SourceFormat? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return .email }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if let format = extensionFormats[ext] { return format }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        return detectFormat(head: [UInt8](head))
    }

    /// The format the first bytes of a file suggest (CSV when nothing else fits).
    public static func detectFormat(head: [UInt8]) -> SourceFormat {
        var bytes = head[...]
        // UTF-16 with a BOM: look at the low bytes only (ASCII markers are enough here).
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes.first == 0xFF
            bytes = ArraySlice(
                stride(from: bytes.startIndex + 2, to: bytes.endIndex - 1, by: 2).map {
                    little ? bytes[$0] : bytes[$0 + 1]
                })
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let text = String(decoding: bytes.prefix(256), as: UTF8.self)
        let upper = text.uppercased()
        if upper.hasPrefix("BEGIN:VCARD") { return .vcard }
        if text.hasPrefix("<?xml") || text.hasPrefix("<") && text.dropFirst().first.map(\.isLetter) == true {
            return .xml
        }
        if text.hasPrefix("From ") { return .email }
        let firstLine = text.prefix { $0 != "\r" && $0 != "\n" }.lowercased()
        let mailHeaders = [
            "received:", "return-path:", "from:", "to:", "date:", "message-id:", "mime-version:", "delivered-to:",
            "subject:", "x-", "reply-to:", "sender:",
        ]
        if mailHeaders.contains(where: { firstLine.hasPrefix($0) }) && firstLine.contains(":")
            && !firstLine.contains(",")
        {
            return .email
        }
        return .csv
    }
}
