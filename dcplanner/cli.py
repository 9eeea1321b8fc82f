"""Command-line interface for headless work: validate, solve, export, import, phases, compare, check (engine layer).

Every command reads its inputs completely and checks them before it prints or writes anything;
errors go to stderr with exit status 1 (2 for usage errors), and nothing is written on failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dcplanner import __version__
from dcplanner.climate import WeatherFileError, climate_ref_for_file, load_weather
from dcplanner.findings import SEVERITIES, at_least
from dcplanner.io.project_file import (
    LoadedProject,
    ProjectFileError,
    load_project,
    loaded_project_issues,
    save_project,
)
from dcplanner.model.paths import PathError, parse_assignment
from dcplanner.model.schema import ValidationError
from dcplanner.model.site import Site
from dcplanner.scenarios import apply_overrides, scenario_site
from dcplanner.solvers.capacity import format_use, resource_label, scope_label

if TYPE_CHECKING:  # and site_solve, imported by the commands that solve (not validate)
    from dcplanner.compliance.checks import ComplianceReport
    from dcplanner.io.excel.cabinet_import import ImportPlan
    from dcplanner.site_solve import SiteResults
    from dcplanner.solvers.phasing.energy_curve import EnergyCurveSource

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """An input problem reported on stderr with exit status 1."""


def _load(path: str) -> LoadedProject:
    try:
        return load_project(path)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None


def site_for_run(path: str, sets: Sequence[str] = (), scenario: str | None = None) -> Site:
    """The site a command works on: file, then scenario overrides, then ``--set`` overrides."""
    site = _load(path).site
    try:
        if scenario:
            site = scenario_site(site, scenario)
        if sets:
            overrides = dict(parse_assignment(s) for s in sets)
            site = apply_overrides(site, overrides, origin="--set")
    except KeyError as exc:
        raise CliError(f"{path}: {exc.args[0]}") from None
    except (PathError, ValidationError) as exc:
        raise CliError(f"{path}: {exc}") from None
    return site


# ---------------------------------------------------------------------------------------------
# validate


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    status = EXIT_OK
    lines: list[str] = []
    for path in args.files:
        try:
            loaded = load_project(path)
        except ProjectFileError as exc:
            print(f"INVALID {exc}", file=sys.stderr)
            status = EXIT_INVALID
            continue
        site = loaded.site
        bad = loaded_project_issues(loaded, Path(path).resolve().parent)
        if bad:
            print(f"INVALID {path}:\n" + "\n".join(f"  {i}" for i in bad), file=sys.stderr)
            status = EXIT_INVALID
            continue
        cabinets = sum(len(r.cabinets) for h in site.halls for r in h.rows)
        rows = sum(len(h.rows) for h in site.halls)
        lines.append(
            f"OK {path}: {site.name} — {len(site.halls)} halls, {rows} rows, {cabinets} cabinets, "
            f"{len(site.scenarios)} scenarios, {len(loaded.warnings)} warnings"
        )
        lines.extend(f"  warning: {w}" for w in loaded.warnings)
    if lines:
        print("\n".join(lines), file=out)
    return status


# ---------------------------------------------------------------------------------------------
# solve


def _fmt_flops(value: float) -> str:
    return f"{value / 1e15:,.2f} PFLOPS"


def findings_text(results: SiteResults) -> list[str]:
    """The findings, errors first, one line each, with a count line above when there are errors."""
    errors = results.errors
    lines = []
    if errors:
        lines.append(f"{len(errors)} limit{'s' if len(errors) != 1 else ''} broken or checks failed:")
    lines.extend(str(f) for f in results.findings)
    return lines


def solve_text(results: SiteResults) -> str:
    """A short human-readable summary of a solve (findings first: errors, warnings, info)."""
    cap, comp = results.capacity, results.compute
    s = cap.site
    lines = [
        f"Site: {results.site.name} ({results.site.id})",
        *findings_text(results),
        f"Cabinets: {s.cabinets:,} of {s.positions:,} positions ({s.free_positions:,} free), "
        f"{s.loaded_cabinets:,} loaded",
        f"Servers: {s.servers:,} compute + {s.other_devices:,} storage/network; accelerators: {s.accelerators:,}",
        f"IT power: design {s.design_kw:,.1f} kW, loaded {s.loaded_kw:,.1f} kW",
    ]
    if cap.binding is not None:
        b = cap.binding
        lines.append(
            f"Binding limit: {resource_label(b.resource)} ({scope_label(b.scope)}) — "
            f"{b.demand:,.1f} of {b.capacity:,.1f} {b.unit} usable ({format_use(b)})"
        )
    if cap.it_headroom_kw is not None:
        h = cap.it_headroom_kw
        lines.append(
            f"IT headroom before the binding limit: {h:,.1f} kW"
            if h >= 0
            else f"Design IT is over the binding limit by {-h:,.1f} kW"
        )
    lines.append("Peak compute (dense):")
    for key, value in comp.site.peak_flops.items():
        lines.append(f"  {key:<12} {_fmt_flops(value)}")
    lines.append(f"Accelerator-hours per year at {comp.utilisation:.0%} utilisation: {comp.gpu_hours_per_year:,.0f}")
    if results.energy is not None:
        lines.extend(energy_text(results))
    return "\n".join(lines)


def energy_text(results: SiteResults) -> list[str]:
    """The energy lines of the text summary."""
    e = results.energy
    assert e is not None
    hours = e.mode_hours
    return [
        f"Energy ({e.architecture_title}, climate {e.climate_name}):",
        f"  annual PUE {e.annual_pue:.3f} (cooling pPUE {e.ppue_cooling:.3f}, power pPUE {e.ppue_power:.3f})",
        f"  IT {e.it_energy_kwh / 1e6:,.2f} GWh, facility {e.facility_energy_kwh / 1e6:,.2f} GWh; "
        f"peak facility {e.peak_facility_kw:,.0f} kW ({e.design_peak_facility_kw:,.0f} kW at design IT)",
        f"  free cooling: {hours['full']:,} h full, {hours['partial']:,} h partial, "
        f"{hours['mechanical']:,} h mechanical",
        f"  WUE {e.wue_l_per_kwh:.3f} L/kWh, CUE {e.cue_kg_per_kwh:.3f} kg CO2/kWh; "
        f"{e.hours_outside_recommended:,} h outside the ASHRAE recommended inlet envelope",
    ]


def cmd_solve(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.site_solve import report_json, solve_site

    site = site_for_run(args.file, args.set, args.scenario)
    base_dir = Path(args.file).resolve().parent
    try:
        weather = None
        if args.climate:
            weather = load_weather(climate_ref_for_file(args.climate), Path.cwd(), site.location)
        results = solve_site(site, energy=True, weather=weather, base_dir=base_dir)
    except WeatherFileError as exc:
        raise CliError(str(exc)) from None
    except ValidationError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    text = json.dumps(report_json(results), ensure_ascii=False, indent=2) if args.json else solve_text(results)
    print(text, file=out)
    if args.fail_on and at_least(results.findings, args.fail_on):
        return EXIT_INVALID
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# export


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.io.excel.export import describe_manifest, export_workbook

    if args.hourly and args.no_energy:
        raise CliError("--hourly needs the energy year: leave out --no-energy")
    base = _load(args.file).site
    target = Path(args.output)
    try:
        weather = None
        if args.climate:
            where = scenario_site(base, args.scenario).location if args.scenario else base.location
            weather = load_weather(climate_ref_for_file(args.climate), Path.cwd(), where)
        manifest = export_workbook(
            base,
            target,
            scenario=args.scenario,
            with_energy=not args.no_energy,
            weather=weather,
            base_dir=Path(args.file).resolve().parent,
            hourly=args.hourly,
            with_phasing=not args.no_phasing,
        )
    except KeyError as exc:
        raise CliError(f"{args.file}: {exc.args[0]}") from None
    except ValidationError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    except ValueError as exc:  # a weather file or the target name
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror})") from None
    print(describe_manifest(target, manifest), file=out)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# import-cabinets


def cmd_import_cabinets(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.io.excel import CabinetListError, apply_cabinet_import, plan_cabinet_import, read_cabinet_list

    loaded = _load(args.file)
    try:
        table = read_cabinet_list(args.source)
    except CabinetListError as exc:
        raise CliError(str(exc)) from None
    plan = plan_cabinet_import(loaded.site, table)
    target = Path(args.output or args.file)
    report = _import_report(plan, args.all_errors)
    if plan.rejected and not args.accept_valid:
        print(report, file=sys.stderr)
        valid = len(plan.changes)
        raise CliError(
            f"nothing written: {len(plan.rejected):,} rows were rejected. Fix them, or rerun with --accept-valid "
            f"to import the {valid:,} valid changes only"
        )
    print(report, file=out)
    if not plan.changes:
        print(f"Nothing to change; {target} not written.", file=out)
        return EXIT_OK
    apply_cabinet_import(loaded.site, plan)
    try:
        save_project(loaded.site, target, keep_backup_of=loaded if target == loaded.path else None)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror})") from None
    print(f"Saved {target}: {plan.added:,} cabinets added, {plan.updated:,} updated.", file=out)
    return EXIT_OK


def _import_report(plan: ImportPlan, all_errors: bool) -> str:
    """The plan's report: every rejected row with --all-errors, else the first ones and a count."""
    from dcplanner.io.excel.cabinet_import import REPORTED_REJECTIONS

    text = plan.report(None if all_errors else REPORTED_REJECTIONS)
    if not all_errors and len(plan.rejected) > REPORTED_REJECTIONS:
        text += "\n  (rerun with --all-errors to list every rejected row)"
    return text


