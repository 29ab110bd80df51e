"""How each kind of node and edge looks on paper, in colour and in black and white.

The black-and-white style never relies on hue: circles differ by how dark their fill is
(and the outermost by a white fill), organisations are squares, me is a double ring, and
edge kinds differ by dash pattern. The colour style keeps the same shapes and dashes, so
a colour print photocopied in grey still reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.enums import Circle


@dataclass(frozen=True, slots=True)
class NodeStyle:
    shape: str  # 'circle' | 'square' | 'me'
    fill: str  # '#rrggbb'
    outline: str
    dashed_outline: bool = False


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    color: str
    dash: str  # 'solid' | 'dash' | 'dot'
    width: float = 0.35


@dataclass(frozen=True, slots=True)
class MapStyle:
    me: NodeStyle
    organization: NodeStyle
    circles: dict[Circle | None, NodeStyle]
    edges: dict[str, EdgeStyle]
    text: str = "#000000"
    faint: str = "#9a9a9a"  # grid lines, overlap guides

    def node(self, kind: str, circle: Circle | None) -> NodeStyle:
        if kind == "me":
            return self.me
        if kind == "organization":
            return self.organization
        return self.circles.get(circle, self.circles[None])


EDGE_LABELS = {
    "relationship": "Knows",
    "current_job": "Works at",
    "past_job": "Worked at",
}

COLOR_STYLE = MapStyle(
    me=NodeStyle("me", "#1f3a5f", "#000000"),
    organization=NodeStyle("square", "#d9efe8", "#1e7a62"),
    circles={
        Circle.INNER: NodeStyle("circle", "#c0392b", "#5c1a13"),
        Circle.CLOSE: NodeStyle("circle", "#e6892e", "#6b3d0f"),
        Circle.FAMILIAR: NodeStyle("circle", "#3b82c4", "#1b3c5c"),
        Circle.ACQUAINTANCE: NodeStyle("circle", "#cfd8dc", "#455a64"),
        None: NodeStyle("circle", "#ffffff", "#607d8b", dashed_outline=True),
    },
    edges={
        "relationship": EdgeStyle("#8c8c8c", "solid"),
        "current_job": EdgeStyle("#3c9a80", "dash"),
        "past_job": EdgeStyle("#7fb8a8", "dot"),
    },
)

MONOCHROME_STYLE = MapStyle(
    me=NodeStyle("me", "#000000", "#000000"),
    organization=NodeStyle("square", "#ffffff", "#000000"),
    circles={
        Circle.INNER: NodeStyle("circle", "#000000", "#000000"),
        Circle.CLOSE: NodeStyle("circle", "#5a5a5a", "#000000"),
        Circle.FAMILIAR: NodeStyle("circle", "#b4b4b4", "#000000"),
        Circle.ACQUAINTANCE: NodeStyle("circle", "#ffffff", "#000000"),
        None: NodeStyle("circle", "#ffffff", "#000000", dashed_outline=True),
    },
    edges={
        "relationship": EdgeStyle("#7a7a7a", "solid"),
        "current_job": EdgeStyle("#7a7a7a", "dash"),
        "past_job": EdgeStyle("#7a7a7a", "dot"),
    },
)


def style_for(monochrome: bool) -> MapStyle:
    return MONOCHROME_STYLE if monochrome else COLOR_STYLE


def circle_legend() -> list[tuple[Circle | None, str]]:
    """The circles in legend order, with their names."""
    entries: list[tuple[Circle | None, str]] = [(c, c.label) for c in Circle]
    entries.append((None, "No circle"))
    return entries
