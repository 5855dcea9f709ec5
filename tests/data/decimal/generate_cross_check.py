#!/usr/bin/env python3
"""Writes cross_check.txt: Decimal mul/div results computed independently with Python's
decimal module (exact arithmetic at 200 digits, then ROUND_HALF_UP, which rounds ties
away from zero, at the 20th place). Each line: `op a b expected`, where expected is
`overflow` when the result's magnitude exceeds (2^127 - 1) / 10^20 and `undefined` for a
division by zero. Run: python3 generate_cross_check.py > cross_check.txt"""
import random
from decimal import Decimal, getcontext, ROUND_HALF_UP

getcontext().prec = 200
PLACES = Decimal(1).scaleb(-20)
MAX = Decimal(2**127 - 1).scaleb(-20)


def random_value(rng):
    # Mixes everyday magnitudes with values near the limit and tiny fractions.
    digits = rng.choice([1, 2, 3, 5, 8, 12, 19, 25, 30, 38, 39])
    raw = rng.randrange(1, 10**digits)
    if rng.random() < 0.1:
        raw = 2**127 - 1 - rng.randrange(0, 10**6)
    raw = min(raw, 2**127 - 1)
    places = rng.randrange(0, 21)
    value = Decimal(raw).scaleb(-places) if digits - places <= 18 else Decimal(raw).scaleb(-20)
    if abs(value) > MAX:
        value = Decimal(raw).scaleb(-20)
    if rng.random() < 0.5:
        value = -value
    return value


def text(value):
    # Plain notation, trailing zeros dropped, like Decimal::to_string.
    s = format(value, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def result(value):
    rounded = value.quantize(PLACES, rounding=ROUND_HALF_UP)
    return "overflow" if abs(rounded) > MAX else text(rounded)


def main():
    rng = random.Random(20260101)
    for _ in range(400):
        a, b = random_value(rng), random_value(rng)
        print("mul", text(a), text(b), result(a * b))
    for _ in range(400):
        a, b = random_value(rng), random_value(rng)
        print("div", text(a), text(b), result(a / b))
    # Ties exactly at the 21st place, where half away from zero matters.
    for _ in range(50):
        a = Decimal(rng.randrange(1, 10**30) * 2 + 1).scaleb(-20) * rng.choice([1, -1])
        half = Decimal(rng.choice(["0.5", "-0.5"]))
        print("mul", text(a), text(half), result(a * half))
        print("div", text(a), "2", result(a / 2))

main()