# ---------------------------------------------------------------------------------------------
# phases and compare


def _phasing_energy(path: str, climate: str | None = None, site: Site | None = None) -> EnergyCurveSource:
    """The energy curve source for a project file: the energy engine on the project's climate
    (paths beside the file) or on the weather file ``climate``."""
    from dcplanner.solvers.phasing.energy_curve import project_energy_source

    weather = None
    if climate and site is not None:
        weather = load_weather(climate_ref_for_file(climate), Path.cwd(), site.location)
    return project_energy_source(Path(path).resolve().parent, weather)


def _phasing_errors() -> tuple[type[Exception], ...]:
    from dcplanner.solvers.phasing.energy_curve import EnergyEngineUnavailable
    from dcplanner.solvers.phasing.schedule import NoScheduleFound, ScheduleInfeasible

    return (EnergyEngineUnavailable, NoScheduleFound, ScheduleInfeasible, ValidationError, WeatherFileError)


def cmd_phases(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.solvers.phasing.montecarlo import monte_carlo
    from dcplanner.solvers.phasing.report import phasing_json, phasing_text
    from dcplanner.solvers.phasing.sensitivity import tornado
    from dcplanner.solvers.phasing.solve import solve_phasing

    site = site_for_run(args.file, args.set, args.scenario)
    starts = None
    if args.start:
        starts = {}
        for text in args.start:
            ident, sep, month = text.partition("=")
            if not sep:
                raise CliError(f"--start expects ID=YYYY-MM or ID=none, got {text!r}")
            starts[ident.strip()] = None if month.strip().lower() == "none" else month.strip()
    try:
        energy = _phasing_energy(args.file, args.climate, site)
        result = solve_phasing(site, energy, starts=starts, scenario=args.scenario or "")
        sens = None
        if args.tornado is not None:
            sens = tornado(result, None if args.tornado < 0 else args.tornado)
        mc = None
        if args.monte_carlo is not None:
            mc = monte_carlo(result, args.monte_carlo or None, args.seed)
    except KeyError as exc:
        raise CliError(f"{args.file}: {exc.args[0]}") from None
    except _phasing_errors() as exc:
        raise CliError(f"{args.file}: {exc}") from None
    if args.json:
        print(json.dumps(phasing_json(result, sens, mc), ensure_ascii=False, indent=2), file=out)
    else:
        print(phasing_text(result, sens, mc), file=out)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.solvers.scenario_comparison import compare_scenarios, comparison_json, comparison_text

    site = site_for_run(args.file, args.set)
    try:
        cmp = compare_scenarios(site, _phasing_energy(args.file, args.climate, site))
    except _phasing_errors() as exc:
        raise CliError(f"{args.file}: {exc}") from None
    text = json.dumps(comparison_json(cmp), ensure_ascii=False, indent=2) if args.json else comparison_text(cmp)
    print(text, file=out)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# export-dxf, import-dxf


def cmd_export_dxf(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.io.dxf.write import export_dxf

    site = site_for_run(args.file, scenario=args.scenario)
    target = Path(args.output)
    try:
        manifest = export_dxf(site, target)
    except ValueError as exc:  # the target name
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror})") from None
    print(manifest.describe(target), file=out)
    return EXIT_OK


