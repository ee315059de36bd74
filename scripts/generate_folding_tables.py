#!/usr/bin/env python3
"""Generate Sources/StewardText/Folding/FoldingTables.swift: the scalar tables behind TextFolding.

Usage: python3 scripts/generate_folding_tables.py > Sources/StewardText/Folding/FoldingTables.swift

Source: the Unicode Character Database as shipped with this Python (unicodedata.unidata_version), read through
compatibility decomposition (NFKD) with nonspacing marks (category Mn) removed, then lower-cased; plus the
hand-written LATIN_EXTRA transliterations below for letters that have no decomposition (ß, Æ, Ø, Ł, Đ, Þ, …),
following the usual ASCII transliterations of those letters (as in ICU's Latin-ASCII transform and ISO 8859
"fallback" practice).

Two tables come out:
  * latinTable: one UInt16 per scalar U+0080…U+024F (Latin-1 Supplement, Latin Extended-A, Latin Extended-B):
    0 = separator (not a letter or digit), 0xFFFF = dropped without a separator (soft hyphen, acute accent used
    as an apostrophe, Catalan middle dot), 0xFFFE = a letter with no ASCII form (Ə, Ʒ, µ …) folded at run time
    like scalars of the extended table, otherwise one or two lower-case ASCII bytes (low byte first).
  * extended table: sorted scalars of selected blocks (IPA/Latin Extended Additional/C/D/E, Greek, Cyrillic,
    alphabetic presentation forms, fullwidth ASCII) whose folded form differs from their plain lower-case form,
    with the folded UTF-8 bytes. Scalars not in either table are lower-cased at run time by the Swift standard
    library; combining diacritics are dropped at run time.
"""
import sys
import unicodedata

LATIN_EXTRA = {
    "Æ": "ae", "æ": "ae", "Ð": "d", "ð": "d", "Ø": "o", "ø": "o", "Þ": "th", "þ": "th", "ß": "ss",
    "Đ": "d", "đ": "d", "Ħ": "h", "ħ": "h", "ı": "i", "İ": "i", "ĸ": "k", "Ŀ": "l", "ŀ": "l", "Ł": "l", "ł": "l",
    "ŉ": "n", "Ŋ": "n", "ŋ": "n", "Œ": "oe", "œ": "oe", "Ŧ": "t", "ŧ": "t", "ſ": "s",
    "ƀ": "b", "Ɓ": "b", "Ƃ": "b", "ƃ": "b", "Ƈ": "c", "ƈ": "c", "Ɖ": "d", "Ɗ": "d", "Ƌ": "d", "ƌ": "d",
    "Ƒ": "f", "ƒ": "f", "Ɠ": "g", "ƕ": "hv", "Ɩ": "i", "Ɨ": "i", "Ƙ": "k", "ƙ": "k", "ƚ": "l", "Ɲ": "n",
    "ƞ": "n", "Ɵ": "o", "Ƣ": "oi", "ƣ": "oi", "Ƥ": "p", "ƥ": "p", "ƫ": "t", "Ƭ": "t", "ƭ": "t", "Ʈ": "t",
    "Ʋ": "v", "Ƴ": "y", "ƴ": "y", "Ƶ": "z", "ƶ": "z", "Ǥ": "g", "ǥ": "g", "ȡ": "d", "Ȥ": "z", "ȥ": "z",
    "ȴ": "l", "ȵ": "n", "ȶ": "t", "ȷ": "j", "ȸ": "db", "ȹ": "qp", "Ⱥ": "a", "Ȼ": "c", "ȼ": "c", "Ƚ": "l",
    "Ⱦ": "t", "ȿ": "s", "ɀ": "z", "Ƀ": "b", "Ʉ": "u", "Ɇ": "e", "ɇ": "e", "Ɉ": "j", "ɉ": "j", "Ɋ": "q",
    "ɋ": "q", "Ɍ": "r", "ɍ": "r", "Ɏ": "y", "ɏ": "y",
    # outside the Latin-1/Extended-A/B range
    "ẞ": "ss", "ς": "σ", "ɑ": "a", "ɓ": "b", "ɗ": "d", "ɛ": "e", "ɠ": "g", "ɨ": "i", "ɲ": "n", "ʉ": "u",
    "ʋ": "v", "ƴ": "y",
}
# Dropped without a separator: they sit inside words.
DROP = {"\u00ad", "\u00b4", "\u00b7"}

