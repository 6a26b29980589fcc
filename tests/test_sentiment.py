"""Sentiment: the shipped model on statements written for these tests, its features, its JSON form, training from
CSV (good and bad files), `train-sentiment` and `extract --sentiment-model` through the command line, and the
sentiment in `extract`'s output (real model, real files)."""
from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from nlp.sentiment.data import MIN_ROWS_PER_LABEL, DataError, read_labelled_csv
from nlp.sentiment.features import SentimentFeatures, lexicon_digest, tokenize
from nlp.sentiment.model import (
    LABELS,
    NEWS,
    SPEECH,
    ModelFileError,
    SentimentModel,
    shipped_model,
    train,
    write_model,
)
from nlp.sentiment.refit import DATA_DIR, TRAIN_FILE, data_digest

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "fixtures" / "texts"
HELDOUT_FILE = ROOT / "bench" / "data" / "sentiment_speech_heldout.csv"
HELDOUT_GUIDELINES_FILE = ROOT / "bench" / "data" / "sentiment_speech_guidelines_heldout.csv"
HELDOUT_REALISTIC_FILE = ROOT / "bench" / "data" / "sentiment_speech_realistic_heldout.csv"
TRAINING_TEXTS = {row["text"] for row in csv.DictReader((DATA_DIR / TRAIN_FILE).open(encoding="utf-8"))}

# Sentences written for these tests, each with the domain it is scored in (officials' speech, as statements
# are; business news, as an article's sentences are); none is in the training file (checked below).
STATEMENTS = [
    # threats and retaliation
    ("If they raise their duties again, we will hit back with tariffs on everything they sell us.", "negative", SPEECH),
    ("Beijing threatened to retaliate against any new restrictions on its chip makers.", "negative", SPEECH),
    # a welcome
    ("We warmly welcome this agreement, which is great news for our exporters.", "positive", SPEECH),
    ("The minister welcomed the lifting of the duties on olive oil.", "positive", SPEECH),
    # hedges keep the lean of what they hedge
    ("The new levies could badly hurt our fruit growers.", "negative", SPEECH),
    ("A settlement could come as early as next week, which would be a relief for shippers.", "positive", SPEECH),
    # negation: "no longer", "not yet", "did not fall"
    ("Inflation is no longer a threat to the recovery.", "positive", SPEECH),
    ("We have not yet seen any progress on market access.", "negative", SPEECH),
    ("Sales did not fall last quarter despite the weak market.", "positive", NEWS),
    # "unlikely to" is "probably not": the change it reaches is negated, not only hedged
    ("Inflation is unlikely to rise again this year.", "positive", SPEECH),
    ("Unemployment is unlikely to fall soon.", "negative", SPEECH),
    # a negation turns the first word with a tone or a direction; the rest is its object, said as it is
    ("They have not yet lifted the unfair ban on our beef.", "negative", SPEECH),
    ("We have not forgotten the harm their sanctions did.", "negative", SPEECH),
    ("Sales have not improved since the levies crippled the plant.", "negative", SPEECH),
    ("The economy has not grown since the crisis hit.", "negative", SPEECH),
    # an undoing after what it undoes; a negated plain word and an open question are an outlook, not criticism
    ("The retaliation was put on hold.", "positive", SPEECH),
    ("The threatened sanctions have been dropped.", "positive", SPEECH),
    ("The countermeasures have been suspended.", "positive", SPEECH),
    ("The timing of our next move is not fixed.", "neutral", SPEECH),
    ("It is hard to tell at this point whether the rules will cover spare parts.", "neutral", SPEECH),
    ("We cannot yet tell whether the talks will succeed.", "neutral", SPEECH),  # "whether": not asserted
    ("We reserve the right to answer these duties with steps of our own.", "negative", SPEECH),
    # a negated word of knowing is an open question, not a negated tone
    ("The governor said it was not clear how long the pause in rate moves would last.", "neutral", SPEECH),
    ("She was not sure when the committee would take up the fishing bill.", "neutral", SPEECH),
    # tone words no training sentence holds: the word lists carry them
    ("The customs service is corrupt.", "negative", SPEECH),
    ("The licensing office was mismanaged for years.", "negative", SPEECH),
    ("Our farmers will thrive in that market.", "positive", SPEECH),
    ("The negotiators made real headway on fishing quotas.", "positive", SPEECH),  # progress in words the lists lacked
    ("The airline expects to bounce back next year.", "positive", SPEECH),
    ("The council will balance its books with a margin to spare.", "positive", SPEECH),
    ("Exports are on target for the year.", "positive", SPEECH),
    ("The talks foundered over fishing rights.", "negative", SPEECH),  # "foundered": in neither VADER nor the lists before
    # reassurance in words no training sentence holds, and a promise broken
    ("Officials said the pressure on the peso was controllable.", "positive", SPEECH),
    ("The hit to exports from the new duties is manageable.", "positive", SPEECH),
    ("Canberra went back on what it had promised our growers.", "negative", SPEECH),
    # criticism in the words opposition spokespeople use, in neither VADER nor the lists before
    ("The plan to merge the two agencies is misguided.", "negative", SPEECH),
    ("Her decision to shut the maternity unit was ill-judged.", "negative", SPEECH),
    ("The council's answer to the flooding has been half-hearted.", "negative", SPEECH),
    ("Ministers have been complacent about the state of the prisons.", "negative", SPEECH),
    ("The new rules are a muddle.", "negative", SPEECH),
    ("The reforms have been watered down.", "negative", SPEECH),
    ("The council sidelined the residents' group.", "negative", SPEECH),
    ("The pledge is a gimmick.", "negative", SPEECH),
    ("The rules are unworkable.", "negative", SPEECH),
    # an official's mild good news, with no strong tone word: read as neutral before the speech offsets
    ("She said the new port would bring more trade to the region.", "positive", SPEECH),
    # a neutral schedule
    ("The two delegations will meet in Geneva on Tuesday morning.", "neutral", SPEECH),
    ("The board will publish its half-year report on 14 August.", "neutral", NEWS),
    # one's own measure, announced
    ("We will impose a 15% tariff on imported motorcycles from 1 June.", "neutral", SPEECH),
    # after "but" the tone weighs more; a concession ("despite", "although") weighs little
    ("Profit rose slightly, but the outlook is bleak.", "negative", NEWS),
    ("Costs rose sharply, but the company still doubled its profit.", "positive", NEWS),
    ("Although exports fell, the economy grew strongly.", "positive", NEWS),
    # change x what changes
    ("The operating loss narrowed to EUR 2.1 million from EUR 5.4 million.", "positive", NEWS),
    ("Quarterly profit fell to $40 million from $65 million.", "negative", NEWS),
    ("The jobless rate rose to 7.2% in May.", "negative", NEWS),
    ("The group cut its costs by a fifth.", "positive", NEWS),
]


