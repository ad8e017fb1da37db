#!/usr/bin/env bash
# Crash consistency, short: 25 SIGKILLs of `heed scan` / `heed watch` against a live sandbox,
# then the full set of checks of scripts/crash-consistency.sh (nothing lost, nothing stored
# twice, checkpoints consistent, append-only tables never shrink). The long run and its
# figures: docs/RELIABILITY.md, "Crash consistency".
# usage: crash_consistency_test.sh PATH_TO_HEED [KILLS] [SEED]
set -euo pipefail
HEED="$1" exec bash "$(dirname "$0")/../../scripts/crash-consistency.sh" "${2:-25}" "${3:-7}"
