"""Who speaks when an article names several officials and institutions, and who is an official: hand-written
passages (``tests/golden/several_people.json``) through the real English model."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

GOLDEN = json.loads((Path(__file__).parent / "golden" / "several_people.json").read_text(encoding="utf-8"))["cases"]
# cases no rule handles yet (strict: one that starts to pass fails until it is taken off this list)
NOT_YET: set[str] = set()


def _bare(name: str | None) -> str:
    name = name or ""
    return name[4:] if name.lower().startswith("the ") else name


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(strict=True)) if c["id"] in NOT_YET else c
                                  for c in GOLDEN], ids=[c["id"] for c in GOLDEN])
def test_several_people_golden(nlp, case):
    doc = nlp.make_doc(case["text"])
    doc._.published = dt.date.fromisoformat(case["published"])
    doc = nlp(doc)
    for want in case["statements"]:
        hits = [s for s in doc._.statements if s.text.startswith(want["text_start"]) or want["text_start"] in s.text[:80]]
        assert hits, f"no statement starting {want['text_start']!r} in {[s.text for s in doc._.statements]}"
        assert _bare(hits[0].speaker) == _bare(want["speaker"]), (want["text_start"], hits[0].speaker)
        if "text_is" in want:  # where the statement ends matters too
            assert hits[0].text == want["text_is"], (want["text_start"], hits[0].text)
    found = {o.name: o for o in doc._.officials if o.public}
    for want in case["officials"]:
        assert want["name"] in found, (want["name"], list(found))
        if want.get("title_ends"):
            title = found[want["name"]].title or ""
            assert title.lower().endswith(want["title_ends"].lower()), (want["name"], title)
    for name in case["not_officials"]:
        assert name not in found, (name, found[name].title)
