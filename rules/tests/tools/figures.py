#!/usr/bin/env python3
"""Expected figures for the rule tests, computed independently of basis.

Reads the sample estimates and the test estimates with PyYAML (every scalar kept as text)
and Python's csv module, and works in exact decimals: PERT expected values carried exactly,
each item and adjustment amount rounded once to the cent, half away from zero. Metrics are
written here in Python from their meaning, not by parsing the rule files, so that a mistake
in a rule and a mistake here have to coincide to go unnoticed.

Run from anywhere: python3 rules/tests/tools/figures.py
"""

import csv
import os
from decimal import Decimal, ROUND_HALF_UP, getcontext

import yaml

getcontext().prec = 50
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
CENT = Decimal("0.01")


def rnd(x, step=CENT):
    """Half away from zero: ROUND_HALF_UP works on the absolute value in Python."""
    return x.quantize(step, rounding=ROUND_HALF_UP)


def num(text):
    t = str(text).strip().replace("$", "").replace("£", "").replace(",", "")
    if t.endswith("%"):
        return Decimal(t[:-1]) / 100
    return Decimal(t)


# ---- loading ------------------------------------------------------------------------------

COST_FIELDS = ["hours", "rate", "quantity", "unit_cost", "amount"]


def figure(item, field):
    """A cost field as (low, likely, high) or a single number (low = likely = high = None)."""
    v = item.get(field)
    if isinstance(v, dict):
        return {"low": num(v["low"]), "likely": num(v["likely"]), "high": num(v["high"])}
    if v is None or v == "":
        pts = [item.get(field + "_low"), item.get(field + "_likely"), item.get(field + "_high")]
        if all(p not in (None, "") for p in pts):
            return {"low": num(pts[0]), "likely": num(pts[1]), "high": num(pts[2])}
        return None
    return v  # text: a number or a rate-card name


def load(path):
    with open(path) as f:
        est = yaml.load(f, Loader=yaml.BaseLoader)
    items = est["items"]
    if isinstance(items, dict) and "csv" in items:
        with open(os.path.join(os.path.dirname(path), items["csv"]), newline="") as f:
            items = [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(f)]
    est["items"] = [dict(i) for i in items]
    for it in est["items"]:
        for field in COST_FIELDS:
            fig = figure(it, field)
            for suffix in ("_low", "_likely", "_high"):
                it.pop(field + suffix, None)
            if fig is None:
                it.pop(field, None)
            else:
                it[field] = fig
    return est


def expected(est, fig):
    if isinstance(fig, dict):
        if est.get("three_point", "pert") == "triangular":
            return (fig["low"] + fig["likely"] + fig["high"]) / 3
        return (fig["low"] + 4 * fig["likely"] + fig["high"]) / 6
    return num(fig)


def value_of(est, item, field):
    fig = item.get(field)
    if fig is None:
        return None
    if isinstance(fig, str) and fig in est.get("rates", {}):
        return num(est["rates"][fig])
    return expected(est, fig)


def rate_name(est, item):
    for field in ("rate", "unit_cost"):
        v = item.get(field)
        if isinstance(v, str) and v in est.get("rates", {}):
            return v
    return None


def amount(est, item):
    if "hours" in item:
        return rnd(value_of(est, item, "hours") * value_of(est, item, "rate"))
    if "quantity" in item:
        return rnd(value_of(est, item, "quantity") * value_of(est, item, "unit_cost"))
    return rnd(value_of(est, item, "amount"))


def matches_applies_to(item, text):
    field, _, value = text.partition("==")
    return item.get(field.strip()) == value.strip().strip('"')


def totals(est):
    amounts = {it["id"]: amount(est, it) for it in est["items"]}
    direct = sum(amounts.values(), Decimal(0))
    running = direct
    adj = {}
    for a in est.get("adjustments", []):
        if "amount" in a:
            value = rnd(num(a["amount"]))
        else:
            if a.get("base") == "subtotal":
                base = running
            elif "applies_to" in a:
                base = sum((amounts[i["id"]] for i in est["items"] if matches_applies_to(i, a["applies_to"])),
                           Decimal(0))
            else:
                base = direct
            value = rnd(base * num(a["percent"]))
        adj[a["id"]] = value
        running += value
    return {"amounts": amounts, "direct": direct, "adjustments": adj, "total": running}


