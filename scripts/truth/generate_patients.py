#!/usr/bin/env python3
"""Generate a labelled, messy NON-contact data set: two patient/member registries of the same people.

Usage:
    python3 scripts/truth/generate_patients.py --seed 7 -o testdata/truth/patients [--entities 300]

Writes `registry_a.csv` and `registry_b.csv` with the columns
    record_id,member_no,first_name,last_name,date_of_birth,postal_code
(`date_of_birth` ISO `YYYY-MM-DD` in registry_a, `DD.MM.YYYY` in registry_b; registry_b is a legacy system that
writes names in ASCII and often in capitals), and `truth.csv` (`source,source_id,entity_id`). It shows that fields
which are not contact fields (`member_no`, `date_of_birth`) can be blocked on and compared: Steward maps
`record_id`, `first_name`, `last_name` and `postal_code` itself and keeps the other two as extra fields.

Python 3 standard library only; deterministic from --seed (one `random.Random`, no `hash()` of strings).
See scripts/truth/README.md for the corruption rates and the hard negatives (twins, parent and child).
"""
import argparse
import csv
import datetime
import os
import random
import sys
from collections import Counter, OrderedDict

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_contacts import (  # noqa: E402  (same folder; shared name lists and text helpers)
    FAMILY, GIVEN, de_translit, fold, osa_distance, strip_marks, typo, weighted, zipf_pick)

HEADER = ["record_id", "member_no", "first_name", "last_name", "date_of_birth", "postal_code"]
SOURCES = ["registry_a", "registry_b"]
RECORD_COUNT_WEIGHTS = [(1, 40), (2, 45), (3, 12), (4, 3)]
# German postal-code ranges of a few cities (first, last).
POSTAL_RANGES = [(10115, 14199), (20095, 22769), (80331, 81929), (50667, 51149), (60306, 60599), (70173, 70629),
                 (40210, 40629), (4103, 4357), (1067, 1328), (28195, 28779), (30159, 30669), (90402, 90491)]

RATES = OrderedDict([
    ("typo", 0.10),                 # dup: one edit in first or last name
    ("second_given_dropped", 0.50),  # dup, people with two given names: only the first ("Anna Maria" → "Anna")
    ("hyphen_space", 0.30),         # dup, hyphenated given names: "Hans-Peter" ↔ "Hans Peter"
    ("ascii_b", 0.75),              # registry_b rows with diacritics: transliterated (Müller → Mueller)
    ("ascii_b_dropped", 0.10),      # registry_b rows with diacritics: marks dropped instead (Muller)
    ("caps_b", 0.35),               # registry_b: last name (or whole name) in capitals
    ("dob_day_month_swapped", 0.05),  # dup, day ≤ 12: 07.03 written as 03.07
    ("dob_digit", 0.02),            # dup: one digit of the date wrong
    ("member_no_typo", 0.05),       # dup: one digit substituted or two adjacent digits swapped
    ("member_no_missing", 0.12),    # all records
    ("postal_changed", 0.05),       # dup: moved house
    ("postal_missing", 0.03),       # all records
    ("married", 0.08),              # women with 2+ records: later records carry a new last name
])


def kvnr(rng, used):
    """A German health-insurance number (Krankenversichertennummer): letter, 8 digits, check digit."""
    while True:
        letter = chr(ord("A") + rng.randrange(26))
        digits = "".join(str(rng.randrange(10)) for _ in range(8))
        code = "%02d" % (ord(letter) - ord("A") + 1) + digits
        total = 0
        for i, c in enumerate(code):
            p = int(c) * (1 if i % 2 == 0 else 2)
            total += p // 10 + p % 10
        number = letter + digits + str(total % 10)
        if number not in used:
            used.add(number)
            return number


class Patient:
    def __init__(self, eid):
        self.eid = eid
        self.gender = None
        self.given = self.family = None
        self.dob = None
        self.member_no = None
        self.postal = None
        self.married_name = None
        self.married_at = None
        self.group = None
        self.n_records = 1


