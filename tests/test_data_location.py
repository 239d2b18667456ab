"""The tests that need the seeds or the corpora: found where they are pointed, and loud when missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _pytest(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCLEAN_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_missing_data_is_a_skip_that_says_what_and_how(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    result = _pytest(
        tmp_path, "tests/test_quality_regression.py", "tests/test_seeds.py", NEWSCLEAN_CORPORA=str(nowhere),
        NEWSCLEAN_SEEDS=str(nowhere),
    )
    assert result.returncode == 0, result.stdout
    assert "2 skipped" in result.stdout
    assert f"{nowhere}/aeb-dev.jsonl not found: this test needs the benchmark corpora" in result.stdout
    assert "point --corpora DIR or NEWSCLEAN_CORPORA=DIR at them" in result.stdout
    assert f"{nowhere}/expectations.json not found: this test needs the seed articles" in result.stdout


def test_require_data_turns_the_skip_into_a_failure(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    by_option = _pytest(tmp_path, "tests/test_seeds.py", "--require-data", f"--seeds={nowhere}")
    assert by_option.returncode == 1
    assert "1 failed" in by_option.stdout and "NEWSCLEAN_SEEDS=DIR" in by_option.stdout
    by_env = _pytest(tmp_path, "tests/test_seeds.py", NEWSCLEAN_SEEDS=str(nowhere), NEWSCLEAN_REQUIRE_DATA="1")
    assert by_env.returncode == 1 and "1 failed" in by_env.stdout


def test_data_pointed_at_elsewhere_is_used(tmp_path: Path) -> None:
    """Seeds made elsewhere run from there: one test per expectation."""
    seeds = tmp_path / "elsewhere"
    seeds.mkdir()
    (seeds / "a.txt").write_text("The council approved the budget on Tuesday after a long debate.\nAdvertisement\n")
    (seeds / "expectations.json").write_text('{"a.txt": {"keep": ["approved the budget"], "drop": ["Advertisement"]}}')
    result = _pytest(tmp_path, "tests/test_seeds.py", f"--seeds={seeds}", "--require-data")
    assert result.returncode == 0, result.stdout
    assert "2 passed" in result.stdout