EXTENDED_RANGES = [
    (0x0250, 0x02AF),  # IPA extensions (letters used in African orthographies)
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x052F),  # Cyrillic, Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, Welsh …)
    (0x1F00, 0x1FFF),  # Greek Extended
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xAB30, 0xAB6F),  # Latin Extended-E
    (0xFB00, 0xFB06),  # Latin ligatures ﬀ ﬁ ﬂ …
    (0xFF10, 0xFF19),  # fullwidth digits
    (0xFF21, 0xFF3A),  # fullwidth capitals
    (0xFF41, 0xFF5A),  # fullwidth small letters
]


def is_kept(c: str) -> bool:
    cat = unicodedata.category(c)
    return cat.startswith("L") or cat == "Nd"


def fold_char(c: str) -> str:
    """Folded form of one character: NFKD, drop nonspacing marks, lower-case, Latin transliterations."""
    if c in LATIN_EXTRA:
        return LATIN_EXTRA[c]
    out = []
    for d in unicodedata.normalize("NFKD", c):
        if unicodedata.category(d) == "Mn":
            continue
        if d in LATIN_EXTRA:
            out.append(LATIN_EXTRA[d])
            continue
        low = d.lower()
        for e in unicodedata.normalize("NFKD", low):
            if unicodedata.category(e) == "Mn":
                continue
            out.append(LATIN_EXTRA.get(e, e))
    return "".join(out)


def latin_entry(cp: int) -> int:
    c = chr(cp)
    if c in DROP:
        return 0xFFFF
    if not is_kept(c):
        return 0
    folded = fold_char(c)
    if not folded.isascii():
        return 0xFFFE  # a letter without an ASCII transliteration (schwa, ezh …): folded at run time
    data = folded.encode("ascii", "strict")
    if not 1 <= len(data) <= 2 or not all(ch.isalnum() for ch in folded):
        raise SystemExit(f"U+{cp:04X} {c!r} folds to {folded!r}: add it to LATIN_EXTRA")
    return data[0] | (data[1] << 8 if len(data) == 2 else 0)


def main() -> None:
    latin = [latin_entry(cp) for cp in range(0x80, 0x250)]
    extended = []
    for cp in range(0x80, 0x250):
        c = chr(cp)
        if latin[cp - 0x80] == 0xFFFE and fold_char(c) != c.lower():
            extended.append((cp, fold_char(c)))
    for lo, hi in EXTENDED_RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            if unicodedata.category(c) == "Cn" or not is_kept(c):
                continue
            folded = fold_char(c)
            if folded and folded != c.lower() and all(is_kept(ch) for ch in folded):
                extended.append((cp, folded))
    out = sys.stdout
    out.write("// Generated by scripts/generate_folding_tables.py from the Unicode Character Database "
              f"{unicodedata.unidata_version}\n// (NFKD, nonspacing marks removed, lower-cased, plus the "
              "script's Latin transliterations). Do not edit.\n\n")
    out.write("extension TextFolding {\n")
    out.write("    /// Folded form of U+0080…U+024F: 0 = separator, 0xFFFF = dropped, 0xFFFE = fold at run time, "
              "else 1–2\n    /// ASCII bytes (low byte first).\n")
    out.write("    static let latinTable: [UInt16] = [\n")
    for i in range(0, len(latin), 12):
        row = ", ".join(f"0x{v:04X}" for v in latin[i:i + 12])
        out.write(f"        {row},\n")
    out.write("    ]\n\n")
    out.write("    /// Scalars of other Latin, Greek, Cyrillic and fullwidth blocks whose folded form is not just their\n"
              "    /// lower-case form, sorted for binary search; `extendedEnds[i]` ends entry i in `extendedBytes`.\n")
    out.write("    static let extendedScalars: [UInt32] = [\n")
    for i in range(0, len(extended), 10):
        row = ", ".join(f"0x{cp:04X}" for cp, _ in extended[i:i + 10])
        out.write(f"        {row},\n")
    out.write("    ]\n\n")
    ends = []
    data = bytearray()
    for _, folded in extended:
        data += folded.encode("utf-8")
        ends.append(len(data))
    out.write("    static let extendedEnds: [UInt16] = [\n")
    for i in range(0, len(ends), 14):
        row = ", ".join(str(e) for e in ends[i:i + 14])
        out.write(f"        {row},\n")
    out.write("    ]\n\n")
    out.write("    static let extendedBytes: [UInt8] = [\n")
    for i in range(0, len(data), 16):
        row = ", ".join(f"0x{b:02X}" for b in data[i:i + 16])
        out.write(f"        {row},\n")
    out.write("    ]\n")
    out.write("}\n")
    print(f"latin {len(latin)}, extended {len(extended)}, bytes {len(data)}", file=sys.stderr)


if __name__ == "__main__":
    main()