def _write_csv(path: Path, rows: list[tuple[str, str]], header=("text", "label")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# A small labelled set of the user's own: 12 sentences per label.
USER_ROWS = [
    *[(f"Our {thing} results were excellent and sales grew strongly.", "positive") for thing in
      ("spring", "summer", "autumn", "winter", "first", "second", "third", "fourth", "annual", "record", "regional",
       "export")],
    *[(f"Our {thing} results were poor and sales fell sharply.", "negative") for thing in
      ("spring", "summer", "autumn", "winter", "first", "second", "third", "fourth", "annual", "weak", "regional",
       "export")],
    *[(f"The {thing} report will be published on Monday.", "neutral") for thing in
      ("spring", "summer", "autumn", "winter", "first", "second", "third", "fourth", "annual", "full", "regional",
       "export")],
]


# ---------------------------------------------------------------------------------------------- the shipped model


def test_sentiment_test_statements_are_not_training_sentences():
    assert not [text for text, _, _ in STATEMENTS if text in TRAINING_TEXTS]


@pytest.mark.parametrize(("path", "at_least"), [(HELDOUT_FILE, 300), (HELDOUT_GUIDELINES_FILE, 60),
                                                      (HELDOUT_REALISTIC_FILE, 90)])
def test_sentiment_heldout_statements_are_labelled_speech_never_trained_on(path, at_least):
    """bench/sentiment.py measures the model on these: a row that reached the training file measures nothing."""
    data = read_labelled_csv(path)
    assert len(data.texts) >= at_least and set(data.domains) == {"speech"}
    words = lambda text: " ".join(text.lower().split())  # noqa: E731
    assert not {words(t) for t in data.texts} & {words(t) for t in TRAINING_TEXTS}


@pytest.mark.parametrize(("text", "label", "domain"), STATEMENTS)
def test_sentiment_labels_statements(text, label, domain):
    result = shipped_model().sentiment(text, domain)
    assert result.label == label, (text, result)
    assert -1.0 <= result.score <= 1.0
    if label != "neutral":
        assert (result.score > 0) == (label == "positive")


def test_sentiment_shipped_model_names_itself_and_is_fitted_on_the_shipped_data():
    data = json.loads((DATA_DIR / "sentiment_model.json").read_text(encoding="utf-8"))
    model = shipped_model()
    assert model.name == f"saidwhat-sentiment@{data['version']}"
    # refit with `python -m nlp.sentiment` after editing the training file or the word lists
    assert data["training"]["data_sha256"] == data_digest(DATA_DIR / TRAIN_FILE)
    assert data["lexicon_sha256"] == lexicon_digest()
    assert data["training"]["rows"] == len(TRAINING_TEXTS)


def test_sentiment_model_loads_from_the_package_without_network():
    """A fresh interpreter in which every socket fails: the shipped model still loads and scores."""
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n    raise OSError('network used')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\nsocket.getaddrinfo = refuse\n"
        "from nlp.sentiment.model import SentimentModel\n"
        "m = SentimentModel.load()\n"
        "print(m.name, m.sentiment('Profits jumped and the outlook is bright.').label)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    name, label = done.stdout.split()
    assert name.startswith("saidwhat-sentiment@") and label == "positive"


def test_sentiment_document_of_no_sentence_is_neutral():
    result = shipped_model().document(["", "  "])
    assert (result.label, result.score) == ("neutral", 0.0)


# ---------------------------------------------------------------------------------------------- features


@pytest.mark.parametrize(
    ("text", "good", "bad"),
    [
        ("The net loss narrowed to $3 million.", True, False),  # down x bad
        ("Operating profit fell sharply.", False, True),  # down x good
        ("Unemployment rose to 6%.", False, True),  # up x bad
        ("The company cut its costs.", True, False),  # down x bad, the thing after the verb
        ("Profit was EUR 4 mn, down from EUR 6 mn.", False, True),  # the change after a comma
        ("The group swung to a net loss.", False, True),  # the state reached
        ("The retailer returned to a profit.", True, False),
        ("Sales did not rise.", False, True),  # a negated change
        ("Operating profit, excluding one-off items, was EUR 2 mn, down from EUR 3 mn.", False, True),
        # figures set against earlier ones, with no word of change
        ("Net profit was $8.1 million in 2023 compared with $5.2 million in 2022.", True, False),
        ("Order intake was EUR 40 mn (EUR 55 mn).", False, True),
        ("The net loss was EUR 1.0 mn against EUR 3.5 mn.", True, False),
        ("It made a net profit of $2 million, compared with a net loss of $4 million.", True, False),
        ("The firm swung to a 2.5 mln euro $ 2.9 mln net loss.", False, True),
    ],
)
def test_sentiment_features_change_times_what_changes(text, good, bad):
    feats = SentimentFeatures()(text)
    assert (feats.get("change_good", 0) > 0, feats.get("change_bad", 0) > 0) == (good, bad)


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Tariffs on up to $90 billion of imports were announced.", False),  # a limit on an amount
        ("The fines of up to 4% of turnover apply from May.", False),
        ("Unemployment rose up to 6% in the north.", True),  # a word of change before it: a rise
        ("Tariffs went up to 25% on Monday.", True),
        ("Unemployment is up 2% on the year.", True),
    ],
)
def test_sentiment_features_up_to_an_amount_is_a_limit_not_a_rise(text, change):
    feats = SentimentFeatures()(text)
    assert ("change_bad" in feats) == change, feats


def test_sentiment_features_undoing_negation_and_hedges():
    features = SentimentFeatures()
    assert features("Washington lifted the tariffs on steel.")["undo_bad"] > 0
    assert features("The board scrapped the dividend.")["undo_good"] > 0
    negated = features("The outlook is not good.")
    assert negated["lex_pos_negated"] > 0 and negated.get("lex_pos", 0) == 0 and "w=NOT_good" in negated
    hedged = features("Tariffs could hurt exporters.")
    assert hedged["hedged"] == 1.0 and hedged["lex_neg|hedged"] > 0
    # "May" the month is no hedge
    assert features("Exports rose in May.")["hedged"] == 0.0


@pytest.mark.parametrize(
    ("text", "undone"),
    [
        ("Both sides put their dispute over chip exports on hold.", "undo_bad"),  # "on hold" after what it holds
        ("The threatened sanctions have been dropped.", "undo_bad"),  # a passive: the object comes first
        ("The export subsidy was scrapped.", "undo_good"),
    ],
)
def test_sentiment_features_undoing_after_what_it_undoes(text, undone):
    feats = SentimentFeatures()(text)
    assert feats.get(undone, 0) > 0
    assert feats.get("undo_good" if undone == "undo_bad" else "undo_bad", 0) == 0


def test_sentiment_features_undoing_looking_back_leaves_a_change_its_thing():
    """What a change already took is not undone too: "profit was dropped" is a fall, not an undoing."""
    feats = SentimentFeatures()("Quarterly profit was dropped to a third by the charges.")
    assert "undo_good" not in feats and feats["change_bad"] > 0


def test_sentiment_features_an_open_question_asserts_little():
    """What follows "whether" is asked, not said: its tone weighs as little as a concession's, up to a boundary."""
    features = SentimentFeatures()
    asked = features("Time will tell whether the talks succeed.")
    said = features("Time will tell: the talks succeed.")
    assert 0 < asked["vader_pos"] < said["vader_pos"] / 2 and asked["lex_pos"] < said["lex_pos"]
    # the comma closes the question: the main clause keeps its full weight
    assert features("Whether it lasts or not, the deal is excellent.")["vader_pos"] == features(
        "For now, the deal is excellent.")["vader_pos"]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("The offer is not acceptable.", "negation"),  # a tone word negated: mostly criticism
        ("We will not accept these duties.", "negation"),
        ("The board did not move its rate at this meeting.", "negation_plain"),  # a plain word negated: an open outlook
        ("The timing of our next move is not fixed.", "negation_plain"),
        # a thing that can rise or fall is no tone word: not setting a quota is procedure, not criticism
        ("The agency is not setting an export quota this season.", "negation_plain"),
        ("We have no plans to change the levy on imported grain.", "negation_plain"),
    ],
)
def test_sentiment_features_negation_of_tone_words_and_of_plain_words_apart(text, indicator):
    feats = SentimentFeatures()(text)
    assert feats.get(indicator) == 1.0
    assert ({"negation", "negation_plain"} - {indicator}).isdisjoint(feats)


