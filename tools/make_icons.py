"""Render the app icon from ``resources/icons/app.svg`` into PNG, ICO and ICNS files.

Run it after editing the SVG: ``python tools/make_icons.py``. It renders every size straight
from the vector drawing with Qt's SVG renderer (offscreen, no display needed), so small sizes
stay sharp instead of being shrunk from a large bitmap, and writes the Windows ``app.ico`` and
the macOS ``app.icns`` with Pillow. The outputs are committed; this script is how to remake them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: Pillow's ICNS writer stores 32 to 1024 px (16 px is taken from the 32 px "@2x" entry).
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn on a transparent ``size`` × ``size`` canvas, as a Pillow RGBA image."""
    canvas = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    rgba = canvas.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(rgba.constBits())
    return Image.frombuffer("RGBA", (size, size), data, "raw", "RGBA", rgba.bytesPerLine(), 1)


def make_icons(svg: Path, out_dir: Path) -> list[Path]:
    """Write ``app-<size>.png``, ``app.ico`` and ``app.icns`` into ``out_dir``; return them."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG that Qt can draw")
    images = {size: render(renderer, size) for size in {*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES}}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        path = out_dir / f"app-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    written.append(_save_set(images, ICO_SIZES, out_dir / "app.ico", "ICO"))
    written.append(_save_set(images, ICNS_SIZES, out_dir / "app.icns", "ICNS"))
    return written


def _save_set(images: dict[int, Image.Image], sizes: Iterable[int], path: Path, fmt: str) -> Path:
    chosen = [images[size] for size in sorted(sizes)]
    largest, others = chosen[-1], chosen[:-1]
    largest.save(path, fmt, sizes=[im.size for im in chosen], append_images=others)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS_DIR / "app.svg")
    parser.add_argument("--out", type=Path, default=ICONS_DIR, help="folder to write into")
    options = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # kept alive while drawing
    for path in make_icons(options.svg, options.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
