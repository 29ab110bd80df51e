"""The committed app icons (drawn by packaging/make_icons.py): well-formed, every size."""

from __future__ import annotations

import struct

import pytest
from PySide6.QtGui import QImage

from desktop_app.resource_paths import resource_path

ICONS = resource_path("icons")


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def test_png_icons_are_square_and_sized_as_named() -> None:
    assert _image((ICONS / "trellis.png").read_bytes()).size().width() == 256
    small = _image((ICONS / "trellis-48.png").read_bytes())
    assert (small.width(), small.height()) == (48, 48)


def test_ico_holds_every_windows_size_as_png() -> None:
    data = (ICONS / "trellis.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _c, _r, planes, bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        image = _image(data[offset : offset + length])
        side = width or 256
        assert (image.width(), image.height(), height or 256) == (side, side, side)
        assert (planes, bpp) == (1, 32)
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


@pytest.mark.parametrize(
    ("kind", "side"),
    [("icp4", 16), ("icp5", 32), ("ic07", 128), ("ic08", 256), ("ic10", 1024), ("ic14", 512)],
)
def test_icns_chunks_hold_pngs_of_their_declared_size(kind: str, side: int) -> None:
    data = (ICONS / "trellis.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    chunks = {}
    position = 8
    while position < len(data):
        name = data[position : position + 4].decode("ascii")
        length = struct.unpack_from(">I", data, position + 4)[0]
        chunks[name] = data[position + 8 : position + length]
        position += length
    assert position == len(data)
    image = _image(chunks[kind])
    assert (image.width(), image.height()) == (side, side)


def test_the_application_finds_its_icon(qapp: object) -> None:
    from PySide6.QtGui import QIcon

    from desktop_app.app import _icon_path

    path = _icon_path()
    assert path is not None
    assert not QIcon(str(path)).isNull()
