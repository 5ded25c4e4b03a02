"""The statement extractor: a plain package, importing nothing from Django.

    extract(text, published=None) -> Extraction

The first version finds direct quotations attributed with "said X" / "X said" and resolves
speakers against a small gazetteer. The full extractor replaces it behind the same API.
"""

from .pipeline import EXTRACTOR_VERSION, extract
from .types import ExtractedStatement, ExtractedStatistic, Extraction

__all__ = ["EXTRACTOR_VERSION", "Extraction", "ExtractedStatement", "ExtractedStatistic", "extract"]