# ---- options: operations on a copy ----------------------------------------------------------

def scaled(fig, by):
    if isinstance(fig, dict):
        return {k: v * by for k, v in fig.items()}
    return str(num(fig) * by)


def apply_option(est, ops):
    import copy
    e = copy.deepcopy(est)
    for op in ops:
        kind = op[0]
        if kind == "remove":
            e["items"] = [i for i in e["items"] if not op[1](i)]
        elif kind == "scale":
            _, where, field, by = op
            for i in e["items"]:
                if where(i):
                    i[field] = scaled(i[field], Decimal(by))
        elif kind == "set":
            _, where, field, to = op
            for i in e["items"]:
                if where(i):
                    i[field] = to
        elif kind == "adjust":
            _, adj_id, percent = op
            for a in e["adjustments"]:
                if a["id"] == adj_id:
                    a["percent"] = percent
    return e


# ---- display, as the spec describes the filters -------------------------------------------------

def group(x, decimals):
    q = Decimal(1).scaleb(-decimals)
    s = f"{rnd(x, q):,.{decimals}f}"
    return s


def money(x, symbol="$", decimals=2):
    sign = "-" if x < 0 else ""
    return f"{sign}{symbol}{group(abs(x), decimals)}"


def percent(x, decimals=1):
    return group(x * 100, decimals) + "%"


def hours(x):
    s = group(x, 1)
    if s.endswith(".0"):
        s = s[:-2]
    return s + (" hour" if s == "1" else " hours")


def share(part, whole):
    return None if whole == 0 else part / whole


# ---- the estimates ---------------------------------------------------------------------------------

def path(rel):
    return os.path.join(ROOT, rel)


def report_options(label, est, options, symbol="$"):
    base = totals(est)["total"]
    print(f"\n{label}: total {money(base, symbol)}")
    rows = []
    for oid, ops in options:
        t = totals(apply_option(est, ops))["total"]
        delta = t - base
        rows.append((delta, oid, t))
    for delta, oid, t in sorted(rows):
        print(f"  {oid:24} new total {money(t, symbol):>14}  delta {money(delta, symbol):>13} "
              f"({percent(delta / base)})")


def consulting_metrics(est):
    t = totals(est)
    items = est["items"]
    amt = t["amounts"]
    principal = {"principal_consultant", "principal", "partner", "director"}
    lead = {"senior_consultant", "manager", "senior_manager"}
    mgmt = {"project_manager", "engagement_manager"}

    def hrs(i):
        return value_of(est, i, "hours") if "hours" in i else None

    def total_hours(pred):
        return sum((hrs(i) for i in items if "hours" in i and pred(i)), Decimal(0))

    def cost(pred):
        return sum((amt[i["id"]] for i in items if pred(i)), Decimal(0))

    m = {}
    m["billable_hours"] = total_hours(lambda i: True)
    m["principal_hours"] = total_hours(lambda i: rate_name(est, i) in principal)
    m["lead_hours"] = total_hours(lambda i: rate_name(est, i) in lead)
    m["management_hours"] = total_hours(lambda i: rate_name(est, i) in mgmt)
    m["delivery_hours"] = total_hours(lambda i: rate_name(est, i) not in principal | lead | mgmt)
    m["principal_share"] = share(m["principal_hours"], m["billable_hours"])
    m["delivery_share"] = share(m["delivery_hours"], m["billable_hours"])
    m["leverage"] = share(m["delivery_hours"], m["principal_hours"] + m["lead_hours"])
    hourly = cost(lambda i: "hours" in i)
    m["blended_rate"] = share(hourly, m["billable_hours"])
    m["blended_rate_excl_principal"] = share(hourly - cost(lambda i: rate_name(est, i) in principal),
                                             m["billable_hours"] - m["principal_hours"])
    m["engagement_mgmt_cost"] = cost(lambda i: i.get("category") == "project-management")
    m["engagement_mgmt_share"] = share(m["engagement_mgmt_cost"], t["direct"])
    m["advisory_days"] = sum((value_of(est, i, "quantity") for i in items
                              if i.get("category") == "project-management" and i.get("unit") == "day"),
                             Decimal(0))
    m["discovery_cost"] = cost(lambda i: i.get("category") == "discovery")
    m["discovery_share"] = share(m["discovery_cost"], t["direct"])
    m["build_cost"] = cost(lambda i: i.get("category") == "development")
    m["build_hours"] = total_hours(lambda i: i.get("category") == "development")
    m["ranged_data_count"] = sum(1 for i in items if isinstance(i.get("hours"), dict)
                                 and i.get("category") in ("discovery", "development"))
    m["assurance_cost"] = cost(lambda i: i.get("category") == "testing")
    m["assurance_share"] = share(m["assurance_cost"], m["build_cost"])
    m["acceptance_hours"] = total_hours(lambda i: i.get("test_type") == "acceptance")
    m["enablement_cost"] = cost(lambda i: i.get("category") == "enablement")
    m["enablement_share"] = share(m["enablement_cost"], t["direct"])
    m["prototype_cost"] = cost(lambda i: "prototype" in i["name"].lower())
    m["environments_cost"] = cost(lambda i: i.get("category") == "infrastructure" and i.get("method") != "quote")
    m["pass_through_cost"] = cost(lambda i: i.get("category") in ("infrastructure", "materials")
                                  and i.get("method") == "quote")
    m["pass_through_share"] = share(m["pass_through_cost"], t["direct"])
    m["expenses_cost"] = t["adjustments"].get("expenses")
    m["expenses_rate"] = None if m["expenses_cost"] is None else share(m["expenses_cost"], t["direct"])
    m["contingency_cost"] = t["adjustments"].get("contingency")
    m["contingency_share"] = None if m["contingency_cost"] is None else share(m["contingency_cost"], t["direct"])
    m["judgment_cost"] = cost(lambda i: i.get("method") == "judgment")
    m["judgment_share"] = share(m["judgment_cost"], t["direct"])
    m["quoted_cost"] = cost(lambda i: i.get("method") == "quote")
    return t, m


