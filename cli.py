"""saidwhat's command line: a thin click group; each package owns its commands.

    python cli.py crawl URL... --db saidwhat.db
    python cli.py extract article.txt --format json
    python cli.py process --db saidwhat.db
    python cli.py query statements --speaker "Marian Holt" --db saidwhat.db
    python cli.py export timeline --speaker "Marian Holt" --db saidwhat.db -o holt.html
    python cli.py serve --db saidwhat.db
    python cli.py train-sentiment --data labelled.csv --out my_model.json
    python cli.py worker --redis redis://HOST:6379/0
"""
from __future__ import annotations

import click

from crawler.cli import crawl
from db.cli import import_events, people
from db.query.cli import query
from db.serve import serve
from export.cli import export
from nlp.cli import extract
from process.cli import process
from nlp.sentiment.cli import train_sentiment
from process.jobqueue.cli import worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="saidwhat")
def main() -> None:
    """saidwhat: who said what in the news, with which numbers, about whom."""


main.add_command(crawl)
main.add_command(extract)
main.add_command(process)
main.add_command(worker)
main.add_command(people)
main.add_command(import_events)
main.add_command(query)
main.add_command(export)
main.add_command(serve)
main.add_command(train_sentiment)

if __name__ == "__main__":
    main()
