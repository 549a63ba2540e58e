"""Heading hierarchy rules: gaps, duplicates, order, skipped levels and mixed styles.

Headings are numbered per GB/T 9704-2012 (一、 （一） 1. （1）); numbering restarts under
each parent, so each rule looks at *sibling groups*: the headings of one level directly
under one parent. Inline enumerations (一是…二是…, 一要…二要…) are checked the same way,
one sequence per group that :func:`lawqa.document.parse` formed.

One break in a sequence gives one finding, at the line where the sequence breaks:

* a number that is missing and never comes → ``heading-gap`` (（一） then （三）);
* a number already used → ``heading-duplicate``;
* a number that comes too early while the expected one comes later → ``heading-out-of-order``
  (（一） （三） （二）: reported at （三）; the late （二） is not reported again).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from lawqa.document import cn_numeral, heading_marker
from lawqa.model import Document, Heading, Hit, Severity
from lawqa.rules.base import checker, define

__all__ = ["CHECKERS", "RULES", "SeqItem", "check_enumerations", "check_headings", "sequence_breaks"]

RULES = (
    define(
        "heading-gap",
        Severity.ERROR,
        "（一） then （三）: a number is missing at that level",
        """
        ## What it does
        Checks that the numbered headings at each level under one parent (一、二、三、, （一）（二）,
        1. 2., （1）（2）) and the inline enumerations of a paragraph (一是、二是…, 一要、二要…) count
        up without a hole. Numbering restarts under each parent heading. The finding is at the
        heading where the number jumps, and names what was expected and what was found.

        ## Why it matters
        A missing number almost always means a section was lost when the document was scraped,
        converted or cut (a paywall, a page break), or that the author deleted a section and did not
        renumber. Either way the text is not the document that was published.

        ## Example
        ```text
        二、存在的问题
        （一）法治文化产品单一。……
        （三）执法队伍综合素养不高。……   ← expected （二） after （一）, found （三）
        ```
        No suggestion is given: whether a section is missing or the number is a typo cannot be told
        from the text.
        """,
    ),
    define(
        "heading-duplicate",
        Severity.ERROR,
        "the same number twice at one level",
        """
        ## What it does
        Reports a heading (or an inline 一是/二是 item) whose number was already used by a sibling under
        the same parent: （一）（二）（二）（三）.

        ## Why it matters
        A repeated number is either a repeated section (a paragraph duplicated by a scraper or an
        editor) or a numbering typo; both make the document's structure unreliable for citation.

        ## Example
        ```text
        （一）健全职能体系。……
        （二）健全制度体系。……
        （二）强化队伍建设。……   ← expected （三） after （二）, found （二） again
        （四）强化法律宣传工作。……
        ```
        When the next sibling continues as if the duplicate had the expected number (as here: （四）
        follows), the suggestion is that number (（三）); otherwise no suggestion.
        """,
    ),
    define(
        "heading-out-of-order",
        Severity.ERROR,
        "（三） before （二）",
        """
        ## What it does
        Reports the heading (or inline 一是/二是 item) where a sibling sequence breaks because a number
        comes before the one expected, while the expected number still comes later: （一）（三）（二）.
        One break gives one finding, at the line where the order first breaks.

        ## Why it matters
        Swapped sections come from broken page order in PDF extraction, from merged scrapes, or from
        editing. A reader citing "（二）" finds it in the wrong place.

        ## Example
        ```text
        （一）……
        （三）……   ← expected （二） after （一）, found （三）; （二） comes later, at line 9
        （二）……
        ```
        """,
    ),
    define(
        "heading-level-skip",
        Severity.WARNING,
        "a level used without its parent level (1. directly under 一、)",
        """
        ## What it does
        Reports the first heading of a group whose level skips the level above it: `1.` directly under
        `一、` with no `（一）` in between, or `（1）` directly under `（一）`. A document whose top level is
        （一） throughout is fine; a （一） before the document's first 一、 is a skip.

        ## Why it matters
        GB/T 9704-2012 orders the levels 一、 → （一） → 1. → （1）. A skipped level is common in practice,
        hence only a warning, but it also appears when a heading line was lost in conversion.

        ## Example
        ```text
        一、工作开展情况
        1.高度重视，加强组织领导。   ← expected a （一） heading between 一、 and 1.
        ```
        """,
    ),
    define(
        "heading-style-mixed",
        Severity.INFO,
        "（一） and (一) mixed in one document",
        """
        ## What it does
        Reports headings whose marker style differs from the style most used at the same level in the
        same document: full-width （一） against half-width (一), 1. against 1、 or 1．. A document that is
        consistently half-width is not reported (that is `halfwidth-punctuation`'s business). The
        suggestion is the marker in the document's main style (shown, not applied automatically).

        ## Why it matters
        Mixed markers show text pasted together from several sources or edited by hand, and they
        break tools that split documents by heading style.

        ## Example
        ```text
        （一）深化学习……
        (二)优化服务……   ← level 2 uses （一） elsewhere; suggestion （二）
        ```
        """,
        fix="unsafe",
    ),
)

# ------------------------------------------------------------------------ sequences


@dataclass(frozen=True, slots=True)
class SeqItem:
    """One numbered item of a sibling sequence, with where it is and how it is written."""

    line: int
    column: int
    end_column: int
    number: int
    marker: str


@dataclass(frozen=True, slots=True)
class Break:
    """A break in a sequence: ``rule`` at ``item``, ``expected`` the number that should be there."""

    rule: str
    item: SeqItem
    expected: int
    previous: SeqItem | None
    first_seen: SeqItem | None = None  # for duplicates: the earlier item with that number
    later: SeqItem | None = None  # for out-of-order: where the expected number comes
    suggestion_number: int | None = None


def sequence_breaks(items: Sequence[SeqItem]) -> list[Break]:
    """The breaks of one sibling sequence that should count 1, 2, 3 … (linear in its length).

    A gap is a number skipped that never comes; an out-of-order break is a number that comes
    while the expected one comes later (the late one is then not reported again); a duplicate
    is a number already used.
    """
    remaining = Counter(item.number for item in items)
    later_pos: dict[int, list[SeqItem]] = {}
    for item in reversed(items):
        later_pos.setdefault(item.number, []).append(item)  # last element = next occurrence
    seen: dict[int, SeqItem] = {}
    pending: set[int] = set()
    breaks: list[Break] = []
    expected = 1
    previous: SeqItem | None = None
    for index, item in enumerate(items):
        n = item.number
        remaining[n] -= 1
        later_pos[n].pop()
        if n == expected and n not in seen:
            expected = n + 1
        elif n in seen:
            following = items[index + 1].number if index + 1 < len(items) else None
            fix = expected if following == expected + 1 and expected not in seen else None
            breaks.append(
                Break("heading-duplicate", item, expected, previous, first_seen=seen[n], suggestion_number=fix)
            )
            if fix is not None:  # a typo for the expected number: the sequence goes on from there
                expected += 1
        elif n in pending:
            pending.discard(n)
        elif n > expected:
            coming = [k for k in range(expected, n) if remaining.get(k, 0) > 0 and k not in seen]
            if coming:
                pending.update(coming)
                nxt = later_pos[expected][-1] if later_pos.get(expected) else None
                breaks.append(Break("heading-out-of-order", item, expected, previous, later=nxt))
            else:
                breaks.append(Break("heading-gap", item, expected, previous))
            expected = n + 1
        else:  # n < expected, never seen, not pending: an early number arriving late
            breaks.append(Break("heading-out-of-order", item, expected, previous))
        seen.setdefault(n, item)
        previous = item
    return breaks


Render = Callable[[int], str]  # a number → a marker in the style of the sequence's items


def _message(brk: Break, render: Render) -> str:
    want = render(brk.expected)
    found = brk.item.marker
    where = f"after {brk.previous.marker}" if brk.previous else "first at this level"
    if brk.rule == "heading-duplicate":
        first = brk.first_seen.line if brk.first_seen else brk.item.line
        return f"expected {want} {where}, found {found} again (first at line {first})"
    if brk.rule == "heading-out-of-order":
        tail = f"; {want} comes later, at line {brk.later.line}" if brk.later else ""
        return f"expected {want} {where}, found {found}{tail}"
    return f"expected {want} {where}, found {found}: {want} is missing"


def _hits(items: Sequence[SeqItem], render: Render) -> Iterator[Hit]:
    for brk in sequence_breaks(items):
        suggestion = render(brk.suggestion_number) if brk.suggestion_number is not None else None
        yield Hit(
            brk.rule, brk.item.line, brk.item.column, brk.item.end_column, _message(brk, render), suggestion=suggestion
        )


# ------------------------------------------------------------------------- headings


def _item(h: Heading) -> SeqItem:
    return SeqItem(h.line, h.column, h.end_column, h.number, h.marker)


def _heading_render(level: int, style: str) -> Render:
    return lambda number: heading_marker(level, number, style)


def check_headings(headings: Sequence[Heading]) -> Iterator[Hit]:
    """All heading-* hits of a document's headings (in document order)."""
    if not headings:
        return
    top = min(h.level for h in headings)
    groups: dict[tuple[int, int], list[Heading]] = {}
    parents: dict[tuple[int, int], Heading | None] = {}
    stack: list[tuple[int, Heading]] = []
    for index, h in enumerate(headings):
        while stack and stack[-1][1].level >= h.level:
            stack.pop()
        parent = stack[-1] if stack else None
        key = (parent[0] if parent else -1, h.level)
        if key not in groups:
            groups[key] = []
            parents[key] = parent[1] if parent else None
        groups[key].append(h)
        stack.append((index, h))

    for key, group in groups.items():
        parent_heading = parents[key]
        first = group[0]
        parent_level = parent_heading.level if parent_heading else top - 1
        if first.level - parent_level > 1:
            missing = heading_marker(parent_level + 1, 1, "paren-full" if parent_level + 1 in (2, 4) else "dun")
            above = f"{parent_heading.marker} (line {parent_heading.line})" if parent_heading else "the top level"
            yield Hit(
                "heading-level-skip",
                first.line,
                first.column,
                first.end_column,
                f"expected a level-{parent_level + 1} heading such as {missing} between {above} and {first.marker}, "
                f"found {first.marker} (level {first.level}) directly",
            )
        yield from _hits([_item(h) for h in group], _heading_render(first.level, first.style))

    yield from _style_hits(headings)


def _style_hits(headings: Sequence[Heading]) -> Iterator[Hit]:
    by_level: dict[int, Counter[str]] = {}
    first_line: dict[tuple[int, str], Heading] = {}
    for h in headings:
        by_level.setdefault(h.level, Counter())[h.style] += 1
        first_line.setdefault((h.level, h.style), h)
    main: dict[int, str] = {}
    for level, counts in by_level.items():
        if len(counts) > 1:
            # the most used style; on a tie, the one used first
            main[level] = max(counts, key=lambda s: (counts[s], -first_line[(level, s)].line))
    for h in headings:
        want = main.get(h.level)
        if want is None or h.style == want:
            continue
        example = first_line[(h.level, want)]
        suggestion = heading_marker(h.level, h.number, want)
        yield Hit(
            "heading-style-mixed",
            h.line,
            h.column,
            h.end_column,
            f"expected {suggestion} (level {h.level} is written like {example.marker} at line {example.line}), "
            f"found {h.marker}",
            suggestion=suggestion,
        )


# --------------------------------------------------------------------- enumerations


def check_enumerations(doc: Document) -> Iterator[Hit]:
    """Gap/duplicate/order hits of the inline 一是/二是 sequences of ``doc``.

    Only sequences that contain a 一是 (一要 …) are checked: a lone 二是 after 一方面 or 首先 is
    ordinary prose, and reporting it as a gap would be a false positive at error severity.
    """
    groups: dict[int, list[SeqItem]] = {}
    words: dict[int, str] = {}
    for e in doc.enumerations:
        groups.setdefault(e.group, []).append(SeqItem(e.line, e.column, e.end_column, e.number, e.marker))
        words.setdefault(e.group, e.word)
    for group, items in groups.items():
        if all(item.number != 1 for item in items):
            continue  # a stray 二是 without any 一是 is prose (一方面…二是…), not a sequence to check
        word = words[group]
        yield from _hits(items, lambda number, word=word: f"{cn_numeral(number)}{word}")


@checker("heading-gap", "heading-duplicate", "heading-out-of-order", "heading-level-skip", "heading-style-mixed")
def heading_structure(doc: Document) -> Iterable[Hit]:
    """Heading hierarchy and inline enumeration sequences, in one pass over the parsed document."""
    yield from check_headings(doc.headings)
    yield from check_enumerations(doc)


CHECKERS = (heading_structure,)
