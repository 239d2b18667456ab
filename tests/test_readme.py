"""README.md's example outputs are what the commands print now (tools/readme_examples.py regenerates them)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from conftest import ROOT


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "tools" / "readme_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_readme_example_matches_a_real_run() -> None:
    tool = _tool()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [example.command for example in tool.examples(text)]
    assert any("--explain samples/markets-rally.txt" in command for command in commands)
    assert any("--explain-format json" in command for command in commands)
    assert tool.stale(text) == [], "README examples are out of date: run python tools/readme_examples.py"


def test_a_stale_example_is_caught_and_regenerated() -> None:
    tool = _tool()
    stale = "Intro.\n\n```\n$ newsclean --version\nnewsclean 0.0.1\n```\n"
    diffs = tool.stale(stale)
    assert len(diffs) == 1 and "-newsclean 0.0.1" in diffs[0]
    import newsclean

    assert tool.regenerate(stale) == f"Intro.\n\n```\n$ newsclean --version\nnewsclean {newsclean.__version__}\n```\n"
