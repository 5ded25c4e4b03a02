"""What a source lists: the entries of a feed, a sitemap or an index page, and the source's
include and exclude rules. Bytes in, entries out; no database, no network."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from lxml.etree import ParserError

# A link on an index page that is the site's furniture, not an article.
_NOT_ARTICLES = re.compile(
    r"/(tag|tags|category|categories|author|authors|page|search|login|signin|subscribe|"
    r"about|contact|privacy|terms)(/|$)",
    re.IGNORECASE,
)


class UnreadableSource(ValueError):
    """The source's answer is not what its kind says; the message says why, for the editor."""


@dataclass(frozen=True)
class Entry:
    url: str
    title: str = ""
    published_on: date | None = None


@dataclass(frozen=True)
class Sitemap:
    """A sitemap's own entries, and the sitemaps a sitemap index lists (newest first)."""

    entries: list[Entry]
    children: list[str]


def feed_entries(body: bytes, *, base_url: str) -> list[Entry]:
    """The entries of an RSS or Atom feed, in the feed's order; raises UnreadableSource for
    a document that is no feed (or one so broken that nothing could be read)."""
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.entries and not parsed.feed:
        raise UnreadableSource("The address answered something that is not a feed.")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or _first_alternate(item)
        if not link:
            continue
        published = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(
            Entry(
                url=urljoin(base_url, link),
                title=" ".join(item.get("title", "").split())[:500],
                published_on=date(*published[:3]) if published else None,
            )
        )
    # A feed with a fault or two is read as far as it goes (many are); one whose faults leave
    # no entry to read is an error, with the parser's reason.
    if parsed.bozo and not entries:
        reason = getattr(parsed, "bozo_exception", None) or "not a feed"
        raise UnreadableSource(f"The feed could not be read ({_short(reason)}).")
    return entries


def _first_alternate(item) -> str:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return ""


def sitemap_entries(body: bytes, *, base_url: str) -> Sitemap:
    """The pages of a sitemap (``<urlset>``), or the child sitemaps of a sitemap index, newest
    first; parsed without entities or external references (defusedxml)."""
    try:
        root = ElementTree.fromstring(body, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise UnreadableSource(f"The sitemap is not well-formed XML ({_short(error)}).") from error
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise UnreadableSource(f"The address answered XML that is not a sitemap (<{kind}>).")
    items = []
    for node in root:
        fields = {_local(child.tag): (child.text or "").strip() for child in node.iter()}
        if fields.get("loc"):
            items.append((fields.get("lastmod", ""), fields))
    if kind == "sitemapindex":
        items.sort(key=lambda item: item[0], reverse=True)
        return Sitemap([], [urljoin(base_url, fields["loc"]) for _, fields in items])
    entries = [
        Entry(
            url=urljoin(base_url, fields["loc"]),
            title=" ".join(fields.get("title", "").split())[:500],  # Google News' <news:title>
            published_on=_iso_date(fields.get("publication_date", "")),
        )
        for _, fields in items
    ]
    return Sitemap(entries, [])


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def index_entries(body: bytes, *, base_url: str) -> list[Entry]:
    """The article links of an index page: links on the page's own host, other than the page
    itself, the home page and the site's furniture (tags, authors, pages of the index...),
    each once, in the page's order, titled by their text."""
    try:
        page = lxml.html.document_fromstring(body, base_url=base_url)
    except (ParserError, ValueError) as error:
        raise UnreadableSource(f"The index page could not be read ({_short(error)}).") from error
    own = urlsplit(base_url)
    seen: set[str] = {base_url.split("#", 1)[0]}
    entries = []
    for anchor in page.iter("a"):
        href = (anchor.get("href") or "").strip()
        url = urljoin(base_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname != own.hostname:
            continue
        if parts.path in ("", "/") or _NOT_ARTICLES.search(parts.path) or url in seen:
            continue
        seen.add(url)
        entries.append(Entry(url=url, title=" ".join(anchor.text_content().split())[:500]))
    return entries


def words(rule: str) -> list[str]:
    """The words or phrases of an include or exclude rule: one per line or comma separated."""
    return [word.strip().lower() for word in re.split(r"[,\n]", rule or "") if word.strip()]


def wanted(entry: Entry, *, include: list[str], exclude: list[str]) -> bool:
    """Whether an entry passes a source's rules, by its title or its address (any case)."""
    haystack = f"{entry.title}\n{entry.url}".lower()
    if include and not any(word in haystack for word in include):
        return False
    return not any(word in haystack for word in exclude)


def _short(reason: object) -> str:
    return " ".join(str(reason).split())[:300]
