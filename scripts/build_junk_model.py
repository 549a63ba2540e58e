"""Build ``src/lawqa/data/junk_model.json``, the genre model of the ``inserted-junk`` rule.

The genre corpus is the development samples in ``tests/corpus`` with their known inserted junk,
adverts, markers and boilerplate removed, plus ``scripts/junk_model/genre.txt`` (report-style
text written for this purpose, none of it copied from the test sets). General Chinese is jieba's
shipped word-frequency dictionary. The model holds:

``scores``
    per character, ``log((n_genre(c) + 1) / (N_genre * p_general(c) + 1))``: strongly negative
    for a character common in Chinese but absent from the genre (你, 哈, 样), about 0 for a rare
    one (锂, 漩: its absence proves nothing). A character the genre has at least ``PRESENT``
    times scores no lower than ``PRESENT_FLOOR``; one used mostly in names (persons, places,
    organisations) no lower than 0; one used mostly in modal particles, interjections,
    onomatopoeia and pronouns (POS y, e, o, r, zg) and absent from the genre loses
    ``COLLOQUIAL_PENALTY`` more (吗, 呢, 嗯, 喵, 你 — 我 and 其 are in the genre and keep
    their score). Capped at ``UNIGRAM_CAP``.
``absent``
    word-internal bigrams of jieba's (non-name) words that the genre lacks, scored
    ``log(1 / (expected count in the genre + 1))``: evidence only when the pair is common.
``genre_pairs``, ``words``, ``glue``, ``idioms``
    the genre's character bigrams; jieba's common two-character words; their union (what
    joins two characters); jieba's four-character idioms (成语, the written register).
``particles``, ``enders``
    characters used mostly as modal particles or interjections (吧, 呀); characters that end
    a clause in the genre often enough to end one (机制, 工作, 清理).

Run from the repository root (needs ``pip install jieba``; jieba is a build-time dependency
only — nothing imports it at run time):

    python scripts/build_junk_model.py
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "lawqa" / "data" / "junk_model.json"
GENRE_TEXT = ROOT / "scripts" / "junk_model" / "genre.txt"
SAMPLES = sorted((ROOT / "tests" / "corpus").glob("*.txt"))

# Known defects of the samples (tests/corpus/DEFECTS.md): removed before counting.
SAMPLE_JUNK = ("狗狗你在",)
SAMPLE_DROP_LINE = re.compile(r"素材库|代笔|##paid|发布日期|责任编辑")

COLLOQUIAL_POS = {"y", "e", "o", "r", "zg"}
COLLOQUIAL_PENALTY = 2.5
PARTICLE_POS = {"y", "e", "o"}  # modal particles (吧, 呀), interjections (哎), onomatopoeia (哈)
PRESENT = 2  # a character seen this often in the genre corpus belongs to the genre ...
PRESENT_FLOOR = -0.5  # ... and scores no lower than this
UNIGRAM_CAP = 2.0  # a character's score is capped here (genre-typical characters)
KEEP_ABOVE = 0.05  # characters scoring closer to 0 than this are not shipped (the rule reads 0)
SMOOTH = 0.5  # add-0.5 smoothing of the general character distribution
NAME_SHARE = 0.5  # characters used mostly in names score no lower than 0
NAME_MAX_COLLOQUIAL = 0.25  # ... unless this much of their use is colloquial (哈 of 哈哈 stays scored)
NAME_POS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}  # names: their bigrams are no evidence of register
PAIR_KEEP_BELOW = -0.3  # absent pairs scoring above this are not shipped
PAIR_FLOOR = -3.0  # an absent pair's score is floored here
FORMAL_POS = {"i"}  # idioms (成语) belong to the written register the genre uses
IDIOM_MIN_FREQ = 20  # ... when at least this frequent in jieba's dictionary
CLAUSE_END = set("，。；：、！？）”")
ENDER_MIN = 0.12  # a character that ends at least this share of its clauses in the genre can end one
GLUE_MIN_FREQ = 300  # jieba two-character words at least this frequent glue their characters
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def genre_lines() -> list[str]:
    lines: list[str] = []
    for path in SAMPLES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if SAMPLE_DROP_LINE.search(line):
                continue
            for junk in SAMPLE_JUNK:
                line = line.replace(junk, "")
            lines.append(line)
    lines += [x for x in GENRE_TEXT.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    return lines


def main() -> None:
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    general: Counter[str] = Counter()  # character -> frequency in general Chinese
    colloquial: Counter[str] = Counter()  # ... of it in words of a colloquial POS
    names: Counter[str] = Counter()  # ... of it in names (persons, places, organisations)
    particle: Counter[str] = Counter()  # ... of it in modal particles, interjections, onomatopoeia
    pair_general: Counter[str] = Counter()  # word-internal bigram -> frequency (names excluded)
    pair_first: Counter[str] = Counter()  # character -> frequency as the first of such a bigram
    glue: set[str] = set()
    idioms: set[str] = set()  # four-character idioms (成语): the written register
    for row in dict_path.read_text(encoding="utf-8").splitlines():
        parts = row.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        pos = parts[2] if len(parts) > 2 else ""
        if not all(CJK.match(ch) for ch in word):
            continue
        for ch in word:
            general[ch] += freq
            if pos in COLLOQUIAL_POS:
                colloquial[ch] += freq
            if pos in NAME_POS:
                names[ch] += freq
            if pos in PARTICLE_POS:
                particle[ch] += freq
        if pos not in NAME_POS:
            for a, b in itertools.pairwise(word):
                pair_general[a + b] += freq
                pair_first[a] += freq
        if len(word) == 2 and freq >= GLUE_MIN_FREQ:
            glue.add(word)
        if pos in FORMAL_POS and len(word) == 4 and freq >= IDIOM_MIN_FREQ:
            idioms.add(word)
    total_general = sum(general.values()) + SMOOTH * len(general)

    def p_general(ch: str) -> float:
        return (general[ch] + SMOOTH) / total_general

    genre: Counter[str] = Counter()
    pair_genre: Counter[str] = Counter()
    final: Counter[str] = Counter()  # character -> how often it ends a clause (before punctuation)
    for line in genre_lines():
        for run in CJK_RUN.finditer(line):
            genre.update(run.group())
            pair_genre.update(a + b for a, b in itertools.pairwise(run.group()))
            if line[run.end() : run.end() + 1] in CLAUSE_END:
                final[run.group()[-1]] += 1
    n_genre = sum(genre.values())

    def colloquial_share(ch: str) -> float:
        return colloquial[ch] / general[ch] if general[ch] else 0.0

    def name_share(ch: str) -> float:
        return names[ch] / general[ch] if general[ch] else 0.0

    # unigram: log((n_genre(c) + 1) / (expected(c) + 1)), floored for characters the genre has
    scores: dict[str, float] = {}
    for ch in set(general) | set(genre):
        score = math.log((genre[ch] + 1) / (n_genre * p_general(ch) + 1))
        if genre[ch] >= PRESENT:
            score = max(score, PRESENT_FLOOR)
        elif colloquial_share(ch) > 0.5:
            score -= COLLOQUIAL_PENALTY
        elif name_share(ch) > NAME_SHARE and colloquial_share(ch) < NAME_MAX_COLLOQUIAL:
            score = max(score, 0.0)  # a character of names: its absence proves nothing
        score = min(score, UNIGRAM_CAP)
        if abs(score) >= KEEP_ABOVE:
            scores[ch] = round(score, 2)

    # pairs: general-Chinese words the genre lacks, log((n_genre(ab) + 1) / (expected(ab) + 1))
    absent: dict[str, float] = {}
    for pair, freq in pair_general.items():
        if pair_genre[pair]:
            continue
        a = pair[0]
        expected = n_genre * p_general(a) * freq / pair_first[a]
        score = math.log(1 / (expected + 1))
        if score <= PAIR_KEEP_BELOW:
            absent[pair] = round(max(score, PAIR_FLOOR), 1)

    model = {
        "about": "inserted-junk genre model; built by scripts/build_junk_model.py — do not edit by hand",
        "sources": {
            "genre": ["tests/corpus/*.txt (known junk removed)", "scripts/junk_model/genre.txt"],
            "general": f"jieba {jieba.__version__} dict.txt (MIT licence)",
        },
        "params": {
            "genre_chars": n_genre,
            "colloquial_pos": sorted(COLLOQUIAL_POS),
            "colloquial_penalty": COLLOQUIAL_PENALTY,
            "particle_pos": sorted(PARTICLE_POS),
            "present": PRESENT,
            "present_floor": PRESENT_FLOOR,
            "name_share": NAME_SHARE,
            "unigram_cap": UNIGRAM_CAP,
            "pair_floor": PAIR_FLOOR,
            "glue_min_freq": GLUE_MIN_FREQ,
            "ender_min": ENDER_MIN,
            "idiom_min_freq": IDIOM_MIN_FREQ,
        },
        "scores": dict(sorted(scores.items(), key=lambda kv: (kv[1], kv[0]))),
        "absent": dict(sorted(absent.items(), key=lambda kv: (kv[1], kv[0]))),
        "enders": "".join(sorted(ch for ch in genre if (final[ch] + 1) / (genre[ch] + 4) >= ENDER_MIN)),
        "particles": "".join(sorted(ch for ch in general if particle[ch] / general[ch] > 0.5)),
        "genre_pairs": "".join(sorted(pair_genre)),
        "idioms": "".join(sorted(idioms)),
        "words": "".join(sorted(glue)),
        "glue": "".join(sorted(set(pair_genre) | glue)),
    }
    OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"{OUT.relative_to(ROOT)}: {len(scores)} scored characters, {len(absent)} absent pairs, "
        f"{len(pair_genre)} genre pairs, {len(idioms)} idioms, {len(set(pair_genre) | glue)} glue pairs, "
        f"{n_genre} genre characters"
    )


if __name__ == "__main__":
    main()
