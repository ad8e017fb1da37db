#!/usr/bin/env bash
# `heed watch` as systemd runs it: the real binary against a background `heed sandbox`, polling
# every second; it must log its scans, stop promptly and cleanly on SIGTERM and on SIGINT (exit
# 0, a "stopped" line, the mentions in the database), and `--once` must work as a cron job.
# usage: watch_test.sh PATH_TO_HEED
set -euo pipefail
HEED="$1"
WORK="$(mktemp -d)"
SANDBOX_PID=""
WATCH_PID=""
cleanup() {
  for pid in "$WATCH_PID" "$SANDBOX_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$WORK"/watch*.out; do [ -f "$f" ] && { echo "--- $f" >&2; cat "$f" >&2; }; done
  exit 1
}
# wait_for FILE PATTERN SECONDS: poll until the file has a line matching PATTERN.
wait_for() {
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

"$HEED" sandbox --port 0 --seed 9 --posts 12 --history 2h > "$WORK/sandbox.out" 2>&1 &
SANDBOX_PID=$!
wait_for "$WORK/sandbox.out" "Mastodon API at" 5 || fail "sandbox did not start"
BASE_URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/sandbox.out" | head -1)"

cat > "$WORK/heed.conf" <<CONF
[connector.mentions]
platform = mastodon
base_url = $BASE_URL
feed = mentions
token_env = HEED_TEST_TOKEN
poll_interval = 1s
CONF
export HEED_TEST_TOKEN="watch-test-token"
ARGS=(--db "$WORK/heed.db" --config "$WORK/heed.conf")
chmod 600 "$WORK/heed.conf"
"$HEED" init "${ARGS[@]}" > /dev/null

# run_until_stopped SIGNAL NAME: start the daemon, wait for a scan, stop it with SIGNAL.
run_until_stopped() {
  local signal="$1" out="$WORK/watch-$2.out"
  "$HEED" watch "${ARGS[@]}" > "$out" 2>&1 &
  WATCH_PID=$!
  wait_for "$out" " scan mentions: " 10 || fail "$2: no scan logged"
  local sent=$SECONDS
  kill -"$signal" "$WATCH_PID"
  local code=0
  wait "$WATCH_PID" || code=$?
  WATCH_PID=""
  [ "$code" -eq 0 ] || fail "$2: exit code $code after SIG$signal, expected 0"
  [ $((SECONDS - sent)) -lt 5 ] || fail "$2: took $((SECONDS - sent))s to stop"
  grep -q " stopped SIG$signal received" "$out" || fail "$2: no stopped line"
  if grep -q $'\e' "$out"; then fail "$2: escape sequence in the log"; fi
  if grep -q "$HEED_TEST_TOKEN" "$out"; then fail "$2: the token is in the log"; fi
}

run_until_stopped TERM term
grep -q " scan mentions: 12 new" "$WORK/watch-term.out" || fail "the first scan did not store 12"
grep -q " evaluate sla: " "$WORK/watch-term.out" || fail "no evaluation tick logged"
run_until_stopped INT int
grep -q " scan mentions: 0 new" "$WORK/watch-int.out" || fail "restart scanned items again"
# Its first tick found the hours-old negative posts past their deadline, and said so once.
grep -q " stage sla: item [0-9]*: first_reply breached" "$WORK/watch-int.out" ||
  fail "no breach logged"

# The database has the mentions, once.
COUNT="$("$HEED" inbox "${ARGS[@]}" --all --json | grep -o '"remote_id"' | wc -l)"
[ "$COUNT" -eq 12 ] || fail "inbox lists $COUNT items, expected 12"

# --once: one pass and exit 0, as JSON lines; an unreachable connector makes it exit 1.
"$HEED" watch --once --log-json "${ARGS[@]}" > "$WORK/watch-once.out" || fail "--once failed"
grep -q '"event":"scan","source":"mentions"' "$WORK/watch-once.out" || fail "--once: no JSON scan"
grep -q '"event":"evaluate","source":"sla"' "$WORK/watch-once.out" || fail "--once: no evaluation"
sed -i "s|^base_url = .*|base_url = http://127.0.0.1:1|" "$WORK/heed.conf"
set +e
"$HEED" watch --once "${ARGS[@]}" > "$WORK/watch-down.out" 2>&1
CODE=$?
set -e
[ "$CODE" -eq 1 ] || fail "--once with a dead connector exited $CODE, expected 1"
grep -q " error mentions: scan failed" "$WORK/watch-down.out" || fail "no error line"

kill -TERM "$SANDBOX_PID"
wait "$SANDBOX_PID" || fail "sandbox did not exit cleanly"
SANDBOX_PID=""
echo "heed watch test: 1 passed, 0 failed"
