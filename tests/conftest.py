"""Shared test setup: where the read-only measuring data lives.

Some tests need data that is never copied into the project: the seed articles
(``expectations.json`` and the pages it names) and the benchmark corpora
(``aeb-dev.jsonl``). By default they are read from ``../shared/seeds`` and
``../shared/corpora`` beside the checkout; point elsewhere with ``--seeds DIR`` /
``--corpora DIR`` or the environment variables ``NEWSCLEAN_SEEDS`` /
``NEWSCLEAN_CORPORA``. Without the data those tests are skipped, with a reason
saying what is missing and how to provide it; ``--require-data`` (or
``NEWSCLEAN_REQUIRE_DATA=1``, as CI sets) makes that a failure instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

_DATA = {
    # name: (default directory, environment variable, what is in it)
    "seeds": (SHARED / "seeds", "NEWSCLEAN_SEEDS", "the seed articles and their expectations.json"),
    "corpora": (SHARED / "corpora", "NEWSCLEAN_CORPORA", "the benchmark corpora (aeb-dev.jsonl ...)"),
}
_chosen: dict[str, Path] = {name: default for name, (default, _, _) in _DATA.items()}
_required = False


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("newsclean data")
    for name, (default, variable, what) in _DATA.items():
        group.addoption(
            f"--{name}", metavar="DIR", help=f"directory holding {what} (default ${variable}, else {default})"
        )
    group.addoption(
        "--require-data",
        action="store_true",
        help="fail, instead of skipping, the tests whose data is missing (also NEWSCLEAN_REQUIRE_DATA=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    global _required
    for name, (default, variable, _) in _DATA.items():
        given = config.getoption(name) or os.environ.get(variable)
        _chosen[name] = Path(given).expanduser().resolve() if given else default
    _required = bool(config.getoption("require_data")) or os.environ.get("NEWSCLEAN_REQUIRE_DATA") == "1"


def data_path(kind: str, name: str) -> Path:
    """Where the data file *name* of *kind* (``seeds`` or ``corpora``) is looked for."""
    return _chosen[kind] / name


def need(kind: str, name: str) -> Path:
    """The data file *name* of *kind*; if it is missing, skip the test (fail with --require-data), saying how to provide it."""
    path = data_path(kind, name)
    if not path.exists():
        _, variable, what = _DATA[kind]
        message = (
            f"{path} not found: this test needs {what}; point --{kind} DIR or {variable}=DIR at them "
            "(see README, 'Set up and test')"
        )
        if _required:
            pytest.fail(message)
        pytest.skip(message)
    return path
