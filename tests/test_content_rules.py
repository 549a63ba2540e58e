"""The content rules on the five samples (tests/corpus, DEFECTS.md) and on their must-nots."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawqa.lexicon import LexiconError, Replacement, check_specs, fullwidth_variants
from lawqa.model import Hit, Severity
from lawqa.pipeline import check_path, document_from_text
from lawqa.rules import registry
from lawqa.rules.adverts import advert_span
from lawqa.rules.base import DOC_SECTIONS
from lawqa.rules.junk import find_junk

CORPUS = Path(__file__).parent / "corpus"
CONTENT_RULES = (
    "censored-term",
    "censored-deletion",
    "redaction-placeholder",
    "advert",
    "paywall-marker",
    "web-boilerplate",
    "conversion-artifact",
    "inserted-junk",
    "duplicate-line",
    "halfwidth-punctuation",
    "cjk-spacing",
    "broken-line",
)
SEVERITIES = {
    "censored-term": Severity.ERROR,
    "censored-deletion": Severity.WARNING,
    "redaction-placeholder": Severity.WARNING,
    "advert": Severity.ERROR,
    "paywall-marker": Severity.ERROR,
    "web-boilerplate": Severity.WARNING,
    "conversion-artifact": Severity.WARNING,
    "inserted-junk": Severity.WARNING,
    "duplicate-line": Severity.WARNING,
    "halfwidth-punctuation": Severity.INFO,
    "cjk-spacing": Severity.INFO,
    "broken-line": Severity.INFO,
}
SAMPLES = {p.name[:3]: p for p in sorted(CORPUS.glob("*.txt"))}


def hits_of(text: str) -> list[Hit]:
    doc = document_from_text(text)
    out: list[Hit] = []
    for chk in registry().checkers:
        if chk.emits & set(CONTENT_RULES):
            out.extend(h for h in chk.run(doc) if h.rule in CONTENT_RULES)
    return out


@cache
def sample(key: str) -> tuple[tuple[str, ...], dict[str, list[Hit]]]:
    text = SAMPLES[key].read_text(encoding="utf-8")
    by_rule: dict[str, list[Hit]] = defaultdict(list)
    for h in hits_of(text):
        by_rule[h.rule].append(h)
    return document_from_text(text).lines, dict(by_rule)


def found(key: str, rule: str) -> list[tuple[int, str, str | None]]:
    """(line, spanned text, suggestion) of each finding of ``rule`` in sample ``key``."""
    lines, by_rule = sample(key)
    return sorted(
        (h.line, lines[h.line - 1][h.column - 1 : h.end_column - 1], h.suggestion) for h in by_rule.get(rule, [])
    )


def apply(line: str, hit: Hit) -> str:
    assert hit.suggestion is not None
    return line[: hit.column - 1] + hit.suggestion + line[hit.end_column - 1 :]


# ---------------------------------------------------------------- registry and docs


@pytest.mark.parametrize("rule_id", CONTENT_RULES)
def test_rule_is_registered_with_contract_severity_and_docs(rule_id: str) -> None:
    rule = registry().get(rule_id)
    assert rule.severity == SEVERITIES[rule_id]
    for section in DOC_SECTIONS:
        assert rule.section(section).strip(), (rule_id, section)
    assert rule_id in rule.section("How to silence")


def test_every_hit_has_a_valid_span_and_message() -> None:
    for key in SAMPLES:
        lines, by_rule = sample(key)
        for hits in by_rule.values():
            for h in hits:
                assert 1 <= h.line <= len(lines)
                assert 1 <= h.column < h.end_column <= len(lines[h.line - 1]) + 1, h
                assert h.message


# ---------------------------------------------------------------- 000


def test_000_bookmark_at_start_of_paragraph() -> None:
    assert found("000", "conversion-artifact") == [(4, "[bookmark: _GoBack]", "")]


# ---------------------------------------------------------------- 002


def test_002_placeholders_on_the_listed_lines() -> None:
    got = found("002", "redaction-placeholder")
    assert {line for line, _, _ in got} == {2, 6, 7, 9, 13, 14, 15, 23, 27}
    assert all(text == "XX" and suggestion is None for _, text, suggestion in got)


def test_002_censored_terms_with_restored_terms() -> None:
    assert found("002", "censored-term") == [
        (4, "D的", "党的"),
        (6, "D对", "党对"),
        (6, "D对", "党对"),
        (6, "D政", "党政"),
        (6, "D组", "党组"),
        (6, "D组", "党组"),
        (7, "D中央", "党中央"),
        (11, "D组", "党组"),
    ]


def test_002_censored_term_column_matches_the_contract_example() -> None:
    _, by_rule = sample("002")
    d_zu = [(h.line, h.column, h.end_column) for h in by_rule["censored-term"] if h.line == 6]
    assert (6, 25, 27) in d_zu


def test_002_censored_deletions() -> None:
    got = found("002", "censored-deletion")
    assert (4, "法治思想", "习近平法治思想") in got
    assert (6, "关于", "习近平总书记关于") in got
    lines, by_rule = sample("002")
    fixed = {apply(lines[h.line - 1], h) for h in by_rule["censored-deletion"]}
    assert any("深入学习习近平法治思想" in x for x in fixed)
    assert any("对习近平总书记关于法治政府建设的重要论述" in x for x in fixed)
    assert {line for line, _, _ in got} == {4, 6}


def test_002_paywall_markers_and_the_word_rejoins() -> None:
    assert found("002", "paywall-marker") == [(9, "##paidbegin##", ""), (36, "##paidend##", "")]
    lines, by_rule = sample("002")
    marker = next(h for h in by_rule["paywall-marker"] if h.line == 9)
    assert "方法和责任主体，全面清理" in apply(lines[8], marker)


def test_002_adverts_and_the_duplicate() -> None:
    got = found("002", "advert")
    assert [line for line, _, _ in got] == [30, 31, 32, 33]
    lines, _ = sample("002")
    for line, text, suggestion in got:
        assert text == lines[line - 1].strip() and suggestion == ""
    assert [(line, suggestion) for line, _, suggestion in found("002", "duplicate-line")] == [(31, "")]


def test_002_inserted_junk_is_the_only_junk_in_the_samples() -> None:
    assert found("002", "inserted-junk") == [(24, "狗狗你在", "")]
    for key in ("000", "001", "003", "004"):
        assert found(key, "inserted-junk") == []


# ---------------------------------------------------------------- 003


def test_003_broken_lines_at_the_first_line_end() -> None:
    lines, by_rule = sample("003")
    got = sorted((h.line, h.column, h.end_column) for h in by_rule["broken-line"])
    assert [line for line, _, _ in got] == [11, 25, 37, 49]
    for line, column, end_column in got:
        assert end_column == len(lines[line - 1].rstrip()) + 1 and column == end_column - 1


def test_003_spaces_around_years() -> None:
    lines, by_rule = sample("003")
    spaced = {(h.line, lines[h.line - 1][h.column - 2 : h.end_column]) for h in by_rule["cjk-spacing"]}
    assert {(3, "局 2"), (3, "3 年"), (5, "3 年"), (9, "3 年"), (21, "3 年"), (35, "3 年")} <= spaced
    assert all(h.suggestion == "" for h in by_rule["cjk-spacing"])


# ---------------------------------------------------------------- 004


def test_004_web_boilerplate_lines() -> None:
    assert found("004", "web-boilerplate") == [
        (3, "发布日期:2021-03-04作者:信息来源:", ""),
        (60, "责任编辑:市场监督管理局管理员", ""),
    ]


@pytest.mark.parametrize("key", ["001", "004"])
def test_halfwidth_punctuation_throughout(key: str) -> None:
    lines, by_rule = sample(key)
    hits = by_rule["halfwidth-punctuation"]
    assert len(hits) > 100
    pairs = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
    for h in hits:
        assert pairs[lines[h.line - 1][h.column - 1]] == h.suggestion


def test_001_heading_markers_are_half_width_pairs() -> None:
    assert (4, "(", "（") in found("001", "halfwidth-punctuation")
    assert (4, ")", "）") in found("001", "halfwidth-punctuation")


# ---------------------------------------------------------------- must-nots across the samples


@pytest.mark.parametrize(
    ("rule", "only_in"),
    [
        ("censored-term", {"002"}),
        ("censored-deletion", {"002"}),
        ("redaction-placeholder", {"002"}),
        ("advert", {"002"}),
        ("paywall-marker", {"002"}),
        ("web-boilerplate", {"004"}),
        ("conversion-artifact", {"000"}),
        ("duplicate-line", {"002"}),
        ("broken-line", {"003"}),
    ],
)
def test_rules_stay_silent_on_the_other_samples(rule: str, only_in: set[str]) -> None:
    for key in set(SAMPLES) - only_in:
        assert found(key, rule) == [], (key, rule)


def test_no_halfwidth_findings_in_full_width_samples() -> None:
    assert found("003", "halfwidth-punctuation") == []


@pytest.mark.parametrize(
    "text",
    [
        "比赛分为A组、B组、C组、D组。",
        "被评为D级，列入B类管理。",
        "生成PDF文件，开展DNA检测，GDP增长，建设5G基站，节电一万kWh。",
        "通过门户网站和微信公众号发布政务信息。",
        "办理12345政务服务热线工单，开通客服热线。",
        "《法治政府建设实施纲要(2015-2020年)》",  # halfwidth fires for the parens, nothing else
        "增长3.5个百分点，详见http://www.example.gov.cn/a?b=1,2。",
        "深入学习贯彻习近平法治思想。",
        "配发XXL号服装，型号XX-200。",
    ],
)
def test_must_not_cases(text: str) -> None:
    rules = [h.rule for h in hits_of(text)]
    if "(" in text:
        assert rules == ["halfwidth-punctuation", "halfwidth-punctuation"]
    else:
        assert rules == []


def test_halfwidth_not_inside_numbers_latin_or_urls() -> None:
    text = "时间为10:30，金额1,000元，范围2015-2020，比值3.5，函数f(x)，网址http://a.gov.cn/x?y=1,2。"
    assert [h for h in hits_of(text) if h.rule == "halfwidth-punctuation"] == []


# ---------------------------------------------------------------- lexicons fail loudly


def _find_d(text: str):
    i = text.find("D组")
    if i >= 0:
        yield Replacement(i, i + 2, "D组", "党组")


def test_spec_that_does_not_come_out_fails_loudly() -> None:
    with pytest.raises(LexiconError, match="expected"):
        check_specs("entry", [{"from": "D组会", "to": "党委会"}], [], _find_d)


def test_should_not_match_that_matches_fails_loudly() -> None:
    with pytest.raises(LexiconError, match="should not match"):
        check_specs("entry", [{"from": "D组会", "to": "党组会"}], ["A组、D组"], _find_d)


def test_entry_without_specs_fails_loudly() -> None:
    with pytest.raises(LexiconError, match="spec"):
        check_specs("entry", [], [], _find_d)


def test_fullwidth_variants() -> None:
    assert fullwidth_variants("D组") == ("D组", "Ｄ组")
    assert fullwidth_variants("党组") == ("党组",)


# ---------------------------------------------------------------- helpers exposed to other rules


def test_advert_span_and_find_junk_are_pure_functions() -> None:
    line = "需要代写材料的请加微信：abc12345"
    assert advert_span(line) == advert_span(line)
    assert advert_span("通过门户网站和微信公众号发布政务信息") is None
    junk_line = "资格审查清理狗狗你在，全面落实"
    assert [junk_line[a:b] for a, b, _ in find_junk(junk_line)] == ["狗狗你在"]
    assert list(find_junk("资格审查清理，全面落实")) == []


def test_never_crashes_on_odd_content() -> None:
    for text in ["", "\n\n", "(", ")", "##", "D", "【", "\x00\x01", "a" * 5000, "你" * 3000, "，" * 100, "\u200b"]:
        hits_of(text)


def test_pipeline_findings_on_002_carry_severity_and_excerpt() -> None:
    result = check_path(str(SAMPLES["002"]))
    terms = [f for f in result.findings if f.rule == "censored-term"]
    assert terms and all(f.severity == Severity.ERROR for f in terms)
    first = next(f for f in terms if (f.line, f.column) == (6, 25))
    assert "D组" in first.excerpt and first.suggestion == "党组"


ALPHABET = (
    "党组D中央XxＸ×某，。、；：,;:()（）【】“”##paidbegin 0123456789年月日"
    "你狗哈吗的了在是法治政府建设\u200b\u3000-—第页微信QQ客服代笔素材库会员VIP"
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=60), min_size=1, max_size=6))
def test_hits_have_valid_spans_on_arbitrary_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    doc_lines = document_from_text(text).lines
    for h in hits_of(text):
        assert h.rule in CONTENT_RULES
        assert 1 <= h.line <= len(doc_lines)
        assert 1 <= h.column < h.end_column <= len(doc_lines[h.line - 1]) + 1, h


def test_text_lost_to_mojibake_is_not_judged_for_register() -> None:
    """A line garbled beyond repair is mojibake-unrecoverable's; its rare characters are no register."""
    line = "利用党组会、局务会深入学习习近平法治思想，对习近平总书记关于法治政府建设的重要论述开展了交流发言。"
    garbled = line.encode("utf-8").decode("gbk", errors="replace")
    rules = {f.rule for f in check_path_text("标题\n" + garbled + "\n")}
    assert "mojibake-unrecoverable" in rules
    assert "inserted-junk" not in rules


def check_path_text(text: str):
    import hashlib

    from lawqa.model import Source
    from lawqa.pipeline import check_source

    data = text.encode("utf-8")
    return check_source(Source("x.txt", data, hashlib.sha256(data).hexdigest(), len(data))).findings
