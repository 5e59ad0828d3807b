"""The core must stay Qt-free (DESIGN.md: layers)."""

import subprocess
import sys

CODE = r"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
            raise ImportError("Qt is not allowed in annotator.core: " + name)
sys.meta_path.insert(0, Block())
import annotator.core as core
for mod in pkgutil.walk_packages(core.__path__, "annotator.core."):
    importlib.import_module(mod.name)
import annotator.cli
print("ok")
"""


def test_core_imports_without_pyside6():
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
