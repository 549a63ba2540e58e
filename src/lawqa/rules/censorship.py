"""Censorship: letters standing for characters (D组 → 党组) and names cut out of fixed phrases.

Both rules read the lexicon ``lawqa/data/censorship.toml``; its entries carry their own
exceptions and inline examples, checked when the lexicon loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from lawqa.hanzi import simplified, traditional, traditional_share
from lawqa.lexicon import LexiconError, Replacement, check_specs, compile_regex, fullwidth_variants, load_toml
from lawqa.model import Document, Hit, Severity
from lawqa.rules._text import ALNUM
from lawqa.rules.base import checker, define

LEXICON = "censorship.toml"

RULES = (
    define(
        "censored-term",
        Severity.ERROR,
        "a Latin letter or symbol standing for a character of a fixed term: D组 → 党组, zf → 政府",
        """
        ## What it does
        Finds spellings in which a character of a fixed political or official term has been
        replaced by a Latin letter or an abbreviation to dodge keyword filters — D组 (党组),
        D中央 (党中央), D的二十大 (党的二十大), ZF/zf (政府), GCD (共产党), XJP (习近平) — also with
        full-width letters (Ｄ组). The restored term is the suggestion.

        The lexicon (`lawqa/data/censorship.toml`) lists each term with its spellings, its
        exceptions and inline examples. A letter next to other Latin letters or digits (PDF,
        DNA, 5G, ZF8HP) never fires, nor does a letter inside an enumeration of letters
        (A组、B组、C组、D组; C类和D类) or in a grade or model name (D级, B类, D校区).

        ## Why it matters
        Scraped and re-posted documents often carry these spellings. They break search,
        de-duplication and any downstream model that has to read the text, and they make an
        official document look doctored.

        ## Example
        ```
        利用D组会、局务会深入学习      → 利用党组会、局务会深入学习
        认真贯彻落实D中央、国务院部署   → 认真贯彻落实党中央、国务院部署
        ```

        ## How to silence
        Add `ignore = ["censored-term"]` to `[tool.lawqa]` in pyproject.toml or lawqa.toml, or
        lower it with `[tool.lawqa.severity] censored-term = "warning"`. A spelling that is
        legitimate in your corpus belongs in the entry's `exceptions` in the lexicon.
        """,
        fix="safe",
    ),
    define(
        "censored-deletion",
        Severity.WARNING,
        "a name cut out of a fixed phrase: 深入学习法治思想 → 深入学习习近平法治思想",
        """
        ## What it does
        Finds fixed official phrases from which a name has been deleted — 学习法治思想,
        以新时代中国特色社会主义思想为指导, 总书记重要讲话, 对关于…的重要论述 — and suggests
        the full phrase (习近平法治思想, 习近平总书记关于…). It never fires where the full
        phrase is present.

        ## Why it matters
        Deleting a name is a common way scrapers and re-posters dodge filters. The phrase left
        behind is no longer the official wording: it misquotes the document.

        ## Example
        ```
        贯彻落实党的二十大精神及法治思想   → …精神及习近平法治思想
        对关于法治政府建设的重要论述       → 对习近平总书记关于法治政府建设的重要论述
        ```

        ## How to silence
        Add `ignore = ["censored-deletion"]` to `[tool.lawqa]` in pyproject.toml or lawqa.toml,
        or change its level under `[tool.lawqa.severity]`. A phrase that is legitimate in your
        corpus belongs in the entry's `should-not-match` and pattern in the lexicon.
        """,
        fix="safe",
    ),
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    terms: ahocorasick.Automaton  # spelling → spelling (one scan finds every spelling)
    expected: dict[str, str]  # spelling → restored term
    exceptions: dict[str, tuple[re.Pattern[str], ...]]  # spelling → its entry's exceptions
    deletions: tuple[tuple[str, re.Pattern[str], str, str], ...]  # (anchor, pattern, insert, expected)


_LETTER_ITEM = re.compile(
    r"(?<![A-Za-z0-9])([A-HＡ-Ｈ])[\u4e00-\u9fff]?"
    r"(?=\s*(?:[、，,/和与及或至到~～\-]|以及)\s*[A-HＡ-Ｈ](?![A-Za-z0-9]))"
)


_LETTER_CHAIN = re.compile(r"\s*(?:[、，,/和与及或至到~～\-]|以及)\s*([A-HＡ-Ｈ])(?![A-Za-z0-9])[\u4e00-\u9fff]?")
# every spelling holds a Latin letter: a line without one is skipped at C speed
_LATIN = re.compile("[A-Za-z\uff21-\uff3a\uff41-\uff5a]")


def _letter_enumerations(line: str) -> list[tuple[int, int]]:
    """Spans of enumerations of at least two distinct letters: A组、B组、C组、D组; C类和D类."""
    spans: list[tuple[int, int]] = []
    for m in _LETTER_ITEM.finditer(line):
        # the item after the separator is the next letter; extend over the whole chain
        j = m.end()
        letters = {m.group(1)}
        while (n := _LETTER_CHAIN.match(line, j)) is not None:
            letters.add(n.group(1))
            j = n.end()
        if len(letters) >= 2:
            spans.append((m.start(), j))
    return spans


def _term_automaton(spellings: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for spelling in spellings:
        automaton.add_word(spelling, spelling)
    automaton.make_automaton()
    return automaton


_ALNUM_CHAR = re.compile(f"[{ALNUM}]")


def _spellings_in(lex: _Lexicon, line: str) -> list[tuple[int, int, str]]:
    """Longest non-overlapping spellings in ``line`` that do not touch other Latin letters or digits."""
    cands: dict[int, tuple[int, str]] = {}
    for end_index, spelling in lex.terms.iter(line):
        start, end = end_index - len(spelling) + 1, end_index + 1
        if _ALNUM_CHAR.match(spelling[0]) and start > 0:
            before = line[start - 1]
            if _ALNUM_CHAR.match(before) or (before == " " and start > 1 and _ALNUM_CHAR.match(line[start - 2])):
                continue  # PLAN D的, ABCD组
        if _ALNUM_CHAR.match(spelling[-1]) and end < len(line) and _ALNUM_CHAR.match(line[end]):
            continue  # ZF8HP, GCDs
        if start not in cands or cands[start][0] < end:
            cands[start] = (end, spelling)
    out, pos = [], 0
    for start in sorted(cands):
        end, spelling = cands[start]
        if start >= pos:
            out.append((start, end, spelling))
            pos = end
    return out


def _find_terms(lex: _Lexicon, line: str) -> Iterator[Replacement]:
    if _LATIN.search(line) is None:
        return
    enums: list[tuple[int, int]] | None = None
    # each spelling's exception spans, found once per line: rescanning the whole line for every
    # candidate was quadratic on long lines (5 s on one 600k-character line)
    excepted: dict[str, list[tuple[int, int]]] = {}
    for start, end, found in _spellings_in(lex, line):
        spans = excepted.get(found)
        if spans is None:
            spans = excepted[found] = [e.span() for pat in lex.exceptions.get(found, ()) for e in pat.finditer(line)]
        if any(a < end and start < b for a, b in spans):
            continue
        if enums is None:
            enums = _letter_enumerations(line)
        if any(a <= start < b for a, b in enums):
            continue
        yield Replacement(start, end, found, lex.expected[found])


def _find_deletions(lex: _Lexicon, line: str) -> Iterator[Replacement]:
    plain = simplified(line)  # 學習習近平法治思想 has the name: matched in simplified, same positions
    script: Callable[[str], str] | None = None
    for anchor, pattern, insert, _expected in lex.deletions:
        if anchor not in plain:
            continue
        for m in pattern.finditer(plain):
            if script is None:  # the restored name in the line's own script (a safe fix)
                script = traditional if traditional_share(line) >= 0.15 else str
            start, end = m.span("span")
            yield Replacement(start, end, line[start:end], script(insert) + line[start:end])


@cache
def lexicon() -> _Lexicon:
    """The censorship lexicon, loaded and its specs checked (once per process)."""
    data = load_toml(LEXICON)
    expected: dict[str, str] = {}
    exceptions: dict[str, tuple[re.Pattern[str], ...]] = {}
    defaults = tuple(compile_regex(f"{LEXICON} [defaults]", e) for e in data.get("defaults", {}).get("exceptions", ()))
    for i, entry in enumerate(data.get("term", [])):
        where = f"{LEXICON} term #{i + 1} ({entry.get('expected')!r})"
        want = entry.get("expected")
        if not isinstance(want, str) or not entry.get("patterns"):
            raise LexiconError(f"{where}: needs 'expected' and 'patterns'")
        excs = defaults + tuple(compile_regex(where, e) for e in entry.get("exceptions", ()))
        for pattern in entry["patterns"]:
            for spelling in fullwidth_variants(pattern):
                if spelling in expected and expected[spelling] != want:
                    raise LexiconError(f"{where}: spelling {spelling!r} already stands for {expected[spelling]!r}")
                expected[spelling] = want
                exceptions[spelling] = excs
    for i, entry in enumerate(data.get("letter", [])):
        where = f"{LEXICON} letter #{i + 1} ({entry.get('letter')!r})"
        letter, char = entry.get("letter"), entry.get("stands-for")
        if not (isinstance(letter, str) and isinstance(char, str) and entry.get("words")):
            raise LexiconError(f"{where}: needs 'letter', 'stands-for' and 'words'")
        for word in entry["words"]:
            if char not in word:
                raise LexiconError(f"{where}: word {word!r} does not contain {char!r}")
            for spelling in fullwidth_variants(word.replace(char, letter, 1)):
                expected.setdefault(spelling, word)
                exceptions.setdefault(spelling, defaults)
    deletions = []
    for i, entry in enumerate(data.get("deletion", [])):
        where = f"{LEXICON} deletion #{i + 1} ({entry.get('expected')!r})"
        pat = compile_regex(where, entry.get("pattern"))
        anchor = entry.get("anchor")
        if "span" not in pat.groupindex or not isinstance(entry.get("insert"), str) or not anchor:
            raise LexiconError(f"{where}: needs a regex with a group (?P<span>…), an 'insert' and an 'anchor'")
        for spec in entry.get("specs", ()):
            if anchor not in spec.get("from", ""):
                raise LexiconError(f"{where}: spec {spec.get('from')!r} lacks the anchor {anchor!r}")
        deletions.append((anchor, pat, entry["insert"], str(entry.get("expected"))))
    lex = _Lexicon(_term_automaton(expected), expected, exceptions, tuple(deletions))
    # inline examples: run through the whole lexicon, so entries cannot shadow each other unseen
    for kind, entries, find in (
        ("term", data.get("term", []), _find_terms),
        ("letter", data.get("letter", []), _find_terms),
        ("deletion", data.get("deletion", []), _find_deletions),
    ):
        for i, entry in enumerate(entries):
            check_specs(
                f"{LEXICON} {kind} #{i + 1} ({entry.get('expected')!r})",
                entry.get("specs"),
                entry.get("should-not-match"),
                lambda text, find=find: find(lex, text),
            )
    return lex


@checker("censored-term", "censored-deletion")
def check_censorship(doc: Document) -> Iterator[Hit]:
    """One pass per line: the combined spelling regex, then the deletion patterns."""
    lex = lexicon()
    for n, line in enumerate(doc.lines, 1):
        if not line:
            continue
        for r in _find_terms(lex, line):
            yield Hit(
                "censored-term",
                n,
                r.start + 1,
                r.end + 1,
                f"'{r.found}' looks like a censored spelling of '{r.expected}'",
                r.expected,
            )
        for r in _find_deletions(lex, line):
            yield Hit(
                "censored-deletion",
                n,
                r.start + 1,
                r.end + 1,
                f"'{r.found}' lacks a name cut out of the fixed phrase '{r.expected}'",
                r.expected,
            )


CHECKERS = (check_censorship,)
