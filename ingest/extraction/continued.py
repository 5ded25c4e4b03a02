"""Text that carries on a statement already made: the sentence a "Miller said:" or "the report
revealed alarming figures." announces, a paragraph that is only a quotation, and the
paragraphs of a press release an article reproduces, until the journalist's background."""

from __future__ import annotations

import re

from .classify import about_pakistan, is_pledge, topics
from .dating import THAT
from .mentions import PRONOUN, Mention
from .officials import STATES
from .quotes import quote_spans
from .records import Draft, direct_statement, trim
from .reported import INVERTED, SUBJECT, Attribution
from .sentences import Paragraph, Unit
from .types import CONTINUATION, INSTITUTION, ISSUED, PERSON, Speaker
from .words import speaker_words

_ANNOUNCED = re.compile(
    r"(?i)\b(?:statistics|figures|data|findings|details|numbers|trends|following|points"
    r"|picture|facts|breakdown|highlights|key\s+\w+)\b"
)


def announces_more(outside: str, start: int, attr: Attribution) -> bool:
    """ "The report revealed alarming statistics." announces the next sentence's content;
    so does "Miller said:" before a quotation."""
    if attr.mode not in (SUBJECT, INVERTED):
        return False
    rest = outside[attr.cue_end - start :]
    if rest.strip() == ":":
        return True  # "Miller said:" with the quotation in the next sentence or paragraph
    if any(q in outside for q in '“”"'):
        return False
    words = rest.split()
    short = 1 <= len(words) < 10 and words[0] not in (".", ":")
    announced = _ANNOUNCED.search(rest) is not None
    return short and announced and not THAT.search(rest) and rest.rstrip().endswith((".", ":"))


def extend(text: str, draft: Draft, end: int) -> None:
    """Stretch a statement over the following sentence that carries its content."""
    stmt = draft.stmt
    while end > stmt.start and text[end - 1] in " \t\n\r\u00a0":
        end -= 1
    stmt.end = end
    stmt.text = text[stmt.start : end]
    stmt.topics = topics(stmt.text)
    stmt.about_pakistan = about_pakistan(stmt.text)
    stmt.is_pledge = is_pledge(stmt.text)


_RELEASE = re.compile(
    r"(?i)press\s+release|following\s+statement|full\s+text|statement\s+(?:reads?|read\s+out)\s*:"
    r"|statement\s+(?:issued|released)\s+(?:by|from)"
)
# Words of the journalist's background after a reproduced release.
BACKGROUND = re.compile(
    r"(?i)\b(?:since\s+(?:19|20)\d\d|in\s+(?:19|20)\d\d|according\s+to\s+(?:media|news)"
    r"|it\s+(?:is|may\s+be)\s+(?:pertinent|recalled|noted|worth)|meanwhile|earlier\s*,"
    r"|last\s+(?:week|month|year)|has\s+(?:witnessed|seen|hosted|been)|\breportedly\b"
    r"|\b(?:he|she|they)\s+(?:said|added)|this\s+brings|so\s+far\s+this\s+year)"
)
_RELEASING = {"Inter-Services Public Relations", "Pakistan Army", "UN Security Council"}


def release_owner(
    view: str, u: Unit, attrs: list[Attribution], mentions: list[Mention]
) -> Speaker | None:
    """The institution whose press release an article starts reproducing in this unit, if any:
    the ISPR and the like in any statement, others when the text says a release or the full
    text follows."""
    a = attrs[0]
    if a.speaker.name in STATES or (a.mention.kind == PRONOUN and a.speaker.kind != PERSON):
        return None  # "It … according to a statement": whose release is not named here
    if a.speaker.kind == INSTITUTION and a.speaker.name in _RELEASING:
        return a.speaker
    if a.speaker.kind in (INSTITUTION, PERSON) and _RELEASE.search(view, u.start, u.end):
        return a.speaker  # "…,” he said in a statement released by the embassy.
    return None


def owner_words(
    text: str, view: str, u: Unit, owner: Speaker, drafts: list[Draft], paras: list[Paragraph]
) -> list[Draft]:
    """An unattributed unit of a reproduced release: the owner's words, one statement per
    paragraph (a unit joins the owner's statement already open in its paragraph)."""
    if len(view[u.start : u.end].split()) < 4:
        return []
    last = drafts[-1] if drafts else None
    if (
        last is not None
        and last.speaker.name == owner.name
        and last.stmt.attribution == ISSUED
        and paras[u.para].start <= last.stmt.start
    ):
        extend(text, last, u.end)
        last.stmt.words = [(last.stmt.start, last.stmt.end)]
        return []
    s, e = trim(text, u.start, u.end, False)
    stmt = direct_statement(text, s, e, owner, None, basis=ISSUED)
    return [Draft(stmt, owner, None, False, False)]


def continuation(text: str, u: Unit, speaker: Speaker) -> Draft:
    """A paragraph that is only a quotation continues the previous direct speaker."""
    s, e = trim(text, u.start, u.end, False)
    stmt = direct_statement(text, s, e, speaker, None, basis=CONTINUATION)
    stmt.words = speaker_words(text, s, e, quote_spans(text, s, e))
    return Draft(stmt, speaker, None, False, False)


_FIRST_PERSON = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:We|we|Our|our)\s+(?!correspondent|reporter|staff|sources?\b)[a-z]+"
)


def first_person(view: str, units: list[Unit], paras: list[Paragraph]) -> bool:
    """Whether two of the first six body sentences speak as "we" outside quotation marks
    (a statement reposted whole, not a report about one)."""
    body = [u for u in units if paras[u.para].kind == "body"][:6]
    own = [u for u in body if "“" not in view[u.start : u.end]]
    return sum(bool(_FIRST_PERSON.search(view[u.start : u.end])) for u in own) >= 2
