"""Draw the Trellis icon with QPainter and write it as PNG, ICO (Windows) and ICNS (macOS).

    PYTHONPATH=. .venv/bin/python packaging/make_icons.py

The drawing is a diamond trellis of nine nodes — a network grown on a lattice — with the
centre node, "you", in a warm accent. Every size is painted from the vector drawing (not
scaled down from a big bitmap), with lines and dots kept at least a pixel or two wide so
the 16 px icon still reads. The output files are committed: builds need no Qt step.

ICO and ICNS are written here as containers of PNG images (Windows Vista+, macOS 10.7+),
which needs no Pillow or iconutil.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPen

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (256, 48)  # trellis.png (window, .desktop) and a small one for menus
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (ICNS type, pixel size): the PNG-payload types macOS reads, 1x and @2x.
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)

BACKGROUND_TOP = QColor("#2e8b6f")
BACKGROUND_BOTTOM = QColor("#17594a")
LINE = QColor(255, 255, 255, 215)
NODE = QColor("#ffffff")
CENTRE = QColor("#f4b942")


def _lattice(size: float) -> list[QPointF]:
    """Nine points of a 3 x 3 grid turned 45 degrees: a diamond trellis."""
    centre = size / 2
    step = size * 0.175
    points = []
    for row in (-1, 0, 1):
        for column in (-1, 0, 1):
            # The grid turned by 45 degrees: a column step goes down-right, a row step
            # down-left.
            points.append(QPointF(centre + (column - row) * step, centre + (column + row) * step))
    return points


def paint_icon(painter: QPainter, size: int) -> None:
    """Paint the icon into a `size` x `size` square."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inset = max(0.5, size * 0.02)
    radius = size * 0.22
    frame = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    gradient = QLinearGradient(0, 0, 0, size)
    gradient.setColorAt(0.0, BACKGROUND_TOP)
    gradient.setColorAt(1.0, BACKGROUND_BOTTOM)
    background = QPainterPath()
    background.addRoundedRect(frame, radius, radius)
    painter.fillPath(background, QBrush(gradient))

    points = _lattice(size)
    line_width = max(1.2, size * 0.035)
    painter.setPen(QPen(LINE, line_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for index, point in enumerate(points):
        row, column = divmod(index, 3)
        if column < 2:
            painter.drawLine(point, points[index + 1])
        if row < 2:
            painter.drawLine(point, points[index + 3])

    node_radius = max(1.4, size * 0.058)
    painter.setPen(Qt.PenStyle.NoPen)
    for index, point in enumerate(points):
        if index == 4:
            continue
        painter.setBrush(NODE)
        painter.drawEllipse(point, node_radius, node_radius)
    centre_radius = max(2.0, size * 0.09)
    painter.setPen(QPen(QColor("#ffffff"), max(0.8, size * 0.018)))
    painter.setBrush(CENTRE)
    painter.drawEllipse(points[4], centre_radius, centre_radius)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_icon(painter, size)
    painter.end()
    return image


def png_bytes(size: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not render(size).save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows icon: ICONDIR, one ICONDIRENTRY per size, then the PNG images."""
    images = [png_bytes(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)


def icns_bytes(types: tuple[tuple[str, int], ...] = ICNS_TYPES) -> bytes:
    """A macOS icon family: 'icns', the total length, then (type, length, PNG) chunks."""
    cache: dict[int, bytes] = {}
    chunks = b""
    for kind, size in types:
        image = cache.setdefault(size, png_bytes(size))
        chunks += kind.encode("ascii") + struct.pack(">I", 8 + len(image)) + image
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def write_icons(folder: Path = ICON_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        name = "trellis.png" if size == PNG_SIZES[0] else f"trellis-{size}.png"
        written.append(folder / name)
        written[-1].write_bytes(png_bytes(size))
    written.append(folder / "trellis.ico")
    written[-1].write_bytes(ico_bytes())
    written.append(folder / "trellis.icns")
    written[-1].write_bytes(icns_bytes())
    return written


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter on images wants one
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ICON_DIR
    for path in write_icons(folder):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
