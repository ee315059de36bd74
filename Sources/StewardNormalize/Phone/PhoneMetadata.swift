import Foundation

/// libphonenumber's metadata in executable form, loaded once from `phone-metadata.tsv`.
///
/// Source: Google's libphonenumber metadata as published in the `phonenumbers` PyPI package, compiled by
/// `scripts/phone/generate_metadata.py`: pattern *yes/no* questions (general description, leading digits, "is of
/// some known type") became minimized DFAs over the ten digits; patterns whose match *end* and *groups* matter (the
/// international prefix and the national prefix for parsing) became small backtracking programs with
/// leftmost-first semantics. No regular expression engine runs per number.
///
/// Digits are handled as values 0…9 (not ASCII) throughout.
struct PhoneMetadata: Sendable {
    /// One region (`DE`) or one non-geographic calling code (`001-800`).
    struct Region: Sendable {
        var code: String
        var countryCode: Int
        /// Country code as digit values (`49` → [4, 9]).
        var countryCodeDigits: [UInt8]
        var internationalPrefix: Int32
        var nationalPrefixForParsing: Int32
        var transformRule: [TransformPart]?
        var generalDFA: Int32
        /// Possible national-number lengths of the general description, ascending.
        var lengths: [Int]
        /// Bit `n` set when length `n` is possible only for local dialling.
        var localLengthMask: UInt32
        var leadingDigitsDFA: Int32
        var validDFA: Int32
        /// Whether the region is geographic (an ISO 3166 code) rather than `001`.
        var isGeographic: Bool
    }

    /// The fields the parser reads per number, as plain values (copying one costs no reference counting).
    struct Core: Sendable {
        var countryCode: Int32 = 0
        var internationalPrefix: Int32 = -1
        var nationalPrefixForParsing: Int32 = -1
        var nationalPrefixGroups: Int32 = 0
        var generalDFA: Int32 = -1
        var leadingDigitsDFA: Int32 = -1
        var validDFA: Int32 = -1
        /// Bit `n` set when `n` is a possible national-number length (general description).
        var lengthMask: UInt32 = 0
        var localLengthMask: UInt32 = 0
        var isGeographic = true
    }

    /// A piece of a national-prefix transform rule (`9\1` → `.digit(9)`, `.group(1)`).
    enum TransformPart: Sendable {
        case digit(UInt8)
        case group(Int)
    }

    /// One instruction of a backtracking program; see `PhoneProgram`.
    struct Instruction: Sendable {
        var op: UInt8  // c s j g e m
        var a: Int16
        var b: Int16
    }

    struct Program: Sendable {
        var code: [Instruction]
        var groups: Int
    }

    var regions: [Region]
    var cores: [Core]
    var regionIndex: [String: Int]
    /// Geographic region index by its two letters (`(c0 - 65) * 26 + (c1 - 65)`), -1 when unknown.
    var regionByLetters: [Int16]
    /// Region indices by country calling code (main region first), 1000 slots.
    var regionsByCountryCode: [[Int]]
    /// The same lists flattened for the hot path: `ccRegions[ccStart[cc]..<ccStart[cc] + ccCount[cc]]`.
    var ccRegions: [Int16]
    var ccStart: [Int32]
    var ccCount: [UInt8]
    var programs: [Program]
    /// All programs' instructions back to back; program `id` starts at `programStart[id]` (jumps are relative
    /// to that start).
    var programCode: [Instruction]
    var programStart: [Int32]
    /// For programs that are a plain digit string (`00`, `011`, `0`: most regions), that string (as a 64-bit
    /// word of 4-bit digits, low nibble first) and its length; length -1 otherwise. Matched without the VM.
    var programLiteral: [UInt64]
    var programLiteralLength: [Int8]
    /// Global DFA pool: transitions are `(base + state) * 10 + digit`, values are local state numbers (0 dead).
    var dfaTransitions: [UInt16]
    var dfaAccepting: [Bool]
    var dfaBase: [Int32]