@pytest.mark.parametrize(("text", "negated", "plain"), [
    ("We will not accept a deal that hurts our growers.", "accept", "hurts"),
    ("They have not yet lifted the unfair ban.", "lifted", "unfair"),
    ("There is no sign of a slowdown.", "slowdown", None),  # words with no tone are passed over
])
def test_sentiment_features_a_negation_turns_the_first_word_with_a_tone(text, negated, plain):
    """The first word with a tone or a direction in a negation's reach is what is negated; the words after it are
    its object, said as they are: the deal still hurts, the ban is still unfair."""
    features = SentimentFeatures()
    tokens = tokenize(text)
    scope = features._negated(tokens, features.lists.tag(tokens))
    assert scope[tokens.index(negated)]
    if plain:
        assert not scope[tokens.index(plain)]


@pytest.mark.parametrize(("text", "added"), [
    ("The new port will not only cut freight costs but also bring hundreds of jobs.", "cut"),
    ("Their levy is not just a tax on drivers, it is a tax on every family.", "tax"),
])
def test_sentiment_features_not_only_adds_and_negates_nothing(text, added):
    """'not only X but also Y', 'not just X': both are said; the negator opens no scope, so X keeps its tone."""
    features = SentimentFeatures()
    tokens = tokenize(text)
    scope = features._negated(tokens, features.lists.tag(tokens))
    assert not any(scope) and not scope[tokens.index(added)]
    assert "negation" not in features(text) and "negation_plain" not in features(text)
    assert shipped_model().sentiment(text, SPEECH).label == ("positive" if added == "cut" else "negative")
    assert any(features._negated(*(lambda t: (t, features.lists.tag(t)))(tokenize("The port will not cut costs."))))


@pytest.mark.parametrize("text", ["It is not clear when the talks will resume.",
                                  "The minister was not sure how the rebate would be paid.",
                                  "We have not yet decided on the venue."])
def test_sentiment_features_a_negated_word_of_knowing_hedges_and_is_no_negated_tone(text):
    """'not clear', 'not sure': VADER's positive 'clear' and 'sure' negated would read as criticism; they ask.
    (The negation ends there: in "not clear that the levy is fair", 'fair' is said as it is.)"""
    feats = SentimentFeatures()(text)
    assert feats["hedged"] == 1.0 and feats.get("negation_plain") == 1.0
    assert "negation" not in feats and "vader_neg" not in feats and "vader_pos" not in feats
    assert SentimentFeatures()("The rules are not fair.").get("negation") == 1.0  # a negated tone word still is one


def test_sentiment_features_names_and_topics_carry_no_vader_tone():
    """VADER scores 'united', 'interest', 'party' and 'free' as positive words: in the news they are names and
    topics ('the United States', 'interest rates', 'free trade')."""
    features = SentimentFeatures()
    feats = features("The United States and the ruling party discussed interest rates and free trade.")
    assert "vader_pos" not in feats and "vader_neg" not in feats
    # 'gross' (−2.1 in VADER) of gross domestic product, 'appreciation' of a currency
    feats = features("Gross domestic product and the appreciation of the yen were discussed.")
    assert "vader_pos" not in feats and "vader_neg" not in feats
    assert features("The results were excellent.")["vader_pos"] > 0


# ---------------------------------------------------------------------------------------------- training, JSON


def test_sentiment_trained_model_round_trips_through_json(tmp_path):
    texts, labels = [t for t, _ in USER_ROWS], [label for _, label in USER_ROWS]
    data = train(texts, labels, name="mine")
    write_model(data, tmp_path / "mine.json")
    loaded = SentimentModel.load(tmp_path / "mine.json")
    fitted = SentimentModel(data)
    probes = [text for text, _, _ in STATEMENTS] + texts[:3]
    assert [loaded.probabilities(t) for t in probes] == [fitted.probabilities(t) for t in probes]
    assert loaded.name == f"mine@{data['version']}"
    assert loaded.predict(texts) == labels  # it learnt its rows
    # the same rows give the same model, so the same version
    assert train(texts, labels, name="mine")["version"] == data["version"]


def test_sentiment_new_word_lists_name_a_new_version(monkeypatch):
    """A word added to the lists moves no weight when no training row holds it, yet labels texts differently:
    the version changes with the lists, so records stored under the old one are re-processed."""
    import nlp.sentiment.model as model_module
    texts, labels = [t for t, _ in USER_ROWS], [label for _, label in USER_ROWS]
    before = train(texts, labels, name="mine")
    monkeypatch.setattr(model_module, "lexicon_digest", lambda: "other word lists")
    after = train(texts, labels, name="mine")
    assert after["weights"] == before["weights"] and after["version"] != before["version"]
    assert after["lexicon_sha256"] == "other word lists"


def test_sentiment_speech_offsets_shift_statements_only_and_name_a_new_version():
    """The shipped model's statement decisions carry offsets calibrated on real statements it was not fitted on;
    the document (news domain) and a model trained by `train-sentiment` have none."""
    model = shipped_model()
    assert set(model.offsets) == {SPEECH} and model.offsets[SPEECH][LABELS.index("positive")] > 0
    text = "She said the new port would bring more trade to the region."
    plain = SentimentModel({**model.data, "offsets": {}})
    assert plain.probabilities(text, NEWS) == model.probabilities(text, NEWS)
    assert model.probabilities(text, SPEECH)["positive"] > plain.probabilities(text, SPEECH)["positive"]
    texts, labels = [t for t, _ in USER_ROWS], [label for _, label in USER_ROWS]
    mine = train(texts, labels, name="mine")
    assert "offsets" not in mine and SentimentModel(mine).offsets == {}
    shifted = train(texts, labels, name="mine", offsets={SPEECH: [0.0, 0.0, 0.5]})
    assert shifted["offsets"] == {SPEECH: [0.0, 0.0, 0.5]} and shifted["version"] != mine["version"]


def test_sentiment_domains_learn_what_is_particular_to_them(tmp_path):
    """The same words can be good news for one reader and bad for another: rows in a domain teach its copies."""
    goods = ("tea", "rice", "wheat", "coffee", "sugar", "cocoa", "milk", "butter", "salt", "flour", "beans", "oil")
    rows = [(text, label, "") for text, label in USER_ROWS]
    rows += [(f"The price of {g} went up.", "positive", "sellers") for g in goods]
    rows += [(f"The price of {g} went up.", "negative", "buyers") for g in goods]
    path = _write_csv(tmp_path / "mine.csv", rows, header=("text", "label", "domain"))
    data = read_labelled_csv(path)
    assert data.domains[:2] == [None, None] and data.domains[-1] == "buyers"
    model = SentimentModel(train(data.texts, data.labels, name="mine", domains=data.domains))
    assert model.domains == ("buyers", "sellers")
    assert model.sentiment("The price of barley went up.", "sellers").label == "positive"
    assert model.sentiment("The price of barley went up.", "buyers").label == "negative"
    assert shipped_model().domains == (NEWS, SPEECH)


