"""Format migrations, each step against a saved fixture of the older version."""

from __future__ import annotations

import json
from pathlib import Path

from dcplanner.io import migrations
from dcplanner.io.project_file import load_project, save_project
from dcplanner.model.schema import to_dict
from tests.factories import small_site

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "migrations"


def test_every_step_has_a_fixture():
    versions = {int(p.name.split("_")[0][1:]) for p in FIXTURES.glob("v*_*.dcp.json")}
    assert set(migrations.MIGRATIONS) <= versions
    assert set(range(1, migrations.CURRENT_FORMAT_VERSION)) == set(migrations.MIGRATIONS)


def test_version_1_loads_with_empty_compliance_and_drawing_and_saves_as_the_current_version(tmp_path):
    fixture = FIXTURES / "v1_small_site.dcp.json"
    before = fixture.read_bytes()
    loaded = load_project(fixture)
    assert loaded.written_in_version == 1 and loaded.migrated
    assert to_dict(loaded.site) == to_dict(small_site())  # the sections added in version 2 take their defaults
    assert fixture.read_bytes() == before  # loading never writes
    target = tmp_path / "p.dcp.json"
    save_project(loaded.site, target)
    assert json.loads(target.read_text(encoding="utf-8"))["format_version"] == migrations.CURRENT_FORMAT_VERSION
