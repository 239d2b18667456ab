"""Packaging: the metadata says what is true, the sdist ships what the tests need, imports are declared."""

from __future__ import annotations

import ast
import inspect
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import typing
from importlib import metadata
from pathlib import Path

import newsclean
from conftest import ROOT

SRC = ROOT / "src" / "newsclean"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_license_is_an_spdx_expression_with_its_file() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    # The deprecated licence classifier must not come back beside the expression (setuptools refuses both).
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]
    assert any(r.startswith("setuptools>=77") for r in PYPROJECT["build-system"]["requires"])


def test_classifiers_name_status_topic_and_every_supported_python() -> None:
    classifiers = set(PROJECT["classifiers"])
    assert any(c.startswith("Development Status ::") for c in classifiers)
    assert any(c.startswith("Topic ::") for c in classifiers)
    minimum = int(PROJECT["requires-python"].removeprefix(">=3."))
    assert {f"Programming Language :: Python :: 3.{minor}" for minor in range(minimum, minimum + 3)} <= classifiers
    assert f"Programming Language :: Python :: 3.{minimum - 1}" not in classifiers


def test_dev_extra_has_the_linters_ci_runs() -> None:
    dev = {_requirement_name(r) for r in PROJECT["optional-dependencies"]["dev"]}
    assert {"mypy", "ruff", "types-regex", "build"} <= dev
    assert PYPROJECT["tool"]["mypy"]["strict"] is True
    assert PYPROJECT["tool"]["mypy"]["files"] == ["src/newsclean"]  # the whole package, not a file list


def _imported_top_levels(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"newsclean"}


def test_every_third_party_import_is_declared() -> None:
    """What the package imports is a dependency of its own, not something another dependency happens to bring."""
    distributions = metadata.packages_distributions()
    core = {_requirement_name(r) for r in PROJECT["dependencies"]}
    dask_extra = {_requirement_name(r) for r in PROJECT["optional-dependencies"]["dask"]}
    seen: set[str] = set()
    for path in sorted(SRC.glob("*.py")):
        declared = core | dask_extra if path.name == "dask.py" else core
        for module in _imported_top_levels(path):
            seen.add(module)
            provided_by = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
            assert provided_by & declared, f"{path.name} imports {module!r}, which no declared dependency provides"
    assert {"justext", "regex", "trafilatura", "tqdm"} <= seen  # the scan sees the lazy imports inside functions


def test_version_is_one_thing_and_released_in_the_changelog() -> None:
    version = newsclean.__version__
    assert version == metadata.version("newsclean")
    shown = subprocess.run([sys.executable, "-m", "newsclean", "--version"], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == f"newsclean {version}"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, flags=re.MULTILINE)
    assert released[0] == version, "the newest released section of CHANGELOG.md is the package's version"


def test_html_functions_are_public_typed_and_documented() -> None:
    for name in ("clean_html", "clean_html_and_explain", "HtmlExplained"):
        assert name in dir(newsclean)
        assert name in newsclean.__all__
    hints = typing.get_type_hints(newsclean.clean_html)
    assert hints["return"] is str
    assert typing.get_type_hints(newsclean.clean_html_and_explain)["return"] is newsclean.HtmlExplained
    assert "config" in inspect.signature(newsclean.clean_html).parameters
    # help(newsclean) lists them (pydoc renders what __all__ names).
    import pydoc

    text = pydoc.render_doc(newsclean, renderer=pydoc.plaintext)
    assert "clean_html(html: 'str | bytes'" in text
    assert "clean_html_and_explain(" in text


def test_import_loads_no_heavy_module() -> None:
    heavy = ["trafilatura", "lxml", "justext", "regex", "dask", "distributed", "tqdm"]
    code = f"import json, sys, newsclean; print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(loaded.stdout) == []


def _shipped(tmp_path: Path) -> tuple[set[str], str]:
    """Build the sdist from a copy of this tree; return its file names (relative to its root) and its PKG-INFO."""
    # A copy without build leftovers: setuptools would otherwise ship whatever an old SOURCES.txt lists.
    tree = tmp_path / "tree"
    leftovers = shutil.ignore_patterns(".*", "*.egg-info", "build", "dist", "__pycache__")
    shutil.copytree(ROOT, tree, ignore=leftovers)
    code = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    built = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], cwd=tree, capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr[-2000:]
    name = built.stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / name) as sdist:
        members = [m.name.split("/", 1)[1] for m in sdist.getmembers() if m.isfile()]
        info = sdist.extractfile(f"{name.removesuffix('.tar.gz')}/PKG-INFO")
        assert info is not None
        return set(members), info.read().decode("utf-8")


def test_sdist_ships_what_the_tests_need(tmp_path: Path) -> None:
    files, pkg_info = _shipped(tmp_path)
    needed = {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml"}
    for directory in ("tests", "samples", "tools", "docs", "src/newsclean"):
        for path in (ROOT / directory).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and ".hypothesis" not in path.parts:
                needed.add(path.relative_to(ROOT).as_posix())
    needed |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "benchmarks").glob("*.py")}
    assert {"tests/conftest.py", "tests/clitools.py", "tests/rule_cases/ad.json", "samples/markets-rally.txt"} <= needed
    assert sorted(needed - files) == []
    assert "License-Expression: MIT" in pkg_info
    assert "License-File: LICENSE" in pkg_info
