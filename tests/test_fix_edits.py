from lawqa.fix import apply_edits, clean_text, plan_edits
from lawqa.model import Finding, Severity
from lawqa.pipeline import document_from_text
from lawqa.rules import build
from lawqa.rules.base import define

DOCS = "## What it does\nx\n## Why it matters\nx\n## Example\nx\n## How to silence\nx"


class _Mod:
    RULES = (define("safe-rule", "error", "s", DOCS, fix="safe"), define("shown-rule", "error", "s", DOCS))


REG = build([_Mod])


def f(rule, line, col, end_line, end_col, suggestion):
    return Finding(rule, Severity.ERROR, line, col, end_line, end_col, "m", "", suggestion)


def test_safe_edits_applied_unsafe_and_none_not():
    doc = document_from_text("利用D组会\n责任主##paidbegin##体\n第三行")
    findings = [
        f("safe-rule", 1, 3, 1, 5, "党组"),
        f("safe-rule", 2, 4, 2, 17, ""),
        f("shown-rule", 3, 1, 3, 3, "第四"),
        f("safe-rule", 3, 1, 3, 2, None),
    ]
    assert clean_text(doc, findings, REG) == "利用党组会\n责任主体\n第三行"


def test_overlapping_edits_first_wins_and_multiline_span():
    doc = document_from_text("机关全体同志\n\n会议和各种")
    edits = plan_edits(doc, [f("safe-rule", 1, 6, 3, 1, ""), f("safe-rule", 1, 5, 1, 7, "X")], REG)
    assert [(e.start, e.end, e.after) for e in edits] == [(4, 6, "X")]
    edits = plan_edits(doc, [f("safe-rule", 1, 7, 3, 1, "")], REG)
    assert apply_edits(doc.text, edits) == "机关全体同志会议和各种"


def test_out_of_range_findings_ignored():
    doc = document_from_text("一行")
    assert plan_edits(doc, [f("safe-rule", 5, 1, 5, 2, "")], REG) == []
