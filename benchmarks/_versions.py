"""Two versions of newsclean side by side: this checkout's ``src/`` and an earlier commit's, exported.

Each version runs in its own subprocess of the same interpreter, with its ``src/`` first on
``sys.path``, so the two never share a module (or a compiled-pattern cache).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURRENT_SRC = ROOT / "src"

# Put a version's src/ first on sys.path and check that the import really comes from it.
PRELUDE = """
import sys
sys.path.insert(0, sys.argv[1])
import newsclean
if not newsclean.__file__.startswith(sys.argv[1]):
    raise SystemExit(f"newsclean imported from {newsclean.__file__}, not from {sys.argv[1]}")
"""


def export_src(rev: str, dest: Path) -> Path:
    """Extract *rev*'s ``src/`` into *dest* with ``git archive``; return the exported ``src`` directory."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "src"], capture_output=True, check=True
        ).stdout
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"cannot export src/ of {rev!r}: {error.stderr.decode(errors='replace').strip()}") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / "src"


def describe(rev: str) -> str:
    """The short commit id of *rev* (or *rev* itself if git cannot say)."""
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True, check=False)
    return out.stdout.strip() or rev
