#!/usr/bin/env bash
# Builds every heed target and test with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DHEED_SANITIZE=ON: leaks, out-of-bounds, use-after-free/scope/return, UB; a UB finding aborts
# its test) and runs the whole ctest suite, the shell tests' sanitized `heed` binary included.
#
#   scripts/sanitize.sh [CTEST_ARGS...]     e.g. scripts/sanitize.sh -R Sandbox
#
# Environment: BUILD_DIR (default build-asan), JOBS (ninja and ctest -j; default nproc),
# SKIP_DEPS=1 to skip scripts/install-deps.sh.
# Suppressions for third-party findings heed cannot fix: tests/sanitizer/lsan.supp (and
# ubsan.supp when present), one commented entry each. Prints the build and test times, the
# ctest summary and the sanitizer reports found; exits 1 when any test failed, 2 when the
# configure or build step failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build-asan}"
JOBS="${JOBS:-$(nproc)}"
SUPP_DIR="$ROOT/tests/sanitizer"
LOG="$BUILD_DIR/sanitize-ctest.log"

if [ "${SKIP_DEPS:-0}" != 1 ]; then
  "$ROOT/scripts/install-deps.sh"
fi

build_start=$SECONDS
if ! cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHEED_BUILD_TESTS=ON \
  -DHEED_BUILD_BENCHMARKS=OFF -DHEED_SANITIZE=ON >/dev/null; then
  echo "sanitize.sh: configure failed" >&2
  exit 2
fi
if ! ninja -C "$BUILD_DIR" -j "$JOBS"; then
  echo "sanitize.sh: build failed" >&2
  exit 2
fi
build_seconds=$((SECONDS - build_start))

# Set, not appended to: the run must not depend on what the caller's shell exported.
# detect_stack_use_after_return catches a reference to a returned frame's local;
# strict_string_checks makes libc string interceptors check the whole argument; abort_on_error
# and halt_on_error turn every report into a failed test.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$SUPP_DIR/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if [ -f "$SUPP_DIR/ubsan.supp" ]; then
  UBSAN_OPTIONS="$UBSAN_OPTIONS:suppressions=$SUPP_DIR/ubsan.supp"
fi

test_start=$SECONDS
set +e
ctest --test-dir "$BUILD_DIR" -j "$JOBS" --timeout 300 --output-on-failure "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
test_seconds=$((SECONDS - test_start))

echo
echo "== sanitize.sh summary =="
echo "build: ${build_seconds}s (incremental when $BUILD_DIR already existed), tests: ${test_seconds}s, jobs: $JOBS"
grep -E "tests passed|tests failed" "$LOG" || true
reports="$(grep -hoE "ERROR: (AddressSanitizer|LeakSanitizer): [a-z-]+|runtime error: .*" "$LOG" |
  sed -E 's/0x[0-9a-f]+/0x.../g' | sort | uniq -c | sort -rn || true)"
if [ -n "$reports" ]; then
  echo "sanitizer reports (count, kind):"
  echo "$reports"
else
  echo "sanitizer reports: none"
fi
echo "full log: $LOG"
if [ "$status" -ne 0 ]; then
  echo "sanitize.sh: FAILED (ctest exit $status)" >&2
  exit 1
fi
echo "sanitize.sh: OK"
