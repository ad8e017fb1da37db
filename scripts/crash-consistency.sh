#!/usr/bin/env bash
# Crash consistency: SIGKILL `heed scan` and `heed watch` at random moments, many times, against
# a live `heed sandbox`, then prove that nothing was lost, nothing stored twice and every
# connector's checkpoint matches the data committed with it (docs/RELIABILITY.md, "Crash
# consistency").
#
# usage: HEED=path/to/heed scripts/crash-consistency.sh [KILLS] [SEED]
#   KILLS  SIGKILLs to deliver to a running heed process (default 25)
#   SEED   seeds the sandbox content and the kill schedule (default 1): same seed, same
#          sequence of scan/watch choices and kill points
# Needs python3 (the helpers below) and Linux (inotify, for the write-triggered kills).
# Environment (all optional):
#   HEED                 the heed binary (default: build/release/cli/heed, else
#                        build/debug/cli/heed)
#   CRASH_POSTS          sandbox posts per feed (default 30)
#   CRASH_SCAN_MAX_MS    a killed `heed scan` lives a uniform 0..this many ms (default 500)
#   CRASH_WATCH_MAX_MS   a killed `heed watch` lives a uniform 0..this many ms (default 2000)
#   CRASH_WRITE_MAX      a write-triggered kill comes after write 1..this (default 20; an
#                        incremental scan makes 12 to 17)
#   CRASH_TRIGGERS       which kill points: both (default, half and half), time or write
#   CRASH_POST_EVERY     seconds between two live posts injected into the sandbox (default 0.6)
#   CRASH_KEEP_WORK=1    keep the temporary directory (databases, logs) and print its path
#
# Exit 0 and a summary line when every check held; 1 naming the first violation otherwise;
# 2 on a setup problem (no binary, the sandbox would not start).
#
# What runs:
#   - `heed sandbox` on a free loopback port (port 0) with a fixed seed, and slow-read faults so
#     that some kills land while a request is on the wire;
#   - a "poster" that keeps publishing new posts through the sandbox's own write APIs (a
#     Mastodon #acme status, a comment in r/acme, a Bluesky post naming acme), so later runs
#     always have new mentions to fetch and walks in progress see the feed move under them;
#   - ten connectors covering eight of heed's nine checkpoint designs: Mastodon mentions and tag
#     (min_id ascending), Reddit subreddit and Bluesky search (newest-first walk, base-36 ids and
#     an offset cursor), X search (since/until walk), Google Play (newest-first pass), Trustpilot
#     (review walk), Facebook page (Graph high-water mark), YouTube channel (publish-time mark)
#     and RSS (seen-entry hashes). Not Hacker News: its emulator allows 300 requests per client
#     address per hour. Small page sizes make a first scan about 70 pages long.
#     Both Mastodon connectors also acknowledge new negative posts automatically (auto_ack), so
#     kills land in the reply outbox too.
# Then, until KILLS kills: start `heed scan` or `heed watch` and SIGKILL it, either after a random
# time (0..500 ms for a scan, 0..2000 ms for a watch: from before its first request to after
# its last commit) or just after its K-th write to the database files (K 1..20, then 0..1000 us,
# seen through inotify by killer.py), so that kills also land between two commits and inside
# one. Every choice comes from a PRNG seeded with SEED. Then check the database (below). A run
# that ended before its kill does not count (a scan must exit 0 or 4) and the loop goes on.
#
# Checks after every kill (the embedded verify.py, through SQLite):
#   PRAGMA integrity_check is "ok"; no append-only table lost a row (counts never decrease); no
#   (platform, remote_id) is stored twice; every mention has its score and inbox row (written in
#   the same transaction); every connector that stored a mention has a checkpoint written at or
#   after it; every item a checkpoint names (the walk marks, since/until ids, the Mastodon
#   id) is a stored mention, i.e. the checkpoint never moved without its page; checkpoints never
#   move backwards.
# At the end: the poster stops; uninterrupted `heed scan`s run until one stores nothing new
# (normally the second: the first fetches what arrived during the last kills), so the last one
# found nothing new or changed on any connector; every walk is complete. `heed outbox retry`
# re-sends acknowledgements a kill interrupted; each must then be sent, recorded once, and on
# the platform exactly once. A reference database, scanned without kills against the same final
# sandbox state with the largest page sizes, must hold exactly the same (platform, remote_id)
# set with the same checkpoint floors; every post the poster published (the sandbox's own
# record, GET /_sandbox/replies) must be stored exactly once.
set -euo pipefail

