#!/usr/bin/env bash
# html_render_test.sh HEED FIXTURE_DB: writes the HTML report of the fixture database with the
# real heed binary, renders it in headless Chromium, and checks that
#  - the screenshot exists and is not blank (non-white pixels counted from the PNG itself);
#  - the rendered DOM has the SVG charts with their <rect>/<path> shapes, and the hostile post
#    text stayed text.
# Fails (never skips) when chromium is missing: CI installs it (scripts/install-deps.sh).
set -euo pipefail
heed=$1
fixture=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "FAIL: chromium is not installed (apt-get install chromium; scripts/install-deps.sh)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
"$fixture" "$work/heed.db"
"$heed" report --db "$work/heed.db" --from 2026-03-23 --to 2026-03-29 --format html \
  --output "$work/report.html" < /dev/null
test -s "$work/report.html" || { echo "FAIL: no report written" >&2; exit 1; }

flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
       --user-data-dir="$work/profile" --window-size=1280,2000)
timeout 60 "$chromium" "${flags[@]}" --screenshot="$work/shot.png" "file://$work/report.html" \
  > "$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; echo "FAIL: chromium" >&2; exit 1; }
timeout 60 "$chromium" "${flags[@]}" --dump-dom "file://$work/report.html" \
  > "$work/dom.html" 2> "$work/chromium-dom.log" || { cat "$work/chromium-dom.log" >&2; exit 1; }

python3 - "$work/shot.png" "$work/dom.html" <<'PY'
import re, struct, sys, zlib

png, dom_path = sys.argv[1], sys.argv[2]
data = open(png, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, color = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and color in (2, 6), f"unexpected PNG format {depth}/{color}"
        channels = 3 if color == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * channels
prev = bytearray(stride)
non_white = 0
i = 0
for _ in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b = prev[x]; c = prev[x - channels] if x >= channels else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, channels):
        if line[x] < 240 or line[x + 1] < 240 or line[x + 2] < 240:
            non_white += 1
    prev = line
total = width * height
print(f"screenshot {width}x{height}: {non_white} non-white pixels")
assert non_white > total // 200, "screenshot looks blank"

dom = open(dom_path, encoding="utf-8").read()
svgs = re.findall(r"<svg\b.*?</svg>", dom, re.S)
print(f"DOM: {len(svgs)} svg elements")
assert len(svgs) >= 4, "expected 4 charts (volume, heatmap, sentiment, SLA)"
assert all(re.search(r"<(rect|path)\b", s) for s in svgs), "an svg chart has no shapes"
assert len(re.findall(r"<rect\b", svgs[1])) >= 7 * 24, "heatmap is missing cells"
assert re.search(r"<path\b", svgs[2]), "sentiment trend has no area"
assert "<script" not in dom.lower(), "a script element reached the DOM"
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom, "the hostile post text is not shown as text"
print("OK")
PY
