#!/usr/bin/env bash
# Outbox crash recovery with the real binary: `heed reply` is killed (SIGKILL) after the reply
# was recorded and the platform received it, but before heed learned the result. After the
# restart `heed outbox` shows the send as interrupted, `heed outbox retry` re-sends it with the
# same idempotency key (Mastodon honours it), and the platform ends up with exactly one reply.
# usage: outbox_crash_test.sh PATH_TO_HEED
set -euo pipefail
HEED="$1"
WORK="$(mktemp -d)"
SANDBOX_PID=""
REPLY_PID=""
cleanup() {
  if [ -n "$REPLY_PID" ] && kill -0 "$REPLY_PID" 2>/dev/null; then kill -9 "$REPLY_PID"; fi
  if [ -n "$SANDBOX_PID" ] && kill -0 "$SANDBOX_PID" 2>/dev/null; then
    kill "$SANDBOX_PID"
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Every write is slow: the sandbox posts the reply at once and answers 5 s later (a wide
# window, so the kill lands in it even on a loaded machine).
"$HEED" sandbox --port 0 --seed 3 --posts 10 --history 2h --faults slow:1 --fault-scope writes \
  --fault-delay 5s > "$WORK/sandbox.out" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 100); do
  grep -q "Mastodon API at" "$WORK/sandbox.out" && break
  sleep 0.05
done
BASE_URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/sandbox.out" | head -1)"
[ -n "$BASE_URL" ] || fail "sandbox did not report its URL: $(cat "$WORK/sandbox.out")"

cat > "$WORK/heed.conf" <<CONF
[connector.mentions]
platform = mastodon
base_url = $BASE_URL
feed = mentions
token_env = HEED_TEST_TOKEN
CONF
export HEED_TEST_TOKEN="crash-test-token"
ARGS=(--db "$WORK/heed.db" --config "$WORK/heed.conf")
"$HEED" init "${ARGS[@]}" > /dev/null
"$HEED" scan "${ARGS[@]}" > /dev/null || [ $? -eq 4 ] || fail "scan failed"
ID="$("$HEED" inbox "${ARGS[@]}" --json | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)"
[ -n "$ID" ] || fail "no item to answer"

replies_on_platform() {
  # The sandbox's own record of replies it accepted.
  python3 -c 'import json,sys,urllib.request; print(len(json.load(urllib.request.urlopen(sys.argv[1]))))' \
    "$BASE_URL/_sandbox/replies"
}

"$HEED" reply "$ID" "${ARGS[@]}" --text "Hi, we're sorry about this and we are on it." --force \
  --by QA > "$WORK/reply.out" 2>&1 &
REPLY_PID=$!
for _ in $(seq 1 100); do
  [ "$(replies_on_platform)" -ge 1 ] && break
  sleep 0.05
done
[ "$(replies_on_platform)" -eq 1 ] || fail "the platform never received the reply"
kill -9 "$REPLY_PID" 2>/dev/null ||
  fail "heed reply ended before the kill (the platform answered early?): $(cat "$WORK/reply.out")"
wait "$REPLY_PID" 2>/dev/null || true
REPLY_PID=""

"$HEED" outbox "${ARGS[@]}" > "$WORK/outbox.out"
grep -q "interrupted" "$WORK/outbox.out" || fail "outbox does not show the interrupted send: $(cat "$WORK/outbox.out")"

"$HEED" outbox retry "${ARGS[@]}" > "$WORK/retry.out" 2>&1 || fail "retry failed: $(cat "$WORK/retry.out")"
grep -q "1 sent" "$WORK/retry.out" || fail "retry did not complete the send: $(cat "$WORK/retry.out")"
[ "$(replies_on_platform)" -eq 1 ] || fail "double post: $(replies_on_platform) replies on the platform"
"$HEED" outbox "${ARGS[@]}" | grep -q "Outbox empty" || fail "outbox not empty after the retry"
"$HEED" show "$ID" "${ARGS[@]}" --json | grep -q '"state":"sent"' || fail "reply not recorded as sent"
# A second retry has nothing to do and posts nothing.
"$HEED" outbox retry "${ARGS[@]}" > /dev/null
[ "$(replies_on_platform)" -eq 1 ] || fail "a second retry posted again"
echo "PASS: killed mid-send, recovered with exactly one reply on the platform"
