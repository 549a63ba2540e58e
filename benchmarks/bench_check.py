"""End-to-end corpus benchmark: `lawqa check DIR --no-html` on N files made from the samples.

Prints files/s, MB/s and peak memory (RSS of the lawqa process tree) for each corpus
size, and the naive pipeline a user would write from the same libraries
(charset_normalizer.from_bytes + ftfy.fix_text + regexes) on the same files, in the
same run, with the ratio. Memory must not grow with corpus size: compare the two sizes.

    python benchmarks/bench_check.py            # 1,000 and 10,000 files
    python benchmarks/bench_check.py 200 2000   # other sizes
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
ENCODINGS = ("utf-8", "gb18030", "utf-8-sig", "utf-16")
NAIVE_PATTERNS = re.compile(r"D组|D中央|##paid(?:begin|end)##|\[bookmark: [^\]]*\]|素材库|XX|发布日期|责任编辑")


def make_corpus(folder: Path, n: int) -> int:
    samples = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    total = 0
    for i in range(n):
        text = samples[i % len(samples)]
        lines = text.split("\n")
        k = (i * 7) % len(lines)
        lines[k] = lines[k] + f"（第{i}份）"  # every file differs, so no cache could help
        data = "\n".join(lines).encode(ENCODINGS[i % len(ENCODINGS)])
        sub = folder / f"{i % 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def run_lawqa(folder: Path, jobs: int) -> tuple[float, float]:
    exe = shutil.which("lawqa") or str(Path(sys.executable).with_name("lawqa"))
    with tempfile.TemporaryDirectory() as rep:
        args = ["check", str(folder), "--no-html", "--format", "json", "--output", os.devnull, "--report-dir", rep]
        start = time.perf_counter()
        proc = subprocess.run(
            [exe, *args, "--jobs", str(jobs)],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lawqa exited {proc.returncode}: {proc.stderr[-2000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak_mb


def run_naive(folder: Path) -> float:
    import charset_normalizer
    import ftfy

    start = time.perf_counter()
    for path in sorted(folder.rglob("*.txt")):
        best = charset_normalizer.from_bytes(path.read_bytes()).best()
        text = str(best) if best is not None else ""
        text = ftfy.fix_text(text, fix_character_width=False)
        sum(1 for _ in NAIVE_PATTERNS.finditer(text))
    return time.perf_counter() - start


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    jobs = len(os.sched_getaffinity(0))
    print(f"lawqa check --no-html --jobs {jobs}, corpus made from {CORPUS} in {', '.join(ENCODINGS)}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            total = make_corpus(folder, n)
            mb = total / 1e6
            elapsed, peak = run_lawqa(folder, jobs)
            naive = run_naive(folder)
            print(
                f"{n:>6} files {mb:7.1f} MB | lawqa {n / elapsed:7.1f} files/s {mb / elapsed:6.2f} MB/s "
                f"(wall {elapsed:6.1f} s, peak RSS of a lawqa process {peak:6.0f} MB) | "
                f"naive (1 core) {n / naive:7.1f} files/s | ratio {naive / elapsed:4.2f}x"
            )


if __name__ == "__main__":
    main()
