"""Who an institution or a document mention refers to: a gazetteer institution, an
organisation the text introduces itself, "the report" or "the ministry" named earlier.

A part of :class:`~ingest.extraction.resolver.Resolver`, kept apart for its size; the state it
reads (the people, documents and institutions seen so far) is the resolver's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .documents import AUTHORED_DOCS, GENERIC_DOCS, REPORT_DOCS
from .mentions import OUTLET, Mention
from .officials import JOINT_ORG, STATES, fold, tables
from .speaker_forms import before_taliban_rule, joint_from_text, side_from_text, state_ministry
from .states import parties_name
from .types import INSTITUTION, SIDE_JOINT, SIDE_OTHER, Speaker

_THINK_TANK = re.compile(r"Institute|Cent(?:re|er)|Studies|Research|Portal|Forum|Foundation")


class InstitutionsAndDocuments:
    """The institution and document handlers of the resolver."""

    def _institution(self, m: Mention) -> Speaker | None:
        if m.extra.get("generated"):  # another country's foreign ministry
            return Speaker(m.name, INSTITUTION, m.name, None, SIDE_OTHER)
        official = tables()["inst_alias"].get(fold(m.name))
        if official is None:
            return self._introduced_org(m) if m.extra.get("org_name") else None
        if official.name == "United States and Pakistan":
            return Speaker(official.name, INSTITUTION, JOINT_ORG, None, SIDE_JOINT)
        taliban = re.search(r"Taliban|Islamic Emirate", m.text)
        afghan = official.name == "Afghan Taliban government" and not taliban
        if afghan and self.firm and before_taliban_rule(self.ref_day):  # Kabul before 2021-08
            name = "Government of Afghanistan"
            return Speaker(name, INSTITUTION, name, None, "af")
        if official.name == "Pakistan Foreign Office":
            other = state_ministry(m.text, self.states_here)  # "China …, the Foreign Ministry"
            if other is not None:
                return other
        role = m.extra.get("role") if m.extra.get("unnamed") else official.role
        return Speaker(official.name, INSTITUTION, official.organization, role, official.side)

    def _introduced_org(self, m: Mention) -> Speaker | None:
        """An organisation the gazetteer does not know, named in full; its initials (in
        brackets after it) refer back to it."""
        if OUTLET.search(m.name):
            return None
        speaker = Speaker(m.name, INSTITUTION, m.name, None, side_from_text(m.name))
        if m.extra.get("acronym"):
            self.people[m.extra["acronym"].lower()] = speaker
        return speaker

    def _document(self, m: Mention) -> Speaker | None:
        doc = m.extra.get("doc", "")
        if "joint" in m.text.lower():
            if self.joint is None or parties_name(m.text):  # "the Pakistan-Iran joint …"
                self.joint = joint_from_text(m.text, self.default_joint)
            return self.joint
        if m.org_hint:
            org = self._org_from_hint(m.org_hint)
            if org is None:
                return None
            if org.name in STATES and doc in REPORT_DOCS and self.default_report is not None:
                # "the Pakistan Security Report" of a monitor: the country is its subject
                return replace(self.default_report, role=m.doc_type or doc)
            return Speaker(org.name, INSTITUTION, org.name, m.doc_type or doc, org.side)
        if m.extra.get("by_noun"):
            by = self._recent_institution(m.extra["by_noun"])
            return replace(by, role=m.doc_type or doc) if by is not None else None
        # "the report" is the last report; only vaguer words ("the study", "the data",
        # "a summary") may refer to whatever document was last named.
        generic = doc in GENERIC_DOCS
        earlier = self.last_doc.get(doc) or (self.last_doc.get("document") if generic else None)
        if earlier is None and doc in AUTHORED_DOCS and self.salient:
            return self.salient[-1]  # "the tweet said": its author's words
        initials = [self.people.get(w.lower()) for w in re.findall(r"\b[A-Z]{3,8}\b", m.text)]
        by_initials = next((s for s in initials if s is not None and s.kind == INSTITUTION), None)
        if earlier is None and by_initials is not None:  # "the LCPR report"
            return replace(by_initials, role=m.doc_type or doc)
        if earlier is None and self.default_report is not None and doc in REPORT_DOCS:
            return replace(self.default_report, role=m.doc_type or doc)  # "a new report said"
        if earlier is None and self.recent_insts:
            # "the report said" after "The Pakistan Institute for ... recorded": that institute.
            named = [s for s in self.recent_insts if s.name not in STATES]
            if named:
                return replace(named[-1], role=m.doc_type or doc)
        return earlier

    def _recent_institution(self, noun: str) -> Speaker | None:
        """ "The ministry", "the institute": the last institution the text called so."""
        word = noun.split()[0][:5]
        recent = [
            s
            for s in self.recent_insts
            if word in s.name.lower() or word in self.inst_words.get(s.name, "")
        ]
        if word in ("think", "insti", "cente", "centr"):
            tanks = [s for s in self.recent_insts if _THINK_TANK.search(s.name)]
            recent = recent or tanks or [s for s in self.recent_insts if s.side != "other"]
        return recent[-1] if recent else None
