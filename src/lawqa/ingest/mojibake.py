"""Repair mojibake line by line, losslessly, and flag what is already lost.

Three ways Chinese text gets garbled *losslessly* are undone here (RESEARCH.md):

* UTF-8 bytes read as GBK/GB18030 (鍏氱粍 → 党组) — ftfy does not do this one;
* GBK/GB18030 bytes read as Latin-1/cp1252 (µ³×é → 党组);
* UTF-8 bytes read as Latin-1/cp1252 (å\\x85\\x9aç»\\x84 → 党组), possibly twice.

A candidate is the inverse round trip (encode with the wrong codec, decode with the right
one), applied up to two steps deep, *strictly*: a single byte that does not round-trip
rejects it, so a repair can never invent or drop a character. It is applied only when the
repaired span is clearly more plausible Chinese (the mean cost per non-ASCII character,
:func:`lawqa.ingest.encoding.text_cost`, drops by at least :data:`MIN_GAIN`). The Latin
round trip is the same one ftfy's ``fix_encoding`` performs with its "sloppy" cp1252
codec; it is done here directly so that every repair is a lossless, replayable span edit
and so ftfy's other fixers (width, quotes, punctuation) can never touch Chinese text.

Clean lines must not pay for the search: one precompiled regex pass over the whole text
finds the lines where an uncommon character (anything besides ASCII, GB2312 level-1 hanzi
and common punctuation) is followed by another; a clean file costs microseconds. Only
those lines are examined, by the candidates whose gate they pass (≥ 30 % high-bit Latin or
a run of it for the Latin-based ones; ≥ 50 % CJK and ≥ 15 % uncommon for the GB-based one),
after a lenient whole-line round trip at C speed shows the candidate can fit at all.

Lossy garbling (U+FFFD inside the text) and the classic marks of text lost upstream
(锟斤拷, 烫烫烫, 屯屯屯) are reported as ``mojibake-unrecoverable``, never "fixed".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lawqa.ingest.encoding import GB_LEVEL1, GB_SYMBOLS, text_cost
from lawqa.model import Hit, Repair

MIN_GAIN = 0.5  # minimum drop of the cost per non-ASCII character for a repair to apply
MAX_DEPTH = 2

# ---------------------------------------------------------------------------------------
# Character classes
# ---------------------------------------------------------------------------------------


def _char_class(chars: set[str], negate: bool) -> str:
    """A regex character class for ``chars``, as compressed code-point ranges."""
    points = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = points[i], points[j]
        parts.append(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}")
        i = j + 1
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def _common() -> set[str]:
    chars = {chr(o) for o in range(0x80)} | set(GB_LEVEL1) | set(GB_SYMBOLS)
    chars -= {chr(o) for o in range(0x80, 0x100)}  # GB2312's pinyin à é ü and × ÷ ° are mojibake's letters too
    chars |= {chr(o) for o in range(0x2010, 0x2070)}  # dashes, quotes, …, ‰ (not cp1252's ‚„†‡)
    chars -= set("‚„†‡‰‹›")
    chars |= {chr(o) for o in range(0x3000, 0x3040)}  # 、。《》【】〔〕
    chars |= {chr(o) for o in range(0xFF01, 0xFF5F)}  # full-width ASCII forms ，（）：
    return chars


# cp1252's characters for bytes 0x80-0x9F (five of them are undefined and stay C1 controls).
_CP1252_SPECIALS = {
    ch: b for b in range(0x80, 0xA0) if (ch := bytes((b,)).decode("cp1252", errors="replace")) != "\ufffd"
}
# Mojibake never comes as one odd character: a garbled span is a run of them, so a line is
# only examined when an uncommon character is followed by another one or by one of
# cp1252's typographic characters (… ‘ ’ — are common in Chinese, but also what UTF-8
# continuation bytes 0x80-0x9F look like in cp1252). One rare name like 朱镕基 is not enough.
_SUSPECT_CLASS = _char_class(_common(), negate=True)
_MOJI_CLASS = _char_class(_common() - set(_CP1252_SPECIALS), negate=True)
_SUSPECT_PAIR = re.compile(_SUSPECT_CLASS + _MOJI_CLASS)  # one class test per position: ~3 ns a character
_UNRECOVERABLE = re.compile("\ufffd+|(?:锟斤拷)+|烫{3,}|屯{3,}")
_UNRECOVERABLE_FIRST = re.compile("[\ufffd锟烫屯]")  # a one-class scan is ~100x faster than the alternation

# High-bit Latin as mojibake shows it: Latin-1 U+0080–U+00FF and cp1252's odd letters.
_HIGH_LATIN = frozenset({chr(o) for o in range(0x80, 0x100)} | set(_CP1252_SPECIALS))
_HIGH_LATIN_RE = re.compile(_char_class(set(_HIGH_LATIN), negate=False))
_HIGH_LATIN_RUN = re.compile(_char_class(set(_HIGH_LATIN), negate=False) + "{2,}")
_SUSPECT_RE = re.compile(_SUSPECT_CLASS)
_CHINESE_RE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\U00020000-\U0003ffff]")
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0 and C1 controls
_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


# ---------------------------------------------------------------------------------------
# Candidate steps: how the bytes were misread, and how to read them right
# ---------------------------------------------------------------------------------------


def _latin_byte(ch: str) -> bytes | None:
    """The byte a Latin-1 *or* cp1252 reading turned into ``ch`` (they agree where both define it)."""
    o = ord(ch)
    if o < 0x100:
        return bytes((o,))
    b = _CP1252_SPECIALS.get(ch)
    return bytes((b,)) if b is not None else None


def _gb_bytes(ch: str) -> bytes | None:
    try:
        return ch.encode("gb18030")
    except UnicodeEncodeError:
        return None


def _latin_gate(line: str) -> bool:
    """Latin-based candidates only when high-bit Latin is ≥ 30 % of the line or forms runs."""
    if _HIGH_LATIN_RUN.search(line) is not None:
        return True
    n = len(line) - line.count(" ")
    return n > 0 and len(_HIGH_LATIN_RE.findall(line)) >= 0.3 * n


def _gb_gate(line: str) -> bool:
    """The GB-based candidate only when ≥ 50 % of the non-blank characters are CJK and ≥ 15 %
    are outside the common set (UTF-8 read as GB18030 is mostly level-2 and GBK-only hanzi)."""
    n = len(line) - line.count(" ") - line.count("\u3000")
    return n > 0 and len(_SUSPECT_RE.findall(line)) >= 0.15 * n and len(_CJK_RE.findall(line)) >= 0.5 * n


_TO_LATIN1 = str.maketrans({ch: chr(b) for ch, b in _CP1252_SPECIALS.items()})


def _latin_blob(line: str, errors: str = "replace") -> bytes:
    try:
        return line.encode("latin-1")  # text misread as Latin-1: no cp1252 letters to map back
    except UnicodeEncodeError:
        return line.translate(_TO_LATIN1).encode("latin-1", errors=errors)


def _gb_blob(line: str, errors: str = "replace") -> bytes:
    return line.encode("gb18030", errors=errors)


@dataclass(frozen=True, slots=True)
class _Step:
    name: str
    encode: Callable[[str], bytes | None]
    codec: str
    gate: Callable[[str], bool]
    min_cjk: int  # minimum CJK characters in the repaired span; -1: at least one hanzi or CJK punctuation
    blob: Callable[[str, str], bytes]  # the whole text re-encoded at C speed (errors= as for str.encode)
    min_fit: float  # share of a lenient round trip that must survive for the line to be searched


_STEPS: tuple[_Step, ...] = (
    _Step("utf-8 read as latin-1/cp1252", _latin_byte, "utf-8", _latin_gate, 0, _latin_blob, 0.5),
    _Step("gb18030 read as latin-1/cp1252", _latin_byte, "gb18030", _latin_gate, 2, _latin_blob, 0.5),
    # clean hanzi next to a garbled span turn into U+FFFD here, so a partly garbled line needs slack
    _Step("utf-8 read as gb18030", _gb_bytes, "utf-8", _gb_gate, -1, _gb_blob, 0.2),
)


def _quick_fit(line: str, step: _Step) -> bool:
    """Cheap test before the character-by-character search: does a lenient round trip of the
    whole line yield enough non-ASCII characters, and mostly decodable ones? Clean text fails it
    at once (its GB18030 bytes are almost never valid UTF-8)."""
    decoded = step.blob(line, "replace").decode(step.codec, errors="replace")
    lost = decoded.count("\ufffd")
    kept = len(decoded) - len(decoded.encode("ascii", "ignore")) - lost
    return kept >= max(1, step.min_cjk) and kept >= step.min_fit * (kept + lost)


def _whole(text: str, step: _Step) -> str | None:
    """The step applied to all of ``text``, or ``None`` when it does not round-trip."""
    try:
        return step.blob(text, "strict").decode(step.codec)
    except UnicodeError:
        return None


def _segments(text: str, step: _Step) -> list[tuple[int, int, str]]:
    """Maximal character-aligned spans of ``text`` on which ``step`` round-trips strictly.

    Greedy left to right: decode from a start; at the first bad byte keep the longest
    prefix that ends on a character boundary and decodes, then restart after it. A line that
    is garbled from end to end round-trips as a whole, at C speed, without the search.
    """
    whole = _whole(text, step)
    if whole is not None:
        return [(0, len(text), whole)]
    chunks = [step.encode(ch) for ch in text]
    n = len(text)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < n:
        if chunks[i] is None:
            i += 1
            continue
        j = i
        while j < n and chunks[j] is not None:
            j += 1
        offsets = [0]
        for k in range(i, j):
            offsets.append(offsets[-1] + len(chunks[k]))  # type: ignore[arg-type]
        blob = b"".join(chunks[i:j])  # type: ignore[arg-type]
        a = 0  # index into offsets (character i + a)
        while a < j - i:
            try:
                out.append((i + a, j, blob[offsets[a] :].decode(step.codec)))
                break
            except UnicodeDecodeError as exc:
                bad = offsets[a] + exc.start
            m = bisect_right(offsets, bad) - 1
            found = False
            for b in range(m, max(a, m - 4), -1):
                try:
                    out.append((i + a, i + b, blob[offsets[a] : offsets[b]].decode(step.codec)))
                except UnicodeDecodeError:
                    continue
                found = True
                a = b
                break
            if not found:
                a += 1
        i = j
    return out


def _trim(before: str, after: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of ``before``/``after`` (suffix after prefix),
    so a repair records only the span that changed."""
    p = 0
    limit = min(len(before), len(after))
    while p < limit and before[p] == after[p]:
        p += 1
    s = 0
    while s < limit - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return p, s