class Row:
    def __init__(self, patient, source):
        self.patient, self.source = patient, source
        self.values = {}
        self.flags = []
        self.given = self.family = None   # names as shown, before case and ASCII (for the findability check)
        self.dob = None                   # date shown
        self.member_no = None
        self.postal = None
        self.source_id = None


def postal_code(rng):
    lo, hi = rng.choice(POSTAL_RANGES)
    return "%05d" % rng.randint(lo, hi)


def birth_date(rng, year_lo=1935, year_hi=2015):
    start = datetime.date(year_lo, 1, 1).toordinal()
    end = datetime.date(year_hi, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def new_patient(rng, people, used_numbers, gender=None, given=None, family=None, dob=None, postal=None):
    p = Patient("P%04d" % (len(people) + 1))
    p.gender = gender or rng.choice("mf")
    if given is None:
        given = zipf_pick(rng, GIVEN["DE"][p.gender])
        if "-" not in given and rng.random() < 0.12:
            second = zipf_pick(rng, GIVEN["DE"][p.gender])
            if second != given and "-" not in second:
                given = given + " " + second  # two given names, as registries keep them
    p.given = given
    p.family = family or zipf_pick(rng, FAMILY["DE"])
    p.dob = dob or birth_date(rng)
    p.member_no = kvnr(rng, used_numbers)
    p.postal = postal or postal_code(rng)
    people.append(p)
    return p


def render(rng, p, source, index, complete=False):
    dup = index > 0 and not complete
    row = Row(p, source)
    flag = row.flags.append
    given = p.given
    family = p.married_name if p.married_name and index >= p.married_at else p.family
    if family != p.family:
        flag("married")
    if dup and " " in given and rng.random() < RATES["second_given_dropped"]:
        given = given.split(" ")[0]
        flag("second_given_dropped")
    if dup and "-" in given and rng.random() < RATES["hyphen_space"]:
        given = given.replace("-", " ")
        flag("hyphen_space")
    if dup and rng.random() < RATES["typo"]:
        if rng.random() < 0.5 and len(family) >= 4:
            new = typo(rng, family)
            if new != family:
                family = new
                flag("typo")
        elif len(given) >= 4:
            new = typo(rng, given)
            if new != given:
                given = new
                flag("typo")
    row.given, row.family = given, family

    dob = p.dob
    if dup and dob.day <= 12 and dob.day != dob.month and rng.random() < RATES["dob_day_month_swapped"]:
        dob = datetime.date(dob.year, dob.day, dob.month)
        flag("dob_day_month_swapped")
    elif dup and rng.random() < RATES["dob_digit"]:
        for _ in range(10):
            kind = rng.randrange(3)
            try:
                if kind == 0:
                    cand = dob.replace(day=dob.day + rng.choice([-1, 1]))
                elif kind == 1:
                    cand = dob.replace(year=dob.year + rng.choice([-10, -1, 1, 10]))
                else:
                    cand = dob.replace(day=int(str(dob.day).zfill(2)[::-1]))
            except ValueError:
                continue
            if cand != dob and cand.year <= 2015:
                dob = cand
                flag("dob_digit")
                break
    row.dob = dob

    member = p.member_no
    if not complete and rng.random() < RATES["member_no_missing"]:
        member = ""
        flag("member_no_missing")
    elif dup and rng.random() < RATES["member_no_typo"]:
        digits = list(member)
        i = rng.randint(1, len(digits) - 2)
        if rng.random() < 0.5 and digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
        else:
            digits[i] = str((int(digits[i]) + rng.randint(1, 9)) % 10)
        member = "".join(digits)
        flag("member_no_typo")
    row.member_no = member

    postal = p.postal
    if dup and rng.random() < RATES["postal_changed"]:
        postal = postal_code(rng)
        flag("postal_changed")
    if not complete and rng.random() < RATES["postal_missing"]:
        postal = ""
        flag("postal_missing")
    row.postal = postal

    g_text, f_text = given, family
    if source == "registry_b":
        if strip_marks(g_text + f_text) != g_text + f_text:
            r = rng.random()
            if r < RATES["ascii_b"]:
                g_text, f_text = de_translit(g_text), de_translit(f_text)
                flag("ascii_transliterated")
            elif r < RATES["ascii_b"] + RATES["ascii_b_dropped"]:
                g_text, f_text = strip_marks(g_text), strip_marks(f_text)
                flag("ascii_dropped")
        if rng.random() < RATES["caps_b"]:
            if rng.random() < 0.6:
                f_text = f_text.upper()
            else:
                g_text, f_text = g_text.upper(), f_text.upper()
            flag("caps")
        dob_text = dob.strftime("%d.%m.%Y")
    else:
        dob_text = dob.isoformat()
    row.values = {"member_no": member, "first_name": g_text, "last_name": f_text, "date_of_birth": dob_text,
                  "postal_code": postal}
    return row


def name_edits(a, b):
    def part(x, y):
        fx, fy = fold(de_translit(x)), fold(de_translit(y))
        if fx == fy or fold(x) == fold(y):
            return 0
        if fx.split(" ")[0] == fy.split(" ")[0] and (" " in fx or " " in fy):
            return 0  # second given name dropped
        return 1 if osa_distance(fx, fy) <= 1 else 9
    return part(a.given, b.given), part(a.family, b.family)


def dob_close(a, b):
    if a.dob == b.dob:
        return "same"
    if a.dob.year == b.dob.year and a.dob.day == b.dob.month and a.dob.month == b.dob.day:
        return "swapped"
    return None


def findable(a, b):
    g, f = name_edits(a, b)
    same_member = bool(a.member_no) and a.member_no == b.member_no
    dob = dob_close(a, b)
    if f >= 9 and a.patient.married_name:
        # Married name: only the member number, the date of birth and the first name join the records.
        return same_member and dob == "same" and g == 0
    if g + f > 1:
        return same_member and g + f <= 2 and dob is not None
    if same_member:
        return True
    if dob == "same":
        return True
    return dob == "swapped" and bool(a.postal) and a.postal == b.postal and g + f == 0


def build(entities, seed):
    rng = random.Random(seed)
    people, used = [], set()
    groups = OrderedDict()

    def group(kind, members):
        gid = "H%02d" % (len(groups) + 1)
        for m in members:
            m.group = gid
        groups[gid] = (kind, members)

    scale = entities / 300.0
    # Twins: same last name, date of birth and postal code; different first name and member number.
    similar_pairs = [("m", "Jan", "f", "Jana"), ("m", "Tim", "m", "Tom"), ("f", "Lena", "f", "Lea"),
                     ("m", "Lukas", "m", "Jonas"), ("f", "Anna", "f", "Hanna")]
    for i in range(max(1, round(12 * scale))):
        family = zipf_pick(rng, FAMILY["DE"])
        dob = birth_date(rng, 1950, 2012)
        postal = postal_code(rng)
        if i < len(similar_pairs):
            ga, a_name, gb, b_name = similar_pairs[i]
        else:
            ga, gb = rng.choice("mf"), rng.choice("mf")
            a_name = zipf_pick(rng, GIVEN["DE"][ga])
            b_name = a_name
            while b_name == a_name:
                b_name = zipf_pick(rng, GIVEN["DE"][gb])
        a = new_patient(rng, people, used, ga, a_name, family, dob, postal)
        b = new_patient(rng, people, used, gb, b_name, family, dob, postal)
        group("twins", [a, b])
    # Parent and child with the same full name at the same address, a generation apart.
    for i in range(max(1, round(4 * scale))):
        gender = rng.choice("mf")
        given = zipf_pick(rng, GIVEN["DE"][gender])
        family = zipf_pick(rng, FAMILY["DE"])
        postal = postal_code(rng)
        parent = new_patient(rng, people, used, gender, given, family, birth_date(rng, 1940, 1965), postal)
        child = new_patient(rng, people, used, gender, given, family, birth_date(rng, 1975, 1995), postal)
        group("parent_child", [parent, child])
    while len(people) < entities:
        new_patient(rng, people, used)

    for p in people:
        p.n_records = weighted(rng, RECORD_COUNT_WEIGHTS)
        if p.gender == "f" and p.n_records >= 2 and p.group is None and rng.random() < RATES["married"]:
            p.married_name = zipf_pick(rng, FAMILY["DE"])
            if p.married_name == p.family:
                p.married_name = None
            else:
                p.married_at = rng.randint(1, p.n_records - 1)

    rows = []
    for p in people:
        mine = None
        for attempt in range(30):
            mine = render_entity(rng, p)
            if mine is not None:
                break
            if attempt == 20:
                p.married_name = p.married_at = None
        if mine is None:
            raise RuntimeError("cannot make findable duplicates for %s" % p.eid)
        rows.extend(mine)
    return people, groups, rows


def render_entity(rng, p):
    mine = []
    previous = None
    for idx in range(p.n_records):
        if previous is None:
            source = rng.choice(SOURCES)
        else:
            other = SOURCES[1 - SOURCES.index(previous)]
            source = other if rng.random() < 0.8 else previous
        previous = source
        row = None
        for attempt in range(100):
            cand = render(rng, p, source, idx, complete=attempt >= 90)
            if idx == 0 or any(findable(cand, prev) for prev in mine):
                row = cand
                break
        if row is None:
            return None
        mine.append(row)
    return mine


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True, help="output folder")
    args = ap.parse_args(argv)

    people, groups, rows = build(args.entities, args.seed)
    rng = random.Random(args.seed * 7919 + 2)
    rng.shuffle(rows)
    seen = set()
    for row in rows:
        while True:
            sid = ("A-%06d" % rng.randint(1, 999999)) if row.source == "registry_a" else str(
                rng.randint(1000000, 9999999))
            if sid not in seen:
                seen.add(sid)
                row.source_id = sid
                break
    os.makedirs(args.output, exist_ok=True)
    by_source = OrderedDict((s, [r for r in rows if r.source == s]) for s in SOURCES)
    for source, recs in by_source.items():
        with open(os.path.join(args.output, source + ".csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADER)
            for r in recs:
                w.writerow([r.source_id] + [r.values[h] for h in HEADER[1:]])
    with open(os.path.join(args.output, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "source_id", "entity_id"])
        for source, recs in by_source.items():
            for r in recs:
                w.writerow([source, r.source_id, r.patient.eid])

    per = OrderedDict()
    for r in rows:
        per.setdefault(r.patient.eid, []).append(r)
    true_pairs = sum(len(v) * (len(v) - 1) // 2 for v in per.values())
    cross = sum(1 for v in per.values() for i in range(len(v)) for j in range(i + 1, len(v))
                if v[i].source != v[j].source)
    flags = Counter(f for r in rows for f in r.flags)
    kinds = Counter(k for k, _ in groups.values())
    sizes = Counter(len(v) for v in per.values())
    print("records: " + ", ".join("%s %d" % (s, len(r)) for s, r in by_source.items()) + ", total %d" % len(rows))
    print("entities: %d; records per entity: %s" % (len(people), ", ".join(
        "%d×%d" % (k, sizes[k]) for k in sorted(sizes))))
    print("true duplicate pairs: %d (%d across the two registries, %d within one)" % (
        true_pairs, cross, true_pairs - cross))
    print("hard-negative groups: %d (%s), %d entities" % (
        len(groups), ", ".join("%s %d" % kv for kv in kinds.items()), sum(len(m) for _, m in groups.values())))
    print("people with a married name: %d" % sum(1 for p in people if p.married_name))
    print("corruption (records affected): " + ", ".join("%s %d" % kv for kv in sorted(flags.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
