"""Build-out inputs: file validation with field paths, and candidates tied to the site's cabinets."""

from __future__ import annotations

import pytest

from dcplanner.io.project_file import load_project, save_project
from dcplanner.model.buildout import Candidate
from dcplanner.model.schema import ValidationError, from_dict, to_dict
from dcplanner.model.site import Phase, Site
from dcplanner.model.validation import raise_on_errors, validate_site
from dcplanner.site_solve import solve_site
from dcplanner.solvers.phasing.candidates import resolve_candidates
from dcplanner.solvers.phasing.timeline import timeline_of
from tests.phasing.support import buildout_site, steps

DEMAND = {"base": steps([("2026-01", 0.0), ("2028-01", 2.0)])}


def errors(site: Site) -> dict[str, str]:
    return {i.path: i.message for i in validate_site(site) if i.severity == "error"}


def test_references_dates_and_cycles_are_checked_with_paths():
    cands = [
        Candidate(id="A", covers=["nope"], requires=["B"], earliest_start="2027-05", latest_start="2027-01"),
        Candidate(id="B", requires=["A"], fixed_start="2026-13"),
        Candidate(id="A", requires=["Z"]),
    ]
    site = buildout_site(cands, DEMAND)
    site.buildout.demand.variant = "high"
    errs = errors(site)
    assert "no hall, row or phase with id 'nope'" in errs["buildout.candidates[0].covers[0]"]
    assert "is before earliest_start 2027-05" in errs["buildout.candidates[0].latest_start"]
    assert "must be a month written YYYY-MM" in errs["buildout.candidates[1].fixed_start"]
    assert "duplicate id 'A'" in errs["buildout.candidates[2].id"]
    assert "no candidate 'Z'" in errs["buildout.candidates[2].requires[0]"]
    assert "dependency cycle: 'A' requires 'B' requires 'A'" in " ".join(errs.values())
    assert "no demand variant 'high'" in errs["buildout.demand.variant"]


def test_demand_points_in_month_order_and_ranges_on_load():
    site = buildout_site([], {"base": steps([("2027-01", 1.0), ("2026-06", 2.0)])})
    assert "points must be in month order" in errors(site)["buildout.demand.variants[0].points[1].month"]
    doc = to_dict(site)
    doc["buildout"]["candidates"] = [{"id": "X", "lead_time_months": 400}]
    doc["economics"]["voucher_share"] = 1.5
    with pytest.raises(ValidationError) as info:
        from_dict(Site, doc)
    text = str(info.value)
    assert "buildout.candidates[0].lead_time_months: 400 is out of range; allowed from 0 to 120 months" in text
    assert "economics.voucher_share: 1.5 is out of range; allowed from 0 to 1" in text


def test_buildout_round_trips_through_the_project_file(tmp_path):
    site = buildout_site(
        [Candidate(id="A", it_kw=1000, provides={"power_kw": 1200.0}, earliest_start="2026-03")], DEMAND
    )
    path = save_project(site, tmp_path / "b.dcp.json")
    again = load_project(path).site
    assert to_dict(again) == to_dict(site)


def test_candidates_take_capacity_from_their_cabinets():
    site = buildout_site(
        [
            Candidate(id="rows-R1", covers=["R1"]),
            Candidate(id="hall", covers=["H1"], capex_cny=5e6),
            Candidate(id="phase", covers=["P1"], it_kw=123.0),
        ],
        DEMAND,
    )
    site.phases = [Phase(id="P1")]
    site.halls[0].rows[1].cabinets[0].phase_id = "P1"
    raise_on_errors(validate_site(site))
    tl = timeline_of(site)
    c = resolve_candidates(site, tl, "pflops", "fp16")
    # small_site: 2 rows of 4 cabinets at 10 kW, one DGX A100 each
    assert c.it_kw.tolist() == [40.0, 80.0, 123.0]
    assert c.cabinets.tolist() == [4, 8, 1]
    assert c.capex_cny.tolist() == [4 * 739_000.0, 5e6, 739_000.0]
    assert c.opex_cny_per_year.tolist() == pytest.approx([0.02 * 4 * 739_000.0, 0.02 * 5e6, 0.02 * 739_000.0])
    whole = solve_site(site).compute.site
    assert c.pflops[1] == pytest.approx(whole.peak_flops["fp16"] / 1e15)  # the hall holds every cabinet
    assert c.pflops[0] == pytest.approx(whole.peak_flops["fp16"] / 1e15 / 2)
    assert c.accelerators.tolist() == [32, 64, 8]  # 8 GPUs per DGX A100
    assert c.capacity.tolist() == pytest.approx(c.pflops.tolist())  # PFLOPS demand: capacity is compute
    assert "4 cabinets in R1" in c.derivation[0]


def test_time_of_use_hours_are_checked():
    site = buildout_site([], DEMAND)
    site.economics.time_of_use.peak_hours = "8-11, 18-25"
    site.economics.time_of_use.valley_hours = "0-6"
    assert "hours run from 0 to 23" in errors(site)["economics.time_of_use.peak_hours"]
    site.economics.time_of_use.peak_hours = "6-9"
    assert "hour 6 is already a peak hour" in errors(site)["economics.time_of_use.valley_hours"]
    site.economics.time_of_use.valley_hours = "night"
    assert "'night' is not an hour" in errors(site)["economics.time_of_use.valley_hours"]