def _clean_result(text: str) -> bool:
    """A repair must not produce U+FFFD or control characters."""
    return "\ufffd" not in text and _INVISIBLE.search(text) is None


def _deepen(text: str, first: _Step) -> tuple[str, str]:
    """Try a second step on a repaired span (double mojibake); keep the cheaper text."""
    best, method = text, first.name
    best_cost = text_cost(text) if _clean_result(text) else float("inf")
    for step in _STEPS:
        if not step.gate(text):
            continue
        again = _whole(text, step)
        if again is None or again == text or not _clean_result(again):
            continue
        cost = text_cost(again)
        if cost < best_cost:
            best, best_cost, method = again, cost, f"{first.name}, then {step.name}"
    return best, method


@dataclass(frozen=True, slots=True)
class _Fix:
    start: int  # code-point offsets in the decoded line
    end: int
    before: str
    after: str
    method: str


def _line_fixes(line: str) -> list[_Fix]:
    """The accepted repairs of one line, non-overlapping, in order."""
    best: list[_Fix] = []
    best_gain = 0.0
    for step in _STEPS:
        if not step.gate(line) or not _quick_fit(line, step):
            continue
        fixes: list[_Fix] = []
        gain = residual = 0.0
        for start, end, decoded in _segments(line, step):
            before = line[start:end]
            if decoded == before:
                continue
            before_cost = text_cost(before)
            if before_cost < MIN_GAIN:  # costs are >= 0: it cannot drop by MIN_GAIN
                continue
            if MAX_DEPTH > 1 and _SUSPECT_PAIR.search(decoded) is not None:  # still looks garbled
                decoded, method = _deepen(decoded, step)
            else:
                method = step.name
            p, s = _trim(before, decoded)
            span_before = before[p : len(before) - s]
            span_after = decoded[p : len(decoded) - s]
            if len(span_before) < 2 or (len(set(span_before)) == 1 and span_before[0] in GB_SYMBOLS):
                continue  # one odd character is ambiguous; ×××× is a redaction placeholder
            if step.min_cjk < 0 and _CHINESE_RE.search(span_after) is None:
                continue  # 謳 → U+058E: a rare hanzi, not UTF-8 Armenian read as GBK
            if not _clean_result(span_after) or (step.min_cjk > 0 and len(_CJK_RE.findall(span_after)) < step.min_cjk):
                continue
            after_cost = text_cost(span_after)
            drop = (text_cost(span_before) if len(span_before) != len(before) else before_cost) - after_cost
            if drop < MIN_GAIN:
                continue
            fixes.append(_Fix(start + p, start + p + len(span_before), span_before, span_after, method))
            gain += drop * len(span_before)
            residual += after_cost
        if fixes and gain > best_gain:
            best, best_gain = fixes, gain
            applied = _apply(line, fixes)
            if residual == 0.0 and _SUSPECT_PAIR.search(applied) is None and _HIGH_LATIN_RE.search(applied) is None:
                break  # every garbled span became ordinary text and no Latin is left: nothing can beat that
    return best


