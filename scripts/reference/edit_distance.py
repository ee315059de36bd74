#!/usr/bin/env python3
"""Generate testdata/reference/edit_distance.tsv: edit distances over UTF-8 bytes from reference libraries.

Usage: python3 scripts/reference/edit_distance.py > testdata/reference/edit_distance.tsv
Needs: pip install rapidfuzz jellyfish Levenshtein

Steward's `Levenshtein` and `DamerauLevenshtein` count UTF-8 bytes (its inputs are folded ASCII keys), so every
distance here is computed over the bytes of the two strings, never over characters: rapidfuzz and python-Levenshtein
get the byte sequences, jellyfish (which only takes `str`) gets the bytes decoded as Latin-1, one character per byte.

Columns:
  levenshtein  rapidfuzz `Levenshtein.distance`, checked against python-Levenshtein and jellyfish
               `levenshtein_distance`
  osa          optimal string alignment (adjacent transposition = 1, no substring edited twice): rapidfuzz
               `OSA.distance`, checked against the textbook dynamic programme below (Boytsov 2011, "restricted
               edit distance"); this is what `DamerauLevenshtein` computes
  damerau      unrestricted Damerau-Levenshtein (Lowrance and Wagner 1975): rapidfuzz `DamerauLevenshtein.distance`,
               checked against jellyfish `damerau_levenshtein_distance`; kept for documentation: it differs from osa
               where one substring is edited twice (`ca` / `abc`: osa 3, damerau 2)
The script refuses to write a row on which the implementations disagree.
"""
import random
import sys

import jellyfish
import Levenshtein as python_levenshtein
from rapidfuzz.distance import OSA, DamerauLevenshtein
from rapidfuzz.distance import Levenshtein as RFLevenshtein

CLASSIC = {
    ("kitten", "sitting"), ("sitting", "kitten"), ("saturday", "sunday"), ("flaw", "lawn"), ("ca", "abc"),
    ("gumbo", "gambol"), ("book", "back"), ("intention", "execution"),
}
PAIRS = [
    # textbook examples
    ("kitten", "sitting"), ("sitting", "kitten"), ("saturday", "sunday"), ("flaw", "lawn"), ("gumbo", "gambol"),
    ("book", "back"), ("intention", "execution"),
    # empty and identical
    ("", ""), ("a", ""), ("", "a"), ("", "acme global"), ("acme", "acme"), ("robert smith", "robert smith"),
    # transpositions: OSA counts an adjacent swap once; where a substring is edited twice it departs from Damerau
    ("ca", "abc"), ("ab", "ba"), ("abc", "acb"), ("abcd", "badc"), ("a cat", "a abct"), ("tc", "cta"),
    ("jhon", "john"), ("smtih", "smith"), ("acme", "amce"), ("teh", "the"), ("recieve", "receive"),
    ("abcdef", "badcfe"), ("xy", "yxy"), ("abab", "baba"),
    # folded match keys: names and companies
    ("robert smith", "bob smith"), ("katherine oneil", "katie oneil"), ("jurgen muller", "juergen mueller"),
    ("francois dupont", "francoise dupont"), ("hans peter schmidt", "hanspeter schmidt"), ("priya raman", "priya ramen"),
    ("elizabeth taylor", "liz taylor"), ("acme", "acne"), ("globex", "globax"), ("initech", "inetech"),
    ("muller", "mueller"), ("schmidt", "schmitt"), ("meyer", "maier"), ("meier", "mayr"), ("jonathan", "johnathan"),
    ("catherine", "katherine"), ("stark industries", "stark industires"), ("wayne enterprises", "wayne enterprise"),
    ("deutsche bank", "deutsche bahn"), ("siemens", "siemans"), ("international business machines", "ibm"),
    ("acme global", "global acme"), ("robert.smith@acme.example", "robert.smyth@acme.example"),
    ("14155550100", "14155550101"), ("4155550100", "4155550010"),
    # non-ASCII UTF-8: distances count bytes, so a 2-byte ü against u is a substitution plus an insertion
    ("über", "uber"), ("müller", "muller"), ("müller", "mueller"), ("straße", "strasse"), ("josé", "jose"),
    ("zoë", "zoe"), ("ü", "u"), ("é", "e"), ("é", "è"), ("ü", "ü"), ("北京", "北京市"), ("日本語", "日本"),
    ("😀a", "😀b"), ("a😀", "😀a"), ("łukasz", "lukasz"), ("françois", "francois"),
    # lengths around one machine word (64 bytes) and beyond
    ("a" * 64, "a" * 63 + "b"), ("a" * 64, "b" + "a" * 63), ("a" * 65, "a" * 64), ("a" * 65, "b" * 65),
    ("abcdefgh" * 8, "bacdefgh" * 8), ("abcdefgh" * 8 + "x", "abcdefgh" * 8 + "y"),
    ("the quick brown fox jumps over the lazy dog " * 2, "the quick brown fox jumped over a lazy dog " * 2),
    ("x" + "abcdefghij" * 10, "abcdefghij" * 10 + "x"),
]


