"""The `train-sentiment` command: a replacement sentiment model from a user's own labelled sentences."""
from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_OUT = "sentiment_model.json"
BAD_DATA_EXIT = 2  # a training file that cannot be used is a usage error, as a bad option is


@click.command("train-sentiment")
@click.option("--data", "data_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE.csv", help="Labelled sentences: a CSV with a header and columns text,label "
                                       "(negative, neutral or positive), optionally domain; others are ignored.")
@click.option("--out", "out_path", default=DEFAULT_OUT, show_default=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Where to write the model (JSON); `extract --sentiment-model PATH` uses it.")
@click.option("--name", default=None, help="The model's name in every record's sentiment.model "
                                           "(default: the output file's name without .json).")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Cross-validation folds for the accuracy printed before training on all rows.")
def train_sentiment(data_path: Path, out_path: Path, name: str | None, folds: int) -> None:
    """Train a sentiment model on your own labelled sentences and save it as JSON.

    Prints the cross-validated accuracy and macro-F1 of the same training on your rows, then fits on all of
    them. A file with no text or label column, an unknown label, an empty text or fewer than 10 rows for a
    label is a one-line error naming the line, with exit status 2.

    Example:

        python cli.py train-sentiment --data my_sentences.csv --out my_model.json

        python cli.py extract article.txt --sentiment-model my_model.json
    """
    from nlp.sentiment.data import DataError, read_labelled_csv
    from nlp.sentiment.model import LABELS, cross_validate, train, write_model

    try:
        data = read_labelled_csv(data_path, min_per_label=max(10, folds))
    except DataError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(BAD_DATA_EXIT)
    counts = ", ".join(f"{label} {data.labels.count(label)}" for label in LABELS)
    click.echo(f"read {len(data.texts)} rows from {data_path} ({counts})")
    cv = cross_validate(data.texts, data.labels, folds=folds, domains=data.domains)
    click.echo(f"cross-validated ({folds} folds): accuracy {cv.accuracy:.3f}, macro-F1 {cv.macro_f1:.3f}")
    model = train(data.texts, data.labels, name=name or out_path.name.removesuffix(".json"), source=data_path.name,
                  domains=data.domains)
    model["training"]["cv_accuracy"] = round(cv.accuracy, 4)
    model["training"]["cv_macro_f1"] = round(cv.macro_f1, 4)
    try:
        write_model(model, out_path)
    except OSError as exc:
        click.echo(f"error: cannot write {out_path}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"wrote {out_path} ({model['name']}@{model['version']}, {len(model['weights'])} features)")