def _apply(line: str, fixes: list[_Fix]) -> str:
    parts, pos = [], 0
    for fx in fixes:
        parts += (line[pos : fx.start], fx.after)
        pos = fx.end
    parts.append(line[pos:])
    return "".join(parts)


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repaired:
    """Repaired lines (same count as the input), the repairs made, and the hits to report."""

    lines: tuple[str, ...]
    repairs: tuple[Repair, ...] = ()
    hits: tuple[Hit, ...] = ()


def repair_line(line: str) -> tuple[str, list[tuple[int, int, int, str, str, str]]]:
    """Repair one line. Returns the new line and, per repair, ``(start, end, new_start,
    before, after, method)`` with ``start``/``end`` in the old line and ``new_start`` in the new.
    """
    if _SUSPECT_PAIR.search(line) is None or "\ufffd" in line:
        return line, []
    fixes = _line_fixes(line)
    if not fixes:
        return line, []
    parts: list[str] = []
    spans: list[tuple[int, int, int, str, str, str]] = []
    pos = 0
    new_len = 0
    for fx in fixes:
        keep = line[pos : fx.start]
        parts.append(keep)
        new_len += len(keep)
        spans.append((fx.start, fx.end, new_len, fx.before, fx.after, fx.method))
        parts.append(fx.after)
        new_len += len(fx.after)
        pos = fx.end
    parts.append(line[pos:])
    return "".join(parts), spans


