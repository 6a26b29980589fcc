"""Defaults of the queue's options and its error, importable without Redis or RQ (``process`` names them)."""

DEFAULT_QUEUE = "saidwhat"
DEFAULT_LEASE = 15  # seconds a job stays with a worker that stopped renewing its lease
DEFAULT_WINDOW = 500  # articles queued or in flight at a time (bounds Redis memory and a rerun's adoption)


class QueueError(Exception):
    """Redis answered wrongly, went away, or another writer holds the queue: one line for the user."""