def cmd_import_dxf(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.io.dxf import DrawingError, read_dxf
    from dcplanner.io.dxf.halls import offer_halls
    from dcplanner.model.commands import EditedSite
    from dcplanner.model.commands.drawing import SetDrawing

    loaded = _load(args.file)
    try:
        imported = read_dxf(
            args.source,
            layers=args.layer,
            units=args.units,
            column_layers=args.column_layer,
            wall_layers=args.wall_layer,
        )
    except DrawingError as exc:
        raise CliError(str(exc)) from None
    drawing = imported.drawing
    layers = ", ".join(imported.layers_found) or "none"
    lines = [f"Read {args.source}: {len(drawing.shapes):,} shapes in {drawing.units} on layers {layers}"]
    kinds = {k: sum(1 for s in drawing.shapes if s.kind == k) for k in ("outline", "column", "wall", "other")}
    lines.append("  " + ", ".join(f"{n:,} {k}{'' if n == 1 else 's'}" for k, n in kinds.items()))
    lines.extend(f"  note: {n}" for n in imported.notes)
    halls = []
    if args.halls_from_layer:
        outlines = [s for s in imported.outlines() if s.layer == args.halls_from_layer]
        if not outlines:
            raise CliError(f"{args.source}: no closed outline on layer {args.halls_from_layer!r} to make a hall of")
        for offer in offer_halls(loaded.site, outlines):
            if offer.hall is None:
                lines.append(f"  outline {offer.outline.id} not made a hall: {offer.reason}")
            else:
                halls.append(offer.hall)
                h = offer.hall
                size = f"{h.width_m:g} x {h.depth_m:g} m at ({h.x_m:g}, {h.y_m:g})"
                lines.append(f"  hall {h.id} from outline {offer.outline.id}: {size}")
    try:
        SetDrawing(drawing, halls).do(EditedSite(loaded.site))
    except ValidationError as exc:
        raise CliError(f"{args.source}: the drawing does not fit the plan:\n{exc}") from None
    target = Path(args.output or args.file)
    try:
        save_project(loaded.site, target, keep_backup_of=loaded if target == loaded.path else None)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror})") from None
    print("\n".join(lines), file=out)
    print(
        f"Saved {target}: background drawing of {len(drawing.shapes):,} shapes, {len(halls):,} halls added.", file=out
    )
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# check