def repair_lines(lines: Sequence[str]) -> Repaired:
    """Repair mojibake in ``lines``; flag unrecoverable garbling. Never changes the line count.

    ``mojibake-repaired`` hits are positioned on the *repaired* span of the line (the text
    every other rule and ``lawqa fix`` see), so applying their suggestion is a no-op and the
    excerpt shows the repaired words; the message quotes the garbled original.
    """
    given = tuple(lines)
    candidates = _lines_worth_a_look(given)
    if not candidates:
        return Repaired(given)
    out = list(given)
    repairs: list[Repair] = []
    hits: list[Hit] = []
    for index in candidates:
        number = index + 1
        new, spans = repair_line(given[index])
        for _start, _end, new_start, before, after, method in spans:
            repairs.append(Repair(number, "mojibake", before, after, method))
            hits.append(
                Hit(
                    "mojibake-repaired",
                    number,
                    new_start + 1,
                    new_start + 1 + len(after),
                    f"garbled text '{_show(before)}' repaired as '{after}' ({method})",
                    after,
                )
            )
        out[index] = new
        hits.extend(_unrecoverable(number, new))
    return Repaired(tuple(out), tuple(repairs), tuple(hits))


def _lines_worth_a_look(lines: tuple[str, ...]) -> list[int]:
    """Indices of lines with two adjacent uncommon characters or a mark of lost text.

    Two regex passes over the joined text (newline is ASCII, so no match spans two lines)
    instead of a Python-level loop over every line: a clean file costs a few microseconds.
    """
    text = "\n".join(lines)
    found: set[int] = set()
    for pattern in (_SUSPECT_PAIR, _UNRECOVERABLE_FIRST):
        index, pos = 0, 0
        while (m := pattern.search(text, pos)) is not None:
            index += text.count("\n", pos, m.start())
            found.add(index)
            end = text.find("\n", m.start())
            if end < 0:
                break
            pos = end  # the next search starts at this line's end: one match per line is enough
    return sorted(found)


def text_lost(line: str) -> bool:
    """Whether ``line`` carries a mark of text lost upstream (U+FFFD, 锟斤拷, 烫烫烫, 屯屯屯):
    what is left of it is not text whose wording other rules can judge."""
    return _UNRECOVERABLE_FIRST.search(line) is not None and _UNRECOVERABLE.search(line) is not None


def _unrecoverable(number: int, line: str) -> list[Hit]:
    hits = []
    for m in _UNRECOVERABLE.finditer(line):
        mark = m.group()
        if mark[0] == "\ufffd":
            why = f"{len(mark)} U+FFFD replacement character(s): bytes were lost when this text was decoded upstream"
        elif mark[0] == "锟":
            why = "'锟斤拷' is what U+FFFD becomes when UTF-8 is read as GBK: the original text is lost"
        else:
            why = f"'{mark}' is uninitialised memory (0x{'CC' if mark[0] == '烫' else 'CD'}) shown as GBK: text is lost"
        hits.append(Hit("mojibake-unrecoverable", number, m.start() + 1, m.end() + 1, why))
    return hits


def _show(text: str) -> str:
    """The garbled text with invisible C0/C1 controls escaped, so a message stays readable."""
    return _INVISIBLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
