"""Report renderers: SARIF, JUnit, GitHub annotations and the self-contained HTML pages."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lawqa.model import (
    Document,
    EncodingInfo,
    ExpectationResult,
    FileResult,
    Finding,
    LineKind,
    Provenance,
    Repair,
    Severity,
    Summary,
)
from lawqa.report import github, html, junit, sarif
from lawqa.rules import Registry, build
from lawqa.rules.base import define

HOSTILE = Path(__file__).parent / "fixtures" / "hostile" / "hostile.txt"
DOCS = """
## What it does
Finds {what}.

## Why it matters
Readers <b>cannot</b> tell; `code` matters.

## Example
```
D组 → 党组 <script>alert(1)</script>
```

## How to silence
Add it to the allowlist.
"""


class _Rules:
    RULES = (
        define("censored-term", "error", "a letter standing for a word", DOCS.format(what="D组")),
        define("redaction-placeholder", "warning", "XX standing for a name", DOCS.format(what="XX")),
        define("cjk-spacing", "info", "stray spaces", DOCS.format(what="spaces")),
    )
    CHECKERS = ()


REGISTRY: Registry = build([_Rules])


def finding(rule: str, sev: str, line: int, col: int, end_col: int, msg: str = "m", sugg: str | None = None) -> Finding:
    return Finding(rule, Severity(sev), line, col, line, end_col, msg, "excerpt", sugg)


def result_for(path: str, lines: list[str], findings: tuple[Finding, ...], status: str = "fail", **kw) -> FileResult:
    data = "\n".join(lines).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    doc = Document(
        path=path,
        sha256=sha,
        size=len(data),
        encoding=EncodingInfo("gb18030", 0.87, False),
        newline="\r\n",
        lines=tuple(lines),
        decoded_lines=tuple(lines),
        kinds=tuple(LineKind.BODY for _ in lines),
    )
    prov = Provenance(
        sha256=sha,
        bytes=len(data),
        encoding="gb18030",
        encoding_confidence=0.87,
        bom=False,
        newline="\r\n",
        repairs=(Repair(2, "mojibake", "鍏氱粍", "党组", "utf-8 read as gbk"),),
        title="XX局2023年法治政府建设工作总结",
        agency="XX局",
        report_year=2023,
        signed_date="2023-11-21",
        clean_sha256="c" * 64,
    )
    return FileResult(path=path, status=status, provenance=prov, findings=findings, document=doc, **kw)


def hostile_result() -> FileResult:
    text = HOSTILE.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines, start=1):
        for m in re.finditer(r"<[^>]*>", line):
            found.append(
                finding("censored-term", "error", number, m.start() + 1, m.end() + 1, f"tag {m.group()}", m.group())
            )
    return result_for("fixtures/<script>alert(1)</script>.txt", lines, tuple(found))


def sample_results() -> list[FileResult]:
    expectation = ExpectationResult(
        suite="lines",
        expectation="expect_column_values_to_be_between",
        column="length",
        success=False,
        severity=Severity.WARNING,
        rule_id="line-length",
        unexpected_lines=(2, 3),
        observed="2 of 3 lines unexpected",
        description="No line is longer than 2,000 characters.",
    )
    a = result_for(
        "corpus/002.txt",
        ["XX经济和信息化局", "利用D组会、局务会", "2023 年"],
        (
            finding("redaction-placeholder", "warning", 1, 1, 3, "placeholder 'XX'"),
            finding("censored-term", "error", 2, 3, 5, "'D组' looks like a censored spelling of '党组'", "党组"),
            finding("cjk-spacing", "info", 3, 5, 6, "space, between: 50%", ""),
        ),
        expectations=(expectation,),
    )
    b = result_for("corpus/ok.txt", ["正文"], (), status="pass")
    c = FileResult(
        path="corpus/bad.bin",
        status="error",
        provenance=Provenance(sha256="", bytes=0, encoding=None, encoding_confidence=None, bom=False, newline=None),
        error="corpus/bad.bin: cannot read: Permission denied\x00",
    )
    return [a, b, c]


# --- SARIF ---------------------------------------------------------------------------------------


def test_sarif_parses_and_carries_rules_and_locations() -> None:
    results = sample_results()
    log = json.loads(sarif.render(results, Summary.of(results), REGISTRY))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {"censored-term", "redaction-placeholder", "cjk-spacing", "line-length"} <= set(ids)
    censored = rules[ids.index("censored-term")]
    assert censored["defaultConfiguration"]["level"] == "error"
    assert censored["shortDescription"]["text"] == "a letter standing for a word"
    assert "D组" in censored["fullDescription"]["text"]
    assert "How to silence" in censored["help"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    hit = by_rule["censored-term"]
    assert hit["level"] == "error"
    assert rules[hit["ruleIndex"]]["id"] == "censored-term"
    loc = hit["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "corpus/002.txt"
    assert {k: loc["region"][k] for k in ("startLine", "startColumn", "endLine", "endColumn")} == {
        "startLine": 2,
        "startColumn": 3,
        "endLine": 2,
        "endColumn": 5,
    }
    assert hit["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "党组"
    assert by_rule["cjk-spacing"]["level"] == "note"
    assert by_rule["line-length"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert "Permission denied" in notes[0]["message"]["text"]


def test_sarif_uri_is_percent_encoded() -> None:
    assert sarif.artifact_uri("语料 库/a#1.txt") == "%E8%AF%AD%E6%96%99%20%E5%BA%93/a%231.txt"
    assert sarif.artifact_uri("/abs/x.txt") == "file:///abs/x.txt"


# --- JUnit ---------------------------------------------------------------------------------------


def test_junit_parses_one_testcase_per_file() -> None:
    results = sample_results()
    root = ET.fromstring(junit.render(results, Summary.of(results), REGISTRY))
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert suite.get("tests") == "3" and suite.get("failures") == "1" and suite.get("errors") == "1"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"corpus/002.txt", "corpus/ok.txt", "corpus/bad.bin"}
    failure = cases["corpus/002.txt"].find("failure")
    assert failure is not None
    assert "corpus/002.txt:2:3: error [censored-term]" in failure.text
    assert "[line-length]" in failure.text
    assert cases["corpus/ok.txt"].find("failure") is None and cases["corpus/ok.txt"].find("error") is None
    error = cases["corpus/bad.bin"].find("error")
    assert error is not None and "Permission denied" in error.get("message")
    assert "\\x00" in error.get("message")  # a NUL cannot appear in XML; it is escaped, the output parses


# --- GitHub --------------------------------------------------------------------------------------


def test_github_annotations_format() -> None:
    results = sample_results()
    out = github.render(results, Summary.of(results), REGISTRY).splitlines()
    assert (
        "::error file=corpus/002.txt,line=2,col=3,endLine=2,endColumn=5,title=censored-term::"
        "censored-term: 'D组' looks like a censored spelling of '党组' (suggestion: '党组')"
    ) in out
    assert any(line.startswith("::warning file=corpus/002.txt,line=1,col=1,") for line in out)
    assert any(line.startswith("::notice file=corpus/002.txt,line=3,") for line in out)
    assert any(line.startswith("::warning file=corpus/002.txt,line=2,title=line-length::") for line in out)
    assert any(line.startswith("::error file=corpus/bad.bin::lawqa: ") for line in out)
    assert out[-1].startswith("lawqa: 3 files")


def test_github_escaping() -> None:
    f = Finding("cjk-spacing", Severity.INFO, 1, 1, 1, 2, "100% bad\r\nnext: a, b", "x", None)
    r = result_for("a:b,c%.txt", ["x"], (f,))
    line = github.render([r], Summary.of([r]), REGISTRY).splitlines()[0]
    assert line == (
        "::notice file=a%3Ab%2Cc%25.txt,line=1,col=1,endLine=1,endColumn=2,title=cjk-spacing::"
        "cjk-spacing: 100%25 bad%0D%0Anext: a, b"
    )
    assert github.escape_property("a:b,c") == "a%3Ab%2Cc"


# --- HTML ----------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h4", "div", "span", "nav", "a", "main",
    "select", "option", "label", "table", "thead", "tbody", "tr", "th", "td", "mark", "dl", "dt", "dd", "details",
    "summary", "p", "pre", "code", "br", "button", "script", "footer",
}  # fmt: skip


def test_hostile_text_is_shown_escaped_and_nothing_else_can_run() -> None:
    page = html.render_file(hostile_result(), REGISTRY)
    tags = parse(page)
    names = {t for t, _ in tags.tags}
    assert names <= ALLOWED_TAGS, names - ALLOWED_TAGS
    assert sum(t == "script" for t, _ in tags.tags) == 1
    for tag, attrs in tags.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("href", "src"):
            value = attrs.get(key) or ""
            assert not value.lower().startswith(("javascript:", "http:", "https:", "//")), (tag, attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the title bar and the messages
    assert "&lt;/textarea&gt;" in page
    for number, line in enumerate(HOSTILE.read_text(encoding="utf-8").splitlines(), start=1):
        row = re.search(rf'id="L{number}".*?</div>', page, re.S).group()
        shown = unescape(re.sub(r"<[^>]+>", "", row.split("</a>", 1)[1]))
        assert shown == line  # every line is shown, as text, exactly
    assert "&amp;amp;&amp;lt;" in page


def test_csp_allows_exactly_the_inline_script() -> None:
    page = html.render_file(hostile_result(), REGISTRY)
    tags = parse(page)
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    (script,) = tags.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert "default-src 'none'" in csp


def test_findings_are_highlighted_at_their_spans_with_overlaps() -> None:
    lines = ["利用D组会、局务会深入学习"]
    r = result_for(
        "x.txt",
        lines,
        (
            finding("censored-term", "error", 1, 3, 5, "D组"),  # "D组"
            finding("redaction-placeholder", "warning", 1, 4, 7, "overlap"),  # "组会、"
            finding("cjk-spacing", "info", 1, 1, 1, "point"),  # empty span at the start
        ),
    )
    page = html.render_file(r, REGISTRY)
    marks = [a for t, a in parse(page).tags if t == "mark"]
    assert [m["data-rule"] for m in marks] == [
        "cjk-spacing",
        "censored-term",
        "censored-term redaction-placeholder",
        "redaction-placeholder",
    ]
    assert [m["data-severity"] for m in marks] == ["info", "error", "error", "warning"]
    assert [m["data-findings"] for m in marks] == ["f2", "f0", "f0 f1", "f1"]
    row = re.search(r'id="L1".*?</div>', page, re.S).group()
    assert re.sub(r"<[^>]+>", "", row.split("</a>", 1)[1]) == lines[0]  # the text itself is intact


def test_file_page_sections() -> None:
    results = sample_results()
    page = html.render_file(results[0], REGISTRY)
    assert 'id="rule-censored-term"' in page and 'href="#rule-censored-term"' in page
    assert "<h4>Why it matters</h4>" in page and "<code>code</code>" in page
    assert "&lt;b&gt;cannot&lt;/b&gt;" in page and "&lt;script&gt;" in page  # rule docs are escaped too
    assert 'id="prov-encoding">gb18030<' in page and ">0.87<" in page
    assert "鍏氱粍" in page and "党组" in page and "CRLF" in page
    assert "c" * 64 in page and results[0].provenance.sha256 in page
    assert "line-length" in page and 'href="#L2"' in page
    assert '<option value="censored-term">' in page and '<option value="warning">' in page
    assert '<meta name="viewport"' in page and "@media (max-width" in page
    assert "http://" not in page and "https://" not in page


def test_undecodable_file_gets_a_page() -> None:
    r = sample_results()[2]
    page = html.render_file(r, REGISTRY)
    assert 'id="no-text"' in page and "Permission denied" in page and "undecodable" in page


def test_index_lists_every_file_sortable_and_links_safely() -> None:
    results = sample_results()
    entries = [(results[0], "002.html"), (results[1], "子目录/ok.html"), (results[2], "javascript:alert(1)")]
    page = html.render_index([html.index_row(r, href) for r, href in entries], Summary.of(results))
    tags = parse(page)
    links = [a["href"] for t, a in tags.tags if t == "a"]
    assert links[0] == "002.html"
    assert links[1] == "%E5%AD%90%E7%9B%AE%E5%BD%95/ok.html"
    assert not links[2].lower().startswith("javascript:")
    assert sum(t == "th" and "sortable" in (a.get("class") or "") for t, a in tags.tags) == 9
    statuses = [a["data-status"] for t, a in tags.tags if t == "tr" and "data-status" in a]
    assert statuses == ["fail", "pass", "error"]


@pytest.mark.parametrize("module", [sarif, junit, github])
def test_renderers_accept_an_empty_run(module) -> None:
    assert module.render([], Summary.of([]), REGISTRY)
