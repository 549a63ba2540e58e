"""Heading hierarchy rules: the samples, hand-made cases and property-based outlines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lawqa.model import Severity
from lawqa.pipeline import check_path, document_from_text
from lawqa.rules import registry
from lawqa.rules.structure import SeqItem, heading_structure, sequence_breaks

CORPUS = Path(__file__).parent / "corpus"
HEADING_RULES = {
    "heading-gap",
    "heading-duplicate",
    "heading-out-of-order",
    "heading-level-skip",
    "heading-style-mixed",
}


def hits(*lines: str):
    return [h for h in heading_structure.run(document_from_text("\n".join(lines))) if h.rule in HEADING_RULES]


def brief(found):
    return [(h.rule, h.line) for h in found]


# ---------------------------------------------------------------------- samples


@pytest.mark.parametrize("path", sorted(CORPUS.glob("0*.txt")), ids=lambda p: p.name[:3])
def test_samples_heading_findings_are_exactly_those_of_defects_md(path):
    result = check_path(str(path))
    found = [(f.rule, f.line, f.column, f.end_column) for f in result.findings if f.rule in HEADING_RULES]
    if path.name.startswith("002"):
        assert found == [("heading-gap", 19, 1, 4)]
        finding = next(f for f in result.findings if f.rule == "heading-gap")
        assert finding.severity == Severity.ERROR
        assert finding.message.startswith("expected （二） after （一）, found （三）")
        assert finding.suggestion is None
        assert "（三）" in finding.excerpt
    else:
        assert found == []


def test_registry_severities_match_the_contract():
    reg = registry()
    severities = {rid: reg.get(rid).severity for rid in HEADING_RULES}
    assert severities == {
        "heading-gap": Severity.ERROR,
        "heading-duplicate": Severity.ERROR,
        "heading-out-of-order": Severity.ERROR,
        "heading-level-skip": Severity.WARNING,
        "heading-style-mixed": Severity.INFO,
    }
    for rid in HEADING_RULES:
        rule = reg.get(rid)
        for section in ("What it does", "Why it matters", "Example", "How to silence"):
            assert rule.section(section), (rid, section)
        assert f'ignore = ["{rid}"]' in rule.section("How to silence")


# ------------------------------------------------------------------ hand-made cases


def test_gap():
    found = hits("一、甲", "（一）a", "（三）c")
    assert brief(found) == [("heading-gap", 3)]
    assert found[0].message == "expected （二） after （一）, found （三）: （二） is missing"
    assert (found[0].column, found[0].end_column, found[0].suggestion) == (1, 4, None)


def test_gap_at_the_start_of_a_level():
    found = hits("一、甲", "（二）b", "（三）c")
    assert brief(found) == [("heading-gap", 2)]
    assert "expected （一） first at this level, found （二）" in found[0].message


def test_duplicate_with_and_without_an_obvious_fix():
    found = hits("（一）a", "（二）b", "（二）c", "（四）d")
    assert brief(found) == [("heading-duplicate", 3)]
    assert found[0].message == "expected （三） after （二）, found （二） again (first at line 2)"
    assert found[0].suggestion == "（三）"
    found = hits("（一）a", "（二）b", "（二）b", "（三）c")
    assert brief(found) == [("heading-duplicate", 3)]
    assert found[0].suggestion is None


def test_out_of_order_is_reported_once_where_the_sequence_breaks():
    found = hits("1.a", "3.c", "2.b", "4.d")
    assert brief(found) == [("heading-out-of-order", 2)]
    assert found[0].message == "expected 2. after 1., found 3.; 2. comes later, at line 3"
    found = hits("一、a", "四、d", "三、c", "二、b", "五、e")
    assert brief(found) == [("heading-out-of-order", 2)]


def test_numbering_restarts_under_each_parent():
    assert hits("一、a", "（一）x", "（二）y", "二、b", "（一）x", "1.p", "2.q", "（二）y", "1.p") == []


def test_numbers_past_ten():
    lines = [f"{m}、标题" for m in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十四"]]
    found = hits(*lines)
    assert brief(found) == [("heading-gap", 13)]
    assert "expected 十三、 after 十二、, found 十四、" in found[0].message


def test_level_skip():
    found = hits("一、a", "1.x", "2.y", "二、b", "（一）c")
    assert brief(found) == [("heading-level-skip", 2)]
    assert found[0].message.startswith("expected a level-2 heading such as （一） between 一、 (line 1) and 1.")
    # a document whose top level is （一） is fine; （一） before the first 一、 is a skip
    assert hits("（一）a", "（二）b", "1.x") == []
    assert brief(hits("（一）a", "一、b", "（一）c")) == [("heading-level-skip", 1)]


def test_style_mixed():
    found = hits("一、a", "（一）x", "(二)y", "（三）z")
    assert brief(found) == [("heading-style-mixed", 3)]
    assert found[0].suggestion == "（二）"
    assert "found (二)" in found[0].message
    # consistently half-width, or different styles at different levels: fine
    assert hits("一、a", "(一)x", "(二)y", "1.p", "2.q") == []
    assert hits("一、a", "（一）x", "1、p", "(1)m", "（二）y", "1、q", "(1)n") == []
    # 1. against 1、 is mixed too
    assert brief(hits("1.a", "2、b", "3.c")) == [("heading-style-mixed", 2)]


def test_indented_and_inline_text_headings():
    assert hits("    一、a", "  （一）x。一是p。二是q。", "（二）y", "二、b") == []


def test_enumeration_sequences():
    found = hits("（一）标题。一是甲。三是丙。")
    assert brief(found) == [("heading-gap", 1)]
    assert found[0].message == "expected 二是 after 一是, found 三是: 二是 is missing"
    assert brief(hits("一是甲。二是乙。二是丙。三是丁。")) == [("heading-duplicate", 1)]
    assert brief(hits("一要甲；三要丙；二要乙。")) == [("heading-out-of-order", 1)]
    assert brief(hits("二是乙。一是甲。三是丙。")) == [("heading-out-of-order", 1)]
    # prose: 一方面 … 二是 … is not a sequence
    assert hits("（一）标题。一方面加强学习，二是完善制度。") == []
    # one sequence per word, a restart at 一是, several paragraphs under one heading
    assert hits("一是甲。一要乙。二是丙。二要丁。", "一是戊。二是己。", "三是庚。") == []


def test_no_headings_is_fine():
    assert hits("我局认真落实。", "成效明显。") == []
    assert hits() == []


def test_sequence_breaks_is_linear_for_a_long_flat_list():
    items = [SeqItem(i, 1, 2, i, f"{i}.") for i in range(1, 5001)]
    assert sequence_breaks(items) == []
    items[2500] = SeqItem(2501, 1, 2, 2500, "2500.")
    assert [(b.rule, b.item.line, b.suggestion_number) for b in sequence_breaks(items)] == [
        ("heading-duplicate", 2501, 2501)
    ]


def test_only_enumerations_thousand_lines():
    lines = []
    for i in range(1000):
        lines.append(f"{'一二三四五'[i % 5]}是第{i}项工作。")
    assert hits(*lines) == []


# ------------------------------------------------------------ property-based outlines

CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
STYLES = {
    1: ["dun", "dot-full"],
    2: ["paren-full", "paren-half"],
    3: ["dot", "dun", "dot-full"],
    4: ["paren-full", "paren-half"],
}
TITLES = ["加强组织领导", "规范行政执法", "深化普法宣传", "健全制度体系", "强化队伍建设", "优化营商环境"]
SENTENCES = [
    "我局认真落实各项工作要求。",
    "1.5亿元资金已拨付到位。",
    "2023年，全面推进依法行政。",
    "12345热线工单办结率100%。",
    "3·15消费者权益日活动顺利开展。",
    "2.5%的增长来自政策落实。",
    "10.8万人次参与线上学法。",
    "一年来，法治建设成效明显。",
    "十四五期间，持续推进法治政府建设。",
]
PHRASES = ["加强学习", "完善机制", "严格执法", "强化监督", "优化服务", "狠抓落实"]


def marker(level: int, number: int, style: str) -> str:
    numeral = CN[number] if level in (1, 2) else str(number)
    if level in (2, 4):
        return f"（{numeral}）" if style == "paren-full" else f"({numeral})"
    return numeral + {"dun": "、", "dot": ".", "dot-full": "．"}[style]


@st.composite
def enumeration_text(draw) -> str:
    word = draw(st.sampled_from(["是", "要"]))
    count = draw(st.integers(1, 6))
    text = "".join(f"{CN[i]}{word}{draw(st.sampled_from(PHRASES))}。" for i in range(1, count + 1))
    if draw(st.booleans()):  # a second sequence in the same paragraph
        other = draw(st.sampled_from(["是", "要"]))
        text += "另外，" + "；".join(f"{CN[i]}{other}{PHRASES[i % len(PHRASES)]}" for i in range(1, 4)) + "。"
    return draw(st.sampled_from(["", "主要表现在：", "具体如下。"])) + text


@st.composite
def paragraphs(draw) -> list[str]:
    kind = draw(st.sampled_from(["sentences", "inline", "line-start", "none"]))
    if kind == "sentences":
        return ["".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))]
    if kind == "inline":
        return [draw(st.sampled_from(SENTENCES)) + draw(enumeration_text())]
    if kind == "line-start":
        count = draw(st.integers(1, 5))
        return [f"{CN[i]}是{PHRASES[i % len(PHRASES)]}。{SENTENCES[i % len(SENTENCES)]}" for i in range(1, count + 1)]
    return []


@st.composite
def outlines(draw) -> tuple[list[dict], bool]:
    """A valid outline: blocks of (level, number, lines), the first line of each a heading."""
    top = draw(st.integers(1, 2))
    depth = draw(st.integers(top, 4))
    styles = {level: draw(st.sampled_from(STYLES[level])) for level in range(top, depth + 1)}
    total = draw(st.integers(1, 45))
    counts: dict[int, int] = {}
    blocks: list[dict] = []
    previous = top - 1
    for _ in range(total):
        options = [lv for lv in range(top, min(previous + 1, depth) + 1) if counts.get(lv, 0) < 15]
        if not options:
            break
        deeper = previous + 1
        level = deeper if deeper in options and draw(st.booleans()) else draw(st.sampled_from(options))
        for deeper in [lv for lv in counts if lv > level]:
            del counts[deeper]
        counts[level] = counts.get(level, 0) + 1
        number = counts[level]
        heading = marker(level, number, styles[level]) + draw(st.sampled_from(TITLES))
        if draw(st.booleans()):
            heading += "。" + draw(enumeration_text())
        blocks.append({"level": level, "number": number, "lines": [heading, *draw(paragraphs())]})
        previous = level
    return blocks, draw(st.booleans())


def render(blocks: list[dict], spaced: bool) -> tuple[list[str], list[int]]:
    """The document's lines and the 1-based line of each block's heading."""
    lines = [
        "XX经济和信息化局2024年法治政府建设工作总结",
        "2024年，我局认真贯彻落实各项部署。一是强化学习。二是完善制度。",
    ]
    heads = []
    for block in blocks:
        for i, text in enumerate(block["lines"]):
            if spaced:
                lines.append("")
            if i == 0:
                heads.append(len(lines) + 1)
            lines.append(text)
    lines += ["", "XX经济和信息化局", "2024年12月20日"]
    return lines, heads


def subtree_end(blocks: list[dict], k: int) -> int:
    j = k + 1
    while j < len(blocks) and blocks[j]["level"] > blocks[k]["level"]:
        j += 1
    return j


def next_sibling(blocks: list[dict], k: int) -> int | None:
    j = subtree_end(blocks, k)
    if j < len(blocks) and blocks[j]["level"] == blocks[k]["level"]:
        return j
    return None


def check(lines: list[str]):
    return [h for h in heading_structure.run(document_from_text("\n".join(lines))) if h.rule in HEADING_RULES]


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(outlines())
def test_valid_outlines_give_no_heading_findings(outline):
    blocks, spaced = outline
    lines, heads = render(blocks, spaced)
    doc = document_from_text("\n".join(lines))
    assert [h.line for h in doc.headings] == heads
    assert check(lines) == []


@PROPERTY
@given(outlines(), st.data())
def test_deleting_one_item_gives_one_gap(outline, data):
    blocks, spaced = outline
    eligible = [k for k in range(len(blocks)) if next_sibling(blocks, k) is not None]
    assume(eligible)
    k = data.draw(st.sampled_from(eligible))
    sibling = next_sibling(blocks, k)
    mutated = blocks[:k] + blocks[sibling:]
    lines, heads = render(mutated, spaced)
    found = check(lines)
    assert brief(found) == [("heading-gap", heads[k])]
    assert f"found {lines[heads[k] - 1][: len(marker_of(blocks[sibling]))]}" in found[0].message


@PROPERTY
@given(outlines(), st.data())
def test_duplicating_one_item_gives_one_duplicate(outline, data):
    blocks, spaced = outline
    k = data.draw(st.integers(0, len(blocks) - 1))
    end = subtree_end(blocks, k)
    mutated = blocks[:end] + blocks[k:end] + blocks[end:]
    lines, heads = render(mutated, spaced)
    assert brief(check(lines)) == [("heading-duplicate", heads[end])]


@PROPERTY
@given(outlines(), st.data())
def test_swapping_two_items_gives_one_out_of_order(outline, data):
    blocks, spaced = outline
    eligible = [k for k in range(len(blocks)) if next_sibling(blocks, k) is not None]
    assume(eligible)
    k = data.draw(st.sampled_from(eligible))
    s = next_sibling(blocks, k)
    assert s is not None
    end = subtree_end(blocks, s)
    mutated = blocks[:k] + blocks[s:end] + blocks[k:s] + blocks[end:]
    lines, heads = render(mutated, spaced)
    assert brief(check(lines)) == [("heading-out-of-order", heads[k])]


def marker_of(block: dict) -> str:
    text = block["lines"][0]
    return next(text[: i + 1] for i, ch in enumerate(text) if ch in "、.．）)")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(list("一二三十是要、.．（）() 123年月日局XX。，\u3000")), max_size=30))
)
def test_any_lines_give_well_formed_hits(lines):
    doc = document_from_text("\n".join(ln for ln in lines))
    for hit in heading_structure.run(doc):
        assert hit.rule in HEADING_RULES
        assert 1 <= hit.line <= len(doc.lines)
        assert 1 <= hit.column < hit.end_column <= len(doc.lines[hit.line - 1]) + 1
        assert "expected" in hit.message and "found" in hit.message


def _heading_findings(text: str) -> list[tuple[int, str]]:
    doc = document_from_text(text)
    return [(h.line, h.rule) for h in heading_structure.run(doc)]


def test_attachment_list_is_not_a_heading_sequence() -> None:
    """附件：1.… / 2.… lists attached documents (GB/T 9704-2012 7.3.4), not the report's headings."""
    text = (
        "某市住房和城乡建设局2023年法治政府建设年度报告\n一、主要举措\n（一）健全制度。\n二、存在问题\n"
        "一是执法力量不足。\n三、下一步打算\n继续推进依法行政。\n附件：1.执法检查情况统计表\n2.行政复议案件统计表\n"
        "某市住房和城乡建设局\n2024年1月10日"
    )
    doc = document_from_text(text)
    assert _heading_findings(text) == []
    assert [str(k) for k in doc.kinds[7:9]] == ["attachment", "attachment"]
    assert doc.signature is not None and doc.signature.date == "2024-01-10"


def test_parts_restart_the_numbering_and_are_checked_themselves() -> None:
    parts = (
        "某县人民政府2022年报告\n第一部分 工作情况\n一、组织领导\n二、依法决策\n"
        "第二部分 下一步打算\n一、存在问题\n二、打算\n"
    )
    doc = document_from_text(parts)
    assert [(h.level, h.marker) for h in doc.headings][:2] == [(0, "第一部分"), (1, "一、")]
    assert _heading_findings(parts) == []
    gap = parts.replace("第二部分", "第三部分")
    assert _heading_findings(gap) == [(5, "heading-gap")]


def test_a_sentence_that_starts_like_a_part_is_body_text() -> None:
    doc = document_from_text("某局2023年工作总结\n一、工作情况\n第一章规定了总则，第二章规定了监管职责。\n")
    assert [h.marker for h in doc.headings] == ["一、"]