@pytest.mark.parametrize("domain", [NEWS, SPEECH, None, "unknown"])
def test_sentiment_scoring_adds_the_shared_then_the_domain_weights(domain):
    """Scoring reads each feature's rows from a table built per domain: the same sums as reading the shared
    row and the domain's copy apart, so the same labels and scores."""
    model = shipped_model()
    text = "The minister said the new duties could hurt exporters, but talks would resume in May."
    z = list(model.intercept)
    suffix = f"@{domain}" if domain in model.domains else None
    for name, value in model.features(text).items():
        for key in [name] + ([name + suffix] if suffix else []):
            for k, w in enumerate(model.weights.get(key, ())):
                z[k] += w * value
    if suffix:
        z = [a + b for a, b in zip(z, model.weights.get("bias" + suffix, [0.0] * 3))]
    z = [a + b for a, b in zip(z, model.offsets.get(domain, [0.0] * 3))]
    exp = [math.exp(v - max(z)) for v in z]
    expected = {label: e / sum(exp) for label, e in zip(model.labels, exp)}
    assert model.probabilities(text, domain) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not a JSON model file"),
        (b'{"format": "something-else"}', "not a saidwhat sentiment model"),
        (b"[1, 2]", "not a saidwhat sentiment model"),
        (b"OFFSETS", "offsets need one number per label"),
        (b"WEIGHTS", "weights need one number per label"),
    ],
)
def test_sentiment_bad_model_file_is_refused(tmp_path, content, message):
    path = tmp_path / "model.json"
    if content == b"OFFSETS":  # a good model whose offsets lack a label
        content = json.dumps({**shipped_model().data, "offsets": {SPEECH: [0.0, 0.25]}}).encode()
    if content == b"WEIGHTS":  # a good model with a feature weighted for two labels only
        content = json.dumps({**shipped_model().data, "weights": {"w=tariff": [0.5, -0.5]}}).encode()
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        SentimentModel.load(path)


def test_sentiment_csv_reader_reads_good_rows(tmp_path):
    path = _write_csv(tmp_path / "mine.csv", [(t, label.upper()) for t, label in USER_ROWS] + [("", "")],
                      header=("id", "text", "label")[1:])
    data = read_labelled_csv(path)
    assert data.texts == [t for t, _ in USER_ROWS] and data.labels == [label for _, label in USER_ROWS]


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        (USER_ROWS, ("sentence", "label"), "mine.csv:1: no 'text' column"),
        (USER_ROWS, ("text", "sentiment"), "mine.csv:1: no 'label' column"),
        (USER_ROWS[:5] + [("Exports rose.", "postive")] + USER_ROWS[5:], ("text", "label"),
         "mine.csv:7: unknown label 'postive'"),
        (USER_ROWS[:3] + [("   ", "neutral")] + USER_ROWS[3:], ("text", "label"), "mine.csv:5: empty text"),
        ([r for r in USER_ROWS if r[1] != "negative"] + USER_ROWS[12:15], ("text", "label"),
         f"3 row(s) labelled 'negative', at least {MIN_ROWS_PER_LABEL} needed"),
        ([(t, label, "news") for t, label in USER_ROWS[:4]] + [("Exports rose.", "positive", "trade news")],
         ("text", "label", "domain"), "mine.csv:6: domain 'trade news' is not a single word"),
    ],
)
def test_sentiment_csv_reader_names_the_bad_line(tmp_path, rows, header, message):
    path = _write_csv(tmp_path / "mine.csv", rows, header=header)
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_labelled_csv(path)


