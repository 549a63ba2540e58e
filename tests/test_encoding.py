"""Decoding: every sample re-encoded decodes to the same text and yields the same findings."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawqa.ingest.encoding import ACCEPT_COST, WARN_COST, decode, text_cost
from lawqa.ingest.lines import split_lines
from lawqa.model import Source
from lawqa.pipeline import check_source

HERE = Path(__file__).parent
CORPUS = sorted((HERE / "corpus").glob("*.txt"))
BIG5_UTF8 = HERE / "fixtures" / "ingest" / "big5_report.utf8.txt"
BIG5_BYTES = HERE / "fixtures" / "ingest" / "big5_report.big5.txt"
SAMPLES = [*CORPUS, BIG5_UTF8]

# encoding to write with -> (reported encoding, bom)
ENCODINGS = {
    "utf-8": ("utf-8", False),
    "utf-8-sig": ("utf-8", True),
    "gb18030": ("gb18030", False),
    "utf-16": ("utf-16", True),
    "utf-16-le": ("utf-16-le", False),
    "utf-16-be": ("utf-16-be", False),
}


def _source(data: bytes, name: str) -> Source:
    return Source(path=name, data=data, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def _original(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_corpus_is_there() -> None:
    assert len(CORPUS) == 5


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_reencoded_sample_decodes_exactly(path: Path, encoding: str) -> None:
    text = _original(path)
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert decoded.info is not None
    assert (decoded.info.encoding, decoded.info.bom) == ENCODINGS[encoding]
    assert decoded.hits == ()


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_reencoded_sample_has_the_same_findings(path: Path, encoding: str) -> None:
    text = _original(path)
    reference = check_source(_source(text.encode("utf-8"), path.name))
    result = check_source(_source(text.encode(encoding), path.name))
    assert result.findings == reference.findings
    assert result.provenance.encoding == ENCODINGS[encoding][0]
    assert result.provenance.bom == ENCODINGS[encoding][1]
    assert result.document is not None and result.document.lines == reference.document.lines


def test_big5_fixture_decodes_as_big5_with_the_same_findings() -> None:
    text = _original(BIG5_UTF8)
    data = BIG5_BYTES.read_bytes()
    assert data == text.encode("big5"), "fixture pair out of sync"
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.info is not None and decoded.info.encoding == "big5"
    assert decoded.hits == ()
    reference = check_source(_source(text.encode("utf-8"), "big5.txt"))
    result = check_source(_source(data, "big5.txt"))
    assert result.findings == reference.findings
    assert result.provenance.encoding == "big5"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_line_decodes_alone_in_gb18030_and_utf16le(path: Path) -> None:
    """Short inputs are where detectors fail (chardet answers None on short UTF-16-LE)."""
    for line in _original(path).splitlines():
        if not line.strip():
            continue
        for encoding in ("gb18030", "utf-16-le"):
            decoded = decode(line.encode(encoding))
            assert decoded.text == line, (encoding, line)


def test_big5_lines_decode_alone() -> None:
    for line in _original(BIG5_UTF8).splitlines():
        if line.strip():
            decoded = decode(line.encode("big5"))
            assert decoded.text == line
            assert decoded.info is not None and decoded.info.encoding == "big5"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (codecs.BOM_UTF8 + "你好".encode(), "utf-8", True),
        (codecs.BOM_UTF16_LE + "你好".encode("utf-16-le"), "utf-16", True),
        (codecs.BOM_UTF16_BE + "你好".encode("utf-16-be"), "utf-16", True),
        (codecs.BOM_UTF32_LE + "你好".encode("utf-32-le"), "utf-32", True),
        (codecs.BOM_UTF32_BE + "你好".encode("utf-32-be"), "utf-32", True),
        ("你好".encode(), "utf-8", False),
    ],
)
def test_bom_and_utf8_are_certain(data: bytes, encoding: str, bom: bool) -> None:
    decoded = decode(data)
    assert decoded.text == "你好"
    assert decoded.info is not None
    assert (decoded.info.encoding, decoded.info.bom, decoded.info.confidence) == (encoding, bom, 1.0)


def test_detector_confidence_is_reported() -> None:
    decoded = decode(_original(CORPUS[0]).encode("gb18030"))
    assert decoded.info is not None
    assert decoded.info.method == "detector"
    assert 0.0 < decoded.info.confidence <= 1.0


def test_bad_bytes_after_a_bom_are_undecodable_with_offset() -> None:
    data = codecs.BOM_UTF8 + "法治".encode() + b"\xff\xfe" + "政府".encode()
    decoded = decode(data)
    assert decoded.text is None
    assert [h.rule for h in decoded.hits] == ["encoding-undecodable"]
    assert "offset 9" in decoded.hits[0].message


def test_utf8_with_a_bad_byte_in_the_middle_names_the_offset() -> None:
    head = "法治政府建设工作总结。\n" * 50
    data = head.encode() + b"\xc3\x28" + head.encode()
    decoded = decode(data)
    assert decoded.text is None
    assert [h.rule for h in decoded.hits] == ["encoding-undecodable"]
    assert f"offset {len(head.encode())}" in decoded.hits[0].message


def test_low_confidence_fires_when_only_a_fallback_fits() -> None:
    """Big5 bytes that the detector does not call Big5: accepted by the fallback, with a warning."""
    found = False
    for line in _original(BIG5_UTF8).splitlines():
        for n in range(2, len(line)):
            snippet = line[:n]
            decoded = decode(snippet.encode("big5"))
            assert decoded.text is not None
            if decoded.info is not None and decoded.info.method == "fallback":
                assert any(h.rule == "encoding-low-confidence" for h in decoded.hits)
                found = True
    assert found, "expected at least one short Big5 snippet that only a fallback decodes"


def test_low_confidence_never_fires_on_confident_methods() -> None:
    for path in SAMPLES:
        for encoding in ENCODINGS:
            decoded = decode(_original(path).encode(encoding))
            assert not any(h.rule == "encoding-low-confidence" for h in decoded.hits)


def test_plausibility_separates_chinese_from_mojibake() -> None:
    for path in SAMPLES:
        text = _original(path)
        assert text_cost(text) < WARN_COST
        garbled = text.encode("utf-8").decode("gb18030", errors="replace")
        assert text_cost(garbled) > ACCEPT_COST
    assert text_cost("abc") == 0.0


def test_nul_bytes_inside_text_are_located() -> None:
    text = "第一行\r\n第二行\x00\x00内容\r第三\x00行\n"
    decoded = decode(text.encode("utf-8") + "正文".encode() * 100)
    assert decoded.text is not None and decoded.text.startswith(text)
    spots = [(h.rule, h.line, h.column, h.end_column) for h in decoded.hits]
    assert spots == [("binary-content", 2, 4, 6), ("binary-content", 3, 3, 4)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["法", "治", "a", " ", "\r", "\n", "\r\n", "\x00", "\x1b", "\u2028", "\x0c"]), max_size=60)
)
def test_control_hits_sit_where_split_lines_puts_them(parts: list[str]) -> None:
    """binary-content positions agree with CONTRACT.md line/column counting (split_lines)."""
    text = "".join(parts) + "法治政府" * 200  # long enough that a few controls are not "binary"
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    lines, _ = split_lines(text)
    listed = [h for h in decoded.hits if h.rule == "binary-content" and "not listed" not in h.message]
    for hit in listed:
        span = lines[hit.line - 1][hit.column - 1 : hit.end_column - 1]
        assert span and all(ch in "\x00\x1b" for ch in span)
    runs = sum(1 for line in lines for _ in re.finditer("[\x00\x1b]+", line))
    assert len(listed) == min(runs, 20)
