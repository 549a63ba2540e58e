"""Adverts: self-promotion of material sellers inserted into documents.

Recognised by shape and vocabulary — contacts and handles, phone numbers, a seller's
【…】 bracket, ghost-writing offers, membership and download talk — scored per sentence
with the weights in ``lawqa/data/adverts.toml``; never by a list of known vendors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from lawqa.lexicon import LexiconError, compile_regex, load_toml
from lawqa.model import Document, Hit, Severity
from lawqa.rules.base import checker, define

LEXICON = "adverts.toml"

RULES = (
    define(
        "advert",
        Severity.ERROR,
        "inserted advertising: 【…素材库】, 代笔 offers, 微信/QQ/客服 contacts, phone numbers, 扫码关注",
        """
        ## What it does
        Finds advertising that material sellers insert into documents they redistribute:
        a seller's bracket (【…素材库】, 【…代笔】), ghost-writing offers (代笔, 代写), contacts
        and handles after 微信/VX/QQ/客服/公众号, mobile numbers, 扫码关注, and the sales talk
        around them (会员/VIP, 网盘, 一键下载, 每日更新, 认准…唯一平台). Each sentence is scored
        by the features it shows (weights in `lawqa/data/adverts.toml`); the rule fires only
        when the score is high and the sentence has an advert's shape (a contact, a handle, a
        number, a bracket or an offer), so government text that mentions its 微信公众号, the
        12345 政务服务热线, a 网站 or a 客服 service does not fire. The suggestion deletes the
        advert; it is not applied automatically.

        ## Why it matters
        An advert is not part of the document: it pollutes every corpus built from it and
        marks the copy as taken from a reseller rather than the publishing agency.

        ## Example
        ```
        【哒哒素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新…
        ```
        """,
        fix="unsafe",
    ),
)


@dataclass(frozen=True, slots=True)
class _Feature:
    name: str
    regex: re.Pattern[str]
    weight: int
    shape: bool


@dataclass(frozen=True, slots=True)
class _Model:
    features: tuple[_Feature, ...]
    threshold: int
    vocabulary_only: int
    cues: ahocorasick.Automaton  # lines without a cue are skipped in one scan


_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+|$)")


def _score(model: _Model, sentence: str) -> tuple[bool, int, list[str]]:
    sentence = unicodedata.normalize("NFKC", sentence)  # Ｑ群 → Q群; only scored, spans come from the line
    total, shape, names, vocab = 0, False, [], 0
    for f in model.features:
        words = {m.group() for m in f.regex.finditer(sentence)}
        if words:
            total += f.weight * min(len(words), 2)
            shape = shape or f.shape
            vocab += not f.shape
            names.append(f.name)
    is_ad = (total >= model.threshold and shape) or vocab >= model.vocabulary_only
    return is_ad, total, names


@cache
def model() -> _Model:
    """The advert features, loaded and their specs checked (once per process)."""
    data = load_toml(LEXICON)
    feats = []
    for i, f in enumerate(data.get("feature", [])):
        where = f"{LEXICON} feature #{i + 1} ({f.get('name')!r})"
        if not isinstance(f.get("weight"), int):
            raise LexiconError(f"{where}: needs an integer weight")
        feats.append(
            _Feature(str(f.get("name")), compile_regex(where, f.get("regex")), f["weight"], bool(f.get("shape")))
        )
    cues = ahocorasick.Automaton()
    for cue in data.get("cues", ()):
        if not isinstance(cue, str) or not cue or cue != cue.lower():
            raise LexiconError(f"{LEXICON}: cue {cue!r} must be a non-empty lower-case string")
        for variant in _spellings(cue):
            cues.add_word(variant, cue)
    if not len(cues):
        raise LexiconError(f"{LEXICON}: no cues")
    cues.make_automaton()
    m = _Model(tuple(feats), int(data["threshold"]), int(data["vocabulary-only"]), cues)
    specs = data.get("specs", {})
    for text in specs.get("advert", ()):
        if not _has_cue(m, text):
            raise LexiconError(f"{LEXICON}: spec advert {text!r} contains none of the cues")
        if not _score(m, text)[0]:
            raise LexiconError(f"{LEXICON}: spec advert {text!r} does not score as an advert")
    for text in specs.get("clean", ()):
        if _score(m, text)[0]:
            raise LexiconError(f"{LEXICON}: spec clean {text!r} scores as an advert")
    return m


def _spellings(cue: str) -> set[str]:
    """``cue`` in every letter case, half- and full-width (vx: vx, Vx, vX, VX, ｖｘ, …)."""
    forms = [""]
    for ch in cue:
        options = {ch, ch.upper()} if ch.isascii() and ch.isalpha() else {ch}
        options |= {chr(ord(o) + 0xFEE0) for o in list(options) if o.isascii() and o.isalnum()}
        forms = [f + o for f in forms for o in options]
    return set(forms)


_MOBILE_CUE = re.compile(r"1[3-9][0-9](?:[ -]?[0-9]{4}){2}")  # starts with a literal: a fast scan


def _has_cue(m: _Model, line: str) -> bool:
    return next(m.cues.iter(line), None) is not None or _MOBILE_CUE.search(line) is not None


def advert_span(line: str, m: _Model | None = None) -> tuple[int, int, list[str]] | None:
    """The advert in ``line`` as ``(start, end, features)`` (0-based offsets), or ``None``."""
    m = m or model()
    if not line or not _has_cue(m, line):
        return None
    sentences = [s for s in _SENTENCE.finditer(line) if s.group().strip()]
    scored = [(s, *_score(m, s.group())) for s in sentences]
    ads = [is_ad for _, is_ad, _, _ in scored]
    # a sentence of sales talk next to an advert is part of it
    changed = True
    while changed:
        changed = False
        for i, (_, _, total, _) in enumerate(scored):
            if not ads[i] and total >= 2 and ((i and ads[i - 1]) or (i + 1 < len(ads) and ads[i + 1])):
                ads[i] = changed = True
    first = last = None
    found: list[str] = []
    for (s, _, _, names), is_ad in zip(scored, ads, strict=True):
        if is_ad:
            first = s.start() if first is None else first
            last = s.end()
            found.extend(x for x in names if x not in found)
    if first is None or last is None:
        return None
    while first < last and line[first].isspace():
        first += 1
    while last > first and line[last - 1].isspace():
        last -= 1
    return first, last, found


@checker("advert")
def check_adverts(doc: Document) -> Iterator[Hit]:
    m = model()
    for n, line in enumerate(doc.lines, 1):
        span = advert_span(line, m)
        if span is not None:
            first, last, found = span
            yield Hit("advert", n, first + 1, last + 1, f"inserted advertising ({', '.join(found)})", "")


CHECKERS = (check_adverts,)
