"""The packaging files, checked without building: icons, desktop entry, PyInstaller spec."""

from __future__ import annotations

import ast
import configparser
import fnmatch
import importlib.util
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

import coachjournal

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SPEC = ROOT / "build.spec"
DESKTOP = ROOT / "resources" / "coachjournal.desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG_NS = "{http://www.w3.org/2000/svg}"


def load_make_icons() -> ModuleType:
    path = ROOT / "tools" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def spec_constant(name: str) -> Any:
    """The literal value assigned to ``name`` at the top level of build.spec."""
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec assigns no {name}")


def spec_strings() -> set[str]:
    return {
        node.value
        for node in ast.walk(spec_tree())
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def imported_modules(folder: Path) -> set[str]:
    """Every module named in an import statement of the Python files under ``folder``."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


# Icons


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_has_its_size(size: int) -> None:
    with Image.open(ICONS / f"app-{size}.png") as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        alpha = image.getchannel("A")
        assert alpha.getpixel((0, 0)) == 0, "the corners are transparent (rounded tile)"
        assert alpha.getpixel((size // 2, size // 2)) == 255, "the middle is opaque"


def test_ico_holds_every_windows_size() -> None:
    with Image.open(ICONS / "app.ico") as image:
        assert image.format == "ICO"
        sizes = image.info["sizes"]
    assert {(n, n) for n in (16, 24, 32, 48, 64, 128, 256)} <= sizes


def test_icns_holds_retina_sizes_up_to_1024() -> None:
    with Image.open(ICONS / "app.icns") as image:
        assert image.format == "ICNS"
        sizes = set(image.info["sizes"])
        assert image.size == (1024, 1024), "opens at its largest, 512 px @2x"
    assert {(16, 16, 2), (32, 32, 2), (128, 128, 1), (256, 256, 2), (512, 512, 2)} <= sizes


def test_svg_is_square_and_self_contained() -> None:
    root = ET.parse(ICONS / "app.svg").getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 512 512"
    tags = {element.tag.removeprefix(SVG_NS) for element in root.iter()}
    assert not tags & {"image", "script", "foreignObject", "text"}, "no raster, code or fonts"
    hrefs = [
        value
        for element in root.iter()
        for key, value in element.attrib.items()
        if key.endswith("href")
    ]
    assert hrefs == []


def test_committed_pngs_match_the_svg(qapp: object, tmp_path: Path) -> None:
    """Fails when app.svg was edited and ``python tools/make_icons.py`` was not run."""
    make_icons = load_make_icons()
    make_icons.make_icons(ICONS / "app.svg", tmp_path)
    for size in PNG_SIZES:
        name = f"app-{size}.png"
        with Image.open(ICONS / name) as committed, Image.open(tmp_path / name) as fresh:
            difference = ImageChops.difference(committed, fresh)
            assert max(ImageStat.Stat(difference).mean) < 2, f"{name} is out of date"


# Desktop entry


def test_desktop_entry_has_the_required_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == coachjournal.APP_NAME
    assert entry["GenericName"]
    assert entry["Comment"]
    assert entry["Exec"] == spec_constant("NAME")
    assert entry["Icon"] == "coachjournal"
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Categories"].endswith(";")
    # Qt's X11 window class is the application name; Wayland's app id is the desktop file name.
    assert entry["StartupWMClass"] == coachjournal.APP_NAME
    assert DESKTOP.stem == entry["Icon"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# PyInstaller spec


def test_spec_reads_the_version_from_the_package() -> None:
    tree = spec_tree()
    functions: list[ast.stmt] = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "package_version"
    ]
    assert functions, "build.spec defines package_version()"
    namespace: dict[str, Any] = {"ROOT": ROOT, "Path": Path, "ast": ast}
    exec(compile(ast.Module(functions, type_ignores=[]), str(SPEC), "exec"), namespace)
    assert namespace["package_version"]() == coachjournal.__version__
    assert coachjournal.__version__ not in spec_strings(), "the version is not hard-coded"


def test_spec_bundles_resources_and_the_entry_point() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in text
    assert '"coachjournal" / "__main__.py"' in text
    assert spec_constant("NAME") == coachjournal.APP_NAME
    assert "ui.app" in spec_constant("HIDDEN_IMPORTS")
    assert (ROOT / "ui" / "app.py").is_file()
    assert {"app.ico", "app.icns"} <= spec_strings()


def test_spec_keeps_the_matplotlib_backends_the_app_draws_with() -> None:
    backends = {name.lower() for name in spec_constant("MATPLOTLIB_BACKENDS")}
    assert {"qtagg", "agg", "pdf", "svg"} <= backends


def test_spec_excludes_nothing_the_app_imports() -> None:
    excluded = spec_constant("EXCLUDED_QT_MODULES") + spec_constant("EXCLUDED_MODULES")
    for kept in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"):
        assert kept not in excluded
    used = imported_modules(ROOT / "coachjournal") | imported_modules(ROOT / "ui")
    clashes = {
        name for name in used for gone in excluded if name == gone or name.startswith(f"{gone}.")
    }
    assert clashes == set(), f"build.spec excludes modules the app imports: {sorted(clashes)}"


def test_spec_prunes_no_file_the_app_needs() -> None:
    pruned = spec_constant("PRUNED")
    needed = [
        "resources/icons/app.svg",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf",
        "matplotlib/mpl-data/matplotlibrc",
    ]
    for path in needed:
        assert not any(fnmatch.fnmatchcase(path, rule) for rule in pruned), path
    assert any(fnmatch.fnmatchcase("PySide6/Qt/translations/qtbase_de.qm", r) for r in pruned)


# Build script


def test_build_script_is_strict_executable_bash() -> None:
    script = ROOT / "tools" / "build_bundle.sh"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "--smoke-test" in text
    assert "build.spec" in text
    if sys.platform != "win32":
        assert os.access(script, os.X_OK)
        subprocess.run(["bash", "-n", str(script)], check=True)
