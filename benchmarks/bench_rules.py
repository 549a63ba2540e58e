"""Throughput of the content rules over the five sample reports (one core).

    python benchmarks/bench_rules.py [--seconds 3]

Documents are built once (decoding and parsing are not the content rules' cost); then every
checker that emits a content rule runs over all samples repeatedly for about ``--seconds``.
Prints characters/s and sample-sized files/s per core, overall and per checker.
Targets (issue 4): at least 3 million characters/s, about 750 sample-sized files/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lawqa.pipeline import document_from_text
from lawqa.rules import registry

CONTENT_RULES = {
    "censored-term",
    "censored-deletion",
    "redaction-placeholder",
    "advert",
    "paywall-marker",
    "web-boilerplate",
    "conversion-artifact",
    "inserted-junk",
    "duplicate-line",
    "halfwidth-punctuation",
    "cjk-spacing",
    "broken-line",
}
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    docs = [document_from_text(p.read_text(encoding="utf-8"), str(p)) for p in sorted(CORPUS.glob("*.txt"))]
    chars = sum(len(d.text) for d in docs)
    checkers = [c for c in registry().checkers if c.emits & CONTENT_RULES]
    for chk in checkers:  # warm the load-once caches (lexicons, models) outside the timing
        for d in docs:
            list(chk.run(d))

    def run_all() -> int:
        n = 0
        for d in docs:
            for chk in checkers:
                for _ in chk.run(d):
                    n += 1
        return n

    rounds, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        findings = run_all()
        rounds += 1
    elapsed = time.perf_counter() - start
    print(f"{len(docs)} samples, {chars:,} characters, {findings} content findings per pass, {rounds} passes")
    print(f"all content checkers: {rounds * chars / elapsed:,.0f} characters/s per core, ")
    print(f"                      {rounds * len(docs) / elapsed:,.0f} sample-sized files/s per core")
    print("per checker (characters/s):")
    for chk in checkers:
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < args.seconds / len(checkers):
            for d in docs:
                list(chk.run(d))
            n += 1
        print(f"  {chk.name:22s} {n * chars / (time.perf_counter() - t0):>14,.0f}")


if __name__ == "__main__":
    main()
