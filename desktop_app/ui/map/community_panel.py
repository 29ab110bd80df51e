"""The side panel's list of communities and their bridges (colour by community).

A bridge is a person whose links reach into other communities, ranked by betweenness
(`services.map.communities`): the people most worth keeping warm. Choosing one selects it
on the map.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.services.map.communities import Communities

KEY_ROLE = Qt.ItemDataRole.UserRole


class CommunityPanel(QWidget):
    """Heading, then one line per community and its bridges under it."""

    bridge_chosen = Signal(str)  # node key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("<b>Communities and their bridges</b>")
        self.note = QLabel("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Bridges between communities")
        self.list.setMinimumHeight(160)
        self.list.setWordWrap(True)  # long names wrap rather than run under the edge
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.note, self.list):
            layout.addWidget(widget)

    def show_busy(self) -> None:
        self.list.clear()
        self.note.setText("Finding communities…")

    def set_communities(self, found: Communities) -> None:
        self.list.clear()
        if not found.communities:
            self.note.setText("No communities yet: link people to each other first.")
            return
        self.note.setText(
            "People who link their group to others: the ones most worth keeping warm."
        )
        for community in found.communities:
            header = QListWidgetItem(
                f"{community.number + 1}. {community.name} · {community.size} people"
            )
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(header)
            if not community.bridges:
                quiet = QListWidgetItem("    no links to other groups")
                quiet.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.list.addItem(quiet)
            for bridge in community.bridges:
                groups = len(bridge.reaches)
                item = QListWidgetItem(
                    f"    {bridge.label} — links to {groups} other "
                    + ("group" if groups == 1 else "groups")
                )
                item.setData(KEY_ROLE, bridge.key)
                item.setToolTip(f"Bridge score {bridge.betweenness:,.0f} (betweenness)")
                self.list.addItem(item)

    def bridge_keys(self) -> list[str]:
        return [
            key for row in range(self.list.count()) if (key := self.list.item(row).data(KEY_ROLE))
        ]

    def _on_item(self, item: QListWidgetItem) -> None:
        key = item.data(KEY_ROLE)
        if key:
            self.bridge_chosen.emit(key)