KILLS="${1:-25}"
SEED="${2:-1}"
[[ "$KILLS" =~ ^[0-9]+$ && "$KILLS" -ge 1 ]] || { echo "usage: $0 [KILLS>=1] [SEED]" >&2; exit 2; }
[[ "$SEED" =~ ^[0-9]+$ ]] || { echo "usage: $0 [KILLS] [SEED (a number)]" >&2; exit 2; }
POSTS="${CRASH_POSTS:-30}"
SCAN_MAX_MS="${CRASH_SCAN_MAX_MS:-500}"
WATCH_MAX_MS="${CRASH_WATCH_MAX_MS:-2000}"
POST_EVERY="${CRASH_POST_EVERY:-0.6}"
WRITE_MAX="${CRASH_WRITE_MAX:-20}"
TRIGGERS="${CRASH_TRIGGERS:-both}"
case "$TRIGGERS" in both | time | write) ;; *) echo "CRASH_TRIGGERS: both, time or write" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${HEED:-}" ]; then
  for candidate in "$ROOT/build/release/cli/heed" "$ROOT/build/debug/cli/heed"; do
    [ -x "$candidate" ] && { HEED="$candidate"; break; }
  done
fi
if [ -z "${HEED:-}" ] || [ ! -x "$HEED" ]; then
  echo "crash-consistency: no heed binary; set HEED=path/to/heed" >&2
  exit 2
