from datetime import date

from ingest.extraction.mentions import DOC, GROUP_M, TITLED, find_mentions
from ingest.extraction.officials import gazetteer, person_by_surname
from ingest.extraction.resolver import Resolver


def _mentions(text):
    return find_mentions(text, 0, len(text))


def test_a_title_before_a_name_gives_role_and_organisation():
    text = "Foreign Office Spokesperson Mumtaz Zahra Baloch said"
    m = next(m for m in _mentions(text) if m.kind == TITLED)
    speaker = Resolver(date(2024, 1, 1)).resolve(m)
    assert speaker.name == "Mumtaz Zahra Baloch"
    assert speaker.role == "Spokesperson" and speaker.org == "Pakistan Foreign Office"


def test_a_name_unknown_to_the_gazetteer_becomes_a_new_speaker_with_its_title():
    text = "Interior Minister Farid Qamar-Uddin told lawmakers"
    m = next(m for m in _mentions(text) if m.kind == TITLED)
    speaker = Resolver(None).resolve(m)
    assert speaker.name == "Farid Qamar-Uddin" and speaker.role == "Interior Minister"


def test_a_later_surname_and_pronoun_refer_back_to_the_full_name():
    resolver = Resolver(None)
    first = _mentions("Interior Minister Farid Qamar-Uddin spoke")[0]
    resolver.resolve(first)
    added = find_mentions("Qamar-Uddin added", 0, 17, set(resolver.people))
    surname = next(m for m in added if m.name == "Qamar-Uddin")
    assert resolver.resolve(surname).name == "Farid Qamar-Uddin"
    pronoun = next(m for m in _mentions("He added") if m.text == "He")
    assert resolver.resolve(pronoun).name == "Farid Qamar-Uddin"


def test_the_spokesperson_refers_to_the_last_spokesperson_named():
    resolver = Resolver(date(2022, 5, 5))
    resolver.resolve(next(m for m in _mentions("spokesperson Ned Price said") if m.kind == TITLED))
    role = next(m for m in _mentions("the spokesperson said") if m.text == "the spokesperson")
    assert resolver.resolve(role).name == "Ned Price"


def test_institutions_get_their_fixed_canonical_names():
    resolver = Resolver(None)
    names = {resolver.resolve(m).name for m in _mentions("the State Department and the FO")}
    assert names == {"U.S. Department of State", "Pakistan Foreign Office"}


def test_a_joint_statement_is_the_joint_institutional_speaker():
    m = next(m for m in _mentions("the joint statement read") if m.kind == DOC)
    assert Resolver(None).resolve(m).name == "United States–Pakistan joint statement"


def test_unnamed_officials_are_a_group_speaker():
    m = next(m for m in _mentions("Pakistani and U.S. officials agreed") if m.kind == GROUP_M)
    speaker = Resolver(None).resolve(m)
    assert speaker.kind == "group" and speaker.side == "joint"


def test_briefing_surnames_resolve_by_tenure_at_the_briefing_date():
    assert person_by_surname("PRICE", date(2022, 5, 5)).name == "Ned Price"
    assert person_by_surname("MILLER", date(2023, 10, 2)).name == "Matthew Miller"
    assert person_by_surname("NOBODYKNOWN", date(2023, 10, 2)) is None


def test_the_gazetteer_rows_follow_the_shared_schema():
    kinds = {o.kind for o in gazetteer()}
    assert kinds == {"person", "institution"}
    assert all(o.side in {"us", "pk", "joint", "af", "other"} for o in gazetteer())
