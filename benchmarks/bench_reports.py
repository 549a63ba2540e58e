"""Suites and report stages: GE cost per 1,000 sample-sized files, HTML cost per file.

The five sample reports are checked once (``check_path``); their FileResults are repeated
under distinct paths to make 1,000 files (~40 lines each, as in the samples). Timed:

- ``build_tables`` + ``validate`` of the default suites (one GE validation per suite per chunk),
  excluding the one-time ``import great_expectations`` (printed separately);
- ``render_file`` per file (templates compiled once per process; first render printed separately);
- ``render_index`` for the 1,000 files, and the SARIF / JUnit / GitHub renderers.

Targets: suites ≤ 1.5 s per 1,000 sample-sized files; HTML ≤ 10 ms per file.

    python benchmarks/bench_reports.py          # 1,000 files
    python benchmarks/bench_reports.py 5000     # another size
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def main(n: int = 1000) -> None:
    from lawqa.model import Summary
    from lawqa.pipeline import check_path
    from lawqa.rules import registry

    reg = registry()
    base = [check_path(str(p)) for p in sorted(CORPUS.glob("*.txt"))]
    results = [replace(base[i % len(base)], path=f"corpus/{i // 100:03d}/{i:05d}.txt") for i in range(n)]
    n_lines = sum(len(r.document.lines) for r in results if r.document is not None)
    print(f"{n} files, {n_lines} lines, {sum(len(r.findings) for r in results)} findings")

    t = time.perf_counter()
    from lawqa import suites

    suite_set = suites.load_suites()
    print(f"import great_expectations + load suites (once per process): {time.perf_counter() - t:.2f} s")

    calls: list[tuple[str, int]] = []
    suites.validate(results[:10], suite_set)  # warm GE's own lazy imports
    t = time.perf_counter()
    suites.build_tables(results)
    tables = time.perf_counter() - t
    runs = []
    for _ in range(3):
        calls.clear()
        t = time.perf_counter()
        suites.validate(results, suite_set, on_validate=lambda name, rows: calls.append((name, rows)))
        runs.append(time.perf_counter() - t)
    best = min(runs)
    per_1000 = best * 1000 / n
    print(f"build_tables alone: {tables:.3f} s")
    print(
        f"suites (build tables + validate): {best:.3f} s for {n} files (best of 3)"
        f" = {per_1000:.3f} s per 1,000 files [target <= 1.5]"
        f"; median {statistics.median(runs):.3f} s; GE calls: {calls}"
    )

    from lawqa.report import github, html, junit, sarif

    t = time.perf_counter()
    html.render_file(results[0], reg)
    print(f"first render_file (template compile): {(time.perf_counter() - t) * 1000:.1f} ms")
    per_file = []
    for result in results[:500]:
        t = time.perf_counter()
        html.render_file(result, reg)
        per_file.append(time.perf_counter() - t)
    mean_ms = statistics.mean(per_file) * 1000
    print(
        f"render_file: mean {mean_ms:.2f} ms, p95 {sorted(per_file)[int(len(per_file) * 0.95)] * 1000:.2f} ms,"
        f" max {max(per_file) * 1000:.2f} ms per file [target <= 10]"
    )
    summary = Summary.of(results)
    t = time.perf_counter()
    html.render_index([html.index_row(r, f"{i:05d}.html") for i, r in enumerate(results)], summary)
    print(f"render_index ({n} files): {(time.perf_counter() - t) * 1000:.1f} ms")
    for name, module in (("sarif", sarif), ("junit", junit), ("github", github)):
        t = time.perf_counter()
        out = module.render(results, summary, reg)
        print(f"{name}: {(time.perf_counter() - t) * 1000:.1f} ms for {n} files ({len(out) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
