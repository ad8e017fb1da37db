#!/usr/bin/env bash
# Builds heed in Release with the benchmarks and runs them. Figures go to docs/BENCHMARKS.md by
# hand, with the command that produced them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEED_BUILD_TESTS=OFF \
  -DHEED_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/bench
build/bench/bench/scan_bench --posts "${HEED_BENCH_POSTS:-100000}"
build/bench/bench/sla_bench --items "${HEED_BENCH_SLA_ITEMS:-100000}"
