"""The structure parser: line kinds, title, metadata, headings, enumerations, signature."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawqa.document import cn_number, cn_numeral, match_heading, parse, parse_date, published_date_span
from lawqa.model import LineKind
from lawqa.pipeline import document_from_text

CORPUS = Path(__file__).parent / "corpus"


def sample(prefix: str):
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return document_from_text(path.read_text(encoding="utf-8"), path=str(path))


def doc(*lines: str):
    return document_from_text("\n".join(lines))


# ------------------------------------------------------------------ the five samples


def test_000_two_line_title_is_joined_and_has_no_signature():
    d = sample("000")
    assert d.title is not None
    assert d.title.text == "株洲市渌口区商务局2025年度法治政府建设自查报告"
    assert d.title.lines == (1, 2)
    assert (d.title.agency, d.title.year, d.title.kind) == ("株洲市渌口区商务局", 2025, "法治政府建设自查报告")
    assert d.kinds[0] == d.kinds[1] == LineKind.TITLE
    assert d.signature is None
    assert d.published_date is None


def test_000_headings_and_enumerations():
    d = sample("000")
    assert [(h.line, h.level, h.number) for h in d.headings] == [
        (5, 1, 1),
        (6, 2, 1),
        (7, 2, 2),
        (8, 2, 3),
        (9, 2, 4),
        (10, 2, 5),
        (11, 2, 6),
        (12, 2, 7),
        (13, 1, 2),
        (18, 1, 3),
    ]
    groups: dict[int, list[tuple[int, int]]] = {}
    for e in d.enumerations:
        groups.setdefault(e.group, []).append((e.line, e.number))
    assert list(groups.values()) == [
        [(11, 1), (11, 2)],
        [(12, 1), (12, 2), (12, 3)],
        [(15, 1), (16, 2), (17, 3)],
        [(20, 1), (21, 2), (22, 3), (23, 4)],
    ]
    # 一是 at the start of a line and in the middle of a paragraph both count
    first = d.enumerations[0]
    assert (first.marker, first.word) == ("一是", "是")
    assert d.lines[first.line - 1][first.column - 1 : first.end_column - 1] == "一是"


def test_001_half_width_headings_restart_under_each_parent():
    d = sample("001")
    assert [h.marker for h in d.headings][:5] == ["一、", "(一)", "1.", "2.", "3."]
    assert {h.style for h in d.headings if h.level == 2} == {"paren-half"}
    assert [h.number for h in d.headings if h.level == 3] == [1, 2, 3, 1, 2, 3, 4, 1, 2, 3]
    assert d.title is not None
    assert (d.title.agency, d.title.year) == ("株洲市工业和信息化局", 2025)
    assert d.title.kind == "法治政府建设工作情况报告"
    sig = d.signature
    assert sig is not None
    assert (sig.agency, sig.agency_line, sig.date, sig.date_line) == ("株洲市工业和信息化局", 21, "2026-02-25", 22)
    assert d.kinds[20] == d.kinds[21] == LineKind.SIGNATURE


def test_002_title_after_blank_line_signature_then_boilerplate():
    d = sample("002")
    assert d.title is not None
    assert d.title.text == "XX经济和信息化局2023年法治政府建设工作总结"
    assert d.title.lines == (2,)
    assert (d.title.agency, d.title.year, d.title.kind) == ("XX经济和信息化局", 2023, "法治政府建设工作总结")
    assert d.kinds[0] == d.kinds[2] == LineKind.BLANK  # line 3 is a lone space
    sig = d.signature
    assert sig is not None
    assert (sig.agency, sig.agency_line, sig.date, sig.date_line) == ("XX经济和信息化局", 27, "2023-11-21", 28)
    for line in (30, 31, 32, 33, 36):
        assert d.kinds[line - 1] == LineKind.BOILERPLATE, line
    assert d.kinds[33] == d.kinds[34] == LineKind.BLANK
    gap = [h for h in d.headings if h.line in (18, 19)]
    assert [(h.marker, h.number, h.column, h.end_column) for h in gap] == [("（一）", 1, 1, 4), ("（三）", 3, 1, 4)]


def test_003_title_after_blank_lines_spaced_year_no_signature():
    d = sample("003")
    assert d.title is not None
    assert d.title.lines == (3,)
    assert (d.title.agency, d.title.year, d.title.kind) == ("吴川市科工贸和信息化局", 2023, "法治政府建设年度报告")
    assert d.signature is None
    assert [h.marker for h in d.headings if h.level == 1] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert d.kinds[-1] == LineKind.BLANK
    assert d.kinds[56] == LineKind.BODY


def test_004_metadata_indented_heading_and_signature():
    d = sample("004")
    assert d.title is not None
    assert d.title.text == "2020年度法治政府建设情况报告"
    assert (d.title.agency, d.title.year) == (None, 2020)
    assert d.kinds[2] == LineKind.METADATA
    assert d.kinds[59] == LineKind.METADATA  # 责任编辑 after the signature is still metadata
    assert d.published_date == "2021-03-04"
    span = published_date_span(d)
    assert span is not None and (span.line, span.date) == (3, "2021-03-04")
    assert d.lines[2][span.column - 1 : span.end_column - 1] == "2021-03-04"
    l7 = d.headings[0]
    assert (l7.line, l7.level, l7.number, l7.column, l7.marker) == (7, 1, 1, 5, "一、")
    sig = d.signature
    assert sig is not None
    assert (sig.agency, sig.agency_line, sig.date, sig.date_line) == ("株洲市市场监督管理局", 55, "2021-02-25", 57)
    words = [(e.marker, e.group) for e in d.enumerations]
    assert words == [("一是", 0), ("二是", 0), ("三是", 0), ("一要", 1), ("二要", 1), ("三要", 1)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_samples_have_one_kind_per_line(prefix):
    d = sample(prefix)
    assert len(d.kinds) == len(d.lines)
    for kind, text in zip(d.kinds, d.lines, strict=True):
        assert (kind == LineKind.BLANK) == (not text.strip())


# ------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("text", "level", "number", "marker", "style"),
    [
        ("一、总体情况", 1, 1, "一、", "dun"),
        ("十一、其他", 1, 11, "十一、", "dun"),
        ("二十三、附则", 1, 23, "二十三、", "dun"),
        ("（一）深化学习", 2, 1, "（一）", "paren-full"),
        ("(一)强化顶层设计", 2, 1, "(一)", "paren-half"),
        ("（十二）监督", 2, 12, "（十二）", "paren-full"),
        ("（三)混合", 2, 3, "（三)", "paren-mixed"),
        ("1.高度重视", 3, 1, "1.", "dot"),
        ("2、深入学习", 3, 2, "2、", "dun"),
        ("3．严格制度", 3, 3, "3．", "dot-full"),
        ("12.第十二项", 3, 12, "12.", "dot"),
        ("（1）第一小项", 4, 1, "（1）", "paren-full"),
        ("(2)第二小项", 4, 2, "(2)", "paren-half"),
    ],
)
def test_heading_forms(text, level, number, marker, style):
    h = match_heading(text, 9)
    assert h is not None
    assert (h.line, h.level, h.number, h.marker, h.style) == (9, level, number, marker, style)
    assert (h.column, h.end_column) == (1, 1 + len(marker))


def test_indented_heading_columns_point_at_the_marker():
    h = match_heading("    一、坚持高站位", 7)
    assert h is not None
    assert (h.column, h.end_column, h.title) == (5, 7, "坚持高站位")
    h = match_heading("\u3000\u3000（二）全角空格", 3)
    assert h is not None and h.column == 3


@pytest.mark.parametrize(
    "text",
    [
        "1.5亿元资金已拨付到位。",
        "2023年，我局认真贯彻落实。",
        "12345热线工单办结率100%。",
        "3·15国际消费者权益日活动。",
        "2.5%的增长率。",
        "3、4月份开展专项检查。",
        "2023.11.21召开会议。",
        "一是加强学习。",
        "十四五期间，全面推进。",
        "一、二季度完成任务。",
        "（2021-2025年）规划纲要。",
        "0.5个百分点。",
        "",
        "   ",
    ],
)
def test_number_led_body_text_is_not_a_heading(text):
    assert match_heading(text) is None


def test_numerals_round_trip():
    for n in range(1, 100):
        assert cn_number(cn_numeral(n)) == n
    assert [cn_numeral(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    for bad in ("", "十十", "零", "一二", "二十零", "百"):
        assert cn_number(bad) is None


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2026年2月25日", "2026-02-25"),
        ("2026 年 2 月 25 日", "2026-02-25"),
        ("二〇二三年十一月二十一日", "2023-11-21"),
        ("2023.11.21", "2023-11-21"),
        ("2023-11-21", "2023-11-21"),
        ("2023/1/5", "2023-01-05"),
        ("发布日期:2021-03-04作者:", "2021-03-04"),
        ("2023年2月30日", None),
        ("没有日期", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


# ----------------------------------------------------------------- title, signature

BODY = "一、工作情况\n我局认真落实各项工作。\n二、存在问题\n问题仍然存在。"


@pytest.mark.parametrize(
    ("closing", "agency", "iso"),
    [
        ("XX局\n2023年12月1日", "XX局", "2023-12-01"),
        ("\n          XX局\n\n\n          2023年12月1日\n", "XX局", "2023-12-01"),
        ("XX局\n二〇二三年十二月一日", "XX局", "2023-12-01"),
        ("XX局\n2023.12.01", "XX局", "2023-12-01"),
        ("XX局\n2023-12-01", "XX局", "2023-12-01"),
        ("XX局  2023年12月1日", "XX局", "2023-12-01"),
        ("2023年12月1日", None, "2023-12-01"),
        ("XX局", "XX局", None),
    ],
)
def test_signature_forms(closing, agency, iso):
    d = doc("XX局2023年工作总结", BODY, closing)
    assert d.signature is not None
    assert (d.signature.agency, d.signature.date) == (agency, iso)
    for line in (d.signature.agency_line, d.signature.date_line):
        if line is not None:
            assert d.kinds[line - 1] == LineKind.SIGNATURE


def test_everything_after_the_signature_is_boilerplate_or_metadata():
    d = doc(
        "XX局2023年工作总结",
        BODY,
        "XX局",
        "2023年12月1日",
        "",
        "【某某素材库】关注公众号",
        "责任编辑:张三",
        "打印本页 关闭窗口",
    )
    assert d.kinds[-4:] == (LineKind.BLANK, LineKind.BOILERPLATE, LineKind.METADATA, LineKind.METADATA)


def test_a_dated_body_line_before_the_last_heading_is_not_a_signature():
    d = doc("XX局2023年工作总结", "一、情况", "2023年3月1日", "二、问题", "仍有不足。")
    assert d.signature is None
    assert [h.line for h in d.headings] == [2, 4]
    assert d.kinds[2] == LineKind.BODY


def test_title_variants():
    d = doc("", "", "关于XX市司法局2022年度法治政府建设情况的报告", "", "正文。")
    assert d.title is not None
    assert (d.title.lines, d.title.agency, d.title.year) == ((3,), "XX市司法局", 2022)
    d = doc("2023年，我局认真贯彻落实各项要求，取得了成效。", "一、情况")
    assert d.title is None
    d = doc("一、工作情况", "正文。")
    assert d.title is None and d.kinds[0] == LineKind.HEADING
    d = doc("某某县人民政府", "二〇二二年法治政府建设年度报告", "正文。")
    assert d.title is not None
    assert (d.title.text, d.title.agency, d.title.year) == (
        "某某县人民政府二〇二二年法治政府建设年度报告",
        "某某县人民政府",
        2022,
    )


def test_metadata_lines():
    d = doc("XX局2023年工作总结", "发布时间：2024年1月5日 10:30", "来源：XX局", "浏览次数：123", "正文。")
    assert d.kinds[1:4] == (LineKind.METADATA,) * 3
    assert d.published_date == "2024-01-05"
    assert doc("来源于群众的意见得到落实。").kinds == (LineKind.BODY,)


# ---------------------------------------------------------------------- enumerations


def test_several_enumerations_in_one_paragraph():
    d = doc("（一）标题。一是甲。二是乙。另外，一要丙；二要丁；三要戊。此外，一是己。二是庚。")
    seq = [(e.marker, e.group) for e in d.enumerations]
    assert seq == [("一是", 0), ("二是", 0), ("一要", 1), ("二要", 1), ("三要", 1), ("一是", 2), ("二是", 2)]


def test_enumeration_needs_a_boundary_before_it():
    d = doc("统一要求，唯一是标准，进一步要求。第一是重点。")
    assert d.enumerations == ()


def test_enumeration_groups_end_at_headings():
    d = doc("一、甲", "一是A。二是B。", "二、乙", "二是C。")
    assert [e.group for e in d.enumerations] == [0, 0, 1]


# ------------------------------------------------------------ degenerate documents


def test_no_headings_at_all():
    d = doc("我局认真落实各项工作。", "取得了一定成效。")
    assert d.headings == () and d.enumerations == ()
    assert d.title is None
    assert d.kinds == (LineKind.BODY, LineKind.BODY)


def test_only_inline_enumerations_ten_thousand_lines():
    lines = [f"{cn_numeral(i % 9 + 1)}是第{i}项工作。" for i in range(10_000)]
    d = doc(*lines)
    assert len(d.kinds) == 10_000
    assert d.headings == ()
    assert len(d.enumerations) == 10_000
    assert len({e.group for e in d.enumerations}) == 10_000 // 9 + 1


def test_flat_numbered_list_of_a_thousand_lines():
    lines = [f"{i}.第{i}项。" for i in range(1, 1001)]
    d = doc(*lines)
    assert len(d.kinds) == 1000
    # 1.–999. are level-3 headings; "1000." has four digits and is body text
    assert [h.number for h in d.headings] == list(range(1, 1000))
    assert d.kinds[-1] == LineKind.BODY


def test_empty_document():
    d = doc()
    assert d.kinds == () and d.title is None and d.signature is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet=st.sampled_from(list("一二十是要、.．（）() 1234567890年月日局XX。，：:\u3000发布日期"))))
)
def test_any_lines_parse(lines):
    text_lines = [ln.replace("\r", "").replace("\n", "") for ln in lines]
    d = document_from_text("\n".join(text_lines))
    again = parse(d)
    assert len(d.kinds) == len(d.lines)
    assert again.kinds == d.kinds and again.headings == d.headings
    for h in d.headings:
        assert d.lines[h.line - 1][h.column - 1 : h.end_column - 1] == h.marker
    for e in d.enumerations:
        assert d.lines[e.line - 1][e.column - 1 : e.end_column - 1] == e.marker


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=30))
def test_arbitrary_unicode_never_crashes(lines):
    d = document_from_text("\n".join(lines))
    assert len(d.kinds) == len(d.lines)


def test_a_date_line_far_from_the_end_is_not_a_signature():
    lines = ["XX局2023年工作总结", "我局认真落实。", "2023年3月1日", *[f"第{i}段正文。" for i in range(30)]]
    d = doc(*lines)
    assert d.signature is None
    assert d.kinds[-1] == LineKind.BODY


def test_an_enumeration_line_is_not_a_title():
    d = doc("一是加强学习", "二是完善制度")
    assert d.title is None
    assert [e.number for e in d.enumerations] == [1, 2]
