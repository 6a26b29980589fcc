"""Refit the shipped model from nlp/data/sentiment_train.csv after editing it: python -m nlp.sentiment."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from nlp.sentiment.data import read_labelled_csv
from nlp.sentiment.model import SHIPPED_FILE, SHIPPED_NAME, SPEECH, cross_validate, train, write_model

TRAIN_FILE = "sentiment_train.csv"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Added to the statement (speech) scores of negative, neutral, positive. Fitted on written sentences alone the
# model read real officials' statements as positive too rarely (positive ones went to neutral or negative).
# Calibrated on develop data only, none of it trained on: the news-dev develop part's quotes and three sets of
# real statements labelled by hand under the issue's guideline (wire stories of odd ids and the earlier rounds'
# develop sets); every shift from 0.1 to 0.3 lifted or kept each set, 0.25 is the middle of that plateau.
SPEECH_OFFSETS = {SPEECH: [0.0, 0.0, 0.25]}


def data_digest(path: Path) -> str:
    """Fingerprint of the training file, kept in the model: a test fails when the model was not refitted."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    """Cross-validate, fit on every row and write nlp/data/sentiment_model.json."""
    data_dir = DATA_DIR
    data = read_labelled_csv(data_dir / TRAIN_FILE)
    cv = cross_validate(data.texts, data.labels, domains=data.domains)
    model = train(data.texts, data.labels, name=SHIPPED_NAME, source=TRAIN_FILE, domains=data.domains,
                  offsets=SPEECH_OFFSETS)
    model["training"]["cv_accuracy"] = round(cv.accuracy, 4)
    model["training"]["cv_macro_f1"] = round(cv.macro_f1, 4)
    model["training"]["data_sha256"] = data_digest(data_dir / TRAIN_FILE)
    write_model(model, data_dir / SHIPPED_FILE)
    sys.stdout.write(f"{len(data.texts)} rows, cross-validated accuracy {cv.accuracy:.3f}, macro-F1 {cv.macro_f1:.3f}\n"
                     f"wrote {data_dir / SHIPPED_FILE} ({model['name']}@{model['version']})\n")
    return 0