# ---------------------------------------------------------------------------------------------- the commands


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_sentiment_train_command_prints_cross_validation_and_writes_a_model(tmp_path):
    data = _write_csv(tmp_path / "mine.csv", USER_ROWS)
    out = tmp_path / "mine.json"
    result = run("train-sentiment", "--data", str(data), "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"read 36 rows from {data} (negative 12, neutral 12, positive 12)"
    assert lines[1].startswith("cross-validated (5 folds): accuracy ") and "macro-F1 " in lines[1]
    model = SentimentModel.load(out)
    assert model.name.startswith("mine@") and lines[2].startswith(f"wrote {out} ({model.name}, ")
    assert model.data["training"]["rows"] == 36 and 0 <= model.data["training"]["cv_accuracy"] <= 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: _write_csv(d / "bad.csv", USER_ROWS, header=("text", "tone")), "bad.csv:1: no 'label' column"),
        (lambda d: _write_csv(d / "bad.csv", USER_ROWS[:12] + [("Fine.", "good")] + USER_ROWS[12:]),
         "bad.csv:14: unknown label 'good'"),
        (lambda d: _write_csv(d / "bad.csv", USER_ROWS[:30]), "6 row(s) labelled 'neutral'"),
        (lambda d: d / "missing.csv", "cannot read"),
        (lambda d: (d / "bad.csv").write_bytes(b"text,label\ncaf\xe9,neutral\n") and d / "bad.csv", "not UTF-8"),
    ],
)
def test_sentiment_train_command_bad_csv_one_line_exit_2(tmp_path, make, message):
    data = make(tmp_path)
    out = tmp_path / "out.json"
    result = run("train-sentiment", "--data", str(data), "--out", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr and str(data) in result.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def user_model(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    result = run("train-sentiment", "--data", str(_write_csv(folder / "mine.csv", USER_ROWS)),
                 "--out", str(folder / "mine.json"), "--name", "house-style")
    assert result.exit_code == 0, result.output
    return folder / "mine.json"


@pytest.fixture(scope="module")
def tariff_record() -> dict:
    result = run("extract", str(TEXTS / "tariff_talks.txt"), "--published", "2025-04-10")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _statement_label(text: str) -> str:
    """The label the shipped model's tagger gives `text` as a statement cued "said" (direct when it opens with a
    quote mark)."""
    from nlp.components.sentiment import SentimentTagger
    from nlp.extensions import Statement
    kind = "direct" if text.startswith('"') else "indirect"
    statement = Statement(text=text, kind=kind, start=0, end=len(text), cue="said")
    return SentimentTagger(shipped_model()).statement_sentiment(statement, text).label


def _check_sentiment(value: dict, model_prefix: str) -> None:
    assert set(value) == {"label", "score", "model"}
    assert value["label"] in LABELS and -1 <= value["score"] <= 1
    assert value["model"].startswith(model_prefix)


@pytest.mark.parametrize("text", ["they want a say in the plan", "they had met the mayor twice"])
def test_sentiment_reported_statement_is_read_without_its_subject_pronoun(text):
    """In "the residents said they want a say in the plan" the pronoun is the speaker named again; the word
    features learnt "they" from criticism of others, so the speaker's own wish read as negative."""
    from nlp.components.sentiment import statement_input
    from nlp.extensions import Statement
    reported = Statement(text=text, kind="indirect", start=0, end=len(text), cue="said")
    assert statement_input(reported) == text.split(" ", 1)[1]
    assert shipped_model().sentiment(statement_input(reported), SPEECH).label == "neutral"
    # a direct quote keeps its words: "they" there is whoever the speaker talks about
    quoted = Statement(text="They are cheating us.", kind="direct", start=0, end=21, cue="said")
    assert statement_input(quoted) == "They are cheating us."
    # a cue with a tone still comes first
    toned = Statement(text=text, kind="indirect", start=0, end=len(text), cue="warned")
    assert statement_input(toned) == "warned " + text.split(" ", 1)[1]


@pytest.mark.parametrize("text, speaker, label", [
    ("Estimates suggest output expanded by about 4% in 2023.", "Estimates", "positive"),
    ("According to the survey, sales of new homes slumped by 20% in May.", "the survey", "negative"),
])
def test_sentiment_finding_of_a_document_or_data_is_read_as_news(nlp, text, speaker, label):
    """What a study, a survey or figures show is a finding, good or bad news, not a speaker's stance: read as
    officials' speech, a figure reported with no tone word was neutral."""
    statement, = nlp(text)._.statements
    assert statement.speaker == speaker and statement.sentiment.label == label


@pytest.mark.parametrize("text, cue, label", [
    # a call for something good is no praise: neutral
    ("Fisheries minister Kari Lund urged Iceland to show goodwill and seek a fair and friendly settlement of the "
     "quota row.", "urged", "neutral"),
    ("The farmers' union called for closer cooperation and a generous new support package.", "called", "neutral"),
    # a call against something bad keeps its tone; "called X Y" is no call
    ("Chile's farm minister urged Peru to lift the unfair ban on its grapes at once.", "urged", "negative"),
    ("Trade minister Anil Mehta called the agreement a historic success for both countries.", "called", "positive"),
    # the same call with "said": the statement's own first verb is one of obligation
    ("Foreign minister Elena Ruiz said the two governments should settle the fishing row through patient and "
     "friendly talks.", "said", "neutral"),
    ("\"Both sides must show goodwill and build a lasting partnership,\" the minister said.", "said", "neutral"),
    ("\"We need a fair and lasting settlement with our neighbours,\" Prime Minister Ana Costa said.", "said",
     "neutral"),
    # "no need to" reassures, and a clause that describes what should be done praises
    ("Governor Paul Okafor said there was no need to worry, as the banks were strong and well run.", "said",
     "positive"),
    ("Minister Jan Berg said the practices that should be kept were working well and had brought real progress.",
     "said", "positive"),
    ("Finance minister Olu Bello said the country's needs were modest and its reserves healthy.", "said",
     "positive"),
    # "should" of expectation is an outlook, no call
    ("Governor Rosa Lind said exports should recover strongly and lift growth in the second half.", "said",
     "positive"),
])
def test_sentiment_a_call_is_never_praise(nlp, text, cue, label):
    """'urged', 'demanded', 'pressed', 'called for', or 'should', 'must', 'need to' as the statement's first verb: the
    speaker asks for what is not there, so the warm words of what is asked for ('goodwill', 'cooperation') made the
    call read as praise."""
    statement, = nlp(text)._.statements
    assert statement.cue == cue and statement.sentiment.label == label
    if label == "neutral":
        assert statement.sentiment.score <= 0  # what read as positive counts as neutral


@pytest.mark.parametrize("text", [
    "Trade minister Lena Vos said the country would abstain in the vote on the duties, widely seen as punitive and "
    "harmful.",
    "The central bank said it would widen the band for the peso, in a move to calm jittery and fearful markets.",
])
def test_sentiment_the_writers_framing_after_a_statement_is_not_read(nlp, text):
    """'…, widely seen as punitive', '…, in a move to calm markets': the writer's gloss runs on in the statement's
    span, but the tone is the speaker's (a vote, one's own measure: neutral), not the outlet's."""
    from nlp.components.sentiment import statement_input
    statement, = nlp(text)._.statements
    assert ("widely seen" in statement.text or "in a move" in statement.text)
    assert "widely" not in statement_input(statement) and "move" not in statement_input(statement)
    assert statement.sentiment.label == "neutral"


@pytest.mark.parametrize("text, cue, label", [
    # the speaker says what it did not know, intend or do: a defence, not criticism
    ("The Borvian embassy said it was not aware of an arrest of its citizens in the port.", "said", "neutral"),
    ("Lindqvist Group said it had no intention of closing its plant in Tampere.", "said", "neutral"),
    ("The ferry company said it could not be held responsible for the storm delays.", "said", "neutral"),
    ("Kestrel Air denied that its planes had been grounded over safety faults.", "denied", "neutral"),
    # in a quote "they" is someone else: what they never did is a complaint
    ("\"They never told us the dam was unsafe,\" village leader Omar Haddad said.", "said", "negative"),
])
def test_sentiment_a_denial_is_no_criticism(nlp, text, cue, label):
    """'it was not aware of an arrest', 'had no intention of closing', 'denied that …': in written statements a
    negation is mostly criticism ('not acceptable'), so a speaker's denial read as negative; a negative reading of
    a denial is neutral, and other readings stand."""
    statement, = nlp(text)._.statements
    assert statement.cue == cue and statement.sentiment.label == label


@pytest.mark.parametrize("text, label", [
    ("It is a tie", "neutral"),
    ("a sentence of ten", "neutral"),
    ("a disaster for the farmers", "negative"),
    ("the plan was delusional", "negative"),
    ("the new stadium is a laughable fiasco", "negative"),
    ("the ruling was a whitewash", "negative"),
])
def test_sentiment_fragments_and_words_of_criticism(text, label):
    """A fragment of a few words with no word of tone is neutral (the model's prior for short rows, learnt from
    toned phrases, had labelled it); words of criticism the lists lacked ('delusional', 'fiasco', 'whitewash')
    now carry their tone."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("The health board said it wants to give every family a fair and healthy start in life.", "neutral"),
    ("\"We want to build a strong and happy squad for the new season,\" coach Dario Ferri said.", "neutral"),
    # thanks are praise, whatever the verb before them
    ("\"I want to thank the volunteers for their wonderful work,\" Mayor Ines Roca said.", "positive"),
])
def test_sentiment_an_aim_is_no_praise(nlp, text, label):
    """'it wants to give every family a fair start', 'we want to build a strong squad': the speaker's own aim, not
    yet there; like a call, the warm words of what is aimed at made it read as praise."""
    statement, = nlp(text)._.statements
    assert statement.sentiment.label == label


@pytest.mark.parametrize("text", [
    "our condolences go to the families of the miners",
    "We offer our deepest sympathy to the people of Tarnow",
    "the gunmen wounded four guards at the gate",
    "the crowd was looting shops in the old town",
    "two hostages were kidnapped from the camp",
    "the convoy came under gunfire near the bridge",
])
def test_sentiment_violence_death_and_condolences_are_bad_news(text):
    """The word lists were made for business and policy news and held no word of violence, death or mourning, and
    VADER counts 'sympathy' as warm: a condolence read as praise and a shooting as neutral."""
    assert shipped_model().sentiment(text, SPEECH).label == "negative"


def test_sentiment_domain_of_a_statement():
    from nlp.components.sentiment import statement_domain
    from nlp.extensions import Statement

    def domain(speaker):
        return statement_domain(Statement(text="x", kind="indirect", start=0, end=1, speaker=speaker))
    assert domain("A recent study") == domain("official figures") == domain("the survey") == NEWS
    # a person, an institution, a firm named with a word of research, and no speaker at all speak
    assert domain("Maria Lindqvist") == domain("the finance ministry") == domain("Northgate Research") == SPEECH
    assert domain(None) == SPEECH


def test_extract_output_carries_sentiment(tariff_record):
    _check_sentiment(tariff_record["sentiment"], "saidwhat-sentiment@")
    assert tariff_record["statements"]
    for statement in tariff_record["statements"]:
        _check_sentiment(statement["sentiment"], "saidwhat-sentiment@")


def test_extract_document_sentiment_without_statements(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Factory output collapsed in March and thousands of workers lost their jobs.\n\n"
                    "The slump was the worst in a decade.\n", encoding="utf-8")
    record = json.loads(run("extract", str(path)).stdout)
    assert record["statements"] == []
    assert record["sentiment"]["label"] == "negative" and record["sentiment"]["score"] < 0


def test_extract_non_english_has_no_sentiment():
    record = json.loads(run("extract", str(TEXTS / "spanish_brief.txt")).stdout)
    assert record["sentiment"] is None


def test_extract_with_a_trained_model(user_model, tariff_record):
    result = run("extract", str(TEXTS / "tariff_talks.txt"), "--published", "2025-04-10",
                 "--sentiment-model", str(user_model))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    _check_sentiment(record["sentiment"], "house-style@")
    for statement in record["statements"]:
        _check_sentiment(statement["sentiment"], "house-style@")
    # everything else is what the shipped model's run gives
    strip = lambda r: {**r, "sentiment": None, "statements": [{**s, "sentiment": None} for s in r["statements"]]}
    assert strip(record) == strip(tariff_record)


def test_extract_with_a_trained_model_in_worker_processes(user_model):
    """--jobs 2 (real subprocesses, as users run it) passes the model file to every worker."""
    inputs = [str(TEXTS / "tariff_talks.txt")] * 2
    command = [sys.executable, "cli.py", "extract", *inputs, "--format", "jsonl", "--sentiment-model", str(user_model)]
    one = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    two = subprocess.run([*command, "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert one.stdout == two.stdout
    assert all(json.loads(line)["sentiment"]["model"].startswith("house-style@") for line in two.stdout.splitlines())


@pytest.mark.parametrize("content", [None, b"{}", b"not json"])
def test_extract_bad_sentiment_model_exit_2(tmp_path, content):
    path = tmp_path / "model.json"
    if content is not None:
        path.write_bytes(content)
    result = run("extract", str(TEXTS / "tariff_talks.txt"), "--sentiment-model", str(path))
    assert result.exit_code == 2
    assert "--sentiment-model" in result.stderr and str(path) in result.stderr


def test_build_nlp_takes_a_sentiment_model(user_model, nlp):
    from nlp.pipeline import build_nlp

    assert nlp.pipe_names[-1] == "sentiment"
    custom = build_nlp(sentiment_model=str(user_model))
    doc = custom("Our annual results were excellent and sales grew strongly.")
    assert doc._.sentiment.model.startswith("house-style@") and doc._.sentiment.label == "positive"


@pytest.mark.parametrize("text, label", [
    # good and bad with no clear lean: the model reads negative by a hair
    ("the plan has strengths and weaknesses", "neutral"),
    ("the market was strong in the morning and weak in the afternoon", "neutral"),
    # a clear judgement keeps its tone, with or without a good word beside it
    ("the damage to the harbour was a scandal and a disgrace", "negative"),
    ("the new rail line helps commuters but hurts the bus companies", "negative"),
])
def test_sentiment_a_statement_with_no_clear_lean_is_neutral(text, label):
    """A statement whose negative reading leads its positive one by less than NEGATIVE_LEAD holds good and bad with
    no clear lean: neutral, as the guideline labels it; the model's near tie had made it criticism."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    # police, court and inquiry procedure, with the crime it names: the law's routine, neutral
    ("two men from Harlby were arrested on Tuesday", "neutral"),
    ("detectives are investigating the fire at the Marsh Lane depot", "neutral"),
    ("she was charged with fraud and released on bail", "neutral"),
    ("an inquiry into the collapse of the footbridge has been opened", "neutral"),
    ("the judge sentenced the smuggler to seven years in prison", "neutral"),
    # bad news beside the procedure keeps its tone
    ("three guards were arrested, and two prisoners were badly hurt", "negative"),
    ("the attack on the depot was savage and detectives are investigating", "negative"),
    ("the protesters were detained and beaten by the guards", "negative"),
])
def test_sentiment_police_and_court_procedure_is_no_bad_news(text, label):
    """'were arrested', 'charged with fraud', 'investigating the fire': the word features read the acts and the
    crime they name as bad news, so a police update was criticism; a clause of procedure now counts for nothing
    when the rest of the statement holds no negative reading."""
    assert _statement_label(text) == label


