"""Ingest throughput: lawqa's decode + split_lines + repair_lines vs the naive pipeline.

The naive pipeline is what a user would write from the same libraries:
``charset_normalizer.from_bytes(b).best()`` then ``ftfy.fix_text`` on the whole text
(with ``fix_character_width=False`` so it does not also damage Chinese punctuation).

1,000 files are built in memory from the sample reports (tests/corpus and the Big5
fixture): paragraphs shuffled per file, mixed encodings (UTF-8, UTF-8 with BOM,
GB18030, UTF-16 with BOM, UTF-16-LE without BOM, Big5), and about one file in five
carrying a few garbled lines. Both pipelines run on the same bytes in the same process.

    python benchmarks/bench_ingest.py [--files 1000] [--seed 7] [--profile]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import random
import time
from collections.abc import Callable
from pathlib import Path

import charset_normalizer
import ftfy

from lawqa.ingest.encoding import decode
from lawqa.ingest.lines import split_lines
from lawqa.ingest.mojibake import repair_lines

ROOT = Path(__file__).resolve().parent.parent
SIMPLIFIED = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
TRADITIONAL = ROOT / "tests" / "fixtures" / "ingest" / "big5_report.utf8.txt"

ENCODINGS = [
    ("utf-8", 45),
    ("utf-8-sig", 10),
    ("gb18030", 25),
    ("utf-16", 8),
    ("utf-16-le", 7),
]
GARBLE = [
    lambda s: s.encode("utf-8").decode("latin-1"),
    lambda s: s.encode("gb18030").decode("latin-1"),
    lambda s: s.encode("utf-8").decode("cp1252", errors="strict"),
]


def build_corpus(n: int, seed: int) -> list[bytes]:
    """``n`` files' bytes, deterministic for a seed."""
    rng = random.Random(seed)
    texts = [p.read_bytes().decode("utf-8").split("\n") for p in SIMPLIFIED]
    traditional = TRADITIONAL.read_bytes().decode("utf-8").split("\n")
    names, weights = zip(*ENCODINGS, strict=True)
    files: list[bytes] = []
    for i in range(n):
        if i % 50 == 0:
            files.append("\n".join(traditional).encode("big5"))
            continue
        lines = list(rng.choice(texts))
        body = lines[1:]
        rng.shuffle(body)
        lines = [lines[0], *body]
        encoding = rng.choices(names, weights)[0]
        if rng.random() < 0.2 and encoding.startswith("utf-8"):
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(len(lines))
                with contextlib.suppress(UnicodeError):  # cp1252 cannot decode every byte
                    lines[k] = rng.choice(GARBLE)(lines[k])
        files.append("\n".join(lines).encode(encoding))
    return files


def lawqa_ingest(data: bytes) -> int:
    decoded = decode(data)
    if decoded.text is None:
        return 0
    lines, _newline = split_lines(decoded.text)
    return len(repair_lines(lines).repairs)


def naive_ingest(data: bytes) -> int:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return 0
    fixed = ftfy.fix_text(str(best), fix_character_width=False)
    return len(fixed)


def timed(fn: Callable[[bytes], int], files: list[bytes]) -> tuple[float, float]:
    """(wall, CPU) seconds for one pass over ``files``.

    CPU time of this process is reported next to wall time because the benchmark often
    shares its machine: other processes inflate wall time for one side and not the other.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    for data in files:
        fn(data)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved passes of each pipeline; best is kept")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of lawqa's ingest")
    args = parser.parse_args()

    files = build_corpus(args.files, args.seed)
    size = sum(len(b) for b in files)
    repairs = sum(lawqa_ingest(b) for b in files)  # warm-up (chardet loads its models lazily)
    naive_ingest(files[0])

    lawqa_runs, naive_runs = [], []
    for _ in range(args.rounds):  # interleaved, so a noisy neighbour hits both sides alike
        lawqa_runs.append(timed(lawqa_ingest, files))
        naive_runs.append(timed(naive_ingest, files))
    mb = size / 1e6
    print(f"corpus: {len(files)} files, {mb:.1f} MB, {repairs} mojibake repairs by lawqa; best of {args.rounds}")
    for clock, k in (("wall", 0), ("cpu", 1)):
        t_lawqa = min(run[k] for run in lawqa_runs)
        t_naive = min(run[k] for run in naive_runs)
        print(f"[{clock}] lawqa ingest: {len(files) / t_lawqa:7.0f} files/s {mb / t_lawqa:7.2f} MB/s ({t_lawqa:.3f} s)")
        print(f"[{clock}] naive       : {len(files) / t_naive:7.0f} files/s {mb / t_naive:7.2f} MB/s ({t_naive:.3f} s)")
        print(f"[{clock}] ratio       : {t_naive / t_lawqa:.1f}x (target >= 10x)")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for data in files:
            lawqa_ingest(data)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