def osa_textbook(a: bytes, b: bytes) -> int:
    """Optimal string alignment by the full (|a|+1)·(|b|+1) table, as in the textbooks."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def mutated(rng: random.Random, s: str, alphabet: str, edits: int) -> str:
    out = list(s)
    for _ in range(edits):
        op = rng.randint(0, 3)
        if op == 0 and out:
            del out[rng.randrange(len(out))]
        elif op == 1:
            out.insert(rng.randint(0, len(out)), rng.choice(alphabet))
        elif op == 2 and out:
            out[rng.randrange(len(out))] = rng.choice(alphabet)
        elif len(out) > 1:
            i = rng.randrange(len(out) - 1)
            out[i], out[i + 1] = out[i + 1], out[i]
    return "".join(out)


def main() -> None:
    rng = random.Random(20261124)
    # random edits over a small alphabet (many repeated letters, so transpositions and double edits happen)
    for _ in range(220):
        alphabet = "abcde " if rng.random() < 0.8 else "abcüé"
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        PAIRS.append((a, mutated(rng, a, alphabet, rng.randint(0, 4))))
    # longer random pairs exercise the >64-byte path and the bit-parallel path on the same kind of input
    for n in (40, 63, 64, 65, 90, 130):
        a = "".join(rng.choice("abcdefgh ") for _ in range(n))
        PAIRS.append((a, mutated(rng, a, "abcdefgh ", 6)))
    out = sys.stdout
    out.write("# Edit distances over UTF-8 bytes (not characters). Generated by scripts/reference/edit_distance.py.\n")
    out.write("# levenshtein: rapidfuzz = python-Levenshtein = jellyfish; osa (optimal string alignment, what\n")
    out.write("# DamerauLevenshtein computes): rapidfuzz OSA = textbook DP; damerau (unrestricted, for reference):\n")
    out.write("# rapidfuzz DamerauLevenshtein = jellyfish.\n")
    out.write("a\tb\tlevenshtein\tosa\tdamerau\tsource\n")
    seen = set()
    for a, b in PAIRS:
        if (a, b) in seen or "\t" in a + b or a.startswith("#"):
            continue
        seen.add((a, b))
        x, y = a.encode(), b.encode()
        lx, ly = x.decode("latin-1"), y.decode("latin-1")
        lev = RFLevenshtein.distance(x, y)
        if lev != python_levenshtein.distance(x, y) or lev != jellyfish.levenshtein_distance(lx, ly):
            raise SystemExit(f"levenshtein implementations disagree on {a!r} {b!r}")
        osa = OSA.distance(x, y)
        if osa != osa_textbook(x, y):
            raise SystemExit(f"osa implementations disagree on {a!r} {b!r}")
        dam = DamerauLevenshtein.distance(x, y)
        if dam != jellyfish.damerau_levenshtein_distance(lx, ly):
            raise SystemExit(f"damerau implementations disagree on {a!r} {b!r}")
        source = "rapidfuzz 3.14 / python-Levenshtein 0.27 / jellyfish 1.3 / textbook OSA DP"
        if (a, b) in CLASSIC:
            source = "textbook example / " + source
        out.write(f"{a}\t{b}\t{lev}\t{osa}\t{dam}\t{source}\n")


if __name__ == "__main__":
    main()
