#!/usr/bin/env bash
# Builds heed's libFuzzer targets (fuzz/) with clang and runs each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    (default 60 s, every target)
#
# Environment: BUILD_DIR (default build-fuzz), BUILD_JOBS (ninja -j; default ninja's),
# RSS_LIMIT_MB (2048), UNIT_TIMEOUT (10 s).
# Installs clang and libFuzzer's runtime (Debian: clang, libclang-rt-*-dev) when missing, seeds
# each corpus from the test fixtures (fuzz/seed_corpus.py), keeps the corpus that grows in
# BUILD_DIR/corpus/<target> between runs, and prints one summary line per target. Exits 1 when
# any target crashed (the crash input's path is printed), 2 on a build or setup failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
BUILD_DIR="${BUILD_DIR:-$ROOT/build-fuzz}"
RSS_LIMIT_MB="${RSS_LIMIT_MB:-2048}"
UNIT_TIMEOUT="${UNIT_TIMEOUT:-10}"

if ! [[ "$SECONDS_PER_TARGET" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: SECONDS_PER_TARGET must be a positive integer, got '$SECONDS_PER_TARGET'" >&2
  exit 2
fi

# --- toolchain --------------------------------------------------------------------------------
# The fuzzer runtime ships in clang's resource directory; on Debian 12 it comes from
# libclang-rt-14-dev, which the clang package recommends (so a --no-install-recommends clang
# lacks it).
fuzzer_runtime_present() {
  command -v clang++ >/dev/null 2>&1 || return 1
  local dir
  dir="$(clang++ -print-resource-dir 2>/dev/null)" || return 1
  compgen -G "$dir/lib/linux/libclang_rt.fuzzer-*.a" >/dev/null ||
    compgen -G "$dir/lib/*/libclang_rt.fuzzer*.a" >/dev/null
}

if ! fuzzer_runtime_present; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends clang
  version="$(clang++ --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "libclang-rt-${version}-dev"
  if ! fuzzer_runtime_present; then
    echo "fuzz.sh: clang is installed but libclang_rt.fuzzer is not found" >&2
    exit 2
  fi
fi

# --- build ------------------------------------------------------------------------------------
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DHEED_BUILD_TESTS=OFF -DHEED_BUILD_FUZZERS=ON >/dev/null || exit 2
ninja -C "$BUILD_DIR" ${BUILD_JOBS:+-j "$BUILD_JOBS"} heed_fuzzers || exit 2

if [ $# -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(find "$BUILD_DIR/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x \
    -printf '%f\n' | sed 's/^fuzz_//' | sort)
fi

python3 "$ROOT/fuzz/seed_corpus.py" "$ROOT" "$BUILD_DIR/corpus" >/dev/null

# --- run --------------------------------------------------------------------------------------
# ASan: report leaks too (a parser that leaks on some input fails); UBSan already aborts
# (-fno-sanitize-recover), print its stack.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

LOG_DIR="$BUILD_DIR/fuzz-logs"
mkdir -p "$LOG_DIR"
failed=()
summary=()
started=$(date +%s)
for target in "${TARGETS[@]}"; do
  binary="$BUILD_DIR/fuzz/fuzz_$target"
  if [ ! -x "$binary" ]; then
    echo "fuzz.sh: no fuzz target '$target' ($binary)" >&2
    exit 2
  fi
  corpus="$BUILD_DIR/corpus/$target"
  artifacts="$BUILD_DIR/crashes/$target/"
  mkdir -p "$corpus" "$artifacts"
  log="$LOG_DIR/$target.log"
  echo "fuzz.sh: $target for ${SECONDS_PER_TARGET}s (log $log)"
  status=0
  "$binary" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb="$RSS_LIMIT_MB" \
    -timeout="$UNIT_TIMEOUT" -artifact_prefix="$artifacts" -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  # The last status line, e.g. "#123456 DONE cov: 812 ft: 3120 corp: 240/51Kb ...".
  stats="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$stats")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$stats")"
  corp="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$stats")"
  crash="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    reason="$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|invariant failed' "$log" || echo "exit status $status")"
    line="$(printf '%-16s runs=%-10s cov=%-6s ft=%-6s corpus=%-5s CRASH %s: %s' "$target" \
      "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${crash:-(no artifact)}" "$reason")"
  else
    line="$(printf '%-16s runs=%-10s cov=%-6s ft=%-6s corpus=%-5s crashes=0' "$target" \
      "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")"
  fi
  echo "$line"
  summary+=("$line")
done

elapsed=$(( $(date +%s) - started ))
echo
echo "fuzz.sh summary: ${#TARGETS[@]} targets, ${SECONDS_PER_TARGET}s each, ${elapsed}s wall"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${#failed[@]} target(s) crashed: ${failed[*]} (reproduce: $BUILD_DIR/fuzz/fuzz_<target> <crash file>)"
  exit 1
fi
echo "fuzz.sh: no crashes"
