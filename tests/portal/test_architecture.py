"""The layers contract in pyproject.toml holds for the tree and is enforced:
a copy of the tree with one forbidden import fails `lint-imports`, naming the
broken contract and the import."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["importlinter"]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tree_keeps_the_layers_contract():
    result = lint_imports(PROJECT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        # upward: the shared app imports a feature app
        ("portal/bad_upward.py", "ideas.models"),
        # sideways: one feature app imports another of its layer
        ("directory/bad_sideways.py", "events.models"),
        # upward from a feature app to the home page app
        ("ideas/bad_home.py", "home.models"),
    ],
)
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, forbidden):
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            PROJECT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "locale", "*.html"),
        )
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(f"import {forbidden}  # noqa: F401\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Layers: config > home > feature apps > portal BROKEN" in result.stdout
    importer = module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> {forbidden}" in result.stdout
