"""Desktop integration files and icons that packaging relies on."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "io.github.zhnewsannotator.Annotator"
DESKTOP = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"


def test_desktop_entry_has_names_in_both_languages():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Name"] and entry["Name[zh_CN]"] == "新闻实体标注"
    assert entry["Comment"] and entry["Comment[zh_CN]"]
    assert entry["Terminal"] == "false"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
def test_desktop_file_validate_passes():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_metainfo_names_the_desktop_entry():
    tree = ET.parse(METAINFO)
    root = tree.getroot()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    assert any(
        el.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN" for el in root.iter("name")
    )


@pytest.mark.gui
def test_icons_exist_for_every_size_and_svg_renders(qapp):
    from PySide6.QtSvg import QSvgRenderer

    icons = ROOT / "resources" / "icons"
    assert QSvgRenderer(str(icons / "annotator.svg")).isValid()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        from PySide6.QtGui import QImage

        image = QImage(str(icons / f"annotator-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_spec_reads_the_package_version():
    spec = (ROOT / "packaging" / "annotator.spec").read_text(encoding="utf-8")
    assert 'annotator" / "__init__.py' in spec
    init = (ROOT / "annotator" / "__init__.py").read_text(encoding="utf-8")
    assert re.search(r'__version__ = "([^"]+)"', init)


@pytest.mark.skipif(shutil.which("xdg-desktop-menu") is None, reason="xdg-utils not installed")
def test_install_and_uninstall_desktop_entry_per_user(tmp_path):
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    program = tmp_path / "my app" / "annotator-gui"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    script = ROOT / "packaging" / "linux"
    result = subprocess.run(
        ["bash", str(script / "install-desktop.sh"), str(program)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{program}"' in installed.read_text(encoding="utf-8")
    assert (
        tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    ).exists()
    result = subprocess.run(
        ["bash", str(script / "uninstall-desktop.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert not installed.exists()
