"""Every environment variable the settings read is in docs/deploy.md's table, and the table names
no variable that nothing reads (both directions)."""

import ast
import re
from pathlib import Path

from ops.tests.cli import ROOT

READERS = {"env_bool", "env_list"}
# Read by a library on our behalf: dj_database_url.config() reads DATABASE_URL.
IMPLICIT = {"DATABASE_URL"}
SOURCES = ["config/settings.py", "deploy/gunicorn.conf.py"]


def variables_read(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            environ_get = (
                isinstance(func, ast.Attribute)
                and func.attr == "get"
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "environ"
            )
            if environ_get or (isinstance(func, ast.Name) and func.id in READERS):
                names.add(node.args[0].value)
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def variables_documented() -> set[str]:
    text = (ROOT / "docs/deploy.md").read_text()
    table = text.split("## Settings", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell))
    return names


def test_the_reader_finds_every_form_of_reading(tmp_path):
    source = (
        'import os\na = os.environ.get("A", "1")\nb = env_bool("B", True)\n'
        'c = env_list("C", "")\nd = os.environ["D"]\ne = int(os.environ.get(\n    "E", "2"))\n'
    )
    path = tmp_path / "settings.py"
    path.write_text(source)
    assert variables_read(path) == {"A", "B", "C", "D", "E"}


def test_docs_deploy_table_matches_the_settings_read():
    read = set().union(*(variables_read(ROOT / source) for source in SOURCES)) | IMPLICIT
    documented = variables_documented()
    assert sorted(read - documented) == [], "read but not in docs/deploy.md's table"
    assert sorted(documented - read) == [], "in docs/deploy.md's table but read nowhere"
