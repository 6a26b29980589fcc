"""The ``worker`` command: work the extraction jobs that ``process --redis`` queues."""
from __future__ import annotations

import json
import sys

import click

from process.jobqueue.defaults import DEFAULT_QUEUE, QueueError


@click.command()
@click.option("--redis", "redis_url", required=True, metavar="URL",
              help="The Redis that `process --redis` queues jobs on (redis://HOST:PORT/DB).")
@click.option("--queue", "queue_name", default=DEFAULT_QUEUE, show_default=True, help="The job queue's name.")
@click.option("--idle-exit", type=click.FloatRange(1), metavar="SECONDS",
              help="Exit after this long without a job (default: work until stopped).")
@click.option("-v", "--verbose", is_flag=True, help="Log every job (RQ's log) on stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print the closing summary as JSON on stdout.")
def worker(redis_url: str, queue_name: str, idle_exit: float | None, verbose: bool, as_json: bool) -> None:
    """Extract articles for `process --redis`, on this machine, until stopped.

    Loads the spaCy pipeline once (the model the queued jobs ask for, on the first job) and works one
    article at a time, sending back its plain record. SIGTERM or Ctrl-C: the job in hand is finished,
    then the worker exits (a second signal stops it at once). The job of a worker that dies (SIGKILL,
    out of memory, cut off) goes back to the front of the queue when its lease runs out: `process
    --lease` seconds (default 15) after its last renewal, plus at most one second.

    A worker whose saidwhat code, data or model differ from what the jobs ask for puts the job back
    and exits with status 1, so it never writes another version's records. Redis unreachable at the
    start: exit status 2.

    Example:

    \b
        python cli.py worker --redis redis://10.0.0.5:6379/0
    """
    from process.jobqueue.settings import connect, redacted

    try:
        connect(redis_url).close()
    except QueueError as error:
        raise click.BadParameter(str(error), param_hint="--redis") from error
    from process.jobqueue.worker import run_worker

    if not as_json:
        click.echo(f"worker on queue {queue_name!r} at {redacted(redis_url)}: waiting for jobs "
                   "(SIGTERM or Ctrl-C to stop after the job in hand)", err=True)
    try:
        summary = run_worker(redis_url, queue_name, idle_exit=idle_exit, verbose=verbose)
    except QueueError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(summary.as_dict() | {"redis": redacted(redis_url)}))
    else:
        click.echo(f"worker {summary.name}: {summary.jobs} jobs ({summary.failed} failed) in "
                   f"{summary.seconds:.1f} s; stopped: {summary.ended}.", err=True)
    if summary.refused:
        click.echo(f"Error: {summary.refused} (the job is back on the queue)", err=True)
        sys.exit(1)
    if summary.ended == "error":
        sys.exit(1)
