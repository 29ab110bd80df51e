"""Hand-made maps for the printing tests, and readers for the PDFs they produce."""

from __future__ import annotations

import math
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.services.printing.painter import measure_text
from desktop_app.services.printing.scene import MapScene, Rect, SceneEdge, SceneNode

FIRST = [
    "Ada",
    "Ben",
    "Cleo",
    "Dev",
    "Emil",
    "Farah",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lena",
    "Milo",
    "Nia",
    "Omar",
    "Pia",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Nakamura",
    "Silva",
    "Kowalski",
    "Haddad",
    "Moreau",
    "Brennan",
    "Ivanova",
]


@pytest.fixture(autouse=True)
def _fonts(qapp: object) -> None:
    """Measuring and painting text needs the (offscreen) Qt application."""


def make_scene(
    people: int, organizations: int = 0, seed: int = 1, me: str = "Alex Morgan"
) -> MapScene:
    """Me in the middle, people on a jittered spiral, each working at one organisation."""
    rnd = random.Random(seed)
    nodes = [SceneNode("me", "me", me, None, "", (0.0, 0.0), 0)] if me else []
    for o in range(organizations):
        angle = 2 * math.pi * o / max(organizations, 1)
        nodes.append(
            SceneNode(
                f"o:{o}",
                "organization",
                f"Org {o} Ltd",
                None,
                "",
                (math.cos(angle) * 3, math.sin(angle) * 3),
                1,
            )
        )
    circles = [*Circle, None]
    for p in range(people):
        angle, radius = p * 2.4, 1 + math.sqrt(p) * 0.8
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {p}"
        org = f"Org {p % organizations} Ltd" if organizations else ""
        position = (
            math.cos(angle) * radius + rnd.random() * 0.2,
            math.sin(angle) * radius + rnd.random() * 0.2,
        )
        nodes.append(SceneNode(f"p:{p}", "person", name, rnd.choice(circles), org, position, 20))
    offset = (1 if me else 0) + organizations
    edges = []
    for p in range(people):
        if me:
            edges.append(SceneEdge(0, offset + p, "relationship"))
        if organizations:
            edges.append(SceneEdge(offset + p, (1 if me else 0) + p % organizations, "current_job"))
    xs = [n.position[0] for n in nodes] or [0.0]
    ys = [n.position[1] for n in nodes] or [0.0]
    bounds = Rect(min(xs), min(ys), max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0))
    return MapScene(tuple(nodes), tuple(edges), bounds, me)


def measure(text: str, size: float, bold: bool) -> float:
    return measure_text(text, size, bold)


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return found


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        [_poppler("pdftotext"), "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def pdf_info(path: Path) -> dict[str, str]:
    result = subprocess.run(
        [_poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    )
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in result.stdout.splitlines())
    }


def pdf_page_png(path: Path, page: int, out: Path, dpi: int = 40) -> Path:
    subprocess.run(
        [
            _poppler("pdftoppm"),
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(out),
        ],
        check=True,
    )
    return out.with_suffix(".png")