def _check_one(args: argparse.Namespace, site: Site, scenario: str) -> ComplianceReport:
    """Solve one (scenario) site's energy year and build-out, and check every rule."""
    from dcplanner.compliance.run import check_solved
    from dcplanner.site_solve import solve_site
    from dcplanner.solvers.phasing.schedule import NoScheduleFound, ScheduleInfeasible
    from dcplanner.solvers.phasing.solve import solve_phasing

    notes = []
    try:
        weather = load_weather(climate_ref_for_file(args.climate), Path.cwd(), site.location) if args.climate else None
        results = solve_site(site, energy=True, weather=weather, base_dir=Path(args.file).resolve().parent)
        phasing = None
        if not args.no_phasing:
            try:
                phasing = solve_phasing(site, _phasing_energy(args.file, args.climate, site), scenario=scenario)
            except (NoScheduleFound, ScheduleInfeasible) as exc:  # the design year is still checked
                notes.append(f"the build-out years are not checked: {exc}")
    except _phasing_errors() as exc:
        raise CliError(f"{args.file}{f' (scenario {scenario})' if scenario else ''}: {exc}") from None
    return check_solved(site, results.capacity, results.energy, phasing, scenario=scenario, notes=notes)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from dcplanner.compliance.report import compliance_json, compliance_text, scenarios_text

    if args.all_scenarios and args.scenario:
        raise CliError("--all-scenarios checks every scenario; leave out --scenario")
    site = site_for_run(args.file, args.set, args.scenario)
    if not args.all_scenarios:
        report = _check_one(args, site, args.scenario or "")
        text = compliance_json(report) if args.json else compliance_text(report)
        print(json.dumps(text, ensure_ascii=False, indent=2) if args.json else text, file=out)
        return EXIT_INVALID if report.binding_failures else EXIT_OK
    reports = [_check_one(args, site, "")]
    for sc in site.scenarios:
        try:
            variant = scenario_site(site, sc.id)
        except ValidationError as exc:
            raise CliError(f"{args.file}: scenario {sc.id}: {exc}") from None
        reports.append(_check_one(args, variant, sc.id))
    if args.json:
        print(json.dumps([compliance_json(r) for r in reports], ensure_ascii=False, indent=2), file=out)
    else:
        print(scenarios_text(reports), file=out)
    return EXIT_INVALID if any(r.binding_failures for r in reports) else EXIT_OK


