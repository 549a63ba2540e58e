"""The plain data that flows through lawqa's stages.

Every stage is a function from these values to these values: nothing here does I/O,
nothing is mutated after construction, and every value pickles, so a worker process
(or a Dask worker) can be handed one file alone and send its result back.

Positions follow CONTRACT.md: ``line`` is 1-based over the decoded text split by
universal newlines; ``column`` is 1-based in code points; ``end_column`` is one past
the span's last code point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class LineKind(StrEnum):
    """What a line of a document is, as the structure parser sees it."""

    BLANK = "blank"
    TITLE = "title"
    METADATA = "metadata"  # web CMS lines: 发布日期, 作者, 信息来源, 责任编辑 ...
    HEADING = "heading"
    BODY = "body"
    SIGNATURE = "signature"
    ATTACHMENT = "attachment"  # the 附件 note and its numbered list (GB/T 9704-2012 7.3.4)
    BOILERPLATE = "boilerplate"  # anything after the signature that is not the report


@dataclass(frozen=True, slots=True)
class Source:
    """A file's raw bytes as read from disk (``ingest.read``)."""

    path: str
    data: bytes
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class EncodingInfo:
    """How the bytes were decoded.

    ``encoding`` is the codec reported to users (``utf-8``, ``gb18030``, ``big5``,
    ``utf-16``, ``utf-16-le`` ...); ``method`` says which step of the decode ladder
    accepted it (``bom``, ``utf-8``, ``detector``, ``fallback``).
    """

    encoding: str
    confidence: float
    bom: bool
    method: str = "detector"


@dataclass(frozen=True, slots=True)
class Repair:
    """One mojibake repair of one line; ``before``/``after`` are the changed spans."""

    line: int
    kind: str  # "mojibake"
    before: str
    after: str
    method: str = ""  # e.g. "utf-8 read as gbk"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a checker reports: a rule id, a span, a message and an optional fix.

    ``suggestion`` is the replacement text for the span (``""`` deletes it) or
    ``None`` when no safe replacement is known. ``end_line`` defaults to ``line``.
    """

    rule: str
    line: int
    column: int
    end_column: int
    message: str
    suggestion: str | None = None
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A resolved hit: severity applied (from config), excerpt taken from the text."""

    rule: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    excerpt: str
    suggestion: str | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, int, int]:
        return (self.line, self.column, self.rule, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered heading (``一、``, ``（一）``, ``1.``, ``（1）`` and their variants).

    ``column``/``end_column`` span the marker (e.g. ``（三）``); ``level`` is 1..4
    per GB/T 9704-2012, or 0 for a part or chapter above them (``第一部分``, ``第二章``);
    ``number`` is the marker's ordinal value (（三） → 3); ``style`` names the marker form,
    e.g. ``paren-full`` vs ``paren-half`` (for level 0, the word: 部分, 章, 篇).
    """

    line: int
    column: int
    end_column: int
    level: int
    number: int
    marker: str
    style: str
    title: str


@dataclass(frozen=True, slots=True)
class Enumeration:
    """An inline enumeration item such as ``一是`` or ``二要`` inside a paragraph.

    Items with the same ``group`` form one sequence (a paragraph or a run of
    paragraphs under one heading); ``word`` is the verb after the numeral (是/要/…).
    """

    line: int
    column: int
    end_column: int
    number: int
    marker: str
    word: str
    group: int


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    lines: tuple[int, ...]
    agency: str | None = None
    year: int | None = None
    kind: str | None = None  # 法治政府建设年度报告, 工作总结, 自查报告 ...


@dataclass(frozen=True, slots=True)
class Signature:
    agency: str | None
    agency_line: int | None
    date: str | None  # ISO yyyy-mm-dd
    date_line: int | None


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded, repaired and (after ``document.parse``) structured file.

    ``lines`` is the repaired text, ``decoded_lines`` the text before repair; both
    have the same length, because repair never adds or removes a line.
    """

    path: str
    sha256: str
    size: int
    encoding: EncodingInfo
    newline: str  # "\n", "\r\n", "\r", "mixed" or "" (a single line)
    lines: tuple[str, ...]
    decoded_lines: tuple[str, ...]
    repairs: tuple[Repair, ...] = ()
    kinds: tuple[LineKind, ...] = ()
    headings: tuple[Heading, ...] = ()
    enumerations: tuple[Enumeration, ...] = ()
    title: Title | None = None
    signature: Signature | None = None
    published_date: str | None = None

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``."""
        return self.lines[number - 1]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Provenance:
    sha256: str
    bytes: int
    encoding: str | None
    encoding_confidence: float | None
    bom: bool
    newline: str | None
    repairs: tuple[Repair, ...] = ()
    title: str | None = None
    agency: str | None = None
    report_year: int | None = None
    signed_date: str | None = None
    published_date: str | None = None
    clean_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """One expectation's outcome for one file (see ``suites``)."""

    suite: str
    expectation: str
    column: str | None
    success: bool
    severity: Severity
    rule_id: str | None = None
    unexpected_lines: tuple[int, ...] = ()
    observed: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything lawqa knows about one file after the per-file stages.

    ``status`` is set by the gate: ``pass``, ``fail``, or ``error`` (the file could
    not be processed at all, e.g. unreadable). ``document`` is ``None`` when the
    bytes could not be decoded; reports and suites use it when present.
    """

    path: str
    status: str
    provenance: Provenance
    findings: tuple[Finding, ...] = ()
    expectations: tuple[ExpectationResult, ...] = ()
    document: Document | None = None
    report_html: str | None = None
    error: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    passed: int
    failed: int
    errors: int
    findings_by_rule: dict[str, int]

    @staticmethod
    def of(results: list[FileResult] | tuple[FileResult, ...]) -> Summary:
        tally = Tally()
        for r in results:
            tally.add(r)
        return tally.summary()


class Tally:
    """A run's :class:`Summary`, counted as results stream past (nothing per file is kept)."""

    def __init__(self) -> None:
        self.files = self.passed = self.failed = self.errors = 0
        self.by_rule: dict[str, int] = {}

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.passed += result.status == "pass"
        self.failed += result.status == "fail"
        self.errors += result.status == "error"
        for f in result.findings:
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1

    def summary(self) -> Summary:
        return Summary(self.files, self.passed, self.failed, self.errors, dict(sorted(self.by_rule.items())))
