#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build everything (Debug, with tests)
# and run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/debug -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHEED_BUILD_TESTS=ON \
  -DHEED_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/debug
ctest --test-dir build/debug --output-on-failure --timeout 300 -j "$(nproc)"
