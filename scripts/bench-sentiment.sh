#!/usr/bin/env bash
# Sentiment quality and speed, heed vs the npm port of VADER, on the same dev sets in the same
# run. Builds heed in Release with the benchmarks (as scripts/bench.sh does), installs
# vader-sentiment@1.1.3 under the build directory if missing (never in the source tree), runs
# bench/sentiment_bench and bench/peers/vader_peer.js on the same files and prints heed's own
# table, then one combined table. Figures go to docs/BENCHMARKS.md by hand, with this command.
#
# Environment: HEED_SENTIMENT_DATA   dev sets (default ../shared/sentiment-dev from the repo root)
#              HEED_BENCH_BUILD_DIR  build directory (default build/bench)
#              HEED_BENCH_SECONDS    seconds of scoring per throughput figure (default 2)
# Extra arguments go to sentiment_bench (e.g. --no-hint).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${HEED_SENTIMENT_DATA:-../shared/sentiment-dev}"
build="${HEED_BENCH_BUILD_DIR:-build/bench}"
seconds="${HEED_BENCH_SECONDS:-2}"
if [ ! -d "$data" ]; then
  echo "bench-sentiment: no dev sets at $data (they are not part of the repository);" \
    "set HEED_SENTIMENT_DATA. Nothing to measure."
  exit 0
fi
command -v node >/dev/null || { echo "bench-sentiment: node (>= 18) is needed for the VADER peer" >&2; exit 1; }

scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEED_BUILD_TESTS=OFF \
  -DHEED_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target sentiment_bench

peers="$build/peers"
if [ ! -f "$peers/node_modules/vader-sentiment/package.json" ]; then
  mkdir -p "$peers"
  npm install --prefix "$peers" --no-audit --no-fund --no-save vader-sentiment@1.1.3 >/dev/null
fi

heed_json="$build/sentiment-heed.json"
echo "## heed (bench/sentiment_bench)"
echo
"$build/bench/sentiment_bench" --data "$data" --seconds "$seconds" --json-out "$heed_json" "$@"
echo
echo "## heed vs VADER-js (bench/peers/vader_peer.js)"
echo
node bench/peers/vader_peer.js --data "$data" --prefix "$peers" --seconds "$seconds" \
  --compare "$heed_json" >"$build/sentiment-vader.out"
# The last line is VADER's raw JSON; keep it in the build directory, print the table.
sed '$d' "$build/sentiment-vader.out"
tail -n 1 "$build/sentiment-vader.out" >"$build/sentiment-vader.json"
echo "(raw results: $heed_json, $build/sentiment-vader.json)"