def test_sentiment_procedure_clauses_removed():
    from nlp.sentiment.clauses import procedure_clauses_removed
    assert procedure_clauses_removed("two men were arrested") == ""
    assert procedure_clauses_removed("the depot burned down, and police are investigating") == "the depot burned down"
    # a reporter who "questioned whether" doubts; a noun of procedure with no act is no procedure
    assert procedure_clauses_removed("a reporter questioned whether the figures were right") is None
    assert procedure_clauses_removed("the investigation is a farce") is None


@pytest.mark.parametrize("text, label", [
    ("the Caldoran ministry \"will take the required actions\" to defend the rights of its growers", "negative"),
    ("\"We will take necessary measures to firmly safeguard our legitimate rights and interests.\"", "negative"),
    # one's people kept safe is a measure of safety, not a threat
    ("the government will take all necessary steps to protect our citizens", "neutral"),
])
def test_sentiment_a_vow_to_defend_ones_interests_is_a_threat(text, label):
    """'will take firm countermeasures to defend the interests of its growers': the veiled threat of retaliation
    of a dispute, which the model read as a plain plan."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    # a tribute: grief for a death, then praise; its tone is the praise
    ("\"With great sorrow I must tell you of the death of Senator Ida Marsh. She leaves behind a proud legacy of "
     "service to the people of Kerrow.\"", "positive"),
    ("\"The club mourns the passing of Joe Ambler, our greatest ever captain. He will be sorely missed.\"", "positive"),
    ("\"The nation grieves the death of its first president, a statesman of rare vision.\"", "positive"),
    # grief with no praise, and a death with blame, stay bad news
    ("\"Our condolences go to the families of the three climbers who died on the ridge.\"", "negative"),
    ("\"He died because the clinic turned him away, and the board has still not apologised.\"", "negative"),
])
def test_sentiment_a_tribute_to_the_dead_is_praise(text, label):
    """'with deep sadness I announce the death of ... She leaves behind a proud legacy': the words of death and grief
    outweighed the praise, so a tribute read as bad news."""
    assert _statement_label(text) == label


def test_sentiment_mourning_clauses_removed():
    from nlp.sentiment.clauses import mourning_clauses_removed
    assert mourning_clauses_removed("Sad to hear he died, a great teacher") == "a great teacher"
    assert mourning_clauses_removed("a sad day for the club") is None  # no death named


@pytest.mark.parametrize("text", [
    "the authorities detained two journalists from the Marden Herald",
    "the two sailors were jailed in retaliation for the seizure of the tanker",
])
def test_sentiment_procedure_against_opponents_or_judged_stays_conflict(text):
    """Arrests of journalists or protesters, jailing in retaliation, detention without charge: conflict, not the
    law's routine."""
    from nlp.sentiment.clauses import procedure_clauses_removed
    assert procedure_clauses_removed(text) is None


@pytest.mark.parametrize("text, label", [
    ("it is too early to say whether the storm damaged the vineyards", "neutral"),
    ("we cannot yet say whether the losses at the mill will force job cuts", "neutral"),
    ("there is no information yet about possible layoffs at the Vesta plant", "neutral"),
    ("\"It is too early to tell if the drought will hurt this year's wheat crop.\"", "neutral"),
    # what is said outright after the question, and what a "how many" takes as given, keep their tone
    ("it is too early to say whether the talks will collapse, but the mood in the room was grim", "negative"),
    ("it is unclear how many people died in the blaze", "negative"),
])
def test_sentiment_an_open_question_is_neither_good_nor_bad_news(text, label):
    """'it is too early to say whether the storm damaged the vineyards': what follows is asked, not said; its words
    ('damaged', 'layoffs') and VADER's 'no' read as a warning."""
    assert _statement_label(text) == label


def test_sentiment_open_question_needs_the_opening_and_nothing_said_after():
    from nlp.sentiment.openings import is_open_question
    assert is_open_question("it's unclear whether the ferry will sail")
    assert not is_open_question("the ferry will not sail, and it is unclear whether it will sail tomorrow")
    assert not is_open_question("it remains to be seen whether they keep their word this time")


