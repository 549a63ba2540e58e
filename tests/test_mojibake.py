"""Mojibake repair: lossless garbling is undone exactly, lossy garbling is flagged, clean text is left alone."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lawqa.ingest.encoding import GB_LEVEL1
from lawqa.ingest.mojibake import repair_line, repair_lines
from lawqa.model import Source
from lawqa.pipeline import check_source

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "ingest"
SAMPLES = [*sorted((HERE / "corpus").glob("*.txt")), FIXTURES / "big5_report.utf8.txt"]


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").splitlines()


ALL_LINES = [line for path in SAMPLES for line in _lines(path)]
# A line of only white space has nothing to restore: its garbled form (NBSP → 聽) is a real character.
TEXT_LINES = [line for line in ALL_LINES if line.strip() and not line.isascii()]
TRICKY = [
    line
    for line in (FIXTURES / "tricky_clean.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]

GARBLINGS: dict[str, Callable[[str], str]] = {
    "utf-8 read as gb18030": lambda s: s.encode("utf-8").decode("gb18030"),
    "gb18030 read as latin-1": lambda s: s.encode("gb18030").decode("latin-1"),
    "gb18030 read as cp1252": lambda s: s.encode("gb18030").decode("cp1252"),
    "utf-8 read as latin-1": lambda s: s.encode("utf-8").decode("latin-1"),
    "utf-8 read as cp1252": lambda s: s.encode("utf-8").decode("cp1252"),
    "utf-8 read as latin-1, twice": lambda s: s.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1"),
    "gb18030 read as latin-1, then as utf-8 read as cp1252": lambda s: (
        s.encode("gb18030").decode("latin-1").encode("utf-8").decode("cp1252")
    ),
}


def _garble(line: str, how: str) -> str | None:
    """The line garbled losslessly, or None when that garbling is not lossless for it."""
    try:
        return GARBLINGS[how](line)
    except UnicodeError:
        return None


@pytest.mark.parametrize("how", list(GARBLINGS))
def test_every_sample_line_garbled_losslessly_is_restored(how: str) -> None:
    garbled = {line: g for line in TEXT_LINES if (g := _garble(line, how)) is not None}
    assert garbled, "no line could be garbled this way"
    lines = list(garbled.values())
    result = repair_lines(lines)
    assert len(result.lines) == len(lines)
    wrong = [(orig, new) for orig, new in zip(garbled, result.lines, strict=True) if new != orig]
    assert wrong == []
    assert {h.rule for h in result.hits} == {"mojibake-repaired"}


def test_the_main_ways_cover_most_lines() -> None:
    """Guard against a test that passes by skipping: the Latin-based garblings are lossless for every line."""
    for how in ("gb18030 read as latin-1", "utf-8 read as latin-1"):
        assert all(_garble(line, how) is not None for line in TEXT_LINES)


def test_lossy_garbling_is_flagged_not_repaired() -> None:
    lossy = [
        line.encode("utf-8").decode("gb18030", errors="replace")
        for line in TEXT_LINES
        if _garble(line, "utf-8 read as gb18030") is None
    ]
    assert len(lossy) > 100
    result = repair_lines(lossy)
    assert result.lines == tuple(lossy)
    assert result.repairs == ()
    flagged = {h.line for h in result.hits if h.rule == "mojibake-unrecoverable"}
    assert flagged == set(range(1, len(lossy) + 1))


def test_clean_sample_lines_produce_no_repairs() -> None:
    result = repair_lines(ALL_LINES)
    assert result.lines == tuple(ALL_LINES)
    assert result.repairs == ()
    assert result.hits == ()


def test_tricky_clean_strings_produce_no_repairs() -> None:
    assert len(TRICKY) >= 25
    assert any("锟铻刀" in line for line in TRICKY)
    result = repair_lines(TRICKY)
    assert result.lines == tuple(TRICKY)
    assert result.repairs == ()
    assert result.hits == ()


def test_repair_records_and_hits_point_at_the_span() -> None:
    garbled = "党组会议".encode().decode("latin-1")
    line = "前文正常，" + garbled + "，后文"
    result = repair_lines(["标题", line])
    assert result.lines == ("标题", "前文正常，党组会议，后文")
    (repair,) = result.repairs
    assert (repair.line, repair.kind, repair.before, repair.after) == (2, "mojibake", garbled, "党组会议")
    assert repair.method == "utf-8 read as latin-1/cp1252"
    (hit,) = result.hits
    assert (hit.rule, hit.line, hit.column, hit.end_column, hit.suggestion) == (
        "mojibake-repaired",
        2,
        6,
        10,
        "党组会议",
    )
    assert result.lines[1][hit.column - 1 : hit.end_column - 1] == hit.suggestion


def test_only_the_garbled_part_of_a_gb_line_is_replaced() -> None:
    line = "2023年" + "深入推进依法行政".encode().decode("gb18030") + "。"
    new, spans = repair_line(line)
    assert new == "2023年深入推进依法行政。"
    assert [s[3:5] for s in spans] == [(line[5:-1], "深入推进依法行政")]


@pytest.mark.parametrize(
    ("line", "spans"),
    [
        ("本局锟斤拷锟斤拷法治建设", [(3, 9)]),
        ("数据烫烫烫烫丢失", [(3, 7)]),
        ("屯屯屯", [(1, 4)]),
        ("替换\ufffd\ufffd字符和\ufffd", [(3, 5), (8, 9)]),
    ],
)
def test_unrecoverable_marks_are_flagged_at_their_spans(line: str, spans: list[tuple[int, int]]) -> None:
    result = repair_lines([line])
    assert result.lines == (line,)
    assert [(h.rule, h.column, h.end_column) for h in result.hits] == [
        ("mojibake-unrecoverable", a, b) for a, b in spans
    ]


def test_a_single_kun_or_two_tang_is_not_flagged() -> None:
    assert repair_lines(["锟铻刀", "烫烫的", "屯田"]).hits == ()


def test_repair_end_to_end_through_the_pipeline() -> None:
    original = SAMPLES[2].read_bytes().decode("utf-8")
    lines = original.split("\n")
    garbled_line = lines[3].encode("gb18030").decode("latin-1")
    text = "\n".join([*lines[:3], garbled_line, *lines[4:]])
    data = text.encode("utf-8")
    result = check_source(Source("g.txt", data, hashlib.sha256(data).hexdigest(), len(data)))
    assert result.document is not None
    assert result.document.lines[3] == lines[3]
    assert result.document.decoded_lines[3] == garbled_line
    assert [r.line for r in result.provenance.repairs] == [4]
    repaired = [f for f in result.findings if f.rule == "mojibake-repaired"]
    assert [(f.line, f.severity.value) for f in repaired] == [(4, "warning")]
    assert repaired[0].suggestion is not None and repaired[0].suggestion in lines[3]


_HANZI = sorted(GB_LEVEL1)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*_HANZI, "，", "。", "（", "）", "、", "1", "a"]), min_size=2, max_size=40))
@example("惰但")  # ¶èµ«: the UTF-8 reading of èµ« (赫) must not stop the search and strand the ¶
def test_random_chinese_garbled_via_latin_is_restored(text: str) -> None:
    if sum(ch in GB_LEVEL1 for ch in text) < 2:
        return
    for how in ("gb18030 read as latin-1", "utf-8 read as latin-1", "utf-8 read as cp1252"):
        garbled = _garble(text, how)
        if garbled is None:
            continue
        assert repair_line(garbled)[0] == text, how


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=8))
def test_any_lines_keep_their_count_and_never_raise(lines: list[str]) -> None:
    lines = [ln.replace("\r", "").replace("\n", "") for ln in lines]
    result = repair_lines(lines)
    assert len(result.lines) == len(lines)
    for repair in result.repairs:
        assert repair.before in lines[repair.line - 1]
        assert repair.after in result.lines[repair.line - 1]
