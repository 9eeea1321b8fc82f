"""A weather file picked in the app is stored relative to the project's folder; one from outside
is copied in after asking, so the window never saves a project that would not open again."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from dcplanner.io.project_file import load_project


def _form(win):
    return win.docks["climate"].widget()


def test_a_file_inside_the_folder_is_stored_relative(small, tmp_path):
    (tmp_path / "weather").mkdir()
    epw = tmp_path / "weather" / "site.epw"
    epw.write_text("x")
    assert _form(small).weather_file_for_project(epw) == "weather/site.epw"


def test_a_file_outside_is_copied_in_when_the_user_agrees(small, tmp_path, monkeypatch):
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside.mkdir()
    epw = outside / "guiyang.epw"
    epw.write_text("weather")
    (tmp_path / "guiyang.epw").write_text("another file of the same name")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    stored = _form(small).weather_file_for_project(epw)
    assert stored == "guiyang-2.epw"  # the different file already there is kept
    assert (tmp_path / stored).read_text() == "weather"
    assert (tmp_path / "guiyang.epw").read_text() == "another file of the same name"
    # the same file chosen again is not copied twice
    assert _form(small).weather_file_for_project(epw) == "guiyang-2.epw"


def test_declining_the_copy_changes_nothing(small, tmp_path, monkeypatch):
    outside = tmp_path.parent / f"{tmp_path.name}-other"
    outside.mkdir()
    epw = outside / "x.epw"
    epw.write_text("weather")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert _form(small).weather_file_for_project(epw) is None
    assert not (tmp_path / "x.epw").exists()


def test_saving_an_outside_path_is_refused_and_the_file_kept(small, tmp_path, monkeypatch):
    path = small.document.path
    before = path.read_bytes()
    small.document.editor.site.climate.path = str(tmp_path.parent / "abs.epw")  # as an old script might set it
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: QMessageBox.StandardButton.Ok)
    small.save()
    assert path.read_bytes() == before
    assert load_project(path).site.climate.path == ""
