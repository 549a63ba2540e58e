"""Scaling on hostile shapes of input: does any stage go quadratic?

For each shape (one huge line of report text, a line dense with placeholders, 100k headings,
a line dense with half-width punctuation) the per-file stages (check), the suites (validate),
the JSON and the HTML report are timed at size n and 2n; the ratio t(2n)/t(n) should stay
near 2. A ratio near 4 is a quadratic stage: a hostile file can then stall a corpus run.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from lawqa import suites
from lawqa.model import Source, Summary
from lawqa.pipeline import check_source
from lawqa.report import html, json_format
from lawqa.rules import registry

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "002_dcdaca7f04dbe387.txt"
BASE = SAMPLE.read_text(encoding="utf-8").replace("\n", "")

SHAPES: dict[str, Callable[[int], str]] = {
    "one long line of report text (n chars)": lambda n: (BASE * (n // len(BASE) + 1))[:n],
    "placeholders on one line (n x 'XX局')": lambda n: "XX局" * (n // 3),
    "headings, one per line (n/10 lines)": lambda n: "\n".join(
        f"（{'一二三四五六七八九十'[i % 10]}）标题内容" for i in range(n // 10)
    ),
    "half-width punctuation (n/3 commas)": lambda n: "中,文" * (n // 3),
}


def stages(text: str, suite_set: object) -> dict[str, float]:
    data = text.encode("utf-8")
    src = Source("x.txt", data, hashlib.sha256(data).hexdigest(), len(data))
    out: dict[str, float] = {}
    t = time.perf_counter()
    result = check_source(src)
    out["check"] = time.perf_counter() - t
    t = time.perf_counter()
    suites.validate([result], suite_set)
    out["validate"] = time.perf_counter() - t
    t = time.perf_counter()
    json_format.render([result], Summary.of([result]))
    out["json"] = time.perf_counter() - t
    t = time.perf_counter()
    html.render_file(result, registry())
    out["html"] = time.perf_counter() - t
    out["findings"] = len(result.findings)
    return out


def main() -> None:
    suite_set = suites.load_suites(())
    n = 120_000
    for name, make in SHAPES.items():
        small, large = stages(make(n), suite_set), stages(make(2 * n), suite_set)
        cells = []
        for stage in ("check", "validate", "json", "html"):
            ratio = large[stage] / small[stage] if small[stage] > 0.005 else float("nan")
            cells.append(f"{stage} {small[stage]:6.2f}s→{large[stage]:6.2f}s (x{ratio:3.1f})")
        print(f"{name:44} {int(small['findings']):>7} findings | " + " | ".join(cells))


if __name__ == "__main__":
    main()