def cmd_report_elsewhere(args: argparse.Namespace, out: TextIO) -> int:
    raise CliError("the design report is drawn by the desktop package: run `dcplanner report` (the launcher)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dcplanner",
        description=(
            "Plan data-center capacity and energy. With no command (or with a project file) "
            "the desktop app opens; the commands below run headless."
        ),
        epilog="GUI: dcplanner [FILE] [--screenshot OUT.png]",
    )
    parser.add_argument("--version", action="version", version=f"dcplanner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check project files; exit 1 if any is invalid")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("solve", help="solve capacity, compute and hourly energy for a project")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="override a field, e.g. halls[H1].rows.*.cabinets.*.design_kw=30 (validated like the file)",
    )
    p.add_argument("--scenario", metavar="NAME", help="solve a named scenario instead of the base site")
    p.add_argument(
        "--climate",
        metavar="FILE",
        help="run the energy year on this weather file (.epw, or hourly .csv) instead of the project's climate",
    )
    p.add_argument(
        "--fail-on",
        choices=SEVERITIES[:2],
        metavar="SEVERITY",
        help="exit with status 1 when a finding of this severity or worse exists (error or warning)",
    )
    p.set_defaults(run=cmd_solve)

    p = sub.add_parser("export", help="write the capacity workbook (.xlsx) with live formulas")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx", help="workbook to write (replaced atomically)")
    p.add_argument("--scenario", metavar="NAME", help="export a named scenario instead of the base site")
    p.add_argument(
        "--climate",
        metavar="FILE",
        help="run the energy year on this weather file (.epw, or hourly .csv) instead of the project's climate",
    )
    p.add_argument("--hourly", action="store_true", help="add the 8,760-row hourly energy sheet")
    p.add_argument(
        "--no-energy",
        action="store_true",
        help="leave the energy year out (no Energy sheet; the power chain is sized by the design facility factor)",
    )
    p.add_argument(
        "--no-phasing",
        action="store_true",
        help="leave the build-out out (no Phases and Finance sheets, no phasing figures in the scenario comparison)",
    )
    p.set_defaults(run=cmd_export)

    p = sub.add_parser(
        "import-cabinets",
        help="merge a cabinet list (.xlsx or .csv) into a project",
        description=(
            "Merge a cabinet list into the project: columns hall, row, position, cabinet type, design (kW), server "
            "load (or servers + server model), phase, name, cabinet id; the workbook's Cabinets sheet reads back "
            "as is. Rejected rows are listed with their row number; nothing is written unless every row is valid "
            "or --accept-valid is given."
        ),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="source", required=True, metavar="LIST", help="cabinet list: .xlsx or .csv")
    p.add_argument("-o", "--output", metavar="OUT", help="project file to write (default: FILE itself)")
    p.add_argument("--accept-valid", action="store_true", help="import the valid rows even if others are rejected")
    p.add_argument(
        "--all-errors", action="store_true", help="list every rejected row (default: the first 50 and a count)"
    )
    p.set_defaults(run=cmd_import_cabinets)

    set_help = "override a field before solving (validated like the file)"
    climate_help = "price energy on this weather file (.epw, or hourly .csv) instead of the project's climate"
    p = sub.add_parser("phases", help="build-out schedule (optimised or fixed) and its finance summary")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--scenario", metavar="NAME", help="solve a named scenario instead of the base site")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE", help=set_help)
    p.add_argument(
        "--start",
        action="append",
        default=[],
        metavar="ID=YYYY-MM",
        help="fix the schedule by hand: construction start of a candidate (ID=none: not built); "
        "candidates not named keep their fixed start, if any",
    )
    p.add_argument(
        "--tornado",
        nargs="?",
        type=float,
        const=-1.0,
        default=None,
        metavar="STEP",
        help="add the sensitivity of NPV to each key input moved by +/- STEP (a share; default from the file)",
    )
    p.add_argument(
        "--monte-carlo",
        nargs="?",
        type=int,
        const=0,
        default=None,
        metavar="DRAWS",
        help="add a seeded Monte Carlo of NPV and capacity shortfall (default draws from the file)",
    )
    p.add_argument("--seed", type=int, default=None, help="Monte Carlo seed (default from the file)")
    p.add_argument("--climate", metavar="WEATHER", help=climate_help)
    p.set_defaults(run=cmd_phases)

    p = sub.add_parser("compare", help="compare the base site and its scenarios side by side")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE", help=set_help)
    p.add_argument("--climate", metavar="WEATHER", help=climate_help)
    p.set_defaults(run=cmd_compare)

    p = sub.add_parser(
        "check",
        help="check the Chinese energy-efficiency, hub and design rules; exit 1 when a binding rule fails",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--scenario", metavar="NAME", help="check a named scenario instead of the base site")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE", help=set_help)
    p.add_argument("--climate", metavar="WEATHER", help=climate_help)
    p.add_argument("--no-phasing", action="store_true", help="check the design year only (no build-out years)")
    p.add_argument(
        "--all-scenarios", action="store_true", help="check the base site and every scenario; print which pass"
    )
    p.set_defaults(run=cmd_check)

    # `report` paints with Qt, so the launcher (main.py) sends it to ui/report before this parser;
    # it is listed here so that `dcplanner --help` names every command.
    p = sub.add_parser(
        "report",
        help="write the design report (A4 PDF): FILE -o REPORT.pdf [--scenario NAME] [--lang zh_CN|en]",
        add_help=False,
    )
    p.set_defaults(run=cmd_report_elsewhere)
    p = sub.add_parser("export-dxf", help="write the floor plan as a CAD drawing (.dxf, metres)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="PLAN.dxf", help="drawing to write (replaced atomically)")
    p.add_argument("--scenario", metavar="NAME", help="draw a named scenario instead of the base site")
    p.set_defaults(run=cmd_export_dxf)

    p = sub.add_parser(
        "import-dxf",
        help="keep a CAD drawing (.dxf) as the plan's background; its columns and walls become obstacles",
        description=(
            "Read a DXF drawing (repaired if flawed) in the units of its $INSUNITS or --units, keep the chosen "
            "layers as the plan's background, and treat shapes on column and wall layers (names with COLUMN, "
            "COLS, COL, PILLAR, WALL, 柱, 墙, or named by --column-layer / --wall-layer) as obstacles no row may "
            "stand on. Closed outlines on --halls-from-layer become halls."
        ),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="source", required=True, metavar="DRAWING.dxf", help="the CAD drawing")
    p.add_argument("--layer", action="append", default=[], metavar="NAME", help="keep this layer (default: all)")
    p.add_argument("--units", choices=("m", "mm"), help="drawing units when $INSUNITS is missing or wrong")
    p.add_argument("--column-layer", action="append", default=[], metavar="NAME", help="shapes on it are columns")
    p.add_argument("--wall-layer", action="append", default=[], metavar="NAME", help="shapes on it are walls")
    p.add_argument("--halls-from-layer", metavar="NAME", help="make a hall of each closed outline on this layer")
    p.add_argument("-o", "--output", metavar="OUT", help="project file to write (default: FILE itself)")
    p.set_defaults(run=cmd_import_dxf)
    return parser


COMMANDS = ("validate", "solve", "export", "import-cabinets", "phases", "compare", "export-dxf", "import-dxf", "check")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command; returns the exit status."""
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version or a usage error
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help(out)
        return EXIT_USAGE
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return run(args, out)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # the reader (head, less) closed the pipe: stop quietly, as POSIX tools do
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush from raising again
        return EXIT_OK
    except (ProjectFileError, WeatherFileError, ValidationError, PathError) as exc:  # an input the command missed
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # last resort: one plain line, never a traceback
        detail = " ".join(str(exc).split())[:200]
        print(f"error: dcplanner could not finish this command{': ' + detail if detail else ''}", file=sys.stderr)
        return EXIT_INVALID
