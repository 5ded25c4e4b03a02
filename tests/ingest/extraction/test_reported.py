from ingest.extraction.mentions import find_mentions
from ingest.extraction.quotes import outside_quotes, quote_spans
from ingest.extraction.reported import (
    ACCORDING_TO,
    INVERTED,
    NOMINAL,
    PARTICIPIAL,
    SUBJECT,
    find_attributions,
)
from ingest.extraction.resolver import Resolver


def _attrs(text, resolver=None):
    spans = quote_spans(text, 0, len(text))
    outside = outside_quotes(text, 0, len(text), spans)
    mentions = find_mentions(outside, 0, len(outside))
    return find_attributions(text, outside, 0, len(text), mentions, resolver or Resolver(None))


def test_subject_then_reporting_verb_is_attributed():
    (first, *_) = _attrs("Deputy Spokesperson Lena Vorst stressed that talks must go on.")
    assert (first.speaker.name, first.mode) == ("Lena Vorst", SUBJECT)


def test_verb_then_name_after_a_quote_is_attributed():
    (first, *_) = _attrs("“We will help,” said Ambassador Tomas Erling.")
    assert first.speaker.name == "Tomas Erling" and first.mode == INVERTED


def test_words_inside_quotes_never_count_as_attribution():
    assert _attrs("“The minister said nothing,” a line of text.") == []


def test_according_to_an_institution_is_attributed():
    (first, *_) = _attrs("According to the Foreign Office, the two sides met twice.")
    assert first.speaker.name == "Pakistan Foreign Office" and first.mode == ACCORDING_TO


def test_a_participle_after_a_document_belongs_to_its_issuer():
    text = "The department released a report on Monday, saying support would continue."
    resolver = Resolver(None)
    resolver.note_document("report", resolver.resolve(_mention("the State Department")))
    modes = {a.mode: a.speaker.name for a in _attrs(text, resolver)}
    assert modes[PARTICIPIAL] == "U.S. Department of State"


def test_issuing_a_statement_is_a_frame_of_its_own():
    (first, *_) = _attrs("The State Department issued a statement, saying support would go on.")
    assert first.speaker.name == "U.S. Department of State" and first.mode == SUBJECT


def _mention(text):
    return find_mentions(text, 0, len(text))[0]


def test_present_tense_positions_are_standing():
    (first, *_) = _attrs("Islamabad maintains that the attacks came from across the border.")
    assert first.speaker.name == "Government of Pakistan" and first.standing


def test_vague_sources_are_not_speakers():
    assert _attrs("Analysts believe that progress will be made.") == []


def test_a_place_after_a_preposition_is_not_the_subject():
    text = "Pakistani officials at the talks in Washington resolved to act."
    (first, *_) = _attrs(text)
    assert first.speaker.name == "Pakistani officials"


def test_a_possessive_insistence_is_a_clause_sized_statement():
    text = (
        "Despite the Taliban's insistence that the issue is internal, Islamabad has accused them."
    )
    nominal = next(a for a in _attrs(text) if a.mode == NOMINAL)
    assert nominal.speaker.name == "Afghan Taliban government"
    assert text[nominal.span[0] : nominal.span[1]].endswith("internal")


def test_a_comma_aside_between_subject_and_verb_is_skipped():
    text = "Foreign Minister Ishaq Dar, who is also deputy prime minister, said ties were strong."
    (first, *_) = _attrs(text)
    assert first.speaker.name == "Ishaq Dar" and first.mode == SUBJECT


def test_the_relayed_speaker_wins_over_the_document_that_relays_him():
    text = "Blinken, for his part, reaffirmed support for the effort, the statement said."
    (first, *_) = _attrs(text)
    assert first.speaker.name == "Antony Blinken"


def test_who_refers_to_the_named_speaker_before_it():
    text = "The meeting was attended by Interior Minister Jon Ekdal, who said the border was calm."
    (first, *_) = _attrs(text)
    assert first.speaker.name == "Jon Ekdal"


def test_an_opinion_voiced_as_being_of_the_view_is_attributed():
    (first,) = _attrs("Governor Sana Qadri was of the view that the blast was planned abroad.")
    assert first.speaker.name == "Sana Qadri" and first.mode == SUBJECT