    /// The metadata shipped with the module, parsed on first use.
    static let shared: PhoneMetadata = {
        guard let url = Bundle.module.url(forResource: "phone-metadata", withExtension: "tsv"),
            let data = try? Data(contentsOf: url)
        else { return PhoneMetadata.empty }
        return PhoneMetadata(tsv: String(decoding: data, as: UTF8.self)) ?? PhoneMetadata.empty
    }()

    static let empty = PhoneMetadata(
        regions: [], regionIndex: [:], regionsByCountryCode: Array(repeating: [], count: 1000), programs: [],
        dfaTransitions: [], dfaAccepting: [], dfaBase: [])

    init(
        regions: [Region], regionIndex: [String: Int], regionsByCountryCode: [[Int]], programs: [Program],
        dfaTransitions: [UInt16], dfaAccepting: [Bool], dfaBase: [Int32]
    ) {
        self.regions = regions
        self.regionIndex = regionIndex
        var letters = [Int16](repeating: -1, count: 26 * 26)
        cores = regions.enumerated().map { i, r in
            let u = Array(r.code.utf8)
            if u.count == 2, u.allSatisfy({ $0 &- 65 < 26 }) {
                letters[Int(u[0] - 65) * 26 + Int(u[1] - 65)] = Int16(i)
            }
            var core = Core()
            core.countryCode = Int32(r.countryCode)
            core.internationalPrefix = r.internationalPrefix
            core.nationalPrefixForParsing = r.nationalPrefixForParsing
            if r.nationalPrefixForParsing >= 0 && Int(r.nationalPrefixForParsing) < programs.count {
                core.nationalPrefixGroups = Int32(programs[Int(r.nationalPrefixForParsing)].groups)
            }
            core.generalDFA = r.generalDFA
            core.leadingDigitsDFA = r.leadingDigitsDFA
            core.validDFA = r.validDFA
            for l in r.lengths where l < 32 { core.lengthMask |= 1 << UInt32(l) }
            core.localLengthMask = r.localLengthMask
            core.isGeographic = r.isGeographic
            return core
        }
        regionByLetters = letters
        self.regionsByCountryCode = regionsByCountryCode
        var flat: [Int16] = []
        var start = [Int32](repeating: 0, count: 1000)
        var count = [UInt8](repeating: 0, count: 1000)
        for (cc, list) in regionsByCountryCode.enumerated() where cc < 1000 {
            start[cc] = Int32(flat.count)
            count[cc] = UInt8(min(list.count, 255))
            flat.append(contentsOf: list.prefix(255).map { Int16($0) })
        }
        ccRegions = flat
        ccStart = start
        ccCount = count
        self.regionsByCountryCode = regionsByCountryCode
        self.programs = programs
        var code: [Instruction] = []
        programStart = programs.map { p in
            defer { code.append(contentsOf: p.code) }
            return Int32(code.count)
        }
        programCode = code
        programLiteral = []
        programLiteralLength = []
        for p in programs {
            var word: UInt64 = 0
            var length: Int8 = 0
            for ins in p.code {
                if ins.op == UInt8(ascii: "m") { break }
                guard ins.op == UInt8(ascii: "c"), ins.a > 0, ins.a & (ins.a - 1) == 0, length < 16 else {
                    length = -1
                    break
                }
                word |= UInt64(ins.a.trailingZeroBitCount) << (4 * UInt64(length))
                length += 1
            }
            programLiteral.append(word)
            programLiteralLength.append(length)
        }
        self.dfaTransitions = dfaTransitions
        self.dfaAccepting = dfaAccepting
        self.dfaBase = dfaBase
    }

