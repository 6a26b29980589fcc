"""The crawl on Redis: any number of ``crawl --redis URL`` processes, on any machines, share one crawl.

Built on scrapy-redis (its scheduler, priority queue and duplicate filter), extended where a
shared crawl needs more than it has:

- **leases** (``frontier``, ``scheduler``): scrapy-redis pops a request off the queue for good, so
  a process killed mid-request would lose it. Here every URL has a state in one Redis hash
  (queued, inflight, handed, stored, failed), which is also the duplicate filter; a popped
  request is in flight under a lease that its process renews; a lease that expires (the
  process died) puts the URL back on the queue, past the duplicate filter. A URL whose lease
  expires three times is given up and logged as failed.
- **per-domain slots** (``slots``): scrapy-redis has no throttle across processes. A downloader
  middleware takes one of ``CONCURRENT_REQUESTS_PER_DOMAIN`` slots of the host in Redis before
  a request is sent and gives it back when the answer is in, and request starts on a host are
  at least ``DOWNLOAD_DELAY`` apart across all processes. robots.txt is fetched once per host
  and shared (``robots``).
- **one writer** (``writer``, ``handoff``): every process extracts articles from its own pages and
  hands the items over through a Redis list; of the processes given the same ``--db``, the one
  holding a lock with a time-to-live drains that list into SQLite. When it dies its lock
  expires and another takes over, first re-reading what the dead writer had taken but maybe
  not committed.
- **when to stop** (``extension``): a process exits when, for ``--idle-exit`` seconds, nothing is
  queued, nothing is in flight and (for a process that can write) no item waits to be written.

Redis holds pickled requests (as scrapy-redis does) and items: keep it on a private network.
"""
