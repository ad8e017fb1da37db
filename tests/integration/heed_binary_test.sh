#!/usr/bin/env bash
# The real `heed` binary as a person or cron would run it: `heed sandbox` in the background,
# then init, scan, inbox, reply against it, and a clean stop on SIGTERM.
# usage: heed_binary_test.sh PATH_TO_HEED
set -euo pipefail
HEED="$1"
WORK="$(mktemp -d)"
SANDBOX_PID=""
cleanup() {
  if [ -n "$SANDBOX_PID" ] && kill -0 "$SANDBOX_PID" 2>/dev/null; then kill "$SANDBOX_PID"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$HEED" sandbox --port 0 --seed 5 --posts 30 --history 2h > "$WORK/sandbox.out" 2>&1 &
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
export HEED_TEST_TOKEN="binary-test-token"
ARGS=(--db "$WORK/heed.db" --config "$WORK/heed.conf")

"$HEED" init "${ARGS[@]}" > /dev/null
# Exit code 4: the scan went fine and some of the sandbox's (hours old) posts are overdue.
set +e
"$HEED" scan "${ARGS[@]}" > "$WORK/scan1"; CODE1=$?
"$HEED" scan "${ARGS[@]}" > "$WORK/scan2"; CODE2=$?
set -e
[ "$CODE1" -eq 4 ] && [ "$CODE2" -eq 4 ] || fail "scan exit codes $CODE1 $CODE2, expected 4 (overdue items)"
grep -q "mentions: 30 new" "$WORK/scan1" || fail "first scan did not store 30 mentions"
grep -q "past the deadline" "$WORK/scan1" || fail "scan did not report overdue items"
grep -q "mentions: 0 new" "$WORK/scan2" || fail "second scan was not empty"

INBOX="$("$HEED" inbox "${ARGS[@]}" --json)"
echo "$INBOX" | grep -q '"label":"negative"' || fail "no negative item in the inbox"
case "$INBOX" in *$'\e'*) fail "escape sequence in --json output";; esac
ID="$(echo "$INBOX" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)"
# The reply check holds a reply to a negative post that does not apologise; --force posts it.
set +e
"$HEED" reply "$ID" "${ARGS[@]}" --text "Thanks for telling us, we're on it." --by QA \
  2> "$WORK/err"; CODE=$?
set -e
[ "$CODE" -eq 1 ] && grep -q "missing-apology" "$WORK/err" || fail "reply check did not hold the reply"
"$HEED" reply "$ID" "${ARGS[@]}" --text "Thanks for telling us, we're on it." --by QA --force \
  2> /dev/null | grep -q "Replied publicly" || fail "reply was not posted"

# Bad input: clear error, distinct exit code, nothing changed.
set +e
"$HEED" show nope "${ARGS[@]}" 2> "$WORK/err"; CODE=$?
set -e
[ "$CODE" -eq 2 ] || fail "show with a bad id exited $CODE, expected 2"
grep -q "not an item id" "$WORK/err" || fail "unclear error: $(cat "$WORK/err")"

kill -TERM "$SANDBOX_PID"
wait "$SANDBOX_PID" || fail "sandbox did not exit cleanly on SIGTERM"
SANDBOX_PID=""
grep -q "0 delete/hide attempts refused" "$WORK/sandbox.out" || fail "sandbox saw a delete/hide call"
grep -q "faults injected:" "$WORK/sandbox.out" && fail "fault summary printed without --faults"

# With --faults: GET /_sandbox/faults counts them by kind, and the stop prints one summary line
# to stderr.
http_get() {  # PORT PATH: the raw HTTP response
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  cat <&3
  exec 3<&-
}
"$HEED" sandbox --port 0 --faults 500:1 > "$WORK/faulty.out" 2> "$WORK/faulty.err" &
SANDBOX_PID=$!
for _ in $(seq 1 100); do
  grep -q "Mastodon API at" "$WORK/faulty.out" && break
  sleep 0.05
done
PORT="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/faulty.out" | head -1 | cut -d: -f3)"
[ -n "$PORT" ] || fail "faulty sandbox did not report its URL: $(cat "$WORK/faulty.out")"
REPLY="$(http_get "$PORT" /api/v1/timelines/tag/acme)"
[[ "$REPLY" == "HTTP/1.1 503"* ]] || fail "no 500 fault: $REPLY"
REPLY="$(http_get "$PORT" /rss)"
[[ "$REPLY" == "HTTP/1.1 503"* ]] || fail "no 500 fault on an emulated platform: $REPLY"
REPLY="$(http_get "$PORT" /_sandbox/faults)"
[[ "$REPLY" == *'{"total":2,"429":0,"500":2,'* ]] || fail "GET /_sandbox/faults: $REPLY"
kill -INT "$SANDBOX_PID"
wait "$SANDBOX_PID" || fail "faulty sandbox did not exit cleanly on SIGINT"
SANDBOX_PID=""
grep -qx "faults injected: 500 x2" "$WORK/faulty.err" \
  || fail "no fault summary on stderr: $(cat "$WORK/faulty.err")"
echo "heed binary test: 1 passed, 0 failed"
