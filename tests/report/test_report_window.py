"""File > Export > Design report (PDF) in the window."""

from __future__ import annotations

from dcplanner.model.commands import Ref, SetField
from tests.report.pdf_pages import page_count, page_texts


def test_export_report_writes_the_edited_site(window, sample_paths, tmp_path, qtbot):
    assert window.open_file(sample_paths["guian_supercomputing"], ask=False)
    entries = [a.text() for a in window.findChildren(type(window.exchange.report.action))]
    assert "Design report (PDF)…" in entries
    window.document.push(SetField([Ref("hall", window.document.site.halls[0].id)], "name", "Edited hall"))
    target = tmp_path / "guian"  # the suffix is added
    report = window.exchange.report
    report.export_to(target, lang="zh_CN", author="Lin")
    with qtbot.waitSignal(report.written, timeout=60000) as written:
        pass
    assert written.args == [target.with_suffix(".pdf")]
    pdf = target.with_suffix(".pdf")
    texts = page_texts(pdf)
    assert page_count(pdf) >= 10
    assert "Lin" in texts[0] and "guian_supercomputing.dcp.json" in texts[0]
    assert any("Edited hall" in t for t in texts)
    assert window.statusBar().currentMessage().startswith("Wrote guian.pdf")
