#!/usr/bin/env python3
"""Print the README's CSV header alias table from Sources/StewardIngest/CSV/HeaderMapping.swift.

Usage: python3 scripts/docs/header_aliases.py   (paste between the header-aliases markers in README.md;
HeaderMappingDocTests fails when an alias in the code is missing from the README.)
"""
import collections
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
CAMEL = {"sourceID": "source id", "fullName": "full_name", "givenName": "given_name", "middleName": "middle_name",
         "familyName": "family_name", "namePrefix": "name_prefix", "nameSuffix": "name_suffix",
         "postalCode": "postal_code", "updatedAt": "updated_at"}
GROUPS = {"0": "", "1": " (home address)", "2": " (other address)"}


def label(role: str) -> str:
    role = role.strip()
    if role == ".sourceID":
        return "source id"
    m = re.fullmatch(r"\.field\(\.(\w+)\)", role)
    if m:
        return f"`{CAMEL.get(m.group(1), m.group(1))}`"
    m = re.fullmatch(r"\.(email|phone)\(kind: (nil|\"(\w+)\"), group: nil\)", role)
    if m:
        kind = f", kind `{m.group(3)}`" if m.group(3) else ""
        return f"`{m.group(1)}s`{kind}"
    m = re.fullmatch(r"\.address\(\.(\w+), group: (\d)\)", role)
    if m:
        return f"`{CAMEL.get(m.group(1), m.group(1))}`{GROUPS[m.group(2)]}"
    raise SystemExit(f"unknown role {role}")


def main() -> None:
    text = (ROOT / "Sources/StewardIngest/CSV/HeaderMapping.swift").read_text()
    body = text[text.index("public static let aliases"):]
    groups = collections.OrderedDict()
    for m in re.finditer(r'^\s*\("([^"]+)",\s*(.+?)\),(?:\s*//.*)?$', body, re.M):
        groups.setdefault(label(m.group(2)), []).append(m.group(1))
    print("| feeds | headers (compared ignoring case, accents, spaces and punctuation) |")
    print("| --- | --- |")
    for role, headers in groups.items():
        print(f"| {role} | " + ", ".join(f"`{h}`" for h in headers) + " |")


if __name__ == "__main__":
    main()
