"""``process --redis`` and ``worker``: extraction spread over machines through an RQ job queue on Redis.

One job per article: the writer (``process --redis``, the only process that opens the SQLite file)
queues the articles that need extraction, a window at a time, and writes the records that come back,
one transaction per article, through the same store code as ``process``. Workers (``worker``, on any
machine) load the pipeline once and return plain JSON records. A worker renews a lease on the job it
holds; the writer puts the job of a worker whose lease ran out back at the front of the queue.
"""
