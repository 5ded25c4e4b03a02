"""The statement extractor: a plain package, importing nothing from Django.

    extract(text, published=None) -> Extraction

Stages, one module each: chrome (site furniture masked), sentences, quotes, speakers
(gazetteer + coreference), reported (attribution), transcripts, dates, classify (pledge,
topics), entities (armed groups, places), statistics; extractor ties them together and cli
prints JSON Lines. See docs/extractor.md.
"""

from .extractor import EXTRACTOR_VERSION, extract
from .types import (
    ExtractedEvent,
    ExtractedFigure,
    ExtractedStatement,
    ExtractedStatistic,
    Extraction,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "Extraction",
    "ExtractedEvent",
    "ExtractedFigure",
    "ExtractedStatement",
    "ExtractedStatistic",
    "extract",
]
