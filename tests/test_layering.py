"""The engine stays free of Qt and of the GUI package (checked by machine, not habit)."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys

import dcplanner
from tests.conftest import ROOT


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) or shutil.which("lint-imports")
    assert exe, "import-linter is part of the test environment"
    res = subprocess.run([exe], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr


def test_every_engine_module_imports_with_qt_blocked():
    modules = [m.name for m in pkgutil.walk_packages(dcplanner.__path__, "dcplanner.")]
    code = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'ui'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"for m in {modules!r}: __import__(m)\n"
        "print('ok', len(sys.modules))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.stdout.startswith("ok"), res.stderr
