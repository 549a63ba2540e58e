"""The content rules on a generalisation set written apart from their lexicons and models.

``tests/content_sets/positives.toml``: defects of other vendors, wordings, junk words and
censored terms than the samples show — each rule must catch at least 95% of its cases.
``tests/content_sets/clean.toml``: clean government text full of near-misses — no content
rule may fire on any of it.
``tests/content_sets/junk_heldout.toml``: a held-out set of the statistical ``inserted-junk``
rule, written before its model's second version — junk inserted at other places (``[[junk]]``)
and clean near-miss sentences (``clean``).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from lawqa.model import Hit
from lawqa.pipeline import document_from_text
from test_content_rules import CONTENT_RULES
from test_content_rules import hits_of as content_hits

SETS = Path(__file__).parent / "content_sets"
MIN_RECALL = 0.95
MIN_CASES = 20
# inserted-junk on its held-out set: tuned for precision (zero findings on every clean set), its
# recall there is below the 95% target. The floor guards it from regressing, and
# test_inserted_junk_heldout_meets_the_target documents the gap (strict xfail: fails once fixed).
# Lowercase Latin initialisms (yyds, awsl, xswl, pyq) are deliberately not reported: app, wifi,
# email, ppt are ordinary in the genre (see clean.toml); only stutters (hhhh, emmm) are. Those
# four held-out cases count as misses: 40/51 today.
HELDOUT_FLOOR = 0.78


def caught(case: dict, hits: list[Hit]) -> bool:
    """The case's rule fired on its line, with a span covering (junk: overlapping) its ``span``."""
    lines = document_from_text(case["text"]).lines
    for h in hits:
        if h.rule != case["rule"] or ("line" in case and h.line != case["line"]):
            continue
        if "span" not in case:
            return True
        text = lines[h.line - 1]
        got = (h.column - 1, h.end_column - 1)
        start = text.find(case["span"])
        want = (start, start + len(case["span"]))
        if start < 0:
            continue
        if case["rule"] == "inserted-junk":
            # a statistical span: it must overlap the junk and stay inside its clause
            if got[0] < want[1] and want[0] < got[1]:
                return True
        elif case["rule"] in ("halfwidth-punctuation", "cjk-spacing"):
            if want[0] <= got[0] < want[1] or got[0] <= want[0] < got[1]:
                return True
        elif got[0] <= want[0] and want[1] <= got[1]:  # D员干部 covers D员
            return True
    return False


def load_positives() -> dict[str, list[dict]]:
    cases = tomllib.loads((SETS / "positives.toml").read_text(encoding="utf-8"))["case"]
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        by_rule[case["rule"]].append(case)
    return by_rule


POSITIVES = load_positives()
CLEAN = tomllib.loads((SETS / "clean.toml").read_text(encoding="utf-8"))["texts"]
HELDOUT = tomllib.loads((SETS / "junk_heldout.toml").read_text(encoding="utf-8"))
HELDOUT_JUNK = [dict(case, rule="inserted-junk") for case in HELDOUT["junk"]]
HELDOUT_CLEAN = HELDOUT["clean"]


def test_sets_are_substantial() -> None:
    assert set(POSITIVES) == set(CONTENT_RULES)
    for rule, cases in POSITIVES.items():
        assert len(cases) >= MIN_CASES, rule
    assert len(CLEAN) >= 80
    assert len(HELDOUT_JUNK) >= 40 and len(HELDOUT_CLEAN) >= 60
    assert all(case["span"] in case["text"] for case in HELDOUT_JUNK)


def recall_of(rule: str) -> tuple[float, list[str]]:
    cases = POSITIVES[rule]
    missed = [c["text"] for c in cases if not caught(c, content_hits(c["text"]))]
    return 1 - len(missed) / len(cases), missed


@pytest.mark.parametrize("rule", CONTENT_RULES)
def test_recall_per_rule(rule: str) -> None:
    recall, missed = recall_of(rule)
    assert recall >= MIN_RECALL, f"{rule}: recall {recall:.0%}, missed {missed}"


def heldout_recall() -> tuple[float, list[str]]:
    missed = [c["span"] for c in HELDOUT_JUNK if not caught(c, content_hits(c["text"]))]
    return 1 - len(missed) / len(HELDOUT_JUNK), missed


def test_inserted_junk_heldout_recall_floor() -> None:
    recall, missed = heldout_recall()
    assert recall >= HELDOUT_FLOOR, f"held-out recall {recall:.0%}, missed {missed}"


@pytest.mark.xfail(strict=True, reason="inserted-junk held-out recall is below 95% (see HELDOUT_FLOOR)")
def test_inserted_junk_heldout_meets_the_target() -> None:
    assert heldout_recall()[0] >= MIN_RECALL


@pytest.mark.parametrize("text", HELDOUT_CLEAN)
def test_heldout_clean_gives_no_content_findings(text: str) -> None:
    hits = content_hits(text)
    assert hits == [], [(h.rule, h.line, h.column, h.message) for h in hits]


def test_heldout_junk_removed_is_clean() -> None:
    """Precision on the held-out carriers: without the junk, no inserted-junk finding."""
    noisy = []
    for case in HELDOUT_JUNK:
        carrier = case["text"].replace(case["span"], "")
        hits = [h for h in content_hits(carrier) if h.rule == "inserted-junk"]
        if hits:
            noisy.append((carrier, [h.message for h in hits]))
    assert noisy == []


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_gives_no_content_findings(text: str) -> None:
    hits = content_hits(text)
    assert hits == [], [(h.rule, h.line, h.column, h.message) for h in hits]


@pytest.mark.parametrize("rule", ["inserted-junk", "paywall-marker", "conversion-artifact", "redaction-placeholder"])
def test_positives_with_the_defect_removed_are_clean(rule: str) -> None:
    """Precision on the carriers: the same sentences without the defect give no finding of the rule."""
    noisy = []
    for case in POSITIVES[rule]:
        if "span" not in case:
            continue
        carrier = case["text"].replace(case["span"], "")
        hits = [h for h in content_hits(carrier) if h.rule == rule]
        if hits:
            noisy.append((carrier, [h.message for h in hits]))
    assert noisy == []
