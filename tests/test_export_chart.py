"""The timeline chart: the HTML opened in headless Chromium with no network (SVG marks counted against the
rows, crawled markup shown as text and never run) and the PNG rendered without a browser."""
from __future__ import annotations

import io
import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from export.chart import POINT_OPACITY
from tests.conftest import MARKUP_NAME, MARKUP_OUTLET, MARKUP_TEXT, copy_database, label_for, score_for

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 "--disable-component-update", "--disable-sync", "--window-size=1500,1200",
                 "--host-resolver-rules=MAP * ~NOTFOUND"]  # no name resolves: the page must need no network
SENTIMENT_FILLS = {"negative": "#ca0020", "neutral": "#7f7f7f", "positive": "#0571b0", "not scored": "#d9d9d9"}


def export(db: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(cli.main, ["export", "timeline", *args, "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Debian's chromium and chromium-driver are not installed (`make test` as root installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in BROWSER_FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_chart(browser, page: Path) -> None:
    browser.get(page.as_uri())
    deadline = time.monotonic() + 30
    while not (state := browser.execute_script("return document.body && document.body.dataset.rendered")):
        assert time.monotonic() < deadline, "the chart did not render"
        time.sleep(0.1)
    assert state == "yes", browser.find_element("id", "chart").text


def count(browser, selector: str) -> int:
    return browser.execute_script("return document.querySelectorAll(arguments[0]).length", selector)


@pytest.fixture(scope="module")
def two_series(scored_db, tmp_path_factory):
    """The same timeline as JSON (the rows) and as HTML (the chart), on the database with sentiment."""
    folder = tmp_path_factory.mktemp("chart")
    args = ["--speaker", "Holt", "--country", "CHN"]
    export(scored_db, folder / "t.json", *args)
    export(scored_db, folder / "t.html", *args)
    return json.loads((folder / "t.json").read_text()), folder / "t.html"


def test_html_draws_a_point_per_statement_and_a_rule_per_event(browser, two_series):
    data, page = two_series
    open_chart(browser, page)
    assert count(browser, "svg") >= 1
    assert count(browser, "g.statements_marks path") == len(data["statements"]) > 20
    assert count(browser, "g.events_marks line") == len(data["rate_events"]) > 10
    fills = browser.execute_script(
        "return Array.from(document.querySelectorAll('g.statements_marks path'), p => p.getAttribute('fill'))")
    wanted = [SENTIMENT_FILLS[label_for(score_for(s["id"])) or "not scored"] for s in data["statements"]]
    assert sorted(fills) == sorted(wanted) and {"#ca0020", "#0571b0", "#d9d9d9"} <= set(fills)
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('g[class*=event_labels] text'), t => t.textContent)")
    assert "84% tariff raise CHN → USA" in labels
    headers = browser.execute_script(
        "return Array.from(document.querySelectorAll('g.cell g.role-title-text text'), t => t.textContent)")
    assert headers == ["Marian Holt", "China (CHN)"]
    # nothing was fetched: the libraries are in the page
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_html_hover_shows_the_quote_and_a_click_opens_its_source(browser, two_series):
    from selenium.webdriver.common.action_chains import ActionChains

    data, page = two_series
    open_chart(browser, page)
    point = browser.find_elements("css selector", "g.statements_marks path")[0]
    ActionChains(browser).move_to_element(point).perform()
    time.sleep(0.3)
    tooltip = browser.execute_script("const t = document.getElementById('vg-tooltip-element');"
                                     " return t && t.classList.contains('visible') ? t.textContent : null")
    shown = [s for s in data["statements"] if s["text"] in tooltip]
    assert shown and all(s["speaker"] in tooltip and s["outlet"] in tooltip for s in shown)
    windows = set(browser.window_handles)
    ActionChains(browser).click(point).perform()
    deadline = time.monotonic() + 10
    while browser.current_url == page.as_uri() and set(browser.window_handles) == windows:
        assert time.monotonic() < deadline, "the click opened nothing"
        time.sleep(0.1)
    for handle in set(browser.window_handles) - windows:
        browser.switch_to.window(handle)
    assert browser.current_url in {s["url"] for s in shown}
    for handle in set(browser.window_handles) - windows:
        browser.close()
    browser.switch_to.window(next(iter(windows)))


def test_markup_in_crawled_text_is_shown_and_never_run(browser, scored_db, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    page = tmp_path / "markup.html"
    export(scored_db, page, "--speaker", MARKUP_NAME)
    html = page.read_text()
    assert "<script>window.__xss" not in html and "<img src=x" not in html  # never written as markup
    open_chart(browser, page)
    assert browser.title == f"Quote timeline: {MARKUP_NAME}"
    points = browser.find_elements("css selector", "g.statements_marks path")
    assert len(points) == 1
    ActionChains(browser).move_to_element(points[0]).perform()
    time.sleep(0.3)
    tooltip = browser.execute_script("return document.getElementById('vg-tooltip-element').textContent")
    assert MARKUP_TEXT in tooltip and MARKUP_NAME in tooltip and MARKUP_OUTLET in tooltip
    assert count(browser, "#vg-tooltip-element img, #vg-tooltip-element script, #vg-tooltip-element b") == 0
    ActionChains(browser).click(points[0]).perform()  # its source link is javascript:, so not a link at all
    time.sleep(1)
    assert browser.current_url == page.as_uri()
    assert count(browser, "img") == 0
    assert browser.execute_script("return document.querySelectorAll('script').length") == 3  # the page's own
    assert browser.execute_script("return window.__xss === undefined")
    header = browser.execute_script("return document.querySelector('g.cell g.role-title-text text').textContent")
    assert header == MARKUP_NAME


def _labelled_by_day(scored_db: Path, target: Path, even: str, odd: str) -> Path:
    """A copy whose dated statements carry one label per day, alternating over the days: no point hides another
    of a different colour, whatever ids the crawl gave the statements."""
    import sqlite3

    db = copy_database(scored_db, target)
    with sqlite3.connect(db) as conn:
        conn.execute("update statements set sentiment = case when cast(julianday(date) as integer) % 2 = 0"
                     " then ? else ? end where date is not null", [even, odd])
    return db


def _pixels_of(png: bytes, label: str) -> int:
    """Pixels of a point's fill over the white background, at the points' opacity."""
    from PIL import Image

    fill = SENTIMENT_FILLS[label]
    rgb = [POINT_OPACITY * int(fill[i:i + 2], 16) + (1 - POINT_OPACITY) * 255 for i in (1, 3, 5)]
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(n for n, colour in image.getcolors(maxcolors=1 << 20)
               if sum(abs(a - b) for a, b in zip(colour, rgb)) < 40)


def test_png_is_a_chart_with_the_sentiment_colours(scored_db, tmp_path):
    from PIL import Image, ImageStat

    pngs = {}
    for name, even, odd in [("mixed", "negative", "positive"), ("positive", "positive", "positive"),
                            ("negative", "negative", "negative")]:
        db = _labelled_by_day(scored_db, tmp_path / f"{name}.db", even, odd)
        export(db, tmp_path / f"{name}.png", "--speaker", "Holt", "--country", "CHN")
        pngs[name] = (tmp_path / f"{name}.png").read_bytes()
    image = Image.open(io.BytesIO(pngs["mixed"])).convert("RGB")
    assert image.width > 1000 and image.height > 500
    assert max(ImageStat.Stat(image).stddev) > 20  # not blank
    # the legend shows every colour: the points add to it only where statements carry the label
    assert _pixels_of(pngs["mixed"], "negative") > _pixels_of(pngs["positive"], "negative") + 100
    assert _pixels_of(pngs["mixed"], "positive") > _pixels_of(pngs["negative"], "positive") + 100


@pytest.mark.parametrize("event, label", [
    ({"rate_percent": 84.0, "kind": "tariff", "action": "raise", "imposing": "CHN", "target": "USA"},
     "84% tariff raise CHN → USA"),
    ({"rate_percent": 25.0, "kind": "tariff", "action": "announce", "imposing": None, "target": "autos"},
     "25% tariff announce on autos"),
    ({"rate_percent": 4.25, "rate_low": 4.0, "kind": "interest_rate", "action": "cut", "imposing": "Bank of England",
      "target": None}, "4–4.25% interest rate cut Bank of England"),
    ({"rate_percent": None, "kind": "tariff", "action": "threaten", "imposing": "USA", "target": "EU"},
     "tariff threaten USA → EU"),
])
def test_event_labels_say_rate_move_and_parties(event, label):
    from export.chart import event_label

    assert event_label(event) == label
