"""Traditional-Chinese reports: decoded from Big5, they must not read as defects."""

from __future__ import annotations

from pathlib import Path

from lawqa.hanzi import simplified, traditional, traditional_share
from lawqa.pipeline import check_path, document_from_text
from lawqa.rules.censorship import CHECKERS as CENSORSHIP

BIG5 = Path(__file__).parent / "fixtures" / "ingest" / "big5_report.big5.txt"


def test_simplified_keeps_length_and_maps_the_vocabulary():
    text = "臺北市某局2023年法治政府建設年度報告"
    assert simplified(text) == "台北市某局2023年法治政府建设年度报告"
    assert len(simplified(text)) == len(text)
    assert traditional("习近平总书记") == "習近平總書記"


def test_traditional_share_tells_the_scripts_apart():
    assert traditional_share("加強組織領導，開展專題講座") > 0.5
    assert traditional_share("加强组织领导，开展专题讲座，王喆、朱镕基") < 0.15
    assert traditional_share("2023, ok") == 0.0


def test_a_clean_big5_report_has_no_findings():
    result = check_path(str(BIG5))
    assert result.provenance.encoding == "big5"
    assert result.findings == ()
    assert result.document is not None and result.document.title.kind is not None


def test_censored_deletion_in_traditional_text_restores_the_name_in_traditional():
    doc = document_from_text("深入學習習近平法治思想，學習法治思想。")
    hits = [h for c in CENSORSHIP for h in c.run(doc)]
    assert [(h.rule, h.column, h.end_column, h.suggestion) for h in hits] == [
        ("censored-deletion", 15, 19, "習近平法治思想")
    ]
