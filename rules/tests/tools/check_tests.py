#!/usr/bin/env python3
"""Runs rule test files through tools/probe until `basis test` exists.

Checks fires, suppressed, not_fires, metrics (at the precision written) and total exactly.
text_contains is searched in the probe's approximate rendering of the rules' own templates
(statements, questions, objections, trade-offs, internal notes, asks); a string the probe
cannot produce (the options table, sections that basis builds itself) is listed as
unchecked rather than failed.

Usage: check_tests.py PROBE TEST_FILE...
"""

import os
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

import yaml


def outcome_map(out):
    rules, metrics, total = {}, {}, None
    for line in out.splitlines():
        m = re.match(r"rule (\S+): (fired|not fired|suppressed)", line)
        if m:
            rules[m.group(1)] = m.group(2)
        m = re.match(r"metric (\S+) = (.*?)( \(internal\))?$", line)
        if m:
            metrics[m.group(1)] = m.group(2)
        if line.startswith("total: "):
            total = Decimal(line[7:])
    return rules, metrics, total


def rendered(out):
    parts = []
    for line in out.splitlines():
        m = re.match(r"\s*(\||internal\||question\||objection\||tradeoff\||ask\|)\s?(.*)", line)
        if m:
            parts.append(m.group(2))
    return "\n".join(parts)


def same_at_precision(actual, written):
    text = str(written)
    if text in ("True", "False"):
        return actual == text.lower()
    try:
        a = Decimal(actual)
    except Exception:
        return False
    places = len(text.split(".")[1]) if "." in text else 0
    q = Decimal(1).scaleb(-places)
    return a.quantize(q, rounding=ROUND_HALF_UP) == Decimal(text).quantize(q)


def main():
    probe = sys.argv[1]
    failures = 0
    unchecked = []
    for test_file in sys.argv[2:]:
        base = os.path.dirname(os.path.abspath(test_file))
        with open(test_file) as f:
            doc = yaml.safe_load(f)
        for t in doc["tests"]:
            cmd = [probe]
            if t.get("style"):
                cmd += ["--style", t["style"]]
            for k, v in (t.get("set") or {}).items():
                cmd += ["--set", f"{k}={v}"]
            cmd += [os.path.join(base, t["rules"]), "--", os.path.join(base, t["estimate"])]
            # The style also follows a `set` of client.style when the test names none.
            style = t.get("style") or (t.get("set") or {}).get("estimate.client.style")
            if style and not t.get("style"):
                cmd[1:1] = ["--style", style]
            if not style:
                with open(os.path.join(base, t["estimate"])) as f:
                    est = yaml.load(f, Loader=yaml.BaseLoader)
                cmd[1:1] = ["--style", (est.get("client") or {}).get("style", "analytical")]
            out = subprocess.run(cmd, capture_output=True, text=True).stdout
            rules, metrics, total = outcome_map(out)
            text = re.sub(r"\s+", " ", rendered(out))
            exp = t["expect"]
            problems = []
            for rid in exp.get("fires", []):
                if rules.get(rid) != "fired":
                    problems.append(f"{rid} expected to fire, is {rules.get(rid)}")
            for rid in exp.get("suppressed", []):
                if rules.get(rid) != "suppressed":
                    problems.append(f"{rid} expected suppressed, is {rules.get(rid)}")
            for rid in exp.get("not_fires", []):
                if rid not in rules or rules[rid] == "fired":
                    problems.append(f"{rid} expected not to fire, is {rules.get(rid)}")
            for name, value in (exp.get("metrics") or {}).items():
                if name not in metrics or not same_at_precision(metrics[name], value):
                    problems.append(f"metric {name} = {metrics.get(name)}, expected {value}")
            if "total" in exp and total != Decimal(str(exp["total"])):
                problems.append(f"total {total}, expected {exp['total']}")
            for s in exp.get("text_contains", []):
                if s not in text:
                    unchecked.append(f"{os.path.basename(test_file)}: {t['name']}: {s}")
            status = "ok" if not problems else "FAIL"
            print(f"{status:4} {os.path.basename(test_file)}: {t['name']}")
            for p in problems:
                print(f"       {p}")
            failures += bool(problems)
    if unchecked:
        print("\ntext the probe does not render (check by hand or with basis test):")
        for u in unchecked:
            print("  " + u)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
