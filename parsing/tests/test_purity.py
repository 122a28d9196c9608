"""`parsing/` stays pure Python: no Django, no clock (STYLE.md, «Pure parts stay pure»)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
SOURCES = sorted(
    path for path in PACKAGE.rglob("*.py") if "tests" not in path.relative_to(PACKAGE).parts
)
MODULES = [
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in SOURCES
]


IMPORT_ONE_BY_ONE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "django" in sys.modules:
        print(name)
        break
"""


def test_importing_the_package_does_not_load_django() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}

    run = subprocess.run(
        [sys.executable, "-c", IMPORT_ONE_BY_ONE, *MODULES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout == "", f"importing {run.stdout.strip()} loads django"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_source_has_no_django_import_and_no_clock(path: Path) -> None:
    text = path.read_text(encoding="utf-8")

    assert not re.findall(r"^\s*(?:from|import)\s+django\b", text, flags=re.MULTILINE)
    assert not re.findall(r"\b(?:date|datetime)\.today\(|\.now\(|\btime\.time\(", text)


def test_every_module_is_checked() -> None:
    assert "parsing.deadlines" in MODULES and "parsing" in MODULES
