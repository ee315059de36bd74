#!/usr/bin/env python3
"""Generate Sources/StewardNormalize/Resources/phone-metadata.tsv from libphonenumber's metadata.

Usage: python3 scripts/phone/generate_metadata.py > Sources/StewardNormalize/Resources/phone-metadata.tsv
Needs: pip install phonenumbers (the PyPI port of Google's libphonenumber; its version is written in the header).

What the Swift side (PhoneMetadata.swift) needs for parsing, per region and per non-geographic calling code:
country code, the international (IDD) prefix and national-prefix-for-parsing patterns as small backtracking
programs (leftmost-first semantics, groups), the transform rule, the general national-number pattern as a DFA
(full match), possible and local-only lengths, `leading_digits` as a prefix DFA and a "valid number" DFA (the
union of the per-type patterns intersected with their possible lengths and with the general description: exactly
libphonenumber's `_number_type_helper(...) != UNKNOWN`), used to find the region of a number and to validate it.

Lines (tab-separated; `-` for absent):
  D  id  states  accepting-state-list  transitions (states × 10 numbers, comma-separated; state 0 dead, 1 start)
  P  id  groups  instructions (space-separated: cMASK, sX.Y, jX, gSLOT, e, m)
  R  region  cc  idd-program  npfp-program  transform  general-dfa  lengths  local-lengths  leading-dfa  valid-dfa
  C  cc  regions (comma-separated, main region first; 001 for non-geographic)
Every automaton is checked against Python's `re` on the example numbers and random digit strings before writing.
"""
import random
import re
import sys

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE, COUNTRY_CODES_FOR_NON_GEO_REGIONS

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from regex_automata import dfa, product_dfa, program, run_dfa, run_program  # noqa: E402

TYPES = ["premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail",
         "fixed_line", "mobile"]
MAX_NSN = 17
rng = random.Random(20261123)

dfa_lines, prog_lines = [], []
dfa_ids, prog_ids = {}, {}


def samples(meta):
    out = set()
    for t in ["general_desc"] + TYPES:
        desc = getattr(meta, t)
        if desc is not None and desc.example_number:
            ex = desc.example_number
            out.add(ex)
            for i in range(len(ex) + 1):
                out.add(ex[:i])
                out.add(ex[:i] + "0" + ex[i:])
            out.add("0" + ex)
            out.add("1" + ex)
    for _ in range(300):
        out.add("".join(rng.choice("0123456789") for _ in range(rng.randint(0, 18))))
    return sorted(out)


def emit_dfa(trans, accept):
    key = (tuple(trans), tuple(accept))
    if key in dfa_ids:
        return dfa_ids[key]
    ident = len(dfa_ids)
    dfa_ids[key] = ident
    acc = ",".join(str(i) for i, a in enumerate(accept) if a)
    flat = ",".join(str(t) for row in trans for t in row)
    dfa_lines.append(f"D\t{ident}\t{len(trans)}\t{acc or '-'}\t{flat}")
    return ident


def emit_program(pattern, tests):
    if not pattern:
        return "-"
    code, groups = program(pattern)
    rx = re.compile(pattern)
    for s in tests:
        m = rx.match(s)
        got = run_program(code, groups, s)
        want = None if m is None else (m.end(), [m.start(g) if g else 0 for g in range(groups + 1)])
        have = None if got is None else (got[0], [got[1][2 * g] for g in range(groups + 1)])
        if want != have and not (want and have and want[0] == have[0] and want[1][1:] == have[1][1:]):
            raise SystemExit(f"program mismatch for {pattern!r} on {s!r}: {want} vs {have}")
    key = (tuple(code), groups)
    if key not in prog_ids:
        ident = len(prog_ids)
        prog_ids[key] = ident
        text = " ".join(
            {"c": lambda i: f"c{i[1]}", "s": lambda i: f"s{i[1]}.{i[2]}", "j": lambda i: f"j{i[1]}",
             "g": lambda i: f"g{i[1]}", "e": lambda i: "e", "m": lambda i: "m"}[i[0]](i) for i in code)
        prog_lines.append(f"P\t{ident}\t{groups}\t{text}")
    return str(prog_ids[key])


