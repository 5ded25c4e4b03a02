"""The dev-set thresholds, measured by the shared scorer against ``python -m ingest.extraction``."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT.parent / "shared" / "corpus" / "seeds.gold.jsonl"


@pytest.mark.skipif(not SCORER.exists() or not GOLD.exists(), reason="shared scorer not present")
def test_the_dev_set_scores_meet_the_thresholds():
    command = [
        sys.executable,
        str(SCORER),
        "--gold",
        str(GOLD),
        "--json",
        "--quiet",
        "--",
        sys.executable,
        "-m",
        "ingest.extraction",
    ]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["precision"] >= 0.9 and summary["recall"] >= 0.9
    assert summary["pledge_accuracy"] >= 0.9
    assert summary["speaker_accuracy"] >= 0.95
    assert summary["date_accuracy"] >= 0.9
    assert summary["orgs_f1"] >= 0.9 and summary["stats_f1"] >= 0.9
