#!/usr/bin/env bash
# Builds and runs the libphonenumber comparison benchmark (needs Debian's libphonenumber-dev, installed if missing).
set -euo pipefail
cd "$(dirname "$0")"
dpkg -s libphonenumber-dev >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq libphonenumber-dev; }
g++ -O2 -std=c++17 phone_bench.cc -o /tmp/steward-libphonenumber-bench -lphonenumber
/tmp/steward-libphonenumber-bench
