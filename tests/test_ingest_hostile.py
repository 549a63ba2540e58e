"""Hostile inputs: each gives the right rule at error severity, a reported file, and no exception."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawqa import gate
from lawqa.config import Config
from lawqa.ingest.encoding import decode
from lawqa.model import FileResult, Severity, Source, Summary
from lawqa.pipeline import check_path, check_source

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "ingest"
SAMPLE = sorted((HERE / "corpus").glob("*.txt"))[2]


def _check(data: bytes, name: str = "hostile.txt") -> FileResult:
    return check_source(Source(name, data, hashlib.sha256(data).hexdigest(), len(data)))


def _rules(result: FileResult) -> set[str]:
    return {f.rule for f in result.findings}


def _assert_fails_with(result: FileResult, rule: str) -> None:
    mine = [f for f in result.findings if f.rule == rule]
    assert mine, f"expected {rule}, got {sorted(_rules(result))}"
    assert all(f.severity is Severity.ERROR for f in mine)
    assert gate.status(result, Config().fail_threshold) == "fail"
    assert gate.exit_code(Summary.of([gate.apply(result, Config().fail_threshold)])) == 1


def test_png_file_is_binary_content(tmp_path: Path) -> None:
    png = FIXTURES / "tiny.png"
    before = png.read_bytes()
    result = check_path(str(png))
    assert png.read_bytes() == before
    _assert_fails_with(result, "binary-content")
    assert _rules(result) == {"binary-content"}
    assert result.document is None
    assert result.provenance.sha256 == hashlib.sha256(before).hexdigest()
    assert "PNG" in result.findings[0].message


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\x00\x00",
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(200),
        bytes(range(256)) * 8,
    ],
    ids=["elf", "pdf", "zip", "all-bytes"],
)
def test_other_binary_files_are_binary_content(data: bytes) -> None:
    result = _check(data)
    _assert_fails_with(result, "binary-content")
    assert result.document is None


def test_empty_file_is_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = check_path(str(path))
    _assert_fails_with(result, "empty-document")
    assert result.provenance.bytes == 0


@pytest.mark.parametrize("data", [b"   \n\n\t\n", "\u3000\u3000\r\n \r\n".encode(), b"\n"])
def test_whitespace_only_is_empty_document(data: bytes) -> None:
    result = _check(data)
    _assert_fails_with(result, "empty-document")
    assert result.document is not None


def test_nul_bytes_inside_text_keep_the_text_and_are_located() -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    lines = text.split("\n")
    target = 5
    col = 7
    lines[target - 1] = lines[target - 1][: col - 1] + "\x00\x00\x00" + lines[target - 1][col - 1 :]
    result = _check("\n".join(lines).encode("utf-8"))
    _assert_fails_with(result, "binary-content")
    assert result.document is not None
    assert result.document.lines[target - 1] == lines[target - 1]
    nul = [f for f in result.findings if f.rule == "binary-content"]
    assert [(f.line, f.column, f.end_column) for f in nul] == [(target, col, col + 3)]


def test_invalid_bytes_in_the_middle_of_utf8_are_undecodable() -> None:
    raw = SAMPLE.read_bytes()
    middle = len(raw) // 2
    while raw[middle] & 0xC0 == 0x80:  # a character boundary
        middle += 1
    data = raw[:middle] + b"\xff\xfe\xfd" + raw[middle:]
    result = _check(data)
    _assert_fails_with(result, "encoding-undecodable")
    assert _rules(result) == {"encoding-undecodable"}
    assert f"offset {middle}" in result.findings[0].message
    assert result.document is None


def test_a_megabyte_of_utf8_with_gbk_bytes_at_the_end_is_undecodable() -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    body = b""
    while len(body) < 1_000_000:
        body += text.encode("utf-8")
    tail = "最后一段是用GBK保存的。".encode("gbk")
    data = body + tail
    result = _check(data)
    _assert_fails_with(result, "encoding-undecodable")
    assert len(body) > 1_000_000 > 200_000  # beyond what chardet reads
    assert f"offset {len(body)} " in result.findings[0].message
    assert result.provenance.bytes == len(data)


def test_mixed_file_reports_the_first_bad_byte() -> None:
    data = "第一段。\n".encode() + "第二段。\n".encode("gbk")
    decoded = decode(data)
    assert decoded.text is None
    assert "offset 13" in decoded.hits[0].message


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_decoded_and_never_raise(data: bytes) -> None:
    decoded = decode(data)
    if decoded.text is None:
        assert {h.rule for h in decoded.hits} & {"encoding-undecodable", "binary-content"}
    else:
        assert decoded.info is not None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_any_utf8_text_round_trips(text: str) -> None:
    if text.startswith("\ufeff"):
        text = "x" + text
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_through_the_pipeline_never_raise(data: bytes) -> None:
    result = _check(data)
    assert result.status in {"pass", "fail", "error"}