fi
# The interpreter itself, not a wrapper such as a pyenv shim, which can cost a second per call
# and the checks run after every kill.
PYTHON="$(python3 -c 'import sys; print(sys.executable)' 2> /dev/null)" || {
  echo "crash-consistency: python3 is required" >&2
  exit 2
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/heed-crash.XXXXXX")"
SANDBOX_PID=""
POSTER_PID=""
RUN_PID=""
cleanup() {
  # Only the processes this script started, by pid.
  for pid in "$RUN_PID" "$POSTER_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then kill -KILL "$pid" 2> /dev/null || true; fi
  done
  if [ -n "$SANDBOX_PID" ] && kill -0 "$SANDBOX_PID" 2> /dev/null; then
    kill -TERM "$SANDBOX_PID" 2> /dev/null || true
    wait "$SANDBOX_PID" 2> /dev/null || true
  fi
  if [ "${CRASH_KEEP_WORK:-0}" = 1 ]; then
    echo "crash-consistency: work directory kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  if [ -f "$WORK/run.out" ]; then
    echo "--- output of the last heed run:" >&2
    tail -n 20 "$WORK/run.out" >&2
  fi
  exit 1
}

# A 31-bit LCG instead of $RANDOM: reproducible from SEED on any bash, and never reseeded by a
# subshell. next_rand N sets R to a value in [0, N).
RNG_STATE=$((SEED % 2147483648))
next_rand() {
  RNG_STATE=$(((RNG_STATE * 1103515245 + 12345) % 2147483648))
  R=$(((RNG_STATE >> 8) % $1))
}
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
verify() { "$PYTHON" "$WORK/verify.py" "$@"; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------------------------------------
# Helpers in Python: the poster (HTTP) and the checks (SQLite), kept in this one file.
cat > "$WORK/poster.py" << 'PY'
# Publishes new posts through the sandbox's write APIs until SIGTERM, one platform after the
# other: the sandbox then serves them in the feeds heed reads (Mastodon #acme tag timeline,
# r/acme comments, Bluesky search "acme"). The sandbox records each in GET /_sandbox/replies,
# which is what the final check trusts; this only logs failures.
import json, signal, sys, time, urllib.parse, urllib.request

base, every = sys.argv[1], float(sys.argv[2])
running = True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)

TEXTS = ["worst experience ever, the parcel never arrived, I want a refund",
         "love the new update, great job",
         "il pacco non è mai arrivato, pessimo servizio",
         "how do I change my delivery address?",
         "grazie per l'assistenza, tutto risolto"]

def call(method, path, token=None, form=None, body=None):
    headers, data = {}, None
    if token:
        headers["Authorization"] = "Bearer " + token
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.load(response)

reddit_parent = None
bsky_jwt, bsky_uses = None, 0
n = 0
while running:
    n += 1
    text = "%s (live %d)" % (TEXTS[n % len(TEXTS)], n)
    # Tokens rotate so the poster never meets a per-token rate limit.
    token = "poster-%d" % (n // 100)
    try:
        kind = n % 3
        if kind == 0:
            call("POST", "/api/v1/statuses", token, form={"status": "#acme " + text})
        elif kind == 1:
            if reddit_parent is None:
                listing = call("GET", "/reddit/r/acme/comments?limit=1", token)
                reddit_parent = listing["data"]["children"][0]["data"]["name"]
            call("POST", "/reddit/api/comment", token,
                 form={"api_type": "json", "thing_id": reddit_parent, "text": "acme " + text})
        else:
            if bsky_jwt is None or bsky_uses >= 200:
                session = call("POST", "/bluesky/xrpc/com.atproto.server.createSession",
                               body={"identifier": "acme.bsky.social", "password": "poster"})
                bsky_jwt, bsky_uses = session["accessJwt"], 0
            bsky_uses += 1
            call("POST", "/bluesky/xrpc/com.atproto.repo.createRecord", bsky_jwt,
                 body={"repo": "acme.bsky.social", "collection": "app.bsky.feed.post",
                       "record": {"$type": "app.bsky.feed.post", "text": "acme " + text,
                                  "createdAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}})
    except Exception as e:  # a refused post is simply not in the sandbox's record
        print("poster: post %d failed: %s" % (n, e), file=sys.stderr, flush=True)
    deadline = time.monotonic() + every
    while running and time.monotonic() < deadline:
        time.sleep(0.05)
PY

cat > "$WORK/killer.py" << 'PY'
# Runs a heed command and SIGKILLs it just after the K-th write it makes to the database files
# (heed.db, heed.db-wal) as inotify reports them, plus DELAY_US microseconds; or after MAX_MS
# whatever happened. Exit code: 137 when it killed heed, else heed's own.
# usage: killer.py K DELAY_US MAX_MS DB -- COMMAND...
import ctypes, os, select, struct, subprocess, sys, time

k, delay_us, max_ms, db = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
command = sys.argv[sys.argv.index("--") + 1:]
directory, base = os.path.split(os.path.abspath(db))
names = {base.encode(), (base + "-wal").encode()}
libc = ctypes.CDLL(None, use_errno=True)
IN_MODIFY = 0x2
fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
if fd < 0 or libc.inotify_add_watch(fd, directory.encode(), IN_MODIFY) < 0:
    sys.exit("killer: inotify is not available: errno %d" % ctypes.get_errno())
proc = subprocess.Popen(command)
deadline = time.monotonic() + max_ms / 1000
poller = select.poll()
poller.register(fd, select.POLLIN)
writes = 0
while proc.poll() is None and writes < k:
    left = deadline - time.monotonic()
    if left <= 0:
        break
    if not poller.poll(min(left, 0.05) * 1000):
        continue
    data = os.read(fd, 65536)
    offset = 0
    while offset < len(data):
        _, _, _, length = struct.unpack_from("iIII", data, offset)
        name = data[offset + 16:offset + 16 + length].rstrip(b"\0")
        offset += 16 + length
        if name in names:
            writes += 1
if proc.poll() is None:
    if writes >= k and delay_us:
        time.sleep(delay_us / 1e6)
    proc.kill()
code = proc.wait()
print("killer: %d writes seen" % writes, file=sys.stderr)
sys.exit(137 if code == -9 else code)
PY

cat > "$WORK/verify.py" << 'PY'
# The database checks. Subcommands:
#   check CONF DB STATE RUN_START_MS  after every kill; STATE (JSON) carries the previous counts
#                                     and checkpoint floors; prints "committed=0|1 mentions=N"
#   final CONF DB REF_DB REPLIES      the end state against the reference database and the
#                                     sandbox's record of live posts; prints a summary
# Every violation is printed as "VIOLATION: ..." and makes the exit code 1.
import configparser, json, os, sqlite3, sys, urllib.parse

# Tables the schema makes append-only (store/src/migrations.cc, schema_v4.cc), plus checkpoints,
# which are upserted but never removed.
COUNTED = ["mentions", "mention_versions", "sentiment_scores", "deadlines", "status_events",
           "notes", "replies", "reply_attempts", "reply_approvals", "sla_policies", "sla_events",
           "assignments", "customer_links", "alerts_sent", "checkpoints"]
violations = []
def violation(text):
    violations.append(text)
    print("VIOLATION: " + text, flush=True)

def connectors(conf_path):
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=("#",))
    parser.read(conf_path)
    return {s.split(".", 1)[1]: (parser[s]["platform"], parser[s]["feed"])
            for s in parser.sections() if s.startswith("connector.")}

def open_db(path):
    return sqlite3.connect(path, timeout=10, isolation_level=None)

def parse_checkpoint(platform, feed, value):
    """(floor, named ids, walking) for a connector's checkpoint; floor orders as it advances.
    Named ids are items the checkpoint records as delivered: they must be stored mentions."""
    unq = urllib.parse.unquote
    if platform == "mastodon":  # the greatest notification (mentions) or status (tag) id
        return int(value), ([] if feed == "mentions" else [value]), False
    if platform == "x":  # since=S&top=N&until=U&token=T, or a bare since id
        if value.isdigit():
            return int(value), [value], False
        q = urllib.parse.parse_qs(value)
        ids = [q[k][0] for k in ("since", "top", "until") if k in q]
        return int(q.get("since", ["0"])[0]), ids, "top" in q or "token" in q or "until" in q
    if value.startswith("w1|"):  # newest_first_walk.h: w1|floor|ids|top|ids|low|ids|pages|...
        f = value.split("|")
        ids = [unq(i) for part in (f[2], f[4], f[6]) if part for i in part.split(",")]
        return unq(f[1]), ids, int(f[7]) > 0
    if value.startswith("w1;"):  # app_store_trustpilot_walk.h: w1;F..;W.;T..;L..;P..;N.;S.
        f = {p[0]: p[1:] for p in value.split(";")[1:]}
        ids, floor = [], 0
        for tag in "FTL":
            if f[tag]:
                ms, _, names = f[tag].partition(":")
                ids += [unq(i) for i in names.split(",")]
                if tag == "F":
                    floor = int(ms)
        return floor, ids, f["W"] == "1"
    if value.startswith("g1"):  # google_api.h: g1;f=KEY;fi=IDS;t=TOKEN;tk=KEY;ti=IDS;n=PAGES
        f = dict(p.split("=", 1) for p in value.split(";")[1:] if "=" in p)
        ids = [unq(i) for k in ("fi", "ti") if f.get(k) for i in f[k].split(",")]
        return int(f.get("f", "0")), ids, bool(f.get("t"))
    if value.startswith("v1:"):  # graph_api.h HighWater (Facebook): v1:<second>:<ids>
        _, second, names = value.split(":", 2)
        return int(second), [i for i in names.split(",") if i], False
    if value.startswith("hw=") or platform == "youtube":  # youtube_connector.h
        q = urllib.parse.parse_qs(value)
        ids = [i for k in ("ids", "tids") if k in q for i in q[k][0].split(",") if i]
        return int(q.get("hw", ["0"])[0]), ids, "top" in q or "token" in q
    if value.startswith("rss1"):  # rss_connector.h: hashes, not ids; x=1 while entries pend
        f = dict(p.split("=", 1) for p in value.split(";")[1:] if "=" in p)
        return int(f.get("f", "-1")), [], f.get("x") == "1"
    raise ValueError("unknown checkpoint format: " + value[:40])

def checkpoints(db, conns):
    out = {}
    for name, value, updated in db.execute("SELECT connector, value, updated_at FROM checkpoints"):
        if name in conns:
            platform, feed = conns[name]
            out[name] = (value, updated) + parse_checkpoint(platform, feed, value)
    return out

def check(conf, path, state_path, run_start):
    conns = connectors(conf)
    db = open_db(path)
    result = db.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        violation("integrity_check: %s" % result[:5])
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {t: db.execute("SELECT count(*) FROM " + t).fetchone()[0]
              for t in COUNTED if t in tables}
    state = json.load(open(state_path)) if os.path.exists(state_path) else {"counts": {},
                                                                              "floors": {}}
    for table, n in counts.items():
        before = state["counts"].get(table, 0)
        if n < before:
            violation("%s lost rows: %d before this kill, %d after" % (table, before, n))
    for platform, remote_id, n in db.execute(
            "SELECT platform, remote_id, count(*) FROM mentions GROUP BY platform, remote_id "
            "HAVING count(*) > 1 LIMIT 5"):
        violation("stored %d times: %s %s" % (n, platform, remote_id))
    unscored = db.execute(
        "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
        "(SELECT 1 FROM sentiment_scores s WHERE s.mention_id = m.id)").fetchone()[0]
    if unscored:
        violation("%d mentions without a score (not stored in one transaction)" % unscored)
    if "inbox_state" in tables:
        missing = db.execute(
            "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
            "(SELECT 1 FROM inbox_state i WHERE i.mention_id = m.id)").fetchone()[0]
        if missing:
            violation("%d mentions without an inbox_state row" % missing)
    cps = checkpoints(db, conns)
    for name, last_fetch in db.execute("SELECT connector, max(fetched_at) FROM mentions "
                                       "GROUP BY connector"):
        if name not in cps:
            violation("connector %s stored mentions but has no checkpoint" % name)
        elif last_fetch > cps[name][1]:
            violation("connector %s: a mention fetched at %d is newer than its checkpoint (%d)"
                      % (name, last_fetch, cps[name][1]))
    for name, (value, updated, floor, ids, walking) in cps.items():
        platform, feed = conns[name]
        for remote_id in ids:
            if not db.execute("SELECT 1 FROM mentions WHERE platform = ? AND remote_id = ?",
                              (platform, remote_id)).fetchone():
                violation("checkpoint of %s names %s, which is not stored: %s"
                          % (name, remote_id, value[:120]))
        if platform == "mastodon" and feed == "mentions" and not db.execute(
                "SELECT 1 FROM mentions WHERE connector = ? AND "
                "CAST(json_extract(raw_json, '$.id') AS INTEGER) = ?", (name, floor)).fetchone():
            violation("checkpoint of %s names notification %d, whose mention is not stored"
                      % (name, floor))
        before = state["floors"].get(name)
        if before is not None and floor < before:
            violation("checkpoint of %s moved backwards: %r -> %r" % (name, before, floor))
    committed = db.execute("SELECT count(*) FROM checkpoints WHERE updated_at >= ?",
                           (run_start,)).fetchone()[0]
    db.close()
    json.dump({"counts": counts, "floors": {n: c[2] for n, c in cps.items()}},
              open(state_path, "w"))
    print("committed=%d mentions=%d" % (1 if committed else 0, counts.get("mentions", 0)))

def final(conf, path, ref_path, replies_path):
    conns = connectors(conf)
    db, ref = open_db(path), open_db(ref_path)
    def keys(d):
        return set(d.execute("SELECT platform, remote_id FROM mentions"))
    stored, expected = keys(db), keys(ref)
    rows = db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    if rows != len(stored):
        violation("%d mention rows for %d distinct items" % (rows, len(stored)))
    for missing in sorted(expected - stored)[:5]:
        violation("lost: %s %s (the reference scan stored it)" % missing)
    for extra in sorted(stored - expected)[:5]:
        violation("not in the reference scan: %s %s" % extra)
    if expected != stored:
        violation("%d lost, %d extra of %d expected" % (len(expected - stored),
                                                        len(stored - expected), len(expected)))
    # The sandbox's record of what was published: the poster's posts carry "(live N)"; the
    # rest are heed's automatic acknowledgements.
    published = json.load(open(replies_path))
    live = [(r["platform"], r["id"]) for r in published if "(live " in r["text"]]
    acks = [r for r in published if "(live " not in r["text"]]
    for item in live:
        if item not in expected:
            violation("the reference scan missed live post %s %s (setup: raise its page sizes "
                      "or lower CRASH_POST_EVERY's rate)" % item)
        if item not in stored:
            violation("lost live post %s %s" % item)
    mine, theirs = checkpoints(db, conns), checkpoints(ref, conns)
    for name in conns:
        if name not in mine:
            violation("connector %s has no checkpoint" % name)
            continue
        value, _, floor, _, walking = mine[name]
        if walking:
            violation("connector %s: a walk is still in progress after the final scans: %s"
                      % (name, value[:120]))
        if name in theirs and theirs[name][2] != floor:
            violation("connector %s: checkpoint floor %r, the reference has %r"
                      % (name, floor, theirs[name][2]))
    # Automatic acknowledgements: recorded before they are sent, so a kill may interrupt one;
    # after `heed outbox retry` each is sent, and the platform holds exactly one per mention.
    on_platform = {}
    for r in acks:
        on_platform.setdefault((r["platform"], r["in_reply_to_id"]), []).append(r["id"])
    for (platform, parent), ids in on_platform.items():
        if len(ids) > 1:
            violation("%d acknowledgements of %s %s on the platform: %s"
                      % (len(ids), platform, parent, ids))
    recorded = {}
    for platform, parent, state, remote_id, auto in db.execute(
            "SELECT m.platform, m.remote_id, r.state, r.remote_id, r.auto_ack FROM replies r "
            "JOIN mentions m ON m.id = r.mention_id"):
        if not auto:
            violation("a reply that is not an acknowledgement: %s %s" % (platform, parent))
        if state != "sent":
            violation("acknowledgement of %s %s is %s after heed outbox retry"
                      % (platform, parent, state))
        recorded.setdefault((platform, parent), []).append(remote_id)
    for key, ids in recorded.items():
        if len(ids) > 1:
            violation("%d acknowledgements of %s %s recorded" % (len(ids), key[0], key[1]))
        elif on_platform.get(key) != ids:
            violation("acknowledgement of %s %s: recorded as %s, on the platform %s"
                      % (key[0], key[1], ids, on_platform.get(key)))
    for key in on_platform.keys() - recorded.keys():
        violation("an acknowledgement of %s %s is on the platform but not recorded" % key)
    # Sends a kill interrupted: the delivery log shows a "started" attempt with no outcome
    # before the next "started" (store/src/schema_v4.cc, reply_attempts).
    interrupted = db.execute(
        "SELECT count(*) FROM (SELECT reply_id FROM reply_attempts WHERE outcome = 'started' "
        "GROUP BY reply_id HAVING count(*) > 1)").fetchone()[0]
    per_platform = dict(db.execute("SELECT platform, count(*) FROM mentions GROUP BY platform"))
    print("mentions=%d live=%d acks=%d interrupted=%d platforms=%s" % (
        len(stored), len(live), len(recorded), interrupted,
        json.dumps(per_platform, sort_keys=True, separators=(",", ":"))))

if __name__ == "__main__":
    try:
        if sys.argv[1] == "check":
            check(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        else:
            final(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    except Exception as e:  # an unreadable database or checkpoint is a violation too
        violation("%s: %s" % (type(e).__name__, e))
    sys.exit(1 if violations else 0)
PY

# ---------------------------------------------------------------------------------------------
# The sandbox. Slow reads (3%, answered after 1 s) hold some requests on the wire, so kills land
# between a request and its answer; writes are never slowed (the poster's posts stay prompt).
"$HEED" sandbox --port 0 --seed "$SEED" --posts "$POSTS" --history 2h \
  --faults slow:0.03 --fault-scope reads --fault-delay 1s > "$WORK/sandbox.out" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 200); do
  grep -q "Mastodon API at" "$WORK/sandbox.out" && break
  kill -0 "$SANDBOX_PID" 2> /dev/null || break
  sleep 0.05
done
BASE_URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/sandbox.out" | head -1 || true)"
if [ -z "$BASE_URL" ]; then
  echo "crash-consistency: the sandbox did not start: $(cat "$WORK/sandbox.out")" >&2
  exit 2
fi

# write_config FILE BIG: the ten connectors. The killed database (BIG=0) uses small pages, so
# that a first scan is ~70 pages long and many kills land mid-backfill (Bluesky, Reddit and X get
# 10: X asks for at least 10; Bluesky and Reddit bound a first walk to 10 pages, which must hold
# the 30 generated posts plus the live ones arriving until that walk completes: with 5 per page a
# slow build, under ASan, once left Reddit's 5 oldest comments beyond the bound, as designed). The reference (BIG=1) asks for 100 per page, which each connector
# clamps to its platform's maximum, so its first walks (bounded by backfill_pages) cover the
# whole feed, live posts included.
write_config() {
  local file="$1" small=5 medium=10 ack="auto_ack = true"
  if [ "$2" = 1 ]; then small=100; medium=100; ack="# no auto_ack: the reference only reads"; fi
  cat > "$file" << CONF
# heed crash-consistency test (scripts/crash-consistency.sh), sandbox $BASE_URL
[connector.masto-mentions]
platform = mastodon
base_url = $BASE_URL
feed = mentions
token_env = CRASH_TOKEN
page_limit = $small
poll_interval = 1s
$ack

[connector.masto-tag]
platform = mastodon
base_url = $BASE_URL
feed = tag:acme
token_env = CRASH_TOKEN
page_limit = $small
poll_interval = 1s
$ack

[connector.reddit-sub]
platform = reddit
base_url = $BASE_URL/reddit
feed = subreddit:acme
account = acme
token_env = CRASH_TOKEN
page_limit = $medium
poll_interval = 1s

[connector.bsky-search]
platform = bluesky
base_url = $BASE_URL/bluesky
feed = search:acme
account = acme.bsky.social
token_env = CRASH_TOKEN
page_limit = $medium
poll_interval = 1s

[connector.x-search]
platform = x
base_url = $BASE_URL/x
feed = search:acme
token_env = CRASH_TOKEN
page_limit = $medium
poll_interval = 1s

[connector.play]
platform = google_play
base_url = $BASE_URL/google_play
feed = app:com.acme.app
token_env = CRASH_TOKEN
page_limit = $small
poll_interval = 1s

[connector.trustpilot]
platform = trustpilot
base_url = $BASE_URL/trustpilot
feed = business:5f1e2d3c4b5a69788796a5b4
token_env = CRASH_TRUSTPILOT_TOKEN
page_limit = $small
poll_interval = 1s

[connector.facebook]
platform = facebook
base_url = $BASE_URL/facebook
feed = page:104000000000001
token_env = CRASH_TOKEN
page_limit = $small
poll_interval = 1s

[connector.youtube]
platform = youtube
base_url = $BASE_URL/youtube
feed = channel:UCacmeOfficial0000000000
token_env = CRASH_TOKEN
page_limit = $small
poll_interval = 1s

[connector.rss]
platform = rss
base_url = $BASE_URL/rss
feed = feed
page_limit = $small
poll_interval = 3s
CONF
  chmod 600 "$file"
}
# The RSS feed and Bluesky's createSession are rate limited per client address (300 requests per
# 5 minutes), not per token: RSS polls every 3 s (a killed watch lives at most about 2 s, so it
# reads the feed at most once) and the loop below runs at most one heed process per
# MIN_PERIOD_MS, which keeps both under their quota in a run of any length.
MIN_PERIOD_MS=1050
# Fresh credentials for every run: the sandbox limits requests per token (300 per window), and
# hundreds of runs with one token would end in 429 waits instead of scans.
use_tokens() {
  export CRASH_TOKEN="crash-$SEED-$1"
  export CRASH_TRUSTPILOT_TOKEN="crash-$SEED-$1:tp-$1"
}

write_config "$WORK/heed.conf" 0
write_config "$WORK/reference.conf" 1
ARGS=(--db "$WORK/heed.db" --config "$WORK/heed.conf")
"$HEED" init "${ARGS[@]}" > /dev/null
"$HEED" init --db "$WORK/reference.db" --config "$WORK/reference.conf" > /dev/null

"$PYTHON" "$WORK/poster.py" "$BASE_URL" "$POST_EVERY" 2> "$WORK/poster.err" &
POSTER_PID=$!

# ---------------------------------------------------------------------------------------------
# The kill loop.
LOOP_START=$SECONDS
kills=0 scan_kills=0 watch_kills=0 time_kills=0 write_kills=0 finished=0 before_commit=0 after_commit=0 iteration=0
while [ "$kills" -lt "$KILLS" ]; do
  iteration=$((iteration + 1))
  # A run that keeps finishing before its kill would loop for ever: bounded.
  [ "$iteration" -le $((KILLS * 3 + 10)) ] ||
    fail "only $kills kills in $iteration runs: runs end before their kill (CRASH_SCAN_MAX_MS)"
  kill -0 "$SANDBOX_PID" 2> /dev/null || fail "the sandbox died: $(tail -5 "$WORK/sandbox.out")"
  next_rand 2
  if [ "$R" -eq 0 ]; then mode=scan; max=$SCAN_MAX_MS; else mode=watch; max=$WATCH_MAX_MS; fi
  # Half the kills come after a random time, the other half right after a write to the
  # database (killer.py): a time-based kill rarely lands in the few milliseconds between two
  # commits, which is exactly where a checkpoint stored apart from its page would show.
  next_rand 2
  [ "$TRIGGERS" = both ] || R=$([ "$TRIGGERS" = time ] && echo 0 || echo 1)
  if [ "$R" -eq 0 ]; then
    trigger="time"
    next_rand $((max + 1))
    point="${R} ms"
  else
    trigger="write"
    next_rand "$WRITE_MAX"
    writes=$((R + 1))
    next_rand 1001
    point="write $writes + ${R} us"
  fi
  use_tokens "$iteration"
  if [ -n "${started:-}" ]; then
    wait_ms=$((started + MIN_PERIOD_MS - $(now_ms)))
    [ "$wait_ms" -le 0 ] || sleep_ms "$wait_ms"
  fi
  started=$(now_ms)
  if [ "$trigger" = time ]; then
    "$HEED" "$mode" "${ARGS[@]}" > "$WORK/run.out" 2>&1 &
    RUN_PID=$!
    sleep_ms "${point% ms}"
    kill -KILL "$RUN_PID" 2> /dev/null || true
  else
    # A scan that writes fewer times than that ends on its own; a watch is killed at the
    # longest time-based point at the latest.
    "$PYTHON" "$WORK/killer.py" "$writes" "$R" "$max" "$WORK/heed.db" -- \
      "$HEED" "$mode" "${ARGS[@]}" > "$WORK/run.out" 2>&1 &
    RUN_PID=$!
  fi
  code=0
  # (braces: so that bash's "Killed" job notice goes to /dev/null, not the log)
  { wait "$RUN_PID" || code=$?; } 2> /dev/null
  RUN_PID=""
  if [ "$code" -eq 137 ]; then
    kills=$((kills + 1))
    if [ "$mode" = scan ]; then
      scan_kills=$((scan_kills + 1))
    else
      watch_kills=$((watch_kills + 1))
    fi
    if [ "$trigger" = time ]; then
      time_kills=$((time_kills + 1))
    else
      write_kills=$((write_kills + 1))
    fi
  else
    # It finished before the kill: fine for a scan that exits 0 or 4 (items overdue); a
    # watch never ends on its own, and any other code (1 failed, 3 database unusable, e.g.
    # left locked by the previous kill) is a failure.
    finished=$((finished + 1))
    { [ "$mode" = scan ] && { [ "$code" -eq 0 ] || [ "$code" -eq 4 ]; }; } ||
      fail "run $iteration ($mode, kill at $point) ended on its own with exit code $code"
  fi
  if ! out="$(verify check "$WORK/heed.conf" "$WORK/heed.db" "$WORK/state.json" "$started")"; then
    echo "$out" >&2
    fail "after run $iteration ($mode, killed at $point): the database is inconsistent"
  fi
  if [ "$code" -eq 137 ]; then
    case "$out" in
      committed=1*) after_commit=$((after_commit + 1)) ;;
      *) before_commit=$((before_commit + 1)) ;;
    esac
  fi
  # One line per run: the schedule and what it did (kept with CRASH_KEEP_WORK=1).
  echo "run $iteration: $mode, kill at $point, exit $code, $out" >> "$WORK/runs.log"
  if [ $((kills % 50)) -eq 0 ] && [ "$code" -eq 137 ]; then
    echo "crash-consistency: $kills/$KILLS kills (scan $scan_kills, watch $watch_kills)," \
      "${out#*committed=? }, $((SECONDS - LOOP_START)) s"
  fi
done
LOOP_S=$((SECONDS - LOOP_START))

# ---------------------------------------------------------------------------------------------
# The end: stop the poster, catch up without kills, then the checks.
kill -TERM "$POSTER_PID"
wait "$POSTER_PID" || true
POSTER_PID=""

# scan_once DB CONF OUT TOKEN_TAG: one uninterrupted scan to its end; sets STORED to the number
# of mentions it stored or saw changed ("N new, M changed"), summed over the connectors.
scan_once() {
  use_tokens "$4"
  local code=0
  "$HEED" scan --db "$1" --config "$2" > "$3" 2>&1 || code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 4 ]; then
    cp "$3" "$WORK/run.out"
    fail "uninterrupted scan of $1 exited $code"
  fi
  STORED="$(awk '/^[A-Za-z0-9_-]+: [0-9]+ new, [0-9]+ changed/ { n += $2 + $4 }
                 END { print n + 0 }' "$3")"
}
catchup=0
while :; do
  catchup=$((catchup + 1))
  [ "$catchup" -le 6 ] || fail "still storing new mentions after 6 uninterrupted scans"
  scan_once "$WORK/heed.db" "$WORK/heed.conf" "$WORK/final-$catchup.out" "final-$catchup"
  [ "$STORED" -gt 0 ] || break
done
# Acknowledgements a kill interrupted mid-send: Mastodon honours the idempotency key, so the
# outbox re-sends them (a `heed watch` tick would; `heed scan` leaves it to this command).
code=0
"$HEED" outbox retry "${ARGS[@]}" > "$WORK/outbox.out" 2>&1 || code=$?
if [ "$code" -ne 0 ]; then
  cp "$WORK/outbox.out" "$WORK/run.out"
  fail "heed outbox retry exited $code"
fi
# The last scan above stored nothing: every connector must say "0 new, 0 changed".
connectors=$(grep -c '^\[connector\.' "$WORK/heed.conf")
quiet=$(grep -cE '^[A-Za-z0-9_-]+: 0 new, 0 changed' "$WORK/final-$catchup.out" || true)
[ "$quiet" -eq "$connectors" ] ||
  fail "the last scan was not empty on every connector: $(cat "$WORK/final-$catchup.out")"

# The reference: a fresh database, never killed, against the same (now still) sandbox.
refscans=0
while :; do
  refscans=$((refscans + 1))
  [ "$refscans" -le 10 ] || fail "the reference database kept finding new mentions"
  scan_once "$WORK/reference.db" "$WORK/reference.conf" "$WORK/reference-$refscans.out" \
    "ref-$refscans"
  [ "$STORED" -gt 0 ] || break
done

fetch() {
  "$PYTHON" -c 'import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$1"
}
fetch "$BASE_URL/_sandbox/replies" > "$WORK/replies.json"
if ! out="$(verify check "$WORK/heed.conf" "$WORK/heed.db" "$WORK/state.json" "$(now_ms)")"; then
  echo "$out" >&2
  fail "the database is inconsistent after the final scans"
fi
if ! summary="$(verify final "$WORK/heed.conf" "$WORK/heed.db" "$WORK/reference.db" \
  "$WORK/replies.json")"; then
  echo "$summary" >&2
  fail "the killed database differs from the reference"
fi
violations="$(fetch "$BASE_URL/_sandbox/violations")"
[ "$violations" = "[]" ] || fail "the sandbox recorded delete/hide calls: $violations"

mentions="${summary#mentions=}"; mentions="${mentions%% *}"
live="${summary#*live=}"; live="${live%% *}"
acks="${summary#*acks=}"; acks="${acks%% *}"
interrupted="${summary#*interrupted=}"; interrupted="${interrupted%% *}"
echo "crash-consistency: seed $SEED; $iteration runs: $kills killed ($time_kills after a random" \
  "time, $write_kills right after a database write; $before_commit before the run's first" \
  "commit, $after_commit after), $finished finished before their kill; kill loop" \
  "$LOOP_S s, total $SECONDS s; $catchup catch-up scan(s); $live live posts;" \
  "$acks acknowledgements, each sent once ($interrupted interrupted by a kill and re-sent);" \
  "mentions per platform ${summary##*platforms=}"
echo "kills survived: $kills/$KILLS (scan $scan_kills, watch $watch_kills)," \
  "mentions $mentions stored once, checkpoints consistent"
