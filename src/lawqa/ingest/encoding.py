"""Decode a file's bytes losslessly, or say precisely why they cannot be.

The ladder (see RESEARCH.md for the measurements behind it):

1. empty input, magic numbers of binary formats (PNG, PDF, ZIP, ELF …);
2. a byte-order mark (UTF-32/UTF-16/UTF-8), decoded strictly;
3. UTF-16 without a BOM when the bytes hold NULs (ASCII code units leave a 0x00 on one
   parity of byte offsets): accepted only if strict, free of controls and Chinese-looking;
   otherwise many NULs mean a binary file;
4. strict UTF-8 of the *whole* file — a detector looks at a prefix only (chardet: 200 kB
   by default, 1 kB here), so a file that is UTF-8 for 1 MB and GBK after that is caught
   here and nowhere else;
5. chardet 7, asked only about our candidates (GB2312/GBK → gb18030); its answer counts
   only if it decodes the whole file strictly *and* the text looks like Chinese;
6. fallbacks: gb18030, big5/cp950, UTF-16 LE/BE — the most plausible strict decode wins.

Confidence scales of detectors do not line up (chardet gives correct GB18030 answers
0.18–1.0), so acceptance never depends on a threshold on them: it depends on "did a
strict decode succeed, and does the text look like Chinese". The detector's number is
reported in :class:`EncodingInfo` for the user, nothing more.

Every input gives a :class:`Decoded`; no input raises.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

import chardet

from lawqa.model import EncodingInfo, Hit

# ---------------------------------------------------------------------------------------
# Chinese plausibility: a cost per character, low for what real 公文 text is made of.
# ---------------------------------------------------------------------------------------


def _gb2312_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """GB2312 level-1 hanzi (3,755 common), level-2 hanzi (3,008 rarer) and symbol rows."""
    level1: set[str] = set()
    level2: set[str] = set()
    symbols: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            (level1 if 0xB0 <= hi <= 0xD7 else level2 if hi >= 0xD8 else symbols).add(ch)
    return frozenset(level1), frozenset(level2), frozenset(symbols)


def _big5_frequent() -> frozenset[str]:
    """Big5 level-1 hanzi (the 5,401 frequent traditional characters)."""
    out: set[str] = set()
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                out.add(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(out)


GB_LEVEL1, GB_LEVEL2, GB_SYMBOLS = _gb2312_classes()
BIG5_FREQUENT = _big5_frequent() - GB_LEVEL1 - GB_LEVEL2

# cp1252's printable specials outside Latin-1 that are *not* ordinary typography.
_CP1252_ODD = frozenset("€‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")

COST_FFFD = 5.0
COST_PUA = 4.0
COST_CONTROL = 3.0
COST_RARE_CJK = 2.0


def _cost_of(ch: str) -> float:
    """Cost of one character that is not in the GB2312/Big5 tables."""
    o = ord(ch)
    if o < 0x80:
        return 0.0 if (o >= 0x20 and o != 0x7F) or ch in "\t\n\r\x0b\x0c" else COST_CONTROL
    if o < 0xA0:
        return COST_CONTROL
    if ch in _CP1252_ODD:
        return 1.0
    if 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFEE:
        return 0.0  # general punctuation, CJK symbols, full-width forms
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF:
        return COST_RARE_CJK
    if 0xE000 <= o <= 0xF8FF or o >= 0xF0000:
        return COST_PUA
    if o == 0xFFFD:
        return COST_FFFD
    return 1.0


def _build_costs() -> dict[str, float]:
    costs: dict[str, float] = {}
    for ch in BIG5_FREQUENT:
        costs[ch] = 0.5
    for ch in GB_SYMBOLS:
        costs[ch] = 0.25
    for ch in GB_LEVEL2:
        costs[ch] = 1.0
    for ch in GB_LEVEL1:
        costs[ch] = 0.0
    for o in range(0xA0):  # ASCII, C0 and C1 controls: looked up, not computed
        costs[chr(o)] = _cost_of(chr(o))
    for ch in _CP1252_ODD:
        costs[ch] = 1.0
    for o in range(0xA0, 0x100):  # Latin-1 letters cost 1 even where GB2312 lists them (pinyin à, ×)
        costs[chr(o)] = 1.0
    costs["\xa0"] = 0.25  # no-break space: common in scraped pages, yet what C2 A0 mojibake decodes to
    for ch in "，。、；：？！（）《》【】「」『』　":
        costs[ch] = 0.0
    # cp1252's typography is common in Chinese text too (“引号”, ……, ——) but is also what UTF-8
    # continuation bytes look like through cp1252: a little cost, so mojibake made of them still scores.
    for ch in "‘’“”•…–—":
        costs[ch] = 0.5
    return costs


COSTS: dict[str, float] = _build_costs()


def char_cost(ch: str) -> float:
    """Implausibility of one character in Chinese text (0 = ordinary, 5 = U+FFFD)."""
    cost = COSTS.get(ch)
    return _cost_of(ch) if cost is None else cost


def text_cost(text: str) -> float:
    """Mean implausibility per *non-ASCII* character (ASCII is free and does not dilute).

    Returns 0.0 for pure ASCII. Used both to judge a whole-file decode and to compare a
    mojibake span with its repair. Characters that cost nothing (printable ASCII, level-1
    hanzi, common punctuation) are removed by one regex pass first, so clean Chinese text
    costs almost no Python-level work.
    """
    rest = _FREE.sub("", text)
    if not rest:
        return 0.0
    n = len(text) - len(text.encode("ascii", "ignore"))
    total = 0.0
    costs = COSTS
    for ch, k in Counter(rest).items():
        cost = costs.get(ch)
        total += (_cost_of(ch) if cost is None else cost) * k
        if ch < "\x80":
            n += k  # a control character: counted, unlike ordinary ASCII
    return total / n if n else 0.0


def _free_class() -> re.Pattern[str]:
    free_chars = {ch for ch, cost in COSTS.items() if cost == 0.0}
    for lo, hi in ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFF60), (0xFFE0, 0xFFEE)):
        free_chars |= {chr(o) for o in range(lo, hi + 1) if chr(o) not in COSTS and _cost_of(chr(o)) == 0.0}
    free = sorted(ord(ch) for ch in free_chars)
    parts, i = [], 0
    while i < len(free):
        j = i
        while j + 1 < len(free) and free[j + 1] == free[j] + 1:
            j += 1
        parts.append(f"\\U{free[i]:08x}" if i == j else f"\\U{free[i]:08x}-\\U{free[j]:08x}")
        i = j + 1
    return re.compile("[" + "".join(parts) + "]+")


_FREE = _free_class()


# A decode is accepted only when its text costs at most this much per non-ASCII
# character; above WARN_COST it is accepted with an `encoding-low-confidence` warning.
# Correct decodes of the samples cost < 0.1 (GB) and ~0.3 (Big5 traditional); UTF-8
# bytes read as GB18030 cost > 1.2.
ACCEPT_COST = 0.9
WARN_COST = 0.6
_SAMPLE = 2_000  # characters per slice used to judge plausibility (three slices)


def sampled_cost(text: str) -> float:
    """:func:`text_cost` over three slices (start, middle, end) so 50 MB files stay cheap."""
    if len(text) <= 3 * _SAMPLE:
        return text_cost(text)
    mid = len(text) // 2
    return text_cost(text[:_SAMPLE] + text[mid : mid + _SAMPLE] + text[-_SAMPLE:])


# ---------------------------------------------------------------------------------------
# The decode ladder
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decoded:
    """The outcome of :func:`decode`: text (``None`` when nothing fits), how, and hits."""

    text: str | None
    info: EncodingInfo | None
    hits: tuple[Hit, ...] = ()


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Magic numbers of formats that arrive misnamed as .txt. Some are also ordinary text starts
# ("MZ", "BZh"), so a match counts only when the head of the file is not clean UTF-8 text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (DOC/XLS)"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"MZ", "a Windows executable"),
)

# chardet answers we accept as candidates, mapped to the codec we decode with and the
# name we report. Anything else (cp737, cp1252, koi8-r, shift_jis, None …) means
# "nothing fit" for a Chinese document: try the fallbacks.
_DETECTOR_MAP: dict[str, tuple[str, str]] = {
    "utf-8": ("utf-8", "utf-8"),
    "ascii": ("utf-8", "utf-8"),
    "gb2312": ("gb18030", "gb18030"),
    "gbk": ("gb18030", "gb18030"),
    "gb18030": ("gb18030", "gb18030"),
    "hz-gb-2312": ("gb18030", "gb18030"),
    "big5": ("big5", "big5"),
    "big5hkscs": ("big5hkscs", "big5hkscs"),
    "cp950": ("cp950", "big5"),
    "utf-16": ("utf-16", "utf-16"),
    "utf-16le": ("utf-16-le", "utf-16-le"),
    "utf-16-le": ("utf-16-le", "utf-16-le"),
    "utf-16be": ("utf-16-be", "utf-16-be"),
    "utf-16-be": ("utf-16-be", "utf-16-be"),
    "utf-32": ("utf-32", "utf-32"),
    "utf-32le": ("utf-32-le", "utf-32-le"),
    "utf-32-le": ("utf-32-le", "utf-32-le"),
    "utf-32be": ("utf-32-be", "utf-32-be"),
    "utf-32-be": ("utf-32-be", "utf-32-be"),
}

# (codec, reported name) tried when the detector's answer did not fit.
_FALLBACKS: tuple[tuple[str, str], ...] = (
    ("gb18030", "gb18030"),
    ("big5", "big5"),
    ("cp950", "big5"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
)

# chardet's verdict on Chinese text is stable long before its default 200 kB: on the samples
# 1 kB gives the same answers, and asking only about the encodings we would accept makes it
# several times faster (~0.2 ms a call). Its no-match sentinel (set to UTF-8, which has
# already failed by then) still means "nothing fit".
_DETECT_BYTES = 1_024
_NO_MATCH = "utf-8"
_CHARDET_CANDIDATES = ("utf-8", "gb18030", "big5", "cp950", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_BINARY_CONTROL_SHARE = 0.05  # more control characters than this: not a text file
_BINARY_NUL_SHARE = 0.05
_MAX_CONTROL_HITS = 20
_OK_CONTROLS = frozenset("\t\n\r\x0b\x0c")  # tab, newlines; VT/FF belong to conversion-artifact
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_RUN = re.compile("[\x00-\x08\x0e-\x1f\x7f]+")


def decode(data: bytes) -> Decoded:
    """Decode ``data`` losslessly into text, or explain why not (see the module docstring)."""
    if not data:
        info = EncodingInfo("utf-8", 1.0, False, "empty")
        return Decoded("", info, (Hit("empty-document", 1, 1, 1, "the file is empty (0 bytes)"),))
    for magic, kind in _MAGIC:
        if data.startswith(magic) and not _is_strict_text(data):
            return _binary(f"this is not a text file: it starts like {kind}")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _bom_decode(data, bom, codec, name)
    if b"\x00" in data:
        found = _utf16_by_nuls(data)
        if found is not None:
            return found
        if data.count(b"\x00") > _BINARY_NUL_SHARE * len(data):
            share = data.count(b"\x00") / len(data)
            return _binary(f"this is not a text file: {share:.0%} of its bytes are NUL (0x00)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        return _finish(text, EncodingInfo("utf-8", 1.0, False, "utf-8"), low=False)
    return _detect(data, utf8_error)


def _is_strict_text(data: bytes) -> bool:
    """A few magics (``MZ``, ``BZh``) are also ordinary text starts: check the bytes."""
    head = data[:4096]
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only a character cut at the slice end
    return True


def _binary(message: str) -> Decoded:
    return Decoded(None, None, (Hit("binary-content", 1, 1, 1, message),))


def _bom_decode(data: bytes, bom: bytes, codec: str, name: str) -> Decoded:
    body = data[len(bom) :]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        offset = len(bom) + exc.start
        message = (
            f"the file starts with a {name.upper()} byte-order mark but byte 0x{body[exc.start]:02x} at offset "
            f"{offset} is not valid {name.upper()}; no candidate encoding decodes it losslessly"
        )
        return Decoded(None, EncodingInfo(name, 0.0, True, "bom"), (Hit("encoding-undecodable", 1, 1, 1, message),))
    return _finish(text, EncodingInfo(name, 1.0, True, "bom"), low=False)


def _utf16_by_nuls(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM, for bytes that contain NULs.

    ASCII code units (newlines, digits) leave a 0x00 on one parity of byte offsets, but so
    do common hanzi such as 一 (U+4E00), so the parity only orders the two candidates: each
    must decode strictly, contain no control characters and read as Chinese.
    """
    if len(data) % 2:
        return None
    odd, even = _parity_nuls(data, 1), _parity_nuls(data, 0)
    order = (("utf-16-le", odd), ("utf-16-be", even))
    if even > odd:
        order = order[::-1]
    best: tuple[float, str, str, float] | None = None
    for codec, nuls in order:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > 0 or "\x00" in text:
            continue
        cost = sampled_cost(text)
        if cost <= ACCEPT_COST and (best is None or cost < best[0]):
            best = (cost, text, codec, nuls / max(odd + even, 1))
    if best is None:
        return None
    cost, text, codec, share = best
    return _finish(text, EncodingInfo(codec, round(share, 4), False, "nul-pattern"), low=cost > WARN_COST)


