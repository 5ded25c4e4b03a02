"""PDF text is reflowed into paragraphs: the same article as .pdf and as .txt reads the same.

All article text here is invented for these tests (outlet, officials and quotations).
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest

from ingest.pdf_text import join_hyphenated, reflow_pages
from ingest.readers import read_bytes


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()))


def _same_spacing(text: str) -> str:
    return " ".join(text.split())


# --- the reflow on invented page text -------------------------------------------------------


def test_hard_line_breaks_inside_a_paragraph_are_joined_and_blank_lines_kept():
    page = (
        "The committee met in the morning and agreed on a short\n"
        "list of questions for the afternoon session.\n"
        "\n"
        "Its chair thanked the members for their patience.\n"
    )
    assert reflow_pages([page]) == (
        "The committee met in the morning and agreed on a short list of questions for the "
        "afternoon session.\n\nIts chair thanked the members for their patience."
    )


def test_a_short_line_ending_a_sentence_ends_its_paragraph_but_a_full_one_does_not():
    page = (
        "The delegation arrived on Sunday evening and was met at the\n"
        "airport by officials of the provincial trade department. It\n"
        "was driven to the guest house.\n"
        "Talks opened the next morning with a statement by the host\n"
        "and a reply from the visiting side on the agenda ahead of them.\n"
        "Both sides spoke of the long road ahead in their remarks.\n"
    )
    assert reflow_pages([page]).split("\n\n") == [
        "The delegation arrived on Sunday evening and was met at the airport by officials of "
        "the provincial trade department. It was driven to the guest house.",
        "Talks opened the next morning with a statement by the host and a reply from the "
        "visiting side on the agenda ahead of them. Both sides spoke of the long road ahead "
        "in their remarks.",
    ]


def test_an_indented_line_starts_a_paragraph():
    page = (
        "The two ministers met for an hour on the margins of the summit\n"
        "and spoke about river water\n"
        "    The talks are expected to continue after the holidays, an aide\n"
        "said later.\n"
    )
    assert reflow_pages([page]).split("\n\n") == [
        "The two ministers met for an hour on the margins of the summit and spoke about river "
        "water",
        "The talks are expected to continue after the holidays, an aide said later.",
    ]


def test_a_title_line_stays_its_own_paragraph():
    page = (
        "Ferry service resumes on the lake\n"
        "The regional ferry company said on Friday that its boats would\n"
        "sail again from the northern pier after a month of repairs.\n"
    )
    assert reflow_pages([page]).split("\n\n") == [
        "Ferry service resumes on the lake",
        "The regional ferry company said on Friday that its boats would sail again from the "
        "northern pier after a month of repairs.",
    ]


@pytest.mark.parametrize(
    ("first", "second", "elsewhere", "keep"),
    [
        ("govern", "ment", "", False),  # pieces of one word
        ("counter", "terrorism", "", True),  # known prefix
        ("anti", "American", "", True),  # capital after the hyphen
        ("cross", "ing", "", False),  # a prefix before a bare word ending
        ("pro", "vince", "", False),  # short prefix, second part no word alone
        ("ex", "minister", "the minister spoke", True),  # short prefix, a word alone
        ("high", "level", "a high wall at sea level", True),  # two words alone
        ("cease", "fire", "the ceasefire held; fire", False),  # joined form elsewhere
        ("fire", "fight", "a fire-fight", True),  # hyphenated form elsewhere
        ("well", "known", "", True),
    ],
)
def test_the_hyphen_rule(first, second, elsewhere, keep):
    assert join_hyphenated(first, second, _words(elsewhere)) is keep


def test_words_hyphenated_at_a_line_end_are_mended_by_the_rule():
    page = (
        "The provincial govern-\n"
        "ment has opened a counter-\n"
        "terrorism office next to the old stat-\n"
        "ion, and the ceasefire com-\n"
        "mittee met the anti-\n"
        "American protesters. The committee and the cease-\n"
        "fire monitors left.\n"
    )
    assert reflow_pages([page]) == (
        "The provincial government has opened a counter-terrorism office next to the old "
        "station, and the ceasefire committee met the anti-American protesters. The committee "
        "and the ceasefire monitors left."
    )


def test_a_soft_hyphen_is_dropped_and_a_hyphen_before_a_number_kept():
    page = "The new trans\u00ad\nport plan for 2023-\n24 follows the COVID-\n19 rules.\n"
    assert reflow_pages([page]) == "The new transport plan for 2023-24 follows the COVID-19 rules."


def test_running_headers_footers_page_numbers_and_browser_lines_are_dropped():
    pages = [
        "12/05/2024, 10:31 Harbour plan approved - The Lakeside Courier\n"
        "THE LAKESIDE COURIER - page 1\n"
        "Harbour plan approved\n"
        "The city council approved the harbour plan on Wednesday after\n"
        "a long debate about the cost of the new breakwater and the\n"
        "1\n"
        "https://courier.example/news/harbour-plan 1/3\n",
        "12/05/2024, 10:31 Harbour plan approved - The Lakeside Courier\n"
        "THE LAKESIDE COURIER - page 2\n"
        "fishing quays. Work is due to start in the spring and to end\n"
        "within two years, the council said.\n"
        "Page 2 of 3\n"
        "https://courier.example/news/harbour-plan 2/3\n",
        "THE LAKESIDE COURIER - page 3\n- 3 -\nOpponents said they would ask for a review.\n",
    ]
    assert reflow_pages(pages).split("\n\n") == [
        "Harbour plan approved",
        "The city council approved the harbour plan on Wednesday after a long debate about the "
        "cost of the new breakwater and the fishing quays. Work is due to start in the spring "
        "and to end within two years, the council said.",
        "Opponents said they would ask for a review.",
    ]


def test_a_number_inside_the_text_and_a_single_page_header_are_kept():
    page = (
        "Weekly figures\n"
        "The port counted the following arrivals this week, up from last\n"
        "week's figure of\n"
        "12\n"
        "vessels, the harbour master said on the radio in the morning.\n"
        "Weekly figures were sent to the ministry for its monthly review.\n"
        "Nothing else changed.\n"
    )
    text = reflow_pages([page])
    assert text.startswith("Weekly figures\n\nThe port counted")
    assert "week's figure of 12 vessels" in text


def test_list_items_stay_on_their_own_lines():
    page = (
        "The statement listed three steps the two sides had agreed on:\n"
        "• a joint patrol along the river;\n"
        "• a hotline between the two border posts;\n"
        "- a monthly meeting of the district officers, held in turn\n"
        "on each side of the border;\n"
        "1. a review after six months.\n"
        "The next meeting will be held in the spring, the statement said.\n"
    )
    assert reflow_pages([page]) == (
        "The statement listed three steps the two sides had agreed on:\n"
        "• a joint patrol along the river;\n"
        "• a hotline between the two border posts;\n"
        "- a monthly meeting of the district officers, held in turn on each side of the border;\n"
        "1. a review after six months.\n\n"
        "The next meeting will be held in the spring, the statement said."
    )


def test_a_dash_that_continues_a_sentence_is_not_a_list_item():
    page = (
        "The new crossing at the northern end of the valley road\n"
        "- which opened in the summer - has cut the travel time to the\n"
        "market by half, traders say.\n"
    )
    assert "\n" not in reflow_pages([page])


def test_transcript_turn_labels_start_paragraphs():
    page = (
        "MR OSTRANDER: Good afternoon. We have one announcement at the\n"
        "top and then I will take your questions on the trade talks\n"
        "QUESTION: Will the talks resume this month, and who will lead\n"
        "the delegation to the capital?\n"
        "MS. VELLACOURT: I do not have a date for you yet, but we expect\n"
        "Q: And the agenda?\n"
        "A: It has not been set.\n"
    )
    assert [part.split(":")[0] for part in reflow_pages([page]).split("\n\n")] == [
        "MR OSTRANDER",
        "QUESTION",
        "MS. VELLACOURT",
        "Q",
        "A",
    ]


# --- a real PDF built here, against the same article as plain text --------------------------

HEADER = "The Riverbank Ledger | Invented edition"
ARTICLE = (
    "Border talks to resume, ministry says\n\n"
    "ISLAMABAD: The Ministry of Interior said on Tuesday that a new round of border talks "
    "with its neighbour would begin in the second week of March.\n\n"
    '"We are ready to sit down again and to listen carefully to every proposal on the '
    'table," Deputy Minister Saira Kundwani told The Riverbank Ledger on Monday.\n\n'
    "Kundwani said the joint trade committee and the counter-terrorism cell set up last year "
    "had already shared their findings with the government, and that both delegations had "
    "agreed to meet without preconditions.\n\n"
    "She added that the ministry would publish a short summary of the talks once they had "
    "ended, and that the provincial government had told traders on both sides of the "
    "crossing to expect longer opening hours.\n\n"
    '"Nobody gains from a closed gate," said Farid Ostovar, a spokesman for the provincial '
    "chamber of commerce."
)
# The same article as printed lines, page by page; "" marks the first line of a paragraph.
PAGES = [
    [
        "Border talks to resume, ministry says",
        "",
        "ISLAMABAD: The Ministry of Interior said on Tuesday that a new",
        "round of border talks with its neighbour would begin in the",
        "second week of March.",
        "",
        '"We are ready to sit down again and to listen carefully to every',
        'proposal on the table," Deputy Minister Saira Kundwani told The',
        "Riverbank Ledger on Monday.",
        "",
        "Kundwani said the joint trade committee and the counter-",
        "terrorism cell set up last year had already shared their findings",
    ],
    [
        "with the government, and that both delegations had agreed to meet",
        "without preconditions.",
        "",
        "She added that the ministry would publish a short summary of the",
        "talks once they had ended, and that the provincial govern-",
        "ment had told traders on both sides of the crossing to expect",
    ],
    [
        "longer opening hours.",
        "",
        '"Nobody gains from a closed gate," said Farid Ostovar, a',
        "spokesman for the provincial chamber of commerce.",
    ],
]


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _page_stream(lines: list[str], number: int, pages: int) -> str:
    """A content stream: running header, body lines (T* with 14 pt leading, a new paragraph
    moved down and indented with Td, the title in a larger size) and a page number."""
    body = ["BT /F1 11 Tf 14 TL 72 700 Td"]
    indented = False
    for index, line in enumerate(lines):
        if line == "":
            body.append("18 -22 Td")
            indented = True
            continue
        if index and lines[index - 1] != "":
            body.append("-18 0 Td T*" if indented else "T*")
            indented = False
        size = 14 if number == 1 and index == 0 else 11
        body.append(f"/F1 {size} Tf {_pdf_string(line)} Tj")
    body.append("ET")
    return "\n".join(
        [
            f"BT /F1 9 Tf 72 750 Td {_pdf_string(HEADER)} Tj ET",
            *body,
            f"BT /F1 9 Tf 280 40 Td {_pdf_string(f'Page {number} of {pages}')} Tj ET",
        ]
    )


def _article_pdf(pages: list[list[str]]) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for number, lines in enumerate(pages, start=1):
        page = writer.add_blank_page(width=612, height=792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(_page_stream(lines, number, len(pages)).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_built_pdf_has_the_furniture_the_reflow_must_remove():
    from pypdf import PdfReader

    raw = [page.extract_text() for page in PdfReader(io.BytesIO(_article_pdf(PAGES))).pages]
    assert len(raw) == 3
    assert all(HEADER in text and f"Page {n} of 3" in text for n, text in enumerate(raw, 1))
    assert "counter-\nterrorism" in raw[0] and "govern-\nment" in raw[1]


def test_a_pdf_reads_as_the_same_text_as_the_plain_article():
    pdf_text = read_bytes(_article_pdf(PAGES), filename="a.pdf").text
    txt_text = read_bytes(ARTICLE.encode(), filename="a.txt").text
    assert _same_spacing(pdf_text) == _same_spacing(txt_text)
    assert pdf_text.split("\n\n")[0] == "Border talks to resume, ministry says"
    assert pdf_text.count("\n\n") == ARTICLE.count("\n\n")


def test_a_pdf_gives_the_same_statements_as_the_plain_article():
    from ingest.extraction import extract

    def statements(text: str) -> list[tuple[str, str]]:
        return [(s.speaker, _same_spacing(s.text)) for s in extract(text).statements]

    from_pdf = statements(read_bytes(_article_pdf(PAGES), filename="a.pdf").text)
    from_txt = statements(read_bytes(ARTICLE.encode(), filename="a.txt").text)
    assert from_txt, "the plain article should give statements"
    assert from_pdf == from_txt