    /// Parses the generated table; `nil` when it is malformed.
    init?(tsv: String) {
        var regions: [Region] = []
        var regionIndex: [String: Int] = [:]
        var ccLists: [(Int, [String])] = []
        var programs: [Int: Program] = [:]
        var dfas: [Int: (states: Int, accepting: [Int], transitions: [UInt16])] = [:]
        let bytes = Array(tsv.utf8)
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            let raw = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            if line.first == UInt8(ascii: "D") {
                // The bulk of the file: parse the numbers straight from the bytes.
                guard raw.count == 5, let id = Int(String(decoding: raw[1], as: UTF8.self)),
                    let states = Int(String(decoding: raw[2], as: UTF8.self))
                else { return nil }
                let accepting = Self.numbers(raw[3]).map(Int.init)
                let transitions = Self.numbers(raw[4])
                guard transitions.count == states * 10 else { return nil }
                dfas[id] = (states, accepting, transitions)
                continue
            }
            let f = raw.map { String(decoding: $0, as: UTF8.self) }
            switch f.first {
            case "C":
                guard f.count == 3, let cc = Int(f[1]) else { return nil }
                ccLists.append((cc, f[2].split(separator: ",").map(String.init)))
            case "P":
                guard f.count == 4, let id = Int(f[1]), let groups = Int(f[2]), groups <= 3 else { return nil }
                var code: [Instruction] = []
                for token in f[3].split(separator: " ") {
                    guard let op = token.utf8.first else { return nil }
                    let args = token.dropFirst().split(separator: ".").compactMap { Int16($0) }
                    code.append(Instruction(op: op, a: args.first ?? 0, b: args.count > 1 ? args[1] : 0))
                }
                programs[id] = Program(code: code, groups: groups)
            case "R":
                guard f.count == 11, let cc = Int(f[2]) else { return nil }
                func id(_ s: String) -> Int32 { Int32(s) ?? -1 }
                var transform: [TransformPart]?
                if f[5] != "-" {
                    var parts: [TransformPart] = []
                    var escaped = false
                    for b in f[5].utf8 {
                        if b == UInt8(ascii: "\\") {
                            escaped = true
                        } else if b >= 48 && b <= 57 {
                            parts.append(escaped ? .group(Int(b - 48)) : .digit(b - 48))
                            escaped = false
                        } else {
                            return nil
                        }
                    }
                    transform = parts
                }
                var localMask: UInt32 = 0
                for l in f[8].split(separator: ",").compactMap({ Int($0) }) where l < 32 { localMask |= 1 << l }
                let region = Region(
                    code: f[1], countryCode: cc, countryCodeDigits: Array(String(cc).utf8).map { $0 - 48 },
                    internationalPrefix: id(f[3]), nationalPrefixForParsing: id(f[4]), transformRule: transform,
                    generalDFA: id(f[6]), lengths: f[7].split(separator: ",").compactMap { Int($0) },
                    localLengthMask: localMask, leadingDigitsDFA: id(f[9]), validDFA: id(f[10]),
                    isGeographic: !f[1].hasPrefix("001"))
                regionIndex[region.code] = regions.count
                regions.append(region)
            default:
                return nil
            }
        }
        var byCC = Array(repeating: [Int](), count: 1000)
        for (cc, names) in ccLists where cc < 1000 {
            byCC[cc] = names.compactMap { regionIndex[$0 == "001" ? "001-\(cc)" : $0] }
        }
        var transitions: [UInt16] = []
        var accepting: [Bool] = []
        var base: [Int32] = Array(repeating: 0, count: (dfas.keys.max() ?? -1) + 1)
        for id in dfas.keys.sorted() {
            guard let d = dfas[id] else { continue }
            base[id] = Int32(accepting.count)
            transitions.append(contentsOf: d.transitions)
            var acc = Array(repeating: false, count: d.states)
            for s in d.accepting where s < d.states { acc[s] = true }
            accepting.append(contentsOf: acc)
        }
        var programList: [Program] = []
        for id in 0..<((programs.keys.max() ?? -1) + 1) {
            programList.append(
                programs[id] ?? Program(code: [Instruction(op: UInt8(ascii: "m"), a: 0, b: 0)], groups: 0))
        }
        self.init(
            regions: regions, regionIndex: regionIndex, regionsByCountryCode: byCC, programs: programList,
            dfaTransitions: transitions, dfaAccepting: accepting, dfaBase: base)
    }

    /// Comma-separated decimal numbers (`-` or empty: none).
    private static func numbers(_ field: ArraySlice<UInt8>) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(field.count / 2)
        var value: UInt32 = 0
        var inNumber = false
        for b in field {
            if b &- 48 < 10 {
                value = value &* 10 &+ UInt32(b &- 48)
                inNumber = true
            } else if inNumber {
                out.append(UInt16(truncatingIfNeeded: value))
                value = 0
                inNumber = false
            }
        }
        if inNumber { out.append(UInt16(truncatingIfNeeded: value)) }
        return out
    }

    // MARK: - Automata

    /// Whether the DFA `id` accepts the whole digit string (libphonenumber `matches()`); false for `id < 0`.
    /// - Complexity: O(n).
    @inline(__always)
    func fullMatch(_ id: Int32, _ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard id >= 0 else { return false }
        let base = Int(dfaBase[Int(id)])
        var state = 1
        return dfaTransitions.withUnsafeBufferPointer { t in
            for d in digits {
                state = Int(t[(base + state) &* 10 &+ Int(d)])
                if state == 0 { return false }
            }
            return dfaAccepting[base + state]
        }
    }

    /// Whether some prefix of `digits` is accepted (libphonenumber `lookingAt()` as a yes/no question). The
    /// leading-digits DFAs are generated with absorbing accepting states, so this is a walk until accept or dead.
    func prefixMatch(_ id: Int32, _ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard id >= 0 else { return false }
        let base = Int(dfaBase[Int(id)])
        var state = 1
        if dfaAccepting[base + state] { return true }
        for d in digits {
            state = Int(dfaTransitions[(base + state) &* 10 &+ Int(d)])
            if state == 0 { return false }
            if dfaAccepting[base + state] { return true }
        }
        return false
    }

    /// Runs program `id` anchored at the start of `digits` with leftmost-first (Perl/Java/Python) semantics.
    /// - Returns: the match end and the capture slots (`2g`, `2g+1` for group g; -1 when unset), or nil.
    /// - Complexity: exponential in the worst case like any backtracking matcher; the metadata's programs are
    ///   tiny and nearly deterministic (a handful of steps per number).
    func anchoredMatch(_ id: Int32, _ digits: UnsafeBufferPointer<UInt8>) -> (end: Int, captures: SIMD8<Int16>)? {
        guard id >= 0 else { return nil }
        let literalLength = Int(programLiteralLength[Int(id)])
        if literalLength >= 0 {
            guard digits.count >= literalLength else { return nil }
            var word = programLiteral[Int(id)]
            for k in 0..<literalLength {
                guard UInt64(digits[k]) == word & 0xF else { return nil }
                word >>= 4
            }
            return (literalLength, SIMD8<Int16>(repeating: -1))
        }
        let start = Int(programStart[Int(id)])
        return programCode.withUnsafeBufferPointer { all in
            let code = UnsafeBufferPointer(rebasing: all[start...])
            var caps = SIMD8<Int16>(repeating: -1)
            guard let end = Self.run(code, digits, pc: 0, pos: 0, caps: &caps) else { return nil }
            return (end, caps)
        }
    }

    private static func run(
        _ code: UnsafeBufferPointer<Instruction>, _ digits: UnsafeBufferPointer<UInt8>, pc start: Int, pos p: Int,
        caps: inout SIMD8<Int16>
    ) -> Int? {
        var pc = start
        var pos = p
        while true {
            let ins = code[pc]
            switch ins.op {
            case UInt8(ascii: "c"):
                guard pos < digits.count, (Int(ins.a) >> Int(digits[pos])) & 1 == 1 else { return nil }
                pos += 1
                pc += 1
            case UInt8(ascii: "s"):
                let saved = caps
                if let end = run(code, digits, pc: Int(ins.a), pos: pos, caps: &caps) { return end }
                caps = saved
                pc = Int(ins.b)
            case UInt8(ascii: "j"):
                pc = Int(ins.a)
            case UInt8(ascii: "g"):
                if ins.a < 8 { caps[Int(ins.a)] = Int16(pos) }
                pc += 1
            case UInt8(ascii: "e"):
                guard pos == digits.count else { return nil }
                pc += 1
            default:
                return pos
            }
        }
    }
}