def _parity_nuls(data: bytes, parity: int) -> int:
    """Number of 0x00 bytes at offsets of the given parity (C-speed via slicing)."""
    return data[parity::2].count(0)


def _detect(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    guess = chardet.detect(
        data, max_bytes=_DETECT_BYTES, include_encodings=_CHARDET_CANDIDATES, no_match_encoding=_NO_MATCH
    )
    raw = (guess.get("encoding") or "").lower()
    confidence = float(guess.get("confidence") or 0.0)
    tried: dict[str, str] = {"utf-8": _bad_byte(data, utf8_error)}
    mapped = _DETECTOR_MAP.get(raw)
    if mapped is not None and mapped[0] != "utf-8":
        codec, name = mapped
        text, why = _strict(data, codec)
        if text is not None and why is None:
            cost = sampled_cost(text)
            if cost <= ACCEPT_COST:
                return _finish(text, EncodingInfo(name, round(confidence, 4), False, "detector"), low=cost > WARN_COST)
            why = f"decodes, but does not read as Chinese (cost {cost:.2f})"
        tried[codec] = why or "failed"
    best: tuple[float, str, str, str] | None = None
    for codec, name in _FALLBACKS:
        if codec in tried:
            continue
        text, why = _strict(data, codec)
        if text is None:
            tried[codec] = why or "failed"
            continue
        cost = sampled_cost(text)
        if cost > ACCEPT_COST or _control_share(text) > _BINARY_CONTROL_SHARE:
            tried[codec] = f"decodes, but does not read as Chinese (cost {cost:.2f})"
            continue
        if best is None or cost < best[0]:
            best = (cost, text, codec, name)
    if best is not None:
        cost, text, _codec, name = best
        # No detector vouched for this reading: report a confidence from plausibility alone,
        # capped at 0.5 so it never looks like a detector's certainty.
        conf = round(max(0.0, 1.0 - cost) * 0.5, 4)
        return _finish(text, EncodingInfo(name, conf, False, "fallback"), low=True)
    if _control_share_bytes(data) > _BINARY_CONTROL_SHARE:
        return _binary("this is not a text file: too many control bytes for any text encoding")
    detail = "; ".join(f"{name}: {why}" for name, why in tried.items())
    message = (
        f"no candidate encoding decodes these bytes losslessly: first bad byte for UTF-8 is at offset "
        f"{utf8_error.start} (0x{data[utf8_error.start]:02x}) [{detail}]"
    )
    return Decoded(None, None, (Hit("encoding-undecodable", 1, 1, 1, message),))


def _strict(data: bytes, codec: str) -> tuple[str | None, str | None]:
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as exc:
        return None, _bad_byte(data, exc)
    except LookupError:
        return None, "codec unavailable"


def _bad_byte(data: bytes, exc: UnicodeDecodeError) -> str:
    return f"bad byte 0x{data[exc.start]:02x} at offset {exc.start}"


def _control_share(text: str) -> float:
    """Share of NUL/control characters (not tab, line breaks, VT, FF) in the first 20,000."""
    sample = text[:20_000]
    if not sample or _CONTROL.search(sample) is None:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def _control_share_bytes(data: bytes) -> float:
    sample = data[:20_000]
    bad = sum(1 for b in sample if (b < 0x20 and b not in (9, 10, 11, 12, 13)) or b == 0x7F)
    return bad / len(sample)


def _finish(text: str, info: EncodingInfo, *, low: bool) -> Decoded:
    """Accepted text: look for controls inside it, emptiness, and the detector's doubt."""
    has_controls = _CONTROL.search(text) is not None
    if has_controls and (share := _control_share(text)) > _BINARY_CONTROL_SHARE:
        return _binary(f"this is not a text file: {share:.0%} of its characters are control characters")
    hits: list[Hit] = []
    if not text.strip():
        what = "no text" if not text else "only white space"
        hits.append(Hit("empty-document", 1, 1, 1, f"the file has {what}"))
    if has_controls:
        hits.extend(_control_hits(text))
    if low:
        hits.append(
            Hit(
                "encoding-low-confidence",
                1,
                1,
                1,
                f"decoded as {info.encoding} ({info.method}, confidence {info.confidence:.2f}); "
                "no encoding fitted clearly, check the text reads right",
            )
        )
    return Decoded(text, info, tuple(hits))


def _control_hits(text: str) -> list[Hit]:
    """One ``binary-content`` hit per run of NUL/control characters, at its line and column.

    Lines are counted as CONTRACT.md does (``\\r\\n``, ``\\r``, ``\\n``), with C-speed
    ``str.count``/``rfind`` between runs, so one stray NUL in a 50 MB file stays cheap.
    """
    hits: list[Hit] = []
    line, pos, total = 1, 0, 0
    for m in _CONTROL_RUN.finditer(text):
        start = m.start()
        line += text.count("\n", pos, start) + text.count("\r", pos, start) - text.count("\r\n", pos, start)
        # exact: a run holds no \r or \n, so no \r\n pair straddles ``pos`` or ``start``
        pos = start
        total += 1
        if len(hits) >= _MAX_CONTROL_HITS:
            continue
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        col = start - line_start + 1
        run = m.group()
        names = ", ".join(sorted({f"U+{ord(c):04X}" for c in run}))
        kind = "NUL byte" if set(run) == {"\x00"} else "control character"
        hits.append(
            Hit("binary-content", line, col, col + len(run), f"{len(run)} {kind}(s) ({names}) inside the text", "")
        )
    if total > _MAX_CONTROL_HITS:
        hits.append(
            Hit("binary-content", 1, 1, 1, f"{total - _MAX_CONTROL_HITS} more runs of control characters not listed")
        )
    return hits
