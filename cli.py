"""saidwhat's command line: a thin click group; each package owns its commands.

    python cli.py crawl URL... --db saidwhat.db
    python cli.py extract article.txt --format json
    python cli.py process --db saidwhat.db
    python cli.py worker --redis redis://HOST:6379/0
"""
from __future__ import annotations

import click

from crawler.cli import crawl
from db.cli import import_events, people
from nlp.cli import extract
from process.cli import process
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

if __name__ == "__main__":
    main()
