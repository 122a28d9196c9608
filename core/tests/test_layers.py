"""The layer rule of docs/architecture.md as a test: an app imports only the layers below its own.

The layers are read from the ```layers block of the document, so the document and the rule cannot
drift apart. Every import is checked, including those inside functions.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
NOT_LAYERS = {"tests", "migrations"}


def layers() -> dict[str, int]:
    block = re.search(r"```layers\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/architecture.md has no ```layers block"
    return {
        app: rank for rank, line in enumerate(block[1].strip().splitlines()) for app in line.split()
    }


def imported_apps(path: Path, apps: set[str]) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {(name.split(".")[0], node.lineno) for name in names if name.split(".")[0] in apps}
    return found


def upward_imports(rank: dict[str, int]) -> list[str]:
    wrong = []
    for app, own in rank.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            if NOT_LAYERS & set(path.relative_to(ROOT).parts):
                continue
            for other, line in imported_apps(path, set(rank)):
                if other != app and rank[other] >= own:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {other}")
    return wrong


def test_every_app_of_the_project_has_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"config", "parsing"}
    assert apps <= set(layers()), f"apps without a layer: {sorted(apps - set(layers()))}"


def test_no_app_imports_its_own_layer_or_a_higher_one():
    assert upward_imports(layers()) == []


def test_the_check_sees_an_upward_import():
    """The rule can fail: with orgs placed above plans, plans' imports of orgs are upward."""
    rank = layers()
    rank["orgs"] = rank["plans"] + 1
    assert any(
        line.startswith("plans/") and "imports orgs" in line for line in upward_imports(rank)
    )
