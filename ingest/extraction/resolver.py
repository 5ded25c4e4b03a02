"""Coreference within a document: which speaker a mention refers to.

Names resolve through the gazetteer (full name, alias, spelling variant, surname with the
tenure on the document's day) or stand as written. Descriptions ("the spokesperson", "the
premier", "the CENTCOM chief") go to the last person whose role fits, else to the institution
they name. Pronouns go to the most salient person of the right gender: the speakers of earlier
statements and the subjects of earlier sentences, most recent first, never to a person seen
only in passing ("… met Foreign Minister Dar. He said" is the subject's "he").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .known_people import (
    given_name_in_office,
    misspelt,
    office_holder,
    official_for,
    one_in_office,
)
from .mentions import (
    CAPNAME,
    DOC,
    GROUP_M,
    INST,
    JOINT,
    NAMED,
    ORG_WORD,
    OUTLET,
    PRONOUN,
    ROLE_NOUN,
    SURNAME,
    TITLED,
    UNNAMED,
    Mention,
)
from .officials import (
    COMMON_SURNAMES,
    JOINT_ORG,
    JOINT_STATEMENT,
    STATES,
    fold,
    gender_of,
    tables,
)
from .resolve_institutions import InstitutionsAndDocuments
from .speaker_forms import (
    ROLE_FITS,
    looks_like_person,
    portfolio,
    shortened,
    side_from_text,
)
from .types import GROUP, INSTITUTION, PERSON, SIDE_JOINT, SIDE_OTHER, Speaker


class Resolver(InstitutionsAndDocuments):
    """Resolve mentions to speakers, remembering who was mentioned (for "he", "Miller"...)."""

    def __init__(self, ref_day: date | None, firm: bool = True) -> None:
        self.ref_day = ref_day
        self.firm = firm  # the day is the document's own date, not a guess from its mentions
        self.people: dict[str, Speaker] = {}  # surname (lower) -> speaker
        self.gender: dict[str, str] = {}  # speaker name -> "m" / "f"
        self.salient: list[Speaker] = []  # speakers and sentence subjects, most recent last
        self.last_person: Speaker | None = None
        self.last_doc: dict[str, Speaker] = {}
        self.last_inst: Speaker | None = None
        self.recent_insts: list[Speaker] = []
        self.last_group: Speaker | None = None  # what "they" said refers to
        self.inst_words: dict[str, str] = {}  # canonical name -> how the text called it
        self.joint: Speaker | None = None  # the joint statement the document reports
        self.voices: dict[str, Speaker] = {}  # "a State Department spokesperson" by role
        self.pair: tuple[Speaker, Speaker] | None = None  # two people a sentence named
        self.default_joint: str | None = None  # the parties' joint statement, by the text
        self.default_report: Speaker | None = None  # the one monitor a write-up covers
        self.last_state: Speaker | None = None  # what "the country" refers to
        # The known people the document names anywhere (None: not looked at). A description
        # ("the interior minister") becomes a name only when the text gives it somewhere.
        self.named: set[str] | None = None
        self.states_here: list[str] = []  # the states the current sentence names, in order
        self.titles: dict[str, str] = {}  # person -> the titles the text gave them

    def note_text(self, view: str) -> None:
        """Remember which known people the whole document names."""
        by_name, names = tables()["by_name"], tables()["person_re"]
        self.named = {by_name[m.group(0).lower()].name for m in names.finditer(view)}

    def introduce(self, surname: str) -> Speaker:
        """A person the text names by surname only, right after their quotation."""
        speaker = Speaker(surname, PERSON)
        self.people[surname.lower()] = speaker
        return speaker

    def _holder(
        self, options: list[tuple[str, ...]], org: str | None = None, sides=None
    ) -> Speaker | None:
        """The one person the document names who held that office on its day (on any day
        when the day is a guess); None when the text names nobody in it."""
        day = self.ref_day if self.firm else None
        if day is None and self.named is None:
            return None
        name = office_holder(options, day, self.named, org, sides)
        return self._person(name, None, None) if name else None

    def note_document(self, key: str, speaker: Speaker) -> None:
        """Remember that "the <key>" (report, study...) now refers to ``speaker``."""
        for k in {key.lower(), "document"}:
            self.last_doc[k] = speaker
        self.last_inst = speaker

    def adopt_issuer(self, issuer: Speaker) -> None:
        """The document is ``issuer``'s statement: "both sides", "they" and "the statement"
        are the issuer's."""
        if issuer.side == SIDE_JOINT:
            self.joint = issuer
            self.last_group = issuer
        self.note_document("statement", issuer)

    def note_pair(self, people: list[Speaker]) -> None:
        """Two people a sentence named together ("Dar met Muttaqi"), for "both ministers"."""
        distinct = list({p.name: p for p in people if p.kind == PERSON}.values())
        if len(distinct) == 2:
            self.pair = (distinct[0], distinct[1])

    def note_salient(self, speaker: Speaker) -> None:
        """A person who spoke or is a sentence's subject: what "he"/"she" can refer to."""
        if speaker.kind != PERSON:
            if speaker.kind in (GROUP, INSTITUTION) and speaker.side == SIDE_JOINT:
                self.last_group = speaker
            return
        self.salient = [s for s in self.salient if s.name != speaker.name][-6:] + [speaker]

    def observe(self, mention: Mention) -> Speaker | None:
        """Resolve a mention seen in narration and remember named people and documents."""
        if mention.kind in (TITLED, NAMED, DOC):
            return self.resolve(mention)
        if mention.kind == INST:
            speaker = self._institution(mention)
            # States ("Pakistan", "Washington") are too frequent to be what "it" refers to.
            if speaker is not None and speaker.name not in STATES:
                self._remember(speaker, mention)
            elif speaker is not None:
                self.last_state = speaker
                self.states_here.append(speaker.name)
            return speaker
        if mention.kind == CAPNAME and looks_like_person(mention.name):
            # "Mara Lind, a researcher, …" introduces a surname for a later "Lind said";
            # it does not become "he" (places and events look alike in capitals).
            surname = mention.name.split()[-1].lower()
            self.people.setdefault(surname, self._person(mention.name, None, None))
        return None

    def resolve(self, mention: Mention) -> Speaker | None:
        """Return the speaker a mention refers to, or None (vague or unknown)."""
        handler = {
            TITLED: self._titled,
            NAMED: self._named,
            INST: self._institution,
            DOC: self._document,
            GROUP_M: self._group,
            JOINT: self._joint,
            UNNAMED: self._unnamed,
            SURNAME: self._surname,
            PRONOUN: self._pronoun,
            ROLE_NOUN: self._role_noun,
            CAPNAME: self._capname,
        }[mention.kind]
        speaker = handler(mention)
        if speaker is not None:
            self._remember(speaker, mention)
        return speaker

    def _remember(self, speaker: Speaker, mention: Mention) -> None:
        if speaker.kind == PERSON:
            self.people[speaker.name.split()[-1].lower()] = speaker
            if speaker.canonical:
                self.people[speaker.canonical.split()[-1].lower()] = speaker
            self.last_person = speaker
            if mention.role:  # "army spokesman Maj Gen Bajwa": the text's title counts too
                said = self.titles.get(speaker.name, "")
                self.titles[speaker.name] = f"{said} {mention.role.lower()}"
            cue = gender_of(mention.text, speaker.name)
            if cue:
                self.gender[speaker.name] = self.gender.get(speaker.name) or cue
        elif mention.kind == DOC or (speaker.role and speaker.kind == INSTITUTION):
            key = (mention.extra.get("doc") or speaker.role or "").lower()
            for k in {key, "document"}:
                self.last_doc[k] = speaker
            self.last_inst = speaker
        elif speaker.kind == INSTITUTION:
            self.last_inst = speaker
        if speaker.kind == GROUP or speaker.side == SIDE_JOINT:
            self.last_group = speaker
        if mention.extra.get("unnamed") and mention.extra.get("role"):
            self.voices[mention.extra["role"]] = speaker
        if speaker.kind == INSTITUTION:
            self.recent_insts = [s for s in self.recent_insts if s.name != speaker.name][-8:]
            self.recent_insts.append(speaker)
            self.inst_words[speaker.name] = (
                self.inst_words.get(speaker.name, "") + " " + mention.text.lower()
            )

    def _person(self, name: str, role: str | None, org_hint: str | None) -> Speaker:
        official = official_for(name, self.ref_day, self.people)
        if official is None and name.lower() in self.people:
            return self.people[name.lower()]
        if official is not None:
            held = official.tenure_at(self.ref_day) or (official.role, official.organization)
            short = shortened(name, official.name)
            return Speaker(
                " ".join(name.split()) if short else official.name,
                PERSON,
                held[1] or official.organization,
                held[0] or role,
                official.side,
                official.name if short else None,
            )
        known = self.people.get(name.split()[-1].lower())
        if known is not None and len(name.split()) == 1:
            return known
        if len(name.split()) == 1:
            # "Major General Asif" after "Asif Ghafoor": a first name of someone introduced.
            first = [p for p in self.people.values() if p.name.split()[0] == name]
            if len(first) == 1:
                return first[0]
            titled = self._given_name_in_office(name, role)
            if titled is not None:
                return titled
        org = self._org_from_hint(org_hint)
        side = org.side if org else side_from_text(org_hint or "")
        return Speaker(name, PERSON, org.name if org else None, role, side)

    def _given_name_in_office(self, name: str, role: str | None) -> Speaker | None:
        """ "Prime Minister Shehbaz": the one known person with that given name in that office
        that day, shown as the text gives the name unless the text also gives it in full."""
        official = given_name_in_office(name, role, self.ref_day)
        if official is None:
            return None
        known = self._person(official.name, role, None)
        if self.named is None or known.name in self.named:
            return known
        return replace(known, name=name, canonical=known.name)

    def _org_from_hint(self, hint: str | None) -> Speaker | None:
        if not hint:
            return None
        official = tables()["inst_alias"].get(fold(hint))
        if official is None:
            return None
        return Speaker(official.name, INSTITUTION, official.organization, None, official.side)

    def _titled(self, m: Mention) -> Speaker:
        return self._person(m.name, m.role, m.org_hint)

    def _named(self, m: Mention) -> Speaker:
        return self._person(m.name, None, None)

    def _surname(self, m: Mention) -> Speaker | None:
        key = m.name.lower()
        if key in self.people:
            return self.people[key]
        if key in COMMON_SURNAMES:
            return None  # "Khan said" with no Khan introduced: which one?
        pick = one_in_office(tables()["by_surname"].get(key, []), self.ref_day)
        if pick is None:
            return misspelt(key, self.people)
        return self._person(pick.name, None, None)

    def _capname(self, m: Mention) -> Speaker | None:
        if tables()["inst_alias"].get(fold(m.name)):
            return self._institution(m)
        if OUTLET.search(m.name):
            return None  # a news outlet relays statements; it is not the speaker
        if ORG_WORD.search(m.name):
            return Speaker(m.name, INSTITUTION, m.name, None, side_from_text(m.name))
        return self._person(m.name, None, None)

    def _group(self, m: Mention) -> Speaker:
        name = re.sub(r"^(?:[Tt]he)\s+", "", m.name)
        self.last_group = Speaker(name, GROUP, None, None, side_from_text(name))
        return self.last_group

    def _joint(self, m: Mention) -> Speaker:
        """ "Both sides", "the two leaders", "Pakistan, China and Afghanistan": the joint
        statement the document reports, or the states together."""
        if m.extra.get("org"):  # "The Shanghai Cooperation Organisation member states"
            self.joint = Speaker(m.extra["org"], INSTITUTION, m.extra["org"], None, SIDE_OTHER)
            return self.joint
        if self.joint is None and m.extra.get("states"):
            found = tables()["inst_alias"].get(fold(m.name))
            if found is not None:
                return Speaker(found.name, INSTITUTION, JOINT_ORG, None, SIDE_JOINT)
            return Speaker(m.name, GROUP, None, None, side_from_text(m.name))
        if self.joint is None and self.pair is not None and not self.default_joint:
            # "Dar held a meeting with Muttaqi. Both ministers expressed …": the two of them.
            a, b = self.pair
            return Speaker(
                f"{a.name} and {b.name}", GROUP, None, None, side_from_text(a.side + b.side)
            )
        if self.joint is None:
            name = self.default_joint or JOINT_STATEMENT
            org = JOINT_ORG if name == JOINT_STATEMENT else name
            self.joint = Speaker(name, INSTITUTION, org, "statement", SIDE_JOINT)
        return self.joint

    def _unnamed(self, m: Mention) -> Speaker:
        """ "A police officer said": an unnamed voice, kept as written (a later sentence may
        name them)."""
        name = re.sub(r"^(?:[Aa]n?|[Tt]he)\s+", "", m.text)
        return Speaker(name, GROUP, None, m.extra.get("role"), side_from_text(name))

    def _pronoun(self, m: Mention) -> Speaker | None:
        low = m.extra.get("as") or m.text.lower()
        if low == "it":
            return self.last_inst
        if low == "they":
            return self.last_group
        wanted = "f" if low == "she" else "m"
        for speaker in reversed(self.salient):
            if self.gender.get(speaker.name, wanted) == wanted:
                return speaker
        if (
            self.last_person is not None
            and self.gender.get(self.last_person.name, wanted) == wanted
        ):
            return self.last_person
        return None

    def _role_noun(self, m: Mention) -> Speaker | None:
        if m.role == "country":
            return self.last_state
        if m.extra.get("institution"):
            return self._recent_institution(m.role or "")
        role = m.role or ""
        fits = ROLE_FITS.get(role, (role,))
        needed = portfolio(m.text)
        people = list(reversed(self.salient)) + list(reversed(list(self.people.values())))
        for speaker in people:
            held = f"{speaker.role or ''} {self.titles.get(speaker.name, '')}".lower()
            fitting = all(w in held for w in needed) and any(f in held for f in fits)
            if fitting and (role != "official" or speaker.role):
                return speaker
        if needed:
            # "the interior minister" with no interior minister named: the one in office.
            side = side_from_text(m.text)
            sides = {side} if side != SIDE_OTHER else {p.side for p in self.people.values()}
            found = self._holder([needed], None, sides)
            if found is not None:
                return found
        if m.org_hint:
            # "the Foreign Office spokesperson" with nobody named: the one in office that day,
            # else the office itself speaks.
            org = self._org_from_hint(m.org_hint.rstrip("'’s "))
            found = self._holder([(f,) for f in fits], org.name) if org else None
            return found or org
        voice = next((v for r, v in self.voices.items() if any(f and f in r for f in fits)), None)
        return voice  # "a State Department spokesperson said … the spokesperson added"
