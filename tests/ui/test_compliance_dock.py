"""The Compliance dock: rules by standard, red / green, the same verdicts as dcplanner check, live after edits."""

from __future__ import annotations

import json

import pytest

from dcplanner.cli import main
from dcplanner.model.commands import Ref, SetField
from ui.panels.compliance_view import DETAIL_ROLE, FAIL_COLOUR, PASS_COLOUR


@pytest.fixture
def guian(window, sample_paths, qtbot):
    assert window.open_file(sample_paths["guian_supercomputing"], ask=False)
    assert window.analysis.wait_for_results()
    return window


def _rows(view) -> dict[str, tuple[str, str]]:
    """rule id -> (verdict, colour) for every rule row of the tree's design-year groups."""
    out = {}
    for i in range(view.tree.topLevelItemCount()):
        top = view.tree.topLevelItem(i)
        if top.text(0).startswith("Build-out years"):
            continue
        for k in range(top.childCount()):
            item = top.child(k)
            rule = item.data(0, DETAIL_ROLE).rsplit("rule ", 1)[-1]
            out[rule] = (item.text(1), item.foreground(1).color().name())
    return out


def test_dock_agrees_with_the_cli_and_follows_an_edit(guian, sample_paths, capsys, qtbot):
    view = guian.analysis.compliance
    assert not guian.analysis.holders["compliance"].is_empty
    main(["check", str(sample_paths["guian_supercomputing"]), "--no-phasing", "--json"])
    cli = {c["rule"]: c["status"] for c in json.loads(capsys.readouterr().out)["checks"]}
    words = {"pass": "pass", "fail": "FAIL", "not_applicable": "not applicable", "no_data": "not enough data"}
    rows = _rows(view)
    assert {k: v[0] for k, v in rows.items()} == {k: words[v] for k, v in cli.items()}
    assert rows["gb40879.grade3"][1] == PASS_COLOUR.name()
    assert rows["gb50174.a.ups"] == ("pass", PASS_COLOUR.name())  # the sample is class A with 2N UPS
    # clicking a rule shows its clause and figures
    top = next(
        view.tree.topLevelItem(i)
        for i in range(view.tree.topLevelItemCount())
        if view.tree.topLevelItem(i).text(0) == "GB 50174-2017"
    )
    item = next(top.child(k) for k in range(top.childCount()) if top.child(k).text(0).startswith("class A: UPS"))
    view.tree.setCurrentItem(item)
    assert "Annex A (class A: UPS system)" in view.detail.text() and "secondary" in view.detail.text()
    # an edit to N+1 UPS turns the class A UPS rule red after the background solve
    with qtbot.waitSignal(guian.analysis.runner.results_ready, timeout=15000):
        guian.document.push(SetField([Ref("site", "power.ups")], "redundancy", "N+1"))
    assert _rows(view)["gb50174.a.ups"] == ("FAIL", FAIL_COLOUR.name())
    assert "gb50174.a.ups" in view.summary.text()


def test_compliance_inputs_form_edits_the_site_and_the_dock_follows(small, qtbot):
    """The small site is outside every hub; choosing western hub brings the hub PUE rule into play."""
    window = small
    assert window.analysis.wait_for_results()
    form = window.docks["compliance"].widget()
    hub = form.editors["compliance.hub"]
    assert set(form.editors) >= {"compliance.hub", "compliance.design_class", "compliance.status"}
    assert "compliance.rules" not in form.editors  # lists are edited in the project file
    before = _rows(window.analysis.compliance)["hub.western.pue"][0]
    assert before == "not applicable"
    with qtbot.waitSignal(window.analysis.runner.results_ready, timeout=15000):
        hub.input.setCurrentIndex(hub.input.findData("western_hub"))
        hub.input.activated.emit(hub.input.currentIndex())
    assert window.document.site.compliance.hub == "western_hub"
    assert _rows(window.analysis.compliance)["hub.western.pue"][0] in ("pass", "FAIL")
