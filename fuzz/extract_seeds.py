#!/usr/bin/env python3
"""Refreshes the seed corpora in fuzz/corpus/ from the project's own files.

- fuzz_ruleset: rules/*.yaml, tests/bad-rules/**/*.yaml
- fuzz_expression: every `define` metric, `when`, `for_each`, `explains`, benchmark
  `value`, option `remove`/`where` filter of those rule files, and every `applies_to` of
  the sample estimates, one file each
- fuzz_template: every `text`, `by_style` text, question, objection, response, option
  title/tradeoff/ask_in_return and `internal` text, one file each
- fuzz_estimate_{yaml,json,csv}: samples/**, tests/bad/** by extension

Seeds are named by content hash (like libFuzzer's own), so rerunning adds nothing twice
and never touches the reproducers of past findings (named crash-*/timeout-*/oom-*).
Unparseable rule files (the malformed cases) still go to fuzz_ruleset; only expression
and template extraction needs them to be valid YAML.
"""
import hashlib
import json
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
MAX_SEED = 64 * 1024


def add(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data or len(data) > MAX_SEED:
        return 0
    out = CORPUS / target
    out.mkdir(parents=True, exist_ok=True)
    path = out / hashlib.sha1(data).hexdigest()
    if path.exists():
        return 0
    path.write_bytes(data)
    return 1


def strings(value):
    if isinstance(value, str):
        yield value


def rule_pieces(doc):
    """(target, text) for every expression and template of a loaded rule file."""
    if not isinstance(doc, dict):
        return
    for metric in (doc.get("define") or {}).values() if isinstance(doc.get("define"), dict) else []:
        yield from (("fuzz_expression", s) for s in strings(metric))
    for rule in doc.get("rules") or []:
        if not isinstance(rule, dict):
            continue
        for key in ("when", "for_each", "explains"):
            yield from (("fuzz_expression", s) for s in strings(rule.get(key)))
        bench = rule.get("benchmark")
        if isinstance(bench, dict):
            yield from (("fuzz_expression", s) for s in strings(bench.get("value")))
        for key in ("text", "internal"):
            yield from (("fuzz_template", s) for s in strings(rule.get(key)))
        if isinstance(rule.get("by_style"), dict):
            for text in rule["by_style"].values():
                yield from (("fuzz_template", s) for s in strings(text))
        for question in rule.get("questions") or []:
            yield from (("fuzz_template", s) for s in strings(question))
        for objection in rule.get("objections") or []:
            if isinstance(objection, dict):
                for key in ("objection", "response"):
                    yield from (("fuzz_template", s) for s in strings(objection.get(key)))
        for option in rule.get("options") or []:
            if not isinstance(option, dict):
                continue
            for key in ("title", "tradeoff", "ask_in_return"):
                yield from (("fuzz_template", s) for s in strings(option.get(key)))
            for op in option.get("change") or []:
                if not isinstance(op, dict):
                    continue
                yield from (("fuzz_expression", s) for s in strings(op.get("remove")))
                for body in op.values():
                    if isinstance(body, dict):
                        yield from (("fuzz_expression", s) for s in strings(body.get("where")))


def rule_chunks(text):
    """The file's header plus one rule at a time: whole rule files exceed the 4096 bytes
    the fuzzers are run with, and libFuzzer would only ever see their first rules."""
    lines = text.splitlines(keepends=True)
    try:
        start = lines.index("rules:\n")
    except ValueError:
        return
    header = "".join(lines[: start + 1])
    chunk = []
    for line in lines[start + 1 :] + ["  - id: end\n"]:
        if line.startswith("  - ") and chunk:
            yield header + "".join(chunk)
            chunk = []
        if line.strip() and not line.startswith(" ") and not line.startswith("#"):
            break  # a top-level key after the rules (settings)
        chunk.append(line)
    if chunk and chunk[0].startswith("  - "):
        yield header + "".join(chunk)


def smaller_estimates(doc):
    """A loaded estimate cut down to a few items and risks, as YAML and as JSON."""
    if not isinstance(doc, dict):
        return
    small = dict(doc)
    for key in ("items", "risks", "assumptions", "exclusions"):
        if isinstance(small.get(key), list):
            small[key] = small[key][:3]
    yield "yaml", yaml.safe_dump(small, sort_keys=False, allow_unicode=True)
    yield "json", json.dumps(small, default=str, indent=1, ensure_ascii=False)
    yield "json", json.dumps(doc, default=str, ensure_ascii=False)


def load_yaml(path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception:
        return None


def main():
    added = 0
    rule_files = sorted((ROOT / "rules").glob("**/*.yaml"))
    rule_files += sorted((ROOT / "tests" / "bad-rules").glob("**/*.yaml"))
    for path in rule_files:
        added += add("fuzz_ruleset", path.read_bytes())
        for chunk in rule_chunks(path.read_text(encoding="utf-8", errors="replace")):
            if len(chunk.encode("utf-8")) <= 4096:
                added += add("fuzz_ruleset", chunk)
        for target, text in rule_pieces(load_yaml(path)):
            added += add(target, text)
            added += add(target, text.strip())  # block scalars end with a newline; seeds need not

    estimates = sorted((ROOT / "samples").glob("**/*")) + sorted((ROOT / "tests" / "bad").glob("**/*"))
    for path in estimates:
        kind = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}.get(path.suffix)
        if kind is None or not path.is_file():
            continue
        added += add("fuzz_estimate_" + kind, path.read_bytes())
        if kind == "yaml":
            doc = load_yaml(path)
            if path.is_relative_to(ROOT / "samples"):
                for form, text in smaller_estimates(doc):
                    added += add("fuzz_estimate_" + form, text)
            for adj in (doc.get("adjustments") or []) if isinstance(doc, dict) else []:
                if isinstance(adj, dict):
                    added += sum(add("fuzz_expression", s) for s in strings(adj.get("applies_to")))
    # An estimate that takes its items from the items.csv the estimate targets provide.
    added += add("fuzz_estimate_yaml", "basis: estimate/1\nid: E-1\ncurrency: EUR\n"
                 "rates:\n  senior: 120\nitems: {csv: items.csv}\nadjustments:\n"
                 "  - {id: fee, kind: fee, percent: 10%, applies_to: category == \"labour\"}\n")
    added += add("fuzz_estimate_json", '{"basis": "estimate/1", "id": "E-1", "items": '
                 '{"csv": "items.csv"}, "adjustments": [{"id": "tax", "kind": "tax", '
                 '"percent": "20%", "base": "subtotal"}]}')
    print(f"{added} new seed files", file=sys.stderr)


if __name__ == "__main__":
    main()
