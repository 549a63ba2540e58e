"""Title, signature, truncation, date, agency and section rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawqa.model import Severity
from lawqa.pipeline import check_path, document_from_text
from lawqa.rules import registry
from lawqa.rules.metadata import agencies_match, document_metadata, expected_sections

CORPUS = Path(__file__).parent / "corpus"
METADATA_RULES = {
    "missing-title",
    "missing-signature",
    "truncated-document",
    "date-inconsistent",
    "agency-mismatch",
    "missing-section",
}

BODY = (
    "一、主要举措和成效",
    "我局认真落实各项工作，取得了一定成效。",
    "二、存在的问题",
    "执法队伍素质有待提高。",
    "三、下一步工作打算",
    "持续推进法治政府建设。",
)


def hits(*lines: str, rules: set[str] = METADATA_RULES):
    return [h for h in document_metadata.run(document_from_text("\n".join(lines))) if h.rule in rules]


def brief(found):
    return [(h.rule, h.line) for h in found]


def report(title="XX局2023年法治政府建设工作总结", closing=("XX局", "2023年12月20日"), extra=()):
    return (title, *BODY, *closing, *extra)


# ---------------------------------------------------------------------- samples


def sample_result(prefix: str):
    return check_path(str(next(CORPUS.glob(f"{prefix}_*.txt"))))


EXPECTED = {
    "000": [("missing-signature", 23)],
    "001": [("missing-section", 1)],  # no 不足/问题 section (a true positive DEFECTS.md does not list)
    "002": [],
    "003": [("missing-signature", 57)],
    "004": [("missing-title", 1)],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_samples_metadata_findings(prefix):
    result = sample_result(prefix)
    found = [(f.rule, f.line) for f in result.findings if f.rule in METADATA_RULES]
    assert found == EXPECTED[prefix]


def test_004_missing_title_names_the_agency_from_the_signature():
    result = sample_result("004")
    finding = next(f for f in result.findings if f.rule == "missing-title")
    assert finding.severity == Severity.WARNING
    assert "agency missing" in finding.message and "株洲市市场监督管理局" in finding.message
    assert finding.suggestion == "株洲市市场监督管理局2020年度法治政府建设情况报告"
    assert (finding.column, finding.end_column) == (1, 17)


def test_001_missing_section_names_the_part():
    result = sample_result("001")
    finding = next(f for f in result.findings if f.rule == "missing-section")
    assert finding.severity == Severity.INFO
    assert "不足/问题" in finding.message


@pytest.mark.parametrize(
    ("prefix", "title", "agency", "year", "signed", "published"),
    [
        ("000", "株洲市渌口区商务局2025年度法治政府建设自查报告", "株洲市渌口区商务局", 2025, None, None),
        (
            "001",
            "株洲市工业和信息化局 2025年度法治政府建设工作情况报告",
            "株洲市工业和信息化局",
            2025,
            "2026-02-25",
            None,
        ),
        ("002", "XX经济和信息化局2023年法治政府建设工作总结", "XX经济和信息化局", 2023, "2023-11-21", None),
        ("003", "吴川市科工贸和信息化局 2023 年法治政府建设年度报告", "吴川市科工贸和信息化局", 2023, None, None),
        ("004", "2020年度法治政府建设情况报告", "株洲市市场监督管理局", 2020, "2021-02-25", "2021-03-04"),
    ],
)
def test_samples_provenance(prefix, title, agency, year, signed, published):
    p = sample_result(prefix).provenance
    assert (p.title, p.agency, p.report_year, p.signed_date, p.published_date) == (
        title,
        agency,
        year,
        signed,
        published,
    )


def test_missing_signature_points_at_the_end_of_the_last_paragraph():
    result = sample_result("000")
    finding = next(f for f in result.findings if f.rule == "missing-signature")
    text = result.document.lines[22]
    assert (finding.column, finding.end_column) == (len(text), len(text) + 1)
    assert finding.excerpt.endswith("。")


def test_rule_docs_and_severities():
    reg = registry()
    assert {rid: reg.get(rid).severity for rid in METADATA_RULES} == {
        "missing-title": Severity.WARNING,
        "missing-signature": Severity.WARNING,
        "truncated-document": Severity.WARNING,
        "date-inconsistent": Severity.WARNING,
        "agency-mismatch": Severity.WARNING,
        "missing-section": Severity.INFO,
    }
    for rid in METADATA_RULES:
        rule = reg.get(rid)
        for section in ("What it does", "Why it matters", "Example", "How to silence"):
            assert rule.section(section), (rid, section)
        assert f'ignore = ["{rid}"]' in rule.section("How to silence")
        assert "[tool.lawqa.severity]" in rule.section("How to silence")


# ------------------------------------------------------------------------ complete


def test_a_complete_report_has_no_findings():
    assert hits(*report()) == []


# -------------------------------------------------------------------------- title


def test_missing_title():
    found = hits(*BODY, "XX局", "2023年12月20日", rules={"missing-title"})
    assert brief(found) == [("missing-title", 1)]
    assert "found none" in found[0].message
    found = hits(*report(title="XX局法治政府建设工作总结"), rules={"missing-title"})
    assert brief(found) == [("missing-title", 1)]
    assert "year missing" in found[0].message


def test_two_line_title_is_one_title():
    assert hits("XX局2023年度", "法治政府建设自查报告", *BODY, "XX局", "2023年12月20日") == []


# ---------------------------------------------------------------------- signature


def test_missing_signature_and_halves():
    assert brief(hits(*report(closing=()), rules={"missing-signature"})) == [("missing-signature", 7)]
    found = hits(*report(closing=("XX局",)), rules={"missing-signature"})
    assert brief(found) == [("missing-signature", 8)]
    assert "signing date" in found[0].message
    found = hits(*report(closing=("2023年12月20日",)), rules={"missing-signature"})
    assert brief(found) == [("missing-signature", 8)]
    assert "signing agency" in found[0].message


def test_indented_signature_with_blank_lines_and_boilerplate_after():
    lines = report(
        closing=("", "      XX局", "", "      二〇二三年十二月二十日", "", "【素材库】加客服微信", "责任编辑:某某")
    )
    assert hits(*lines) == []


# ---------------------------------------------------------------------- truncated


def test_truncated_mid_sentence_and_mid_section():
    found = hits(
        *report(title="XX局2023年法治政府建设工作总结", closing=())[:-1],
        "持续推进法治政府",
        rules={"truncated-document"},
    )
    assert brief(found) == [("truncated-document", 7)]
    assert "'府'" in found[0].message
    found = hits(*report(closing=()), "四、其他事项", rules={"truncated-document"})
    assert brief(found) == [("truncated-document", 8)]
    assert "last heading" in found[0].message
    assert hits(*report(closing=()), rules={"truncated-document"}) == []


# -------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("year", "signed", "published", "expected_line"),
    [
        (2025, "2026年2月25日", None, None),  # signed early next year: normal
        (2023, "2023年11月21日", None, None),  # signed late in the year: normal
        (2023, "2023年12月31日", "2024-01-05", None),
        (2023, "2023年3月1日", None, 9),  # signed long before the year is over
        (2022, "2024年3月1日", None, 9),  # signed more than a year after
        (2023, "2024年1月10日", "2024-01-05", 2),  # published before it was signed
    ],
)
def test_date_inconsistent(year, signed, published, expected_line):
    meta = (f"发布日期：{published}",) if published else ()
    lines = (f"XX局{year}年法治政府建设年度报告", *meta, *BODY, "XX局", signed)
    found = hits(*lines, rules={"date-inconsistent"})
    if expected_line is None:
        assert found == []
    else:
        assert brief(found) == [("date-inconsistent", expected_line)]
        assert "expected" in found[0].message and "found" in found[0].message


def test_date_inconsistent_points_at_the_date():
    lines = ("XX局2023年法治政府建设年度报告", *BODY, "XX局", "   2023年3月1日")
    (hit,) = hits(*lines, rules={"date-inconsistent"})
    assert (hit.column, hit.end_column) == (4, 13)


def test_half_year_report_may_be_signed_in_summer():
    lines = ("XX局2023年上半年法治政府建设工作总结", *BODY, "XX局", "2023年7月5日")
    assert hits(*lines, rules={"date-inconsistent"}) == []


# ------------------------------------------------------------------------- agency


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("株洲市工业和信息化局", "株洲市工业和信息化局", True),
        ("XX经济和信息化局", "XX市经济和信息化局", True),
        ("××局", "株洲市商务局", True),
        ("株洲市工业和信息化局", "市工信局", True),
        ("株洲市渌口区商务局", "区商务局", True),
        ("株洲市工业和信息化局", "株洲市商务局", False),
        ("株洲市市场监督管理局", "株洲市司法局", False),
    ],
)
def test_agencies_match(a, b, same):
    assert agencies_match(a, b) is same
    assert agencies_match(b, a) is same


def test_agency_mismatch():
    found = hits(
        *report(title="株洲市工业和信息化局2023年法治政府建设工作总结", closing=("株洲市商务局", "2023年12月20日"))
    )
    assert brief(found) == [("agency-mismatch", 8)]
    assert "株洲市工业和信息化局" in found[0].message and "found 株洲市商务局" in found[0].message
    # a title without an agency is missing-title's business
    found = hits(*report(title="2023年法治政府建设工作总结", closing=("株洲市商务局", "2023年12月20日")))
    assert brief(found) == [("missing-title", 1)]


# ----------------------------------------------------------------------- sections


def test_missing_sections():
    lines = ("XX局2023年法治政府建设工作总结", "一、主要举措和成效", "做了很多工作。", "XX局", "2023年12月20日")
    found = hits(*lines, rules={"missing-section"})
    assert len(found) == 2
    assert [h.line for h in found] == [1, 1]
    assert "不足/问题" in found[0].message and "下一步" in found[1].message


def test_sections_may_be_introduced_by_paragraphs():
    doc = document_from_text(
        "\n".join(
            (
                "XX局2023年法治政府建设工作总结",
                "一、坚持高站位",
                "取得了一定成效，但还存在一些困难和不足。",
                "我局将在今后的工作中着重发力。",
            )
        )
    )
    assert expected_sections(doc) == ()


def test_degenerate_documents_do_not_crash():
    for lines in ((), ("",), ("XX局2023年工作总结",), ("发布日期：2021-03-04",), ("2023年12月20日",)):
        list(document_metadata.run(document_from_text("\n".join(lines))))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("一二、（）12023年月日局XX市。，：发布日期报告总结 \u3000")), max_size=30)
    )
)
def test_any_lines_give_well_formed_hits(lines):
    doc = document_from_text("\n".join(lines))
    for hit in document_metadata.run(doc):
        assert hit.rule in METADATA_RULES
        assert 1 <= hit.line <= len(doc.lines)
        end_line = hit.end_line or hit.line
        assert (hit.line, hit.column) <= (end_line, hit.end_column)
        assert "expected" in hit.message and "found" in hit.message


_BODY = (
    "\n一、主要举措和成效\n全年推进依法行政，取得成效。\n二、存在的问题\n执法力量不足。\n"
    "三、下一步工作打算\n继续推进。\n"
)


META_RULES = {"missing-title", "missing-signature", "truncated-document", "date-inconsistent", "agency-mismatch"}


def _meta_rules(title: str, signature: str) -> tuple[object, list[str]]:
    doc = document_from_text(title + _BODY + signature)
    hits = [h.rule for c in registry().checkers for h in c.run(doc) if h.rule in META_RULES]
    return doc, hits


def test_standard_abbreviations_are_the_same_agency() -> None:
    assert agencies_match("中共株洲市委政法委员会", "中共株洲市委政法委")
    assert agencies_match("株洲市人民政府", "株洲市政府")
    assert not agencies_match("株洲市财政局", "株洲市审计局")
    _, hits = _meta_rules("中共株洲市委政法委员会2023年法治建设工作总结", "中共株洲市委政法委\n2023年12月20日")
    assert hits == []


def test_a_seal_mark_does_not_hide_the_signature() -> None:
    doc, hits = _meta_rules("株洲市财政局2023年法治政府建设年度报告", "株洲市财政局（盖章）\n2024年1月5日")
    assert doc.signature.agency == "株洲市财政局" and hits == []


def test_a_jointly_issued_report_signs_with_every_agency() -> None:
    doc, hits = _meta_rules(
        "株洲市财政局 株洲市税务局2023年法治政府建设工作报告", "株洲市财政局\n株洲市税务局\n2024年1月8日"
    )
    assert doc.signature.agency == "株洲市财政局、株洲市税务局"
    assert [str(k) for k in doc.kinds[-3:]] == ["signature"] * 3
    assert hits == []
