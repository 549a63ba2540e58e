"""Rules of the ingest stage: bytes that are not text, and text that was garbled.

Their hits are emitted by the ingest functions themselves (``lawqa.ingest.encoding.decode``
and ``lawqa.ingest.mojibake.repair_lines``) and by the pipeline (``file-too-large``),
because they are decided before there is a Document to check; this module gives them
their ids, default severities and documentation. It has no checkers.
"""

from __future__ import annotations

from lawqa.model import Severity
from lawqa.rules.base import Checker, Rule, define

RULES: tuple[Rule, ...] = (
    define(
        "encoding-undecodable",
        Severity.ERROR,
        "bytes that no candidate encoding decodes losslessly",
        """
            ## What it does
            Tries, in order, a byte-order mark, strict UTF-8 of the whole file, chardet's
            answer, then GB18030, Big5/CP950 and UTF-16 without a BOM. A candidate counts
            only when it decodes every byte (no replacement characters) and the text reads
            as Chinese. When none does, the file is reported with the byte offset of the first
            byte that is not valid UTF-8 and why each other candidate failed.

            ## Why it matters
            Decoding with `errors="replace"` or `"ignore"` silently loses characters; a
            corpus built that way carries U+FFFD and missing words forever. A file that cannot
            be read losslessly must be fixed at its source, not guessed at.

            ## Example
            A report saved as UTF-8 with a GBK-encoded paragraph pasted into it at the end:
            `no candidate encoding decodes these bytes losslessly: first bad byte for UTF-8 is
            at offset 1048576 (0xb5) […]`. Re-save the file in one encoding.
            """,
    ),
    define(
        "binary-content",
        Severity.ERROR,
        "NUL bytes, control characters, a file that is not text",
        """
            ## What it does
            Reports files that are not text at all (a PNG, PDF, DOCX/ZIP, executable, or bytes
            that are mostly NUL or control characters): such a file is not decoded. In a text
            file, reports each run of NUL (U+0000) or other control characters (except tab,
            line breaks, vertical tab and form feed) at its line and column.

            ## Why it matters
            A scanner that saved an image as `.txt`, or a converter that left NUL padding,
            produces "documents" that poison downstream training and search; NULs inside text
            break C-based tools and databases.

            ## Example
            `2023年\\x00\\x00工作总结` → `2 NUL byte(s) (U+0000) inside the text` at line 1,
            column 6. The suggestion is to delete them.
            """,
        fix="unsafe",
    ),
    define(
        "empty-document",
        Severity.ERROR,
        "no text, or only white space",
        """
            ## What it does
            Reports a file of 0 bytes, or whose decoded text is only white space (spaces,
            full-width spaces, tabs, line breaks).

            ## Why it matters
            An empty file is almost always a failed download or conversion; passing it on
            counts a document that is not there.

            ## Example
            A scraper saved the page before its content loaded: the file holds `\\n\\n   \\n`.
            """,
    ),
    define(
        "file-too-large",
        Severity.ERROR,
        "larger than the configured size limit; not read further",
        """
            ## What it does
            Reports a file larger than `max-bytes` (50 MiB by default). Its size and sha256
            are recorded, its content is not decoded or checked.

            ## Why it matters
            A report is a few dozen kilobytes; a file of hundreds of megabytes is a dump, an
            archive or a concatenation that should be split, and it would stall a worker.

            ## Example
            `209,715,200 bytes is over the limit of 52,428,800 (max-bytes); not read further`.
            Raise `max-bytes` in `[tool.lawqa]` if such files are expected.
            """,
    ),
    define(
        "encoding-low-confidence",
        Severity.WARNING,
        "detector unsure; the chosen decoding is reported",
        """
            ## What it does
            The file was decoded losslessly, but not clearly: neither a BOM, strict UTF-8, the
            NUL pattern of UTF-16 nor the detector's answer fitted, and only a fallback
            encoding did; or the decoded text reads poorly as Chinese (many rare or
            private-use characters). The chosen encoding and confidence are in the message and
            in the provenance. Correctly decoded UTF-8, GB18030, Big5 and UTF-16 reports do not
            trigger it.

            ## Why it matters
            A lossless decode can still be the wrong one: Big5 bytes decode as GB18030 too,
            into plausible-looking nonsense. A person should look at such a file once.

            ## Example
            A short Big5 note that chardet does not recognise, decoded by the Big5 fallback:
            `decoded as big5 (fallback, confidence 0.35); no encoding fitted clearly`.
            """,
    ),
    define(
        "mojibake-repaired",
        Severity.WARNING,
        "garbled text that was repaired (suggestion = repaired span)",
        """
            ## What it does
            Finds spans of a line that are Chinese text garbled by a wrong decoding — UTF-8
            read as GBK/GB18030, GBK read as Latin-1/cp1252, UTF-8 read as Latin-1/cp1252, up
            to two layers deep — and repairs them by the inverse round trip. A repair is made
            only when every byte round-trips exactly and the result is clearly more plausible
            Chinese; each is recorded in `provenance.repairs` and reported here, positioned on
            the repaired span, with the garbled original in the message.

            ## Why it matters
            Garbled lines look like text to every other check and to a model trained on them;
            repairing them recovers the document, and recording each repair keeps the change
            auditable and reversible.

            ## Example
            `鍏氱粍` (UTF-8 read as GBK) → `党组`; `µ³×é` (GBK read as Latin-1) → `党组`.
            """,
        fix="safe",
    ),
    define(
        "mojibake-unrecoverable",
        Severity.ERROR,
        "锟斤拷, 烫烫烫, U+FFFD and other marks of text already lost",
        """
            ## What it does
            Reports U+FFFD replacement characters, `锟斤拷` (U+FFFD written as UTF-8 and read
            as GBK), and `烫烫烫` / `屯屯屯` (uninitialised memory, 0xCC/0xCD, shown as GBK).
            A line garbled lossily (UTF-8 read as GBK with bytes replaced) is reported here and
            never "repaired": the lost bytes cannot be known. A single 锟 (as in 锟铻刀) is not
            reported.

            ## Why it matters
            These characters mean that the text was damaged before it reached you. Only the
            source can restore it; a document carrying them is not a faithful copy.

            ## Example
            `本局锟斤拷锟斤拷法治建设` → `'锟斤拷' is what U+FFFD becomes when UTF-8 is read as
            GBK: the original text is lost`.
            """,
    ),
)

CHECKERS: tuple[Checker, ...] = ()
