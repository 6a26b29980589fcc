"""What `make demo` prints from the store: the cross-article answers, read from a real demo database."""
from __future__ import annotations

import re
import sqlite3

from demo.digest import print_digest


def test_the_digest_answers_from_the_store(demo_db, capsys):
    print_digest(str(demo_db))
    out = capsys.readouterr().out
    for section in ("Most quoted people", "One statement, several outlets", "One person, many names",
                    "Who spoke about China", "Timeline", "Statements around event"):
        assert section in out
    with sqlite3.connect(demo_db) as conn:
        [(top,)] = conn.execute("select p.name from people p join statements s on s.person_id = p.id"
                                " group by p.id order by count(*) desc, p.name limit 1").fetchall()
    assert f"\n  {top}" in out  # the most quoted person comes first
    carried = re.findall(r"carried by (.+)", out)
    assert carried and all(", " in line for line in carried)  # each by two outlets or more
    assert not re.search(r"\b1 (statements|articles|outlets|mentions)\b", out)  # a count of one is singular
