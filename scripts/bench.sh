#!/usr/bin/env bash
# `make bench`: the release benchmarks. Prints numbers for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== parser, decoder, cancel (release build)"
.build/release/poe-bench all
echo "== end to end: a ~1 MB reply through poe-tui ask vs curl -N, same emulator, same run"
python3 scripts/bench_e2e.py .build/release