@pytest.mark.parametrize("text, label", [
    ("the error was made by a clerk in the ministry, and the minister has done nothing wrong", "neutral"),
    ("\"Our inspectors broke no rules when they closed the farm.\"", "neutral"),
    # the same words before a grievance are a complaint
    ("\"He did nothing wrong and they sacked him anyway.\"", "negative"),
])
def test_sentiment_saying_someone_did_nothing_wrong_is_a_denial(text, label):
    """'the minister has done nothing wrong': a defence, whoever its subject; the words of wrongdoing it denies read
    as criticism."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("the coach does not want to disrupt the squad before the final", "neutral"),
    ("\"We took care not to upset the neighbours while the bridge was rebuilt.\"", "neutral"),
    ("the marchers will try to avoid damaging shops on the route", "neutral"),
    # a contrast after it carries the point
    ("\"We don't want to escalate this, but we will respond to every new levy.\"", "negative"),
])
def test_sentiment_harm_one_means_to_spare_is_a_reassurance(text, label):
    """'does not want to disrupt the squad', 'try to avoid damaging shops': the harm named is what the subject means
    to spare; its words read as a warning."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("\"This must never happen again.\"", "negative"),
    ("\"What happened to the patients at Ward 9 cannot be allowed to happen again.\"", "negative"),
    ("she said she did not understand why the school had been moved to the other side of town", "negative"),
    ("\"We do not see why the committee should meet again in June.\"", "negative"),
    # a promise and an agreement are no condemnation
    ("\"It won't happen again, I promise.\"", "neutral"),
])
def test_sentiment_a_condemnation_by_the_form_of_the_sentence_is_criticism(text, label):
    """'this must never happen again', 'I don't see why the committee should meet': criticism with no word of tone,
    which the model read as a plain statement."""
    assert _statement_label(text) == label


def test_sentiment_condemnation_forms():
    from nlp.sentiment.condemnation import is_condemnation
    assert is_condemnation("the collapse of the pier should never have happened")
    assert not is_condemnation("\"I don't see why not,\" the mayor said")
    assert not is_condemnation("we hope the festival will happen again next summer")


@pytest.mark.parametrize("text", [
    "the new levy runs counter to the spirit of the free trade agreement",
    "\"Closing the border crossing was against the values of an open society.\"",
    "\"These subsidies are clearly at odds with the rules of fair competition.\"",
])
def test_sentiment_a_breach_of_values_or_rules_is_criticism(text):
    """'runs counter to the spirit of the agreement', 'against the values of an open society': an accusation, whose
    words of what is breached ('spirit', 'values', 'fair') read as praise."""
    assert _statement_label(text) == "negative"


def test_sentiment_a_breach_denied_or_a_contrast_is_no_breach():
    from nlp.sentiment.condemnation import is_breach
    assert is_breach("the duties are in breach of the treaty")
    assert not is_breach("The quota does not go against our commitments under the treaty.")
    assert not is_breach("Contrary to the forecasts, exports rose in May")


@pytest.mark.parametrize("text, label", [
    ("the Bank of Vestland might not lower rates again before the summer", "neutral"),
    ("\"We will not rush to cut interest rates.\"", "neutral"),
    ("the Bank of Vestland balanced growth and jobs in deciding on a smaller cut", "neutral"),
    # a rate that is news of its own keeps its tone
    ("the jobless rate rose to a four-year high", "negative"),
])
def test_sentiment_a_move_of_a_policy_rate_is_no_bad_news(text, label):
    """'might not lower rates again', 'deciding on a smaller cut': a central bank's own measure; the word features
    read 'cut' and 'lower' as the bad news of a cut in jobs or profits."""
    assert _statement_label(text) == label


def test_sentiment_rate_moves_removed():
    from nlp.sentiment.rates import rate_moves_removed
    assert rate_moves_removed("the bank cut rates, hurting savers") == "the bank , hurting savers"
    assert rate_moves_removed("two more cuts in the key lending rate are likely") == "two more are likely"
    # no policy rate, and a bare cut with no central bank named
    assert rate_moves_removed("the unemployment rate rose") is None
    assert rate_moves_removed("the firm announced a small cut in staff") is None


@pytest.mark.parametrize("text, label", [
    ("the Bank of Vestland held its rate, as it expects price pressures to stay subdued and hiring to keep up",
     "neutral"),
    ("the board expects inflation to remain low and growth to stay firm", "neutral"),
    # inflation too low, or rising, is bad news still
    ("stubbornly low inflation is hurting the economy of Harlby", "negative"),
])
def test_sentiment_inflation_held_in_check_is_no_bad_news(text, label):
    """'price pressures to stay subdued', 'inflation has been contained': good news or a bank's aim; the word lists
    count 'subdued', 'contained' and 'moderate' as bad news."""
    assert _statement_label(text) == label


def test_sentiment_inflation_in_check_removed():
    from nlp.sentiment.rates import inflation_in_check_removed
    assert inflation_in_check_removed("with low inflation the board held") == "with the board held"
    assert inflation_in_check_removed("keeping the inflation rate under control") == ""
    assert inflation_in_check_removed("inflation is too low") is None
    assert inflation_in_check_removed("inflation rose sharply") is None


@pytest.mark.parametrize("text, label", [
    ("Vestland plans to increase import duties on 40 items including toys", "neutral"),
    ("the ministry decided to extend the anti-dumping duty for five more years", "neutral"),
    # what the duty does besides keeps its tone
    ("higher customs duties will hurt the small shops of Harlby", "negative"),
])
def test_sentiment_a_duty_raised_or_kept_is_no_bad_news(text, label):
    """'plans to increase import duties', 'extend the anti-dumping duty': a government's own measure; the word
    features read 'increase' and 'dumping' as bad news."""
    assert _statement_label(text) == label


def test_sentiment_duty_moves_removed():
    from nlp.sentiment.rates import duty_moves_removed
    assert duty_moves_removed("Harlby will raise customs duties on rice") == "Harlby will on rice"
    assert duty_moves_removed("an increase in import duty is due") == "an is due"
    # not a duty on imports
    assert duty_moves_removed("the shop raised its duty-free sales") is None


@pytest.mark.parametrize("text, label", [
    ("the Bank of Vestland will run its policy with a focus on strong growth, stable prices and a sound banking system",
     "neutral"),
    ("Credit policies will stay oriented towards supporting sustainable growth and job creation in Harlby", "neutral"),
    ("fiscal policy next year will be aimed at boosting investment and creating jobs", "neutral"),
    # praise of a policy's results is praise
    ("the central bank said its policy had done a great job supporting growth", "positive"),
])
def test_sentiment_a_policy_told_by_its_aims_is_no_praise(text, label):
    """'policy with a focus on strong growth', 'oriented towards supporting growth': a mandate stated, whose aims
    read as good news."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("the Bank of Vestland kept its rate at 3 percent amid rising tensions and weak demand abroad", "neutral"),
    ("\"We keep our eyes on the krona against the backdrop of escalating disputes over trade,\"", "neutral"),
    # bad news besides the backdrop keeps its tone
    ("exports from Harlby fell sharply amid weak demand", "negative"),
])
def test_sentiment_the_backdrop_of_a_decision_is_no_bad_news(text, label):
    """'kept its rate amid rising tensions': the circumstances explain the decision; their words of trouble read as
    the statement's bad news."""
    assert _statement_label(text) == label


def test_sentiment_backdrops_removed():
    from nlp.sentiment.times import backdrops_removed
    assert backdrops_removed("the bank held rates amid rising costs. We act.") == "the bank held rates . We act."
    assert backdrops_removed("we wait against the backdrop of U.S. policy shifts, and watch") == "we wait , and watch"
    assert backdrops_removed("the bank held its rate") is None


