"""Page furniture in copied plain text: which lines are blanked, which stay, and that offsets do not move."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import cli
from nlp.furniture import blank_page_furniture

PAGE = Path(__file__).parent / "fixtures" / "texts" / "page_copy.txt"


def kept_lines(text: str) -> list[str]:
    return [line.strip() for line in blank_page_furniture(text).split("\n") if line.strip()]


def test_length_and_line_breaks_are_kept():
    text = PAGE.read_text(encoding="utf-8")
    blanked = blank_page_furniture(text)
    assert len(blanked) == len(text)
    assert [i for i, c in enumerate(blanked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


def test_menus_bylines_teasers_and_footer_go():
    kept = "\n".join(kept_lines(PAGE.read_text(encoding="utf-8")))
    for gone in ("• Home", "Tomas Reis", "Share Button Icon", "Recommended Video", "Most Popular",
                 "placeholder alt text", "Harbour stocks slide", "By Rui Costa", "14 hours ago",
                 "Central bank governor Marta Lobo says", "• Privacy Policy", "© 2025"):
        assert gone not in kept, gone


def test_headline_story_and_short_sentences_stay():
    kept = kept_lines(PAGE.read_text(encoding="utf-8"))
    assert kept[0].startswith("Port of Lisbon reopens as Trade Minister Ana Ferreira says")  # the menu above it went
    assert any(line.startswith("“We will look at every figure") for line in kept)
    # short lines that end like sentences, and key-point bullets, are article text
    assert kept_lines("“No,” he said.\nHow were they set?\n- Lisbon doubles the steel levy to 20%\nIn Short\n"
                      "Levy doubles to 20%\nTop 10 Ports\n") == [
        "“No,” he said.", "How were they set?", "- Lisbon doubles the steel levy to 20%", "Levy doubles to 20%"]


def test_a_bullet_with_a_figure_is_a_row_of_a_list():
    # "• Home" is a menu; "• Norway: 12%" a row of the list of rates above it
    assert kept_lines("New surtaxes by country:\n• Home\n• Norway: 12%\n• Chile – 7 percent\n") == [
        "New surtaxes by country:", "• Norway: 12%", "• Chile – 7 percent"]


def test_a_line_repeated_by_the_layout_goes_once():
    assert kept_lines("The minister spoke in Lisbon on Monday.\nAna Ferreira at the ministry\n"
                      "Ana Ferreira at the ministry\n") == ["The minister spoke in Lisbon on Monday.",
                                                            "Ana Ferreira at the ministry"]


def test_extract_on_page_copy_ignores_the_furniture():
    result = CliRunner().invoke(cli.main, ["extract", str(PAGE), "--published", "2025-05-06"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    text = PAGE.read_text(encoding="utf-8")
    assert {o["name"] for o in record["officials"]} == {"Ana Ferreira"}  # no byline, no teaser's governor
    speakers = [s["speaker"] for s in record["statements"]]
    # (a think-tank's economists speak as the think-tank)
    assert speakers and all(s in ("Ana Ferreira", "the Atlantic Policy Forum") for s in speakers), speakers
    headline = next(s for s in record["statements"] if s["text"].startswith("the steel levy will be reviewed"))
    assert text[headline["start"]:headline["end"]] == headline["text"]  # offsets index the file as given
    assert not any("Harbour stocks" in c["text"] or "Rights Reserved" in c["text"] for c in record["claims"])
