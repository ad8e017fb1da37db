#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build heed (Release), run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEED_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target heed
exec build/release/cli/heed demo "$@"