def check_dfa(pattern, trans, accept, tests, prefix=False):
    rx = re.compile(pattern)
    for s in tests:
        want = bool(rx.match(s)) if prefix else bool(rx.fullmatch(s))
        if run_dfa(trans, accept, s) != want:
            raise SystemExit(f"dfa mismatch for {pattern!r} on {s!r}")


def matches_desc(desc, s):
    """libphonenumber's _is_number_matching_desc."""
    if desc is None:
        return False
    if desc.possible_length and len(s) not in desc.possible_length:
        return False
    pat = desc.national_number_pattern
    return bool(pat) and re.fullmatch(pat, s) is not None


def valid_dfa(meta, tests):
    comps, descs = [], []
    for t in ["general_desc"] + TYPES:
        desc = getattr(meta, t)
        if t == "mobile" and meta.same_mobile_and_fixed_line_pattern:
            continue
        if desc is None or not desc.national_number_pattern:
            continue
        comps.append(dfa(desc.national_number_pattern))
        descs.append(desc)
    if not descs or descs[0] is not meta.general_desc:
        return None

    def ok(desc, flag, length):
        return flag and (not desc.possible_length or length in desc.possible_length)

    def accept_fn(flags, length):
        return ok(descs[0], flags[0], length) and any(ok(d, f, length) for d, f in zip(descs[1:], flags[1:]))

    trans, accept = product_dfa(comps, accept_fn, MAX_NSN)
    for s in tests:
        want = matches_desc(meta.general_desc, s) and any(matches_desc(d, s) for d in descs[1:])
        if run_dfa(trans, accept, s) != want:
            raise SystemExit(f"valid dfa mismatch for {meta.id} on {s!r}")
    return emit_dfa(trans, accept)


def region_line(key, meta):
    tests = samples(meta)
    gd = meta.general_desc
    general = "-"
    if gd is not None and gd.national_number_pattern:
        trans, accept = dfa(gd.national_number_pattern)
        check_dfa(gd.national_number_pattern, trans, accept, tests)
        general = str(emit_dfa(trans, accept))
    idd_tests = tests + ["00" + s for s in tests[:80]] + ["011" + s for s in tests[:80]]
    idd = emit_program(meta.international_prefix, idd_tests)
    npfp = emit_program(meta.national_prefix_for_parsing, tests)
    leading = "-"
    if meta.leading_digits:
        trans, accept = dfa(meta.leading_digits, prefix=True)
        check_dfa(meta.leading_digits, trans, accept, tests, prefix=True)
        leading = str(emit_dfa(trans, accept))
    valid = valid_dfa(meta, tests)
    lengths = ",".join(str(x) for x in (gd.possible_length if gd else ()) if x > 0) or "-"
    local = ",".join(str(x) for x in (gd.possible_length_local_only if gd else ())) or "-"
    transform = meta.national_prefix_transform_rule or "-"
    return "\t".join(["R", key, str(meta.country_code), idd, npfp, transform, general, lengths, local, leading,
                      "-" if valid is None else str(valid)])


def main():
    regions = []
    for cc in sorted(COUNTRY_CODE_TO_REGION_CODE):
        for region in COUNTRY_CODE_TO_REGION_CODE[cc]:
            if region == "001":
                meta = PhoneMetadata.metadata_for_nongeo_region(cc)
                regions.append(region_line(f"001-{cc}", meta))
            else:
                regions.append(region_line(region, PhoneMetadata.metadata_for_region(region)))
    out = sys.stdout
    out.write(f"# Phone number metadata for Steward's PhoneNormalizer, generated by scripts/phone/"
              f"generate_metadata.py\n# from the metadata of Google's libphonenumber as published in the "
              f"`phonenumbers` PyPI package {phonenumbers.__version__}\n# (Apache License 2.0). Do not edit; "
              f"regenerate. Format: see the script's docstring.\n")
    for cc in sorted(COUNTRY_CODE_TO_REGION_CODE):
        out.write(f"C\t{cc}\t{','.join(COUNTRY_CODE_TO_REGION_CODE[cc])}\n")
    for line in prog_lines + dfa_lines + regions:
        out.write(line + "\n")


if __name__ == "__main__":
    main()
