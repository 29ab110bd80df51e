"""Mock interviews: the log, and a plot of self-ratings over time.

pyqtgraph is imported when the plot is first built (this panel is shown), never at module
import, so it stays off the start-up path.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import MockInterviewInfo
from desktop_app.services import feedback
from desktop_app.ui.common.row_table import RowTable
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.pitch.mock_interview_dialog import MockInterviewDialog
from desktop_app.ui.window.workspace import Workspace

COLUMNS = ("Date", "Interviewer", "Questions", "Average rating", "Notes")


def _timestamp(day: date) -> float:
    return datetime(day.year, day.month, day.day, 12).timestamp()


class MockInterviewsPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.interviews: list[MockInterviewInfo] = []
        self.plot: Any = None
        self.table = RowTable(COLUMNS, "Mock interviews")
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.add_button = QPushButton("New mock interview…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.plot_holder = QWidget()
        self.plot_layout = QVBoxLayout(self.plot_holder)
        self.plot_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel("Rate your answers to see your progress over time.")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plot_layout.addWidget(self.empty_label)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.plot_holder)
        splitter.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        self.interviews = feedback.mock_interviews(self.workspace.db)
        rows = list(reversed(self.interviews))  # newest first in the table
        self.table.set_rows(
            [
                (
                    interview.id,
                    (
                        interview.held_on.isoformat(),
                        interview.interviewer_name,
                        str(len(interview.answers)),
                        "—"
                        if interview.mean_rating is None
                        else f"{interview.mean_rating:.1f} / 5",
                        interview.note,
                    ),
                )
                for interview in rows
            ]
        )
        writable = not self.workspace.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(bool(rows) and writable)
        self.delete_button.setEnabled(bool(rows) and writable)
        self._draw()

    def _ensure_plot(self) -> Any:
        if self.plot is None:
            import pyqtgraph as pg

            axis = pg.DateAxisItem(orientation="bottom")
            self.plot = pg.PlotWidget(axisItems={"bottom": axis})
            self.plot.setBackground(None)
            self.plot.setLabel("left", "Self-rating (1–5)")
            self.plot.setYRange(0.5, 5.5)
            self.plot.showGrid(x=False, y=True, alpha=0.3)
            self.plot.setMouseEnabled(x=True, y=False)
            self.plot.setAccessibleName("Ratings over time")
            self.plot_layout.addWidget(self.plot, 1)
        return self.plot

    def _draw(self) -> None:
        points = feedback.ratings_over_time(self.interviews)
        self.empty_label.setVisible(not points)
        if not points and self.plot is None:
            return
        plot = self._ensure_plot()
        plot.setVisible(bool(points))
        plot.clear()
        if not points:
            return
        import pyqtgraph as pg

        answers_x: list[float] = []
        answers_y: list[float] = []
        for interview in self.interviews:
            for answer in interview.answers:
                if answer.rating is not None:
                    answers_x.append(_timestamp(interview.held_on))
                    answers_y.append(answer.rating)
        plot.plot(
            answers_x,
            answers_y,
            pen=None,
            symbol="o",
            symbolSize=6,
            symbolBrush=pg.mkBrush(120, 120, 120, 90),
            symbolPen=None,
            name="Answers",
        )
        plot.plot(
            [_timestamp(day) for day, _, _ in points],
            [mean for _, mean, _ in points],
            pen=pg.mkPen(40, 110, 200, width=2),
            symbol="o",
            symbolSize=9,
            symbolBrush=pg.mkBrush(40, 110, 200),
            name="Average",
        )
        plot.setYRange(0.5, 5.5)

    def _selected(self) -> MockInterviewInfo | None:
        interview_id = self.table.record_id()
        return next((i for i in self.interviews if i.id == interview_id), None)

    def _on_add_clicked(self) -> None:
        people = feedback.people_choices(self.workspace.db)
        dialog = MockInterviewDialog(people, date.today(), parent=self)
        if dialog.exec() == MockInterviewDialog.DialogCode.Accepted:
            self.workspace.execute(
                commands.AddMockInterviewCommand(self.workspace, dialog.interview_value())
            )

    def _on_edit_clicked(self) -> None:
        interview = self._selected()
        if interview is None:
            return
        people = feedback.people_choices(self.workspace.db)
        dialog = MockInterviewDialog(people, date.today(), interview, parent=self)
        if dialog.exec() == MockInterviewDialog.DialogCode.Accepted:
            self.workspace.execute(
                commands.EditMockInterviewCommand(self.workspace, dialog.interview_value())
            )

    def _on_delete_clicked(self) -> None:
        interview = self._selected()
        if interview is not None:
            self.workspace.execute(
                commands.DeleteMockInterviewCommand(self.workspace, interview.id)
            )
