import Foundation
import StewardIngest

/// Email-header ingest throughput on one core: `EmailHeaderIngester` over a generated support mailbox (~64 MB mbox:
/// folded `Received` and DKIM headers, RFC 2047 encoded names, Cc lists with groups, quoted-printable bodies,
/// signatures, `>From` quoting), 5,000 distinct correspondents writing many times each.
///
/// `rss(path:)` ingests one file (read in chunks) and prints the records, the time and the peak RSS, to show that
/// memory stays flat as the mailbox grows while the number of distinct addresses does not; `generate(path:bytes:)`
/// writes such a mailbox of any size (the same 5,000 people) for that probe.
enum HeaderBench {
    static let people = 5_000

    /// Calls `body` with each message of a deterministic mailbox until about `targetBytes` have been produced.
    static func forEachMessage(targetBytes: Int, _ body: (String) -> Void) {
        let given = [
            "Robert", "Katherine", "Jürgen", "François", "Elizabeth", "Priya", "Hans-Peter", "Zoë", "Tom", "Ann",
            "Renée", "Sam", "Dana", "Anna", "Tomás", "Chloé",
        ]
        let family = [
            "Smith", "O'Neil", "Müller", "Dupont", "Taylor", "Raman", "Schmidt", "Brandt", "Baker", "Lee", "Weiß",
            "García López", "Whitfield", "Łódzka",
        ]
        let domains = ["acme.example", "globex.example", "mueller-gmbh.example", "initech.example", "hooli.example"]
        let titles = ["VP Sales", "Head of Procurement", "Director of Marketing", "Geschäftsführer", "Buyer"]
        let words = Array(
            ("thanks for the quick reply the invoice still shows the old address could you please update it "
                + "we would like a quote for forty licences starting in november and the portal logs us out")
                .split(separator: " "))
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        func person(_ k: Int) -> (name: String, address: String, title: String) {
            let g = given[k % given.count]
            let f = family[(k / given.count) % family.count]
            let local = "\(g).\(f)".lowercased().filter { $0.isLetter || $0 == "." } + "\(k)"
            return ("\(g) \(f)", "\(local)@\(domains[k % domains.count])", titles[k % titles.count])
        }
        func encoded(_ name: String) -> String {
            guard name.unicodeScalars.contains(where: { $0.value >= 0x80 }) else {
                return name.contains("'") ? "\"\(name)\"" : name
            }
            return "=?UTF-8?B?\(Data(name.utf8).base64EncodedString())?="
        }
        var produced = 0
        var i = 0
        let dkim = String(repeating: "dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ", count: 2)
        while produced < targetBytes {
            i += 1
            let sender = person(next() % people)
            let other = person(next() % people)
            let day = 1 + next() % 28
            let hour = next() % 24
            let minute = next() % 60
            let date = String(format: "%02d %@ 2026 %02d:%02d:%02d +0000", day, "Oct", hour, minute, next() % 60)
            var text = "From \(sender.address) Thu Oct \(day) \(hour):\(minute):00 2026\n"
            text += "Return-Path: <\(sender.address)>\n"
            text +=
                "Received: from mail.\(sender.address.split(separator: "@")[1]) (mail.example [192.0.2.\(i % 250)])\n"
            text += "\tby mx.company.example with ESMTPS id \(i)x\(next() % 99999);\n\tThu, \(date)\n"
            text += "Received: by mail.example with SMTP id \(next());\n        Thu, \(date)\n"
            text += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example; s=k1;\n"
            text += "\th=from:to:subject:date:message-id; bh=\(dkim.prefix(44))=;\n\tb=\(dkim)\n\t \(dkim)\n"
            let displayName =
                next() % 4 == 0
                ? "\(sender.name.split(separator: " ").last ?? ""), \(sender.name.split(separator: " ")[0])"
                : sender.name
            text += "From: \(encoded(displayName)) <\(sender.address)>\n"
            text += "To: Company Example Support <support@company.example>\n"
            if next() % 3 == 0 {
                text +=
                    "Cc: \(encoded(other.name)) <\(other.address)>,\n Project Team: dana.whitfield@company.example;\n"
            }
            text += "Subject: Re: case \(i % 9000) \(words[next() % words.count])\n"
            text += "Date: Thu, \(date)\n"
            text += "Message-ID: <\(i).\(next())@mail.example>\n"
            text += "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
            text += "Content-Transfer-Encoding: \(next() % 4 == 0 ? "quoted-printable" : "8bit")\n\n"
            let lines = 6 + next() % 40
            for l in 0..<lines {
                var line = ""
                for _ in 0..<(6 + next() % 10) { line += words[next() % words.count] + " " }
                if l == 3 && next() % 8 == 0 { line = ">From the portal: " + line }
                text += line + "\n"
            }
            text +=
                "\nBest regards,\n\n-- \n\(sender.name)\n\(sender.title)\nTel: +1 415 555 \(String(format: "%04d", next() % 10000))\n"
            text += "Mobile: +49 171 \(1_000_000 + next() % 8_999_999)\n\n"
            produced += text.utf8.count
            body(text)
        }
    }

    static func makeInput(targetBytes: Int = 64_000_000) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(targetBytes + 8192)
        forEachMessage(targetBytes: targetBytes) { out += $0.utf8 }
        return out
    }

    /// Writes a generated mailbox of about `bytes` bytes to `path`.
    static func generate(path: String, bytes: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            print("cannot write \(path)")
            return
        }
        var chunk: [UInt8] = []
        forEachMessage(targetBytes: bytes) { message in
            chunk += message.utf8
            if chunk.count > 8 << 20 {
                handle.write(Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(chunk))
        handle.closeFile()
    }

    static func run() {
        let input = makeInput()
        let bytes = Double(input.count)
        print(String(format: "email input: %.1f MB mbox", bytes / 1_000_000))
        var records = 0
        _ = Bench.measure("email headers → records", runs: 5, units: bytes, unitName: "B") {
            let result = EmailHeaderIngester().ingest(bytes: input, displayPath: "bench.mbox", source: "bench")
            records = result.records.count
            blackHole(result)
        }
        _ = Bench.measure("email headers + signatures", runs: 5, units: bytes, unitName: "B") {
            let result = EmailHeaderIngester(options: EmailHeaderOptions(signatures: true))
                .ingest(bytes: input, displayPath: "bench.mbox", source: "bench")
            blackHole(result)
        }
        print("email records: \(records)")
    }

    /// Ingests `path` once (from disk, in chunks) and prints records, rejects, time and peak RSS.
    static func rss(path: String, signatures: Bool = false) {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let result = try EmailHeaderIngester(options: EmailHeaderOptions(signatures: signatures))
                .ingest(path: path, source: "rss")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(
                String(
                    format: "email rss: %.1f MB, %d records, %d rejects, %.2f s (%.1f MB/s), peak RSS %.1f MiB",
                    Double(size) / 1_000_000, result.records.count, result.rejects.count, seconds,
                    Double(size) / 1_000_000 / seconds, Bench.peakRSSMiB()))
        } catch {
            print("email rss: \(error)")
        }
    }
}
