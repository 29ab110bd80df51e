"""A second program the journey drags files from, the way a file manager would.

It shows one small window at a given screen position; pressing the mouse on it starts a
real drag (XDND through the X server) carrying the files named on the command line, so
the Trellis window receives the same events a drop from Nautilus or Dolphin sends.

    python drag_source.py X Y FILE...
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel


class DragSource(QLabel):
    def __init__(self, files: list[Path]) -> None:
        super().__init__("  drag me: " + ", ".join(f.name for f in files) + "  ")
        self.files = files
        self.setWindowTitle("journey drag source")
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(f.resolve())) for f in self.files])
        drag = QDrag(self)
        drag.setMimeData(mime)
        result = drag.exec(Qt.DropAction.CopyAction)
        print(f"drag finished: {result.name}", flush=True)


def main() -> int:
    app = QApplication(sys.argv[:1])
    x, y = int(sys.argv[1]), int(sys.argv[2])
    source = DragSource([Path(a) for a in sys.argv[3:]])
    source.resize(260, 60)
    source.move(x, y)
    source.show()
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