@pytest.mark.parametrize("text, label", [
    ("As far as the new stadium is concerned, the council will vote on the plans in May.", "neutral"),
    ("as far as the ferries are concerned, the timetable stays the same until June", "neutral"),
    # worry said outright stays worry
    ("\"We are deeply concerned about the safety of the old bridge.\"", "negative"),
])
def test_sentiment_as_far_as_it_is_concerned_names_a_topic(text, label):
    """'as far as the new stadium is concerned': the idiom names a topic, but the word lists count 'concerned' as
    worry, so a plain plan read as a warning."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("the two drivers collided head-on at the crossing outside Harlby", "negative"),
    ("a lorry driver killed a cyclist on the ring road last spring", "negative"),
    ("\"The soot from the mill contributes to the deaths of hundreds of people in the valley every year.\"",
     "negative"),
    ("the foal might not even survive the winter", "negative"),
    ("the falling roof is thought to have been brought down by a hailstorm", "negative"),
    # harm spared, prevented or growing rarer, and police procedure, are no bad news of harm
    ("nobody was hurt when the lorry left the road near Harlby", "positive"),
    ("the new barriers are meant to reduce deaths at the level crossing", "positive"),
    ("the driver was charged with killing a cyclist", "neutral"),
    ("it is too early to say whether the storm destroyed the barns", "neutral"),
])
def test_sentiment_harm_done_told_as_news_is_bad_news(text, label):
    """'the drivers collided', 'a lorry killed a cyclist': bad news with no word of opinion, which the model read as
    a plain report."""
    assert _statement_label(text) == label


def test_sentiment_harm_forms():
    from nlp.sentiment.harm import tells_of_harm
    assert tells_of_harm("the storm destroyed three barns")
    assert not tells_of_harm("the team's attack was the best in the league")
    assert not tells_of_harm("road deaths fell by a third last year")
    assert not tells_of_harm("he didn't get hurt and nobody was killed")
    assert not tells_of_harm("the mill weathered the storm better than its rivals")
    assert not tells_of_harm("all four survived the crash")


@pytest.mark.parametrize("text, label", [
    ("the future of the Harlby summer fair hangs in the balance", "negative"),
    ("the move to the new depot did not go according to plan", "negative"),
    ("the council simply caved in to the developers", "negative"),
    ("\"For a while it was touch and go.\"", "negative"),
    # the idiom denied, or not the idiom
    ("\"Nothing went wrong during the move to the new depot.\"", "positive"),
    ("the board never caved in to the developers", "neutral"),
    ("the move to the new depot went according to plan", "neutral"),
])
def test_sentiment_an_idiom_of_trouble_is_bad_news(text, label):
    """'hangs in the balance', 'did not go according to plan', 'caved in': jeopardy, failure or giving way in words
    with no tone of their own, which the model read as a plain report."""
    assert _statement_label(text) == label


def test_sentiment_trouble_idiom_forms():
    from nlp.sentiment.idioms import has_trouble_idiom
    assert has_trouble_idiom("the talks are back to square one")
    assert not has_trouble_idiom("it hasn't gone wrong once")
    assert not has_trouble_idiom("the plan went ahead as agreed")


@pytest.mark.parametrize("text, label", [
    ("the mayor called the closure of the Harlby library a \"great shame\"", "negative"),
    ("\"It is a great disappointment for the whole valley.\"", "negative"),
    ("the ruling is of great concern to the fishermen of Harlby", "negative"),
    # praise stays praise
    ("\"The new ferry has been a great success.\"", "positive"),
])
def test_sentiment_great_before_a_noun_of_bad_news_only_makes_it_bigger(text, label):
    """'a great shame', 'of great concern': 'great' learnt from praise outweighed the noun of regret or bad news."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("\"The mentors guide the pupils, so that a first mistake would not ruin everything.\"", "neutral"),
    ("the tablets are taken every morning, to lower the chance of a second stroke", "neutral"),
    # a harm done beside the purpose keeps its tone
    ("\"They raised the levy, to reduce the deficit, and it has hurt every shop in town.\"", "negative"),
])
def test_sentiment_a_purpose_of_prevention_is_no_warning(text, label):
    """'…, so that a first mistake would not ruin everything', '…, to lower the chance of a second stroke': the harm named is
    what the measure keeps away; its words read as a warning."""
    assert _statement_label(text) == label


def test_sentiment_prevention_removed():
    from nlp.sentiment.harm import prevention_removed
    assert prevention_removed("the dykes were raised, to prevent floods") == "the dykes were raised"
    # not set off: "doing nothing to reduce poverty" is a complaint
    assert prevention_removed("the council is doing nothing to reduce poverty") is None


@pytest.mark.parametrize("text", [
    "the budget forecast of the Harlby council was overly optimistic",
    "\"Their growth forecast is far too optimistic.\"",
    "the reports were far more positive than the facts on the ground",
])
def test_sentiment_an_overstatement_is_criticism(text):
    """'overly optimistic', 'more positive than the facts': a good quality in excess or beyond the truth is
    criticism, in words of praise."""
    assert _statement_label(text) == "negative"


def test_sentiment_overstatement_forms():
    from nlp.sentiment.condemnation import is_overstatement
    assert is_overstatement("the ministry painted a rosier picture than the figures warranted")
    assert not is_overstatement("the forecast was not overly optimistic")
    assert not is_overstatement("\"We are more optimistic than we were a year ago.\"")
    assert not is_overstatement("exports were better than expected")


@pytest.mark.parametrize("text, label", [
    ("\"During the dock strike, the ferry kept to its timetable.\"", "neutral"),
    ("the largest rise in nurses' wages since the financial crisis", "positive"),
    ("\"Orders for the Harlby mill are at their highest since the recession.\"", "positive"),
    # the event as the news itself keeps its tone
    ("the war has cost the valley a generation", "negative"),
])
def test_sentiment_a_time_named_by_a_bad_event_is_no_bad_news(text, label):
    """'during the dock strike', 'since the financial crisis': the event dates what is said or is a record's
    yardstick; its words read as bad news."""
    assert _statement_label(text) == label


def test_sentiment_event_times_removed():
    from nlp.sentiment.times import event_times_removed
    assert event_times_removed("During the strike in May, the depot stayed open") == "the depot stayed open"
    assert event_times_removed("exports have doubled since the trade war began") == "exports have doubled"
    # "since" as "because", and the event as the subject
    assert event_times_removed("Since the war is raging, we must act") == "Since the war is raging, we must act"
    assert event_times_removed("since the war") == "since the war"


@pytest.mark.parametrize("text, label", [
    ("\"The food bank helps people who are struggling to pay their rent.\"", "positive"),
    ("the volunteers fed families who had lost their homes in the floods", "neutral"),
    # help withheld or cut stays bad news
    ("\"We failed to help people who were suffering.\"", "negative"),
    ("\"The council cut support for families who need it most.\"", "negative"),
])
def test_sentiment_the_hardship_of_those_helped_is_not_the_news(text, label):
    """'helps people who are struggling', 'fed families who had lost their homes': the help is the news; the words of
    the hardship that says who is helped read as bad news."""
    assert _statement_label(text) == label


@pytest.mark.parametrize("text, label", [
    ("he was only joking when he called the Harlby council a band of thieves", "neutral"),
    ("\"Of course I was being sarcastic about the ferry timetable.\"", "neutral"),
])
def test_sentiment_words_said_not_to_be_meant_are_a_denial(text, label):
    """'he was only joking when he called the council thieves': a defence of one's words, as 'was misquoted' is;
    the words of what was said read as the speaker's own."""
    assert _statement_label(text) == label