def show_metrics(m):
    for k, v in m.items():
        print(f"  {k:30} {v}")


def main():
    dp = load(path("samples/consulting/data-platform.yaml"))
    t, m = consulting_metrics(dp)
    print("data-platform (consulting rules)")
    print(f"  direct {t['direct']}  adjustments {t['adjustments']}  total {t['total']}")
    show_metrics(m)
    print("  text:", hours(m["billable_hours"]), "|", percent(m["principal_share"]), "|",
          percent(m["delivery_share"]), "|", group(m["leverage"], 1), "|", money(m["blended_rate"]), "|",
          money(m["blended_rate_excl_principal"]), "|", percent(m["engagement_mgmt_share"]), "|",
          percent(m["discovery_share"]), "|", percent(m["assurance_share"]), "|",
          percent(m["enablement_share"]), "|", money(m["pass_through_cost"]), percent(m["pass_through_share"]),
          "|", money(m["expenses_cost"]), percent(m["expenses_rate"]))
    print("  ranged lines:")
    for i in dp["items"]:
        if isinstance(i.get("hours"), dict) and i.get("category") in ("discovery", "development"):
            h = i["hours"]
            print(f"    {i['id']} {hours(h['low'])} .. {hours(h['high'])}, expected "
                  f"{hours(expected(dp, h))} {money(t['amounts'][i['id']])}")

    def name_has(word):
        return lambda i: word in i["name"].lower()

    consulting_options = [
        ("lean-contingency", [("adjust", "contingency", "5%")]),
        ("client-run-acceptance", [("scale", lambda i: i.get("test_type") == "acceptance", "hours", "0.5")]),
        ("fewer-dashboards", [("scale", lambda i: "dashboard" in i["name"].lower()
                               and i.get("category") == "development", "hours", "0.5")]),
        ("defer-prototype", [("remove", name_has("prototype"))]),
        ("client-analysts-profile", [("scale", lambda i: i.get("category") == "discovery"
                                      and "profiling" in i["name"].lower(), "hours", "0.5")]),
        ("fewer-advisory-days", [("scale", lambda i: i.get("category") == "project-management"
                                  and i.get("unit") == "day", "quantity", "0.5")]),
        ("train-the-trainer", [("scale", lambda i: i.get("category") == "enablement"
                                and i.get("unit") == "session", "quantity", "0.5")]),
        ("client-buys-licences", [("remove", lambda i: i.get("category") in ("infrastructure", "materials")
                                   and i.get("method") == "quote")]),
    ]
    report_options("data-platform options (consulting rules)", dp, consulting_options)
    report_options("data-platform options (software rules, as in samples/README.md)", dp, [
        ("smaller-contingency", [("adjust", "contingency", "5%")]),
        ("client-led-uat", [("scale", lambda i: i.get("category") == "testing"
                             and i.get("test_type") == "acceptance", "hours", "0.5")]),
    ])

    for name in ("advisory-review", "lean-pilot"):
        e = load(path(f"rules/tests/data/{name}.yaml"))
        t, m = consulting_metrics(e)
        print(f"\n{name} (consulting rules)")
        print(f"  direct {t['direct']}  adjustments {t['adjustments']}  total {t['total']}")
        show_metrics(m)
        print("  text:", hours(m["billable_hours"]), "|", hours(m["principal_hours"]), "|",
              percent(m["principal_share"]), "|", percent(m["engagement_mgmt_share"]), "|",
              percent(m["discovery_share"]), "|", percent(m["assurance_share"]) if m["assurance_share"] is not None else "-",
              "|", percent(m["judgment_share"]), money(m["judgment_cost"]), "|",
              percent(m["contingency_share"]) if m["contingency_share"] is not None else "-",
              "|", percent(m["enablement_share"]), "|", money(m["blended_rate"]))

    v3 = load(path("samples/software/portal-v3.yaml"))
    report_options("portal-v3 options (software rules, as in samples/README.md)", v3, [
        ("smaller-contingency", [("adjust", "contingency", "5%")]),
        ("defer-deferrable", [("remove", lambda i: i.get("deferrable") == "true")]),
        ("client-product-owner", [("scale", lambda i: i.get("role") == "analysis", "hours", "0.5")]),
        ("defer-load-testing", [("remove", lambda i: i.get("category") == "testing"
                                 and i.get("test_type") == "performance")]),
        ("engineer-led-flexible", [("set", lambda i: i.get("seniority") == "flexible", "rate", "engineer")]),
        ("lighter-research", [("scale", lambda i: i.get("design_type") == "research", "hours", "0.5")]),
        ("client-led-uat", [("scale", lambda i: i.get("category") == "testing"
                             and i.get("test_type") == "acceptance", "hours", "0.5")]),
    ])
    t3 = totals(v3)
    print(f"  floor headroom {money(t3['total'] - num(v3['internal']['floor']))}")

    fit = load(path("samples/construction/office-fitout.yaml"))
    report_options("office-fitout options (as in samples/README.md)", fit, [
        ("client-buys-furniture", [("remove", lambda i: i.get("category") == "furniture"
                                    and i.get("cost_type") == "material")]),
        ("reuse-furniture", [("remove", lambda i: i.get("reusable") == "true")]),
        ("order-materials-early", [("adjust", "escalation", "1%")]),
    ], symbol="£")

    web = load(path("rules/tests/data/web-small.yaml"))
    tw = totals(web)
    dev_h = sum(value_of(web, i, "hours") for i in web["items"] if i["category"] == "development")
    test_h = sum(value_of(web, i, "hours") for i in web["items"] if i["category"] == "testing")
    design = sum(tw["amounts"][i["id"]] for i in web["items"] if i["category"] == "design")
    print(f"\nweb-small (software rules): direct {tw['direct']} total {tw['total']}; test_ratio "
          f"{share(test_h, dev_h)} ({percent(share(test_h, dev_h))}); design {money(design)} "
          f"{share(design, tw['direct'])} ({percent(share(design, tw['direct']))})")

    small = load(path("rules/tests/data/fitout-small.yaml"))
    ts = totals(small)
    services = sum(ts["amounts"][i["id"]] for i in small["items"] if i["category"] in ("electrical", "hvac"))
    furniture = sum(ts["amounts"][i["id"]] for i in small["items"] if i["category"] == "furniture")
    area = num(small["client"]["floor_area_m2"])
    print(f"fitout-small (construction rules): direct {ts['direct']} adjustments {ts['adjustments']} "
          f"total {ts['total']}; services {money(services, '£')} ({percent(services / ts['direct'])}); "
          f"furniture {money(furniture, '£')} ({percent(furniture / ts['direct'])}); per m2 "
          f"{money(ts['total'] / area, '£', 0)}")


if __name__ == "__main__":
    main()
