"""Command-line glue shared by ``python -m ingest.extraction`` and ``manage.py extract``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .extractor import extract


def document_json(text: str, *, file: str, published: date | None) -> dict:
    """Extract ``text`` and return the JSON-ready dict printed for one file.

    Takes the document text, the path to report and the publication date (or None).
    """
    return {"file": file, **extract(text, published).as_dict()}


def main(argv: list[str] | None = None) -> int:
    """Print one JSON object per FILE (JSON Lines); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m ingest.extraction", description=__doc__)
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument(
        "--published", type=date.fromisoformat, default=None, help="publication date YYYY-MM-DD"
    )
    args = parser.parse_args(argv)
    for path in args.files:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        sys.stdout.write(
            json.dumps(document_json(text, file=path, published=args.published), ensure_ascii=False)
            + "\n"
        )
    return 0
