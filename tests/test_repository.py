"""The repository itself: no merge left its conflict markers in a tracked file."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^(?:<{7}|>{7}) ", re.M)


def test_no_tracked_file_holds_conflict_markers():
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    marked = []
    for name in listed:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".pdf", ".ico", ".gz"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if MARKER.search(text):
            marked.append(name)
    assert marked == []
