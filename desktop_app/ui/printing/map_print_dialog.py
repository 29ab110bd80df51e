"""The choices for a printed or exported map: title, area, paper, pages, style."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.printing.options import (
    PAPERS,
    Orientation,
    PageGrid,
    PrintOptions,
)

ORIENTATIONS = (
    (Orientation.AUTO, "Automatic (the way the map is wider)"),
    (Orientation.PORTRAIT, "Portrait"),
    (Orientation.LANDSCAPE, "Landscape"),
)


class MapPrintDialog(QDialog):
    """Edits a `PrintOptions`; `for_export` adds the PNG resolution, printing the paper.

    The printer's own dialog chooses paper and orientation when printing, so those two
    appear only when exporting to a file.
    """

    def __init__(
        self,
        options: PrintOptions,
        default_title: str,
        *,
        for_export: bool,
        png: bool = False,
        can_print_view: bool = False,
        current_view: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export map" if for_export else "Map print options")
        self._options = options
        form = QFormLayout()

        self.title_edit = QLineEdit(options.title)
        self.title_edit.setPlaceholderText(default_title)
        self.title_edit.setClearButtonEnabled(True)
        form.addRow("&Title:", self.title_edit)

        self.whole_network = QRadioButton("The &whole network")
        self.current_view = QRadioButton("What the map shows &now")
        self.current_view.setEnabled(can_print_view)
        (self.current_view if current_view and can_print_view else self.whole_network).setChecked(
            True
        )
        area = QVBoxLayout()
        area.addWidget(self.whole_network)
        area.addWidget(self.current_view)
        form.addRow("Print:", area)

        self.paper_box = QComboBox()
        for name in PAPERS:
            self.paper_box.addItem(name, name)
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(options.paper.name)))
        self.orientation_box = QComboBox()
        for value, label in ORIENTATIONS:
            self.orientation_box.addItem(label, value.value)
        self.orientation_box.setCurrentIndex(
            max(0, self.orientation_box.findData(options.orientation.value))
        )
        if for_export:
            form.addRow("&Paper:", self.paper_box)
            form.addRow("&Orientation:", self.orientation_box)
        else:
            self.paper_box.hide()
            self.orientation_box.hide()

        self.fit_one = QRadioButton("&Fit on one page")
        self.poster = QRadioButton("Poster of")
        self.auto_pages = QRadioButton("As many pages as legible &names need")
        self._pages_group = QButtonGroup(self)
        for button in (self.fit_one, self.poster, self.auto_pages):
            self._pages_group.addButton(button)
        self.columns = QSpinBox(minimum=1, maximum=10, value=max(options.pages.columns, 2))
        self.rows = QSpinBox(minimum=1, maximum=10, value=max(options.pages.rows, 2))
        self.columns.setSuffix(" across")
        self.rows.setSuffix(" down")
        poster_row = QHBoxLayout()
        poster_row.addWidget(self.poster)
        poster_row.addWidget(self.columns)
        poster_row.addWidget(QLabel("×"))
        poster_row.addWidget(self.rows)
        poster_row.addStretch(1)
        if options.pages.auto:
            self.auto_pages.setChecked(True)
        elif options.pages.count > 1:
            self.poster.setChecked(True)
        else:
            self.fit_one.setChecked(True)
        pages = QVBoxLayout()
        pages.addWidget(self.fit_one)
        pages.addLayout(poster_row)
        pages.addWidget(self.auto_pages)
        form.addRow("Pages:", pages)

        self.overlap = QDoubleSpinBox(minimum=0, maximum=50, value=options.overlap_mm)
        self.overlap.setSuffix(" mm")
        self.overlap.setDecimals(0)
        self.cut_marks = QCheckBox("&Cut marks")
        self.cut_marks.setChecked(options.cut_marks)
        sheets = QHBoxLayout()
        sheets.addWidget(QLabel("Overlap:"))
        sheets.addWidget(self.overlap)
        sheets.addWidget(self.cut_marks)
        sheets.addStretch(1)
        self._sheets_row = QWidget()
        self._sheets_row.setLayout(sheets)
        form.addRow("", self._sheets_row)

        self.monochrome = QCheckBox("&Black and white (for a black-and-white printer)")
        self.monochrome.setChecked(options.monochrome)
        form.addRow("Style:", self.monochrome)

        self.dpi = QSpinBox(minimum=36, maximum=1200, value=options.dpi)
        self.dpi.setSuffix(" dpi")
        self.dpi.setSingleStep(50)
        if png:
            form.addRow("&Resolution:", self.dpi)
        else:
            self.dpi.hide()

        note = QLabel(
            "Names are printed at 7 pt or larger. Names that would overlap are left off the "
            "map and listed in an index by grid square."
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        for button in (self.fit_one, self.poster, self.auto_pages):
            button.toggled.connect(self._on_pages_toggled)
        self._on_pages_toggled()

    def _on_pages_toggled(self) -> None:
        poster = self.poster.isChecked()
        self.columns.setEnabled(poster)
        self.rows.setEnabled(poster)
        self._sheets_row.setEnabled(not self.fit_one.isChecked())

    def options(self) -> PrintOptions:
        """The options as the dialog shows them."""
        if self.auto_pages.isChecked():
            grid = PageGrid(auto=True)
        elif self.poster.isChecked():
            grid = PageGrid(self.columns.value(), self.rows.value())
        else:
            grid = PageGrid()
        return replace(
            self._options,
            title=self.title_edit.text().strip(),
            paper=PAPERS[self.paper_box.currentData()],
            orientation=Orientation(self.orientation_box.currentData()),
            pages=grid,
            overlap_mm=self.overlap.value(),
            cut_marks=self.cut_marks.isChecked(),
            monochrome=self.monochrome.isChecked(),
            dpi=self.dpi.value(),
        )

    def prints_current_view(self) -> bool:
        return self.current_view.isChecked()
