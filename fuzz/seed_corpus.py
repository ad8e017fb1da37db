#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target from heed's own test fixtures.

Usage: seed_corpus.py SOURCE_DIR OUT_DIR
Creates OUT_DIR/<target>/seed-<name> files (existing seeds are overwritten, inputs the fuzzer
found are left alone). Sources:
  - connector parsers, json_util, html_text: the recorded platform bodies in tests/data/**;
  - text targets (sentiment, reply_check, core_text): the string values of those bodies (post
    texts, names, dates);
  - targets whose inputs have no fixture file (config, templates, ical, http_headers): the
    string literals the module's unit tests feed the parser, plus the shipped
    data/templates/default.templates.
"""
import hashlib
import json
import pathlib
import re
import sys

CONNECTORS = ["mastodon", "bluesky", "reddit", "x", "youtube", "facebook", "instagram",
              "google_business", "google_play", "trustpilot", "app_store", "hackernews", "rss"]
MAX_TEXT_SEEDS = 300

# A C++ string literal (no raw strings) and the text between adjacent literals.
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
GAP = re.compile(r'^(?:\s|//[^\n]*\n)*$')
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "'": "'", "0": "\0"}


def unescape(literal):
    """The bytes a C++ literal denotes: \\xNN is one byte, other characters are UTF-8."""
    out, i = bytearray(), 0
    while i < len(literal):
        c = literal[i]
        if c == "\\" and i + 1 < len(literal):
            nxt = literal[i + 1]
            if nxt == "x":
                digits = re.match(r"[0-9a-fA-F]{1,2}", literal[i + 2:]).group(0)
                out.append(int(digits, 16))
                i += 2 + len(digits)
                continue
            out += ESCAPES.get(nxt, nxt).encode("utf-8")
            i += 2
            continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


def string_literals(path):
    """Adjacent literals joined, as the compiler does ("a" "b" -> "ab")."""
    text = path.read_text(encoding="utf-8")
    result, current, last_end = [], None, None
    for match in LITERAL.finditer(text):
        if current is not None and GAP.match(text[last_end:match.start()]):
            current += unescape(match.group(1))
        else:
            if current is not None:
                result.append(current)
            current = unescape(match.group(1))
        last_end = match.end()
    if current is not None:
        result.append(current)
    return result


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def write(out, target, name, data):
    directory = out / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"seed-{name}").write_bytes(data)


def write_all(out, target, items):
    for data in items:
        write(out, target, hashlib.sha1(data).hexdigest()[:16], data)


def main():
    source, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    fixtures = sorted(p for p in (source / "tests/data").rglob("*") if p.is_file())
    for platform in CONNECTORS:
        for path in fixtures:
            if path.parent.name == platform:
                write(out, platform, path.name, path.read_bytes())

    texts = []
    for path in fixtures:
        write(out, "html_text", f"{path.parent.name}-{path.name}", path.read_bytes())
        if path.suffix != ".json":
            continue
        write(out, "json_util", f"{path.parent.name}-{path.name}", path.read_bytes())
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue  # deliberately broken fixtures are still json_util seeds
        texts.extend(s for s in json_strings(document) if len(s) >= 3)
    unique_texts = sorted(set(texts), key=lambda s: (-len(s), s))[:MAX_TEXT_SEEDS]
    for target in ("sentiment", "reply_check", "core_text"):
        write_all(out, target, [s.encode("utf-8") for s in unique_texts])
    write_all(out, "html_text", [s.encode("utf-8") for s in unique_texts if "<" in s])

    tests = source / "tests"
    write_all(out, "ical", [s for s in string_literals(tests / "responder/ical_test.cc")
                            if b"BEGIN:V" in s])
    write_all(out, "templates", [s for s in string_literals(tests / "responder/templates_test.cc")
                                 if b"[" in s and b"=" in s])
    write(out, "templates", "default.templates",
          (source / "data/templates/default.templates").read_bytes())
    config_seeds = []
    for name in ("config_test.cc", "sla_setup_test.cc", "auto_ack_test.cc"):
        path = tests / "app" / name
        if path.exists():
            config_seeds += [s for s in string_literals(path) if re.search(rb"^\[", s, re.M)]
    write_all(out, "config", config_seeds)
    headers = []
    for path in sorted((tests / "connectors").glob("*.cc")):
        headers += [s for s in string_literals(path)
                    if re.search(rb'rel="|GMT$|^\d+(\.\d+)?$|^\d{4}-\d\d-\d\dT', s)]
    write_all(out, "http_headers", sorted(set(headers)))
    write_all(out, "core_text", [s for s in string_literals(tests / "core/text_test.cc")] +
              [s for s in string_literals(tests / "core/clock_test.cc")])
    write_all(out, "reply_check", string_literals(tests / "responder/reply_check_test.cc"))
    for target in sorted(p.name for p in out.iterdir() if p.is_dir()):
        print(f"seed_corpus: {target}: {len(list((out / target).glob('seed-*')))} seeds")


if __name__ == "__main__":
    main()
