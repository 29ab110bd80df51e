"""Drawing a planned `MapDocument` with QPainter, one page at a time, on any device.

Every page is drawn in points: the painter is scaled by dpi/72 and fonts are sized so that
`size` points stay `size` points on paper whatever the device's resolution (PDF, printer,
PNG at any dpi, SVG). Text is drawn as text, so PDFs stay searchable.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from desktop_app.domain.enums import Circle
from desktop_app.services.printing.document import INDEX_LEADING, INDEX_PT, MapDocument
from desktop_app.services.printing.pages import Tile, column_letters
from desktop_app.services.printing.scene import Rect
from desktop_app.services.printing.style import EDGE_LABELS, NodeStyle, circle_legend

GREY = "#555555"
DASHES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine}

_measure_device: QImage | None = None


def base_font(size_pt: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    # Unhinted glyphs keep widths proportional to size on every device, so names measured
    # once fit at 72 dpi on screen, 1200 dpi in a PDF and anything in between.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    # Ligatures would put "ﬁ" (U+FB01) into the PDF's text, so "Kofi" typed into a PDF
    # viewer's search, or copied out of it, would not match: names are drawn letter by letter.
    for feature in ("liga", "clig", "dlig", "hlig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def measure_text(text: str, size_pt: float, bold: bool) -> float:
    """Width of `text` in points (needs a QGuiApplication)."""
    global _measure_device
    if _measure_device is None:
        _measure_device = QImage(1, 1, QImage.Format.Format_RGB32)
        dots_per_metre = round(72 / 0.0254)
        _measure_device.setDotsPerMeterX(dots_per_metre)
        _measure_device.setDotsPerMeterY(dots_per_metre)
    metrics = QFontMetricsF(base_font(size_pt, bold), _measure_device)
    return metrics.horizontalAdvance(text)


class PagePainter:
    """Draws the pages of one document on one begun QPainter."""

    def __init__(self, painter: QPainter, document: MapDocument) -> None:
        self.p = painter
        self.doc = document
        self._dpi = painter.device().logicalDpiY()

    def font(self, size_pt: float, bold: bool = False) -> QFont:
        return base_font(size_pt * 72.0 / self._dpi, bold)

    def paint(self, number: int) -> None:
        """Draw page `number` (0-based) of the document."""
        p = self.p
        p.save()
        scale = self._dpi / 72.0
        p.scale(scale, scale)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        frame = self.doc.frame
        p.fillRect(QRectF(0, 0, frame.width, frame.height), QColor("#ffffff"))
        if self.doc.scene.is_empty:
            self._header("")
            self._empty_message()
        elif number < self.doc.map_page_count:
            tile = self.doc.poster.tiles[number]
            self._header(self._map_subtitle(tile))
            self._map(tile)
            self._legend()
            if self.doc.poster.is_poster:
                self._poster_guides(tile)
        else:
            last = self.doc.map_page_count
            pages = "page 1" if last == 1 else f"pages 1–{last}"
            self._header(f"Index of names · squares refer to the grid on {pages}")
            self._index_page(number - self.doc.map_page_count)
        self._footer(number)
        p.restore()

    # Frame -------------------------------------------------------------------------

    def _text(
        self,
        rect: Rect,
        text: str,
        size: float,
        flags: Qt.AlignmentFlag,
        bold: bool = False,
        color: str = "#000000",
    ) -> None:
        self.p.setFont(self.font(size, bold))
        self.p.setPen(QColor(color))
        box = QRectF(rect.x, rect.y, rect.width, rect.height)
        elided = self.p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width))
        self.p.drawText(box, int(flags), elided)

    def _header(self, subtitle: str) -> None:
        h = self.doc.frame.header
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        date_text = f"{self.doc.printed_on.day} {self.doc.printed_on:%B %Y}"
        self._text(Rect(h.x, h.y, h.width * 0.75, 18), self.doc.title, 14, left, bold=True)
        self._text(Rect(h.x + h.width * 0.75, h.y + 3, h.width * 0.25, 12), date_text, 9, right)
        self._text(Rect(h.x, h.y + 19, h.width, 10), subtitle, 7.5, left, color=GREY)

    def _map_subtitle(self, tile: Tile) -> str:
        scene = self.doc.scene
        orgs = sum(1 for n in scene.nodes if n.kind == "organization")
        text = f"{scene.people_count:,} people · {orgs:,} organisations"
        grid = self.doc.poster.grid
        if self.doc.poster.is_poster:
            text += f" · poster of {grid.columns}×{grid.rows} sheets, this one is {tile.name()}"
        return text

    def _footer(self, number: int) -> None:
        f = self.doc.frame.footer
        total = 1 if self.doc.scene.is_empty else self.doc.page_count
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        self._text(f, f"Page {number + 1} of {total}", 8, centre, color=GREY)
        if self.doc.poster.is_poster and number < self.doc.map_page_count:
            hint = "Trim at the cut marks; lay each sheet on the dashed line of its neighbour."
            left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            self._text(Rect(f.x, f.y, f.width * 0.4, f.height), hint, 6, left, color=GREY)

    def _empty_message(self) -> None:
        area = self.doc.frame.map_area
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        below = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        middle = area.y + area.height / 2
        self._text(Rect(area.x, middle - 30, area.width, 28), "This network is empty.", 16, centre)
        hint = "Add people or import contacts, then print the map again."
        self._text(Rect(area.x, middle + 4, area.width, 16), hint, 10, below, color=GREY)

    # The map -------------------------------------------------------------------------

    def _map(self, tile: Tile) -> None:
        p, doc = self.p, self.doc
        area = doc.frame.map_area
        p.save()
        p.setClipRect(QRectF(area.x, area.y, area.width, area.height))
        p.translate(area.x - tile.window.x, area.y - tile.window.y)
        window = tile.window
        if doc.grid is not None:
            self._grid(window)
        self._edges(window)
        self._nodes(window)
        self._labels(window)
        p.restore()
        if doc.grid is not None:
            self._grid_names(tile)
        if not doc.poster.is_poster:
            p.setPen(QPen(QColor("#c8c8c8"), 0.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(area.x, area.y, area.width, area.height))

    def _edges(self, window: Rect) -> None:
        marks = self.doc.marks
        by_kind: dict[str, list[QLineF]] = {}
        left, top, right, bottom = window.x, window.y, window.right, window.bottom
        for edge in self.doc.scene.edges:
            a, b = marks[edge.a], marks[edge.b]
            if (a.x < left and b.x < left) or (a.x > right and b.x > right):
                continue
            if (a.y < top and b.y < top) or (a.y > bottom and b.y > bottom):
                continue
            by_kind.setdefault(edge.kind, []).append(QLineF(a.x, a.y, b.x, b.y))
        for kind, lines in by_kind.items():
            style = self.doc.style.edges.get(kind, self.doc.style.edges["relationship"])
            pen = QPen(QColor(style.color), style.width, DASHES[style.dash])
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            self.p.setPen(pen)
            self.p.drawLines(lines)

    def _nodes(self, window: Rect) -> None:
        scene, marks, style = self.doc.scene, self.doc.marks, self.doc.style
        grown = Rect(window.x - 8, window.y - 8, window.width + 16, window.height + 16)
        # Me last, on top of everything else.
        order = sorted(range(len(marks)), key=lambda i: scene.nodes[i].kind == "me")
        for i in order:
            mark = marks[i]
            if not grown.contains((mark.x, mark.y)):
                continue
            node = scene.nodes[i]
            node_style = style.node(node.kind, node.circle)
            if node.colour and node.kind != "me" and not self.doc.options.monochrome:
                node_style = replace(node_style, fill=node.colour, dashed_outline=False)
            self._symbol(node_style, mark.x, mark.y, mark.radius)

    def _symbol(self, node_style: NodeStyle, x: float, y: float, r: float) -> None:
        p = self.p
        outline = QPen(QColor(node_style.outline), 0.5)
        if node_style.dashed_outline:
            outline.setStyle(Qt.PenStyle.DashLine)
        p.setPen(outline)
        p.setBrush(QBrush(QColor(node_style.fill)))
        centre = QPointF(x, y)
        if node_style.shape == "square":
            p.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
        elif node_style.shape == "me":
            p.drawEllipse(centre, r * 0.7, r * 0.7)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(node_style.outline), 0.9))
            p.drawEllipse(centre, r, r)
        else:
            p.drawEllipse(centre, r, r)

    def _labels(self, window: Rect) -> None:
        p, scene = self.p, self.doc.scene
        white = QColor(255, 255, 255, 235)
        current: tuple[float, bool] | None = None
        ascent = 0.0
        for node, mark in zip(scene.nodes, self.doc.marks, strict=True):
            if mark.label_at is None:
                continue
            x, y = mark.label_at
            height = mark.label_size * 1.25
            box = Rect(x, y, mark.label_width, height)
            if not box.intersects(window):
                continue
            if current != (mark.label_size, mark.label_bold):
                current = (mark.label_size, mark.label_bold)
                p.setFont(self.font(*current))
                ascent = p.fontMetrics().ascent()
                descent = p.fontMetrics().descent()
            p.fillRect(QRectF(x, y, mark.label_width, height), white)
            p.setPen(QColor(self.doc.style.text))
            baseline = y + (height - ascent - descent) / 2 + ascent
            p.drawText(QPointF(x + 1.5, baseline), node.label)

    def _grid(self, window: Rect) -> None:
        grid = self.doc.grid
        assert grid is not None
        pen = QPen(QColor("#d0d0d0"), 0.4, Qt.PenStyle.DashLine)
        self.p.setPen(pen)
        width, height = self.doc.poster.size
        lines = [
            QLineF(c * grid.cell_w, 0, c * grid.cell_w, height) for c in range(1, grid.columns)
        ]
        lines += [QLineF(0, r * grid.cell_h, width, r * grid.cell_h) for r in range(1, grid.rows)]
        self.p.drawLines(lines)

    def _grid_names(self, tile: Tile) -> None:
        """Column letters above the map area and row numbers left of it, outside the map."""
        grid = self.doc.grid
        assert grid is not None
        area, window = self.doc.frame.map_area, tile.window
        self.p.setFont(self.font(6.5, True))
        self.p.setPen(QColor(GREY))
        for column in range(grid.columns):
            x = (column + 0.5) * grid.cell_w
            if window.x <= x <= window.right:
                x_on_page = area.x + x - window.x
                self._grid_tag(QRectF(x_on_page - 10, area.y - 9, 20, 8.5), column_letters(column))
        for row in range(grid.rows):
            y = (row + 0.5) * grid.cell_h
            if window.y <= y <= window.bottom:
                y_on_page = area.y + y - window.y
                self._grid_tag(QRectF(area.x - 16, y_on_page - 4.5, 14, 9), str(row + 1))

    def _grid_tag(self, box: QRectF, text: str) -> None:
        self.p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)

    # Poster guides -------------------------------------------------------------------

    def _poster_guides(self, tile: Tile) -> None:
        """Dashed overlap lines inside the map, and crop marks in the margin."""
        p, poster = self.p, self.doc.poster
        area = poster.frame.map_area
        overlap = poster.overlap
        guide = QPen(QColor("#888888"), 0.5, Qt.PenStyle.DashLine)
        p.setPen(guide)
        if tile.column < poster.grid.columns - 1 and overlap > 0:
            x = area.right - overlap
            p.drawLine(QLineF(x, area.y, x, area.bottom))
        if tile.row < poster.grid.rows - 1 and overlap > 0:
            y = area.bottom - overlap
            p.drawLine(QLineF(area.x, y, area.right, y))
        if not self.doc.options.cut_marks:
            return
        p.setPen(QPen(QColor("#000000"), 0.4))
        gap, length = 3.0, 9.0
        for cx in (area.x, area.right):
            for cy in (area.y, area.bottom):
                sx = -1 if cx == area.x else 1
                sy = -1 if cy == area.y else 1
                p.drawLine(QLineF(cx + sx * gap, cy, cx + sx * (gap + length), cy))
                p.drawLine(QLineF(cx, cy + sy * gap, cx, cy + sy * (gap + length)))

    # Legend --------------------------------------------------------------------------

    def _legend(self) -> None:
        p, style = self.p, self.doc.style
        box = self.doc.frame.legend
        p.setFont(self.font(7))
        metrics = p.fontMetrics()
        row1, row2 = box.y + 8, box.y + 22
        x = box.x

        def entry(text: str, y: float) -> None:
            nonlocal x
            p.setPen(QColor("#000000"))
            p.drawText(QPointF(x + 9, y + 2.5), text)
            x += 9 + metrics.horizontalAdvance(text) + 10

        self._symbol(style.me, x + 3.5, row1, 4.0)
        entry("Me", row1)
        self._symbol(style.organization, x + 3.5, row1, 3.0)
        entry("Organisation", row1)
        circle: Circle | None
        if self.doc.scene.legend and not self.doc.options.monochrome:
            person = style.node("person", None)
            entries = self.doc.scene.legend
            for shown, (colour, label) in enumerate(entries):
                needed = 9 + metrics.horizontalAdvance(label) + 10
                if x + needed > box.right - 60 and shown < len(entries) - 1:
                    p.setPen(QColor(GREY))
                    p.drawText(QPointF(x, row1 + 2.5), f"and {len(entries) - shown} more")
                    break
                swatch = replace(person, fill=colour, dashed_outline=False)
                self._symbol(swatch, x + 3.5, row1, 3.0)
                entry(label, row1)
        else:
            for circle, label in circle_legend():
                self._symbol(style.node("person", circle), x + 3.5, row1, 3.0)
                entry(label, row1)
        x = box.x
        for kind, label in EDGE_LABELS.items():
            edge = style.edges[kind]
            pen = QPen(QColor(edge.color), 0.8, DASHES[edge.dash])
            p.setPen(pen)
            p.drawLine(QLineF(x, row2, x + 12, row2))
            x += 6
            entry(label, row2)
        note = self.doc.note()
        if note:
            left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            self._text(Rect(box.x, row2 + 8, box.width, 12), note, 7, left, color=GREY)

    # Index ---------------------------------------------------------------------------

    def _index_page(self, number: int) -> None:
        doc = self.doc
        entries = doc.index_page(number)
        frame = doc.frame
        top = frame.header.bottom + 6
        column_width = frame.header.width / doc.index_columns
        poster = doc.poster.is_poster
        for position, entry in enumerate(entries):
            column, row = divmod(position, doc.index_rows_per_column)
            x = frame.header.x + column * column_width
            y = top + row * INDEX_LEADING
            where = f"{entry.square}  p.{entry.page}" if poster else entry.square
            tail = 38.0 if poster else 20.0
            bold = entry.kind != "person"
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            name_box = Rect(x, y, column_width - tail - 6, INDEX_LEADING)
            text = f"{entry.name} · {entry.detail}" if entry.detail else entry.name
            self._text(name_box, text, INDEX_PT, flags, bold=bold)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            where_box = Rect(x + column_width - tail - 6, y, tail, INDEX_LEADING)
            self._text(where_box, where, INDEX_PT, right, color=GREY)
