"""Inserted junk: words that do not belong to the sentence (资格审查清理狗狗你在，全面落实).

Statistical, not a word list. ``lawqa/data/junk_model.json`` (built by
``scripts/build_junk_model.py`` from a genre corpus — government work reports — and jieba's
dictionary of general Chinese) holds a character model and a bigram model of the genre:

* each character's log ratio of its count in the genre to the count general Chinese predicts
  (strongly negative for 你, 吗, 哈, 样 — common in Chinese, absent from the genre; about 0 for
  rare characters and characters of names, whose absence proves nothing), with a penalty for
  characters of modal particles, interjections and pronouns the genre lacks;
* the genre's character bigrams: a character that forms one with a neighbour is supported
  (``SUPPORT``), one that forms none costs ``UNSUPPORTED`` more, and more still when the pair
  is a common Chinese word the genre lacks (``absent``: 天天, 种植 in a small corpus) or the
  character is a modal particle outside a genre word (吧 but not 网吧);
* jieba's common two-character words and four-character idioms (成语 belong to the written
  register: 喜闻乐见 is supported even if the corpus lacks it), and the characters that can end
  a clause in the genre.

Only clauses with a trigger character (score at or below ``TRIGGER`` or a particle) or a
stutter are scored, so most lines are skipped at C speed; quotations and titles (“…”, 《…》)
are blanked first, as quoted speech and slogans may be in any register. Inside a clause the
rule takes the run with the lowest total cost (Kadane) — stutters (汪汪汪, 嗯嗯) cost extra —
grows it to whole words, and reports it when the total reaches ``SPAN_THRESHOLD`` and it passes
the deletion test: the sentence must read without it. A span that is a whole clause passes; at
the end of a clause what is left must be able to end one (清理|狗狗你在，) and, unless the span is
strongly off-register, its total reach ``END_THRESHOLD`` (规划|圆满收官 does not); at its start, or
inside it, the span must be strongly off-register (你, 吗) — inside a clause the characters
either side must also join as a genre bigram or a word (达到|好饿啊|百分之百), or the evidence
be stronger (``MID_THRESHOLD``). An enumeration item (米、面、油; 面包、火腿肠等) and a clause
that introduces a quotation (村民说：“…”) are not reported.
Latin words are reported only when a letter stutters (hhhh, emmm): 政务服务app, wifi, email
and ppt are ordinary in the genre, and nothing else in a lowercase word tells chat slang
(yyds) from them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from lawqa.hanzi import traditional_share
from lawqa.ingest.mojibake import text_lost
from lawqa.model import Document, Hit, Severity
from lawqa.rules._text import CJK, is_cjk
from lawqa.rules.adverts import advert_span
from lawqa.rules.base import checker, define

MODEL = "junk_model.json"
UNSUPPORTED = 0.8  # cost of a character that forms no genre bigram with either neighbour
PARTICLE = 1.5  # extra cost of a modal particle or interjection that forms no genre bigram
SUPPORT = 0.6  # bonus of a character that forms a genre bigram with a neighbour
SPAN_THRESHOLD = -4.5  # total score a span must reach
MID_THRESHOLD = -8.0  # ... inside a clause, unless it is strongly off-register
END_THRESHOLD = -6.0  # ... at the end of a clause after a character that can end one, unless strong
OFF_REGISTER = -2.0  # a character at or below this is clearly off-register
STRONG = -3.5  # a character at or below this is strongly off-register (你, 吗, 呢)
MIN_LENGTH = 3  # a shorter span is one word: reported only when it stutters (嘿嘿)
TRIGGER = -0.6  # lines without a character at or below this are skipped at C speed
MAX_GROW = 3  # characters a span may grow on each side
GROW_COST = 1.0  # ... over characters scoring at most this
REMNANT = 1  # a clause-edge remnant this short joins the span
TRADITIONAL_SHARE = 0.15  # lines with this share of traditional-only characters are not judged
REPEAT_COST = -2.0  # extra cost of each character in a stutter: 3+ of any (汪汪汪), 2+ off-register (嗯嗯)

RULES = (
    define(
        "inserted-junk",
        Severity.WARNING,
        "words that do not belong to the sentence: 资格审查清理狗狗你在，全面落实",
        """
        ## What it does
        Finds words inserted into a document that do not belong to its register — chat,
        nonsense, food, pets, game slang — such as 狗狗你在 in
        资格审查清理狗狗你在，全面落实. It is statistical: a character and bigram model of the
        genre (government work reports) against general Chinese (jieba's dictionary), shipped in
        `lawqa/data/junk_model.json` and rebuilt by `scripts/build_junk_model.py`, scores each
        character — strongly off-register characters (你, 吗, 呢, 哈), characters the genre
        never puts together, modal particles outside genre words (吧, not 网吧). The run of a
        clause with the lowest total is grown to whole words and reported when its total is low
        enough and the sentence reads without it (deletion test): a whole clause between
        punctuation, a tail after something that can end a clause (清理|狗狗你在，), or — with
        stronger evidence — a span inside the clause whose neighbours join. Quotations, titles,
        enumeration items (米、面、油) and clauses that introduce a quotation are left alone;
        names, places and rare technical characters are not evidence (their absence proves
        nothing). The suggestion deletes the span; it is not applied automatically.

        ## Why it matters
        Inserted words are a watermark of resellers and a sign of tampering; they corrupt the
        sentence for every reader and every model trained on the text.

        ## Example
        ```
        动态推进行政执法人员资格审查清理狗狗你在，全面落实持证上岗  → span 狗狗你在
        ```

        ## How to silence
        Add `ignore = ["inserted-junk"]` to `[tool.lawqa]` in pyproject.toml or lawqa.toml, or
        change its level under `[tool.lawqa.severity]` (e.g. for corpora that quote speech).
        """,
        fix="unsafe",
    ),
)


@dataclass(frozen=True, slots=True)
class _Model:
    scores: Mapping[str, float]
    absent: Mapping[str, float]
    genre_pairs: frozenset[str]
    words: frozenset[str]
    glue: frozenset[str]
    idioms: frozenset[str]
    particles: frozenset[str]
    enders: frozenset[str]
    trigger: re.Pattern[str]
    candidate: re.Pattern[str]
    line: re.Pattern[str]
    score: Callable[[str, float], float]  # scores.get, bound for speed
    absent_score: Callable[[str, float], float]  # absent.get


def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(0, len(text), 2))


def _idioms(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 4] for i in range(0, len(text), 4))


@cache
def model() -> _Model:
    """The genre model, loaded once per process."""
    data = json.loads(resources.files("lawqa").joinpath("data", MODEL).read_text(encoding="utf-8"))
    scores = {str(k): float(v) for k, v in data["scores"].items()}
    absent = {str(k): float(v) for k, v in data["absent"].items()}
    strong = "".join(sorted({c for c, s in scores.items() if s <= TRIGGER} | set(data["particles"])))
    trig = f"[{re.escape(strong)}]" if strong else "(?!)"
    # a trigger character or a stutter of three: the clauses around them are candidates
    candidate = re.compile(f"{trig}|([{CJK}])\\1\\1")
    return _Model(
        MappingProxyType(scores),
        MappingProxyType(absent),
        _pairs(data["genre_pairs"]),
        _pairs(data["words"]),
        _pairs(data["glue"]),
        _idioms(data["idioms"]),
        frozenset(data["particles"]),
        frozenset(data["enders"]),
        re.compile(trig),
        candidate,
        re.compile(f"{trig}|[a-z][a-z]|([{CJK}])\\1\\1"),  # anything to look at in a line
        scores.get,
        absent.get,
    )


_CLAUSE = re.compile(f"[{CJK}]+")
_QUOTED = re.compile(r"“[^“”\n]*”|‘[^‘’\n]*’|「[^「」\n]*」|《[^《》\n]*》")
_LIST_AFTER = ("、", "等")
_SPEECH = ("：“", ":“", "：「", '："')
_REPEAT = re.compile(f"([{CJK}])\\1+")
# a lowercase word with a letter three times running (hhhh, emmm), not inside a URL, handle or code
_LATIN_STUTTER = re.compile(r"(?<![A-Za-z0-9._@/:-])[a-z]*([a-z])\1\1[a-z]*(?![A-Za-z0-9._@/:-])")
LATIN_STUTTER_COST = -6.0  # reported score of such a word


def _costs(text: str, m: _Model) -> list[float]:
    """Score of each character of a clause: its own, its genre support, the pair it closes."""
    score, absent, pairs, particles, idioms = m.score, m.absent_score, m.genre_pairs, m.particles, m.idioms
    costs = []
    prev_in = False
    n = len(text)
    idiom = [False] * n
    for i in range(n - 3):
        if text[i : i + 4] in idioms:
            idiom[i : i + 4] = [True] * 4
    for i, ch in enumerate(text):
        c = score(ch, 0.0)
        nxt = text[i : i + 2] if i + 1 < n else ""
        next_in = nxt in pairs
        if prev_in or next_in or idiom[i]:
            c += SUPPORT
        else:
            c -= UNSUPPORTED
            if i:
                c += absent(text[i - 1 : i + 1], 0.0)
            if ch in particles:
                c -= PARTICLE  # a modal particle or interjection outside a genre word: 吧, 呀 (not 网吧)
        costs.append(c)
        prev_in = next_in
    return costs


def _worst_span(costs: list[float]) -> tuple[float, int, int]:
    """Minimum-sum contiguous run of ``costs`` (Kadane): (total, start, end)."""
    best, best_i, best_j = 0.0, 0, 0
    run, run_i = 0.0, 0
    for j, c in enumerate(costs):
        if run > 0:
            run, run_i = 0.0, j
        run += c
        if run < best:
            best, best_i, best_j = run, run_i, j + 1
    return best, best_i, best_j


def _grow(text: str, lo: int, hi: int, costs: list[float], glue: frozenset[str]) -> tuple[int, int]:
    """Grow ``[lo, hi)`` of clause ``text`` to whole words: over a character that completes a
    word with the span's edge (亲|爱), or that is not genre-typical and not glued to the outside;
    a remnant of one or two characters left at a clause edge joins the span (好的|呢亲爱的)."""
    n = len(text)
    for _ in range(MAX_GROW):
        if hi >= n or costs[hi] > GROW_COST:
            break
        x = text[hi]
        if text[hi - 1] + x not in glue and (costs[hi] > 0 or text[hi : hi + 2] in glue):
            break
        hi += 1
    for _ in range(MAX_GROW):
        if lo <= 0 or costs[lo - 1] > GROW_COST:
            break
        x = text[lo - 1]
        if x + text[lo] not in glue and (costs[lo - 1] > 0 or text[lo - 2 : lo] in glue):
            break
        lo -= 1
    if 0 < n - hi <= REMNANT:
        hi = n
    if 0 < lo <= REMNANT:
        lo = 0
    return lo, hi


def _masked(line: str) -> str:
    """``line`` with quotations and titles blanked out (same length): quoted speech and slogans
    may be in any register."""
    return _QUOTED.sub(lambda q: q.group()[0] + " " * (len(q.group()) - 2) + q.group()[-1], line)


def _joins(text: str, lo: int, hi: int, m: _Model, strong: bool, total: float) -> bool:
    """Deletion test: without ``[lo, hi)`` the clause still reads — the span sits at a clause
    edge, or the characters either side of it form a genre bigram or a common word — and the
    span cuts no common word (像爱护眼睛一样爱|护)."""
    if (lo and text[lo - 1 : lo + 1] in m.words) or text[hi - 1 : hi + 1] in m.words:
        return False
    if hi == len(text):
        # at the end of a clause: what is left must be able to end one (清理|狗狗你在, not
        # 我们坚持|刀刃向内) and the evidence be a little stronger than the bare threshold (a
        # predicate ends clauses too: 规划|圆满收官), unless the span is strongly off-register
        return lo == 0 or strong or (text[lo - 1] in m.enders and total <= END_THRESHOLD)
    if lo == 0:
        # a clause-initial phrase followed by more of the clause is how the clause begins
        # (像爱护眼睛一样爱护|生态环境), unless it is strongly off-register (你吃饭了吗|压实工作责任)
        return strong
    # inside a clause: the characters either side must join, and the evidence be stronger
    # (对养犬|人未拴绳遛狗|行为 joins too)
    return text[lo - 1] + text[hi] in m.glue and (strong or total <= MID_THRESHOLD)


def find_junk(line: str, m: _Model | None = None) -> Iterator[tuple[int, int, float]]:
    """Spans ``(start, end, total)`` of inserted junk in ``line`` (0-based offsets)."""
    m = m or model()
    if m.line.search(line) is None:
        return
    masked = _masked(line)
    for f in _LATIN_STUTTER.finditer(masked):
        yield f.start(), f.end(), LATIN_STUTTER_COST
    done = -1
    for hit in m.candidate.finditer(masked):
        if hit.start() < done:
            continue  # in a clause already scored
        lo = hit.start()
        while lo and is_cjk(masked[lo - 1]):
            lo -= 1
        clause = _CLAUSE.match(masked, lo)
        if clause is None:
            continue
        done = clause.end()
        text = clause.group()
        if len(text) < 2:
            continue
        costs = _costs(text, m)
        stutter = [False] * len(text)
        for r in _REPEAT.finditer(text):
            if r.end() - r.start() >= 3 or costs[r.start()] <= OFF_REGISTER:
                for k in range(r.start(), r.end()):
                    costs[k] = min(costs[k], 0.0) + REPEAT_COST
                    stutter[k] = True
        total, lo, hi = _worst_span(costs)
        if total > SPAN_THRESHOLD:
            continue
        stutters = any(stutter[lo:hi])
        lo, hi = _grow(text, lo, hi, costs, m.glue)
        if hi - lo < (2 if stutters else MIN_LENGTH):
            continue
        start, end = clause.start() + lo, clause.start() + hi
        if masked[start - 1 : start] == "、" or masked[end : end + 1] in _LIST_AFTER:
            continue  # an item of an enumeration: 送去米、面、油, 面包、火腿肠等
        if masked[end : end + 2] in _SPEECH:
            continue  # introduces a quotation: 村民高兴地说：“…”
        strong = stutters or any(
            m.scores.get(ch, 0.0) <= STRONG or (ch in m.particles and c < 0)
            for ch, c in zip(text[lo:hi], costs[lo:hi], strict=True)
        )
        if not _joins(text, lo, hi, m, strong, total):
            continue
        yield start, end, total


@checker("inserted-junk")
def check_junk(doc: Document) -> Iterator[Hit]:
    m = model()
    look = m.line.search
    for n, line in enumerate(doc.lines, 1):
        if not line or look(line) is None:
            continue  # nothing to look at: most lines stop here, at C speed
        if text_lost(line):
            continue  # garbled beyond repair: mojibake-unrecoverable reports it; its rare characters are no register
        if traditional_share(line) >= TRADITIONAL_SHARE:
            continue  # traditional characters: the model's statistics are of simplified text
        advert = None
        for start, end, total in find_junk(line, m):
            advert = advert if advert is not None else (advert_span(line) or (0, 0, []))
            if start < advert[1] and advert[0] < end:
                continue  # part of an advert: reported as one
            yield Hit(
                "inserted-junk",
                n,
                start + 1,
                end + 1,
                f"'{line[start:end]}' does not fit the register of the sentence (genre score {total:.1f})",
                "",
            )


CHECKERS = (check_junk,)
