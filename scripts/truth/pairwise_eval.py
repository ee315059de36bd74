#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a clustering against a labelled truth (the test oracle for `evaluate`).

Usage:
    python3 scripts/truth/pairwise_eval.py TRUTH CROSSWALK

TRUTH is a CSV with columns `source,source_id,entity_id` (as written by generate_contacts.py and
generate_patients.py); CROSSWALK a CSV with columns `source,source_id,golden_id` (extra columns are ignored).

Definitions (the usual pairwise measures of entity resolution):
- A pair is an unordered pair of distinct truth records. True pairs: both records have the same entity_id.
  Predicted pairs: both records have the same golden_id.
- TP = pairs both true and predicted, FP = predicted but not true, FN = true but not predicted.
- precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R). When nothing is predicted, precision
  is 1 (no wrong merge was made); when there are no true pairs, recall is 1; F1 is 0 when P + R is 0.
- A truth record missing from the crosswalk is a singleton (its own cluster). A crosswalk row that names no truth
  record is ignored and counted as "unknown". A crosswalk source may also be written as the file name: `crm.csv`
  matches truth source `crm`.
Counts come from the contingency table of (entity, golden) cells, so the cost is linear in the number of records.

Exit status: 0 ok; 2 bad input (missing file, missing column, a record listed twice with different ids).
Python 3 standard library only.
"""
import csv
import sys
from collections import Counter


def pairs(n):
    return n * (n - 1) // 2


def read(path, id_column):
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("source", "source_id", id_column) if c not in (reader.fieldnames or [])]
            if missing:
                raise SystemExit("%s: missing column(s) %s; expected source,source_id,%s" % (
                    path, ", ".join(missing), id_column))
            rows = {}
            for line, row in enumerate(reader, start=2):
                key = (row["source"], row["source_id"])
                value = row[id_column]
                if key in rows and rows[key] != value:
                    raise SystemExit("%s:%d: record %s/%s listed twice with different %s (%s, %s)" % (
                        path, line, key[0], key[1], id_column, rows[key], value))
                rows[key] = value
            return rows
    except OSError as e:
        raise SystemExit("%s: cannot read: %s" % (path, e.strerror))


def evaluate(truth, crosswalk):
    """Counts and measures; `truth` maps (source, source_id) → entity, `crosswalk` (source, source_id) → golden."""
    sources = {s for s, _ in truth}
    golden_of = {}
    unknown = 0
    for (source, sid), golden in crosswalk.items():
        if source not in sources:
            for ext in (".csv", ".tsv", ".txt"):
                if source.endswith(ext) and source[: -len(ext)] in sources:
                    source = source[: -len(ext)]
                    break
        key = (source, sid)
        if key in truth:
            golden_of[key] = golden
        else:
            unknown += 1
    cells, entities, clusters = Counter(), Counter(), Counter()
    missing = 0
    for key, entity in truth.items():
        golden = golden_of.get(key)
        if golden is None:
            missing += 1
            golden = ("singleton",) + key  # its own cluster
        cells[(entity, golden)] += 1
        entities[entity] += 1
        clusters[golden] += 1
    tp = sum(pairs(n) for n in cells.values())
    true_pairs = sum(pairs(n) for n in entities.values())
    predicted = sum(pairs(n) for n in clusters.values())
    fp, fn = predicted - tp, true_pairs - tp
    precision = tp / predicted if predicted else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "records": len(truth), "missing": missing, "unknown": unknown, "entities": len(entities),
        "clusters": len(clusters), "true_pairs": true_pairs, "predicted_pairs": predicted,
        "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
    }


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        truth = read(argv[1], "entity_id")
        crosswalk = read(argv[2], "golden_id")
    except SystemExit as e:
        print("pairwise_eval: %s" % e, file=sys.stderr)
        return 2
    r = evaluate(truth, crosswalk)
    print("records %d (%d not in the crosswalk: singletons; %d crosswalk rows unknown: ignored)" % (
        r["records"], r["missing"], r["unknown"]))
    print("entities %d, clusters %d" % (r["entities"], r["clusters"]))
    print("true pairs %d, predicted pairs %d" % (r["true_pairs"], r["predicted_pairs"]))
    print("TP %d" % r["tp"])
    print("FP %d" % r["fp"])
    print("FN %d" % r["fn"])
    print("precision %.6f" % r["precision"])
    print("recall %.6f" % r["recall"])
    print("F1 %.6f" % r["f1"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
