"""The shared frontier in Redis: every URL's state, the queue, leases, the item list and the locks.

Keys (``PREFIX`` = ``saidwhat``; use another Redis database number for another crawl)::

    saidwhat:state      hash  fingerprint -> queued | inflight | handed | stored | failed
                              (the duplicate filter: a fingerprint in it was seen)
    saidwhat:requests   zset  queued fingerprints, score -priority (scrapy-redis' PriorityQueue order)
    saidwhat:request    hash  fingerprint -> the serialized request, while queued or in flight
    saidwhat:score      hash  fingerprint -> its queue score, to put it back after a lost lease
    saidwhat:inflight   zset  fingerprints in flight, score = lease expiry (Redis server time, ms)
    saidwhat:attempts   hash  fingerprint -> leases lost so far
    saidwhat:items      list  items handed over by the crawl processes, oldest first
    saidwhat:writing    list  items the writer took and has not yet committed
    saidwhat:writer     string the writer lock (value: process token; time-to-live)
    saidwhat:writer:last string the token of the last writer (whose uncommitted items to re-check)
    saidwhat:db         string host and path of the database this crawl writes
    saidwhat:run        string the current crawl run; listings and seeds are read once per run
    saidwhat:domains:runN set  allowed domains of run N: the union of every process's inputs
    saidwhat:slot:HOST  zset  holders of the host's request slots, score = expiry
    saidwhat:next:HOST  string when the host may get its next request (ms)
    saidwhat:robots:HOST string robots.txt of the host, shared by every process

Every step that touches several keys is one Lua script, so a process dying between two
commands leaves no URL half-moved. Times are Redis server time: machines need not agree.
"""
from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass

import redis

PREFIX = "saidwhat"
MAX_LEASE_LOSSES = 3  # a URL whose lease expires this often (its process died each time) is given up
STATES = ("queued", "inflight", "handed", "stored", "failed")

_NOW = """local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

# KEYS: state, requests, request, score; ARGV: fingerprint, score, payload, filter (1/0)
PUSH = """
if ARGV[4] == '1' then
  if redis.call('HSETNX', KEYS[1], ARGV[1], 'queued') == 0 then return 0 end
else
  redis.call('HSET', KEYS[1], ARGV[1], 'queued')
end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
"""

# KEYS: requests, inflight, state, request; ARGV: lease ms
POP = _NOW + """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
local fp = popped[1]
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), fp)
redis.call('HSET', KEYS[3], fp, 'inflight')
return {fp, redis.call('HGET', KEYS[4], fp)}
"""

# KEYS: inflight; ARGV: lease ms, fingerprints... (only those still in flight are renewed)
RENEW = _NOW + """
local n = 0
for i = 2, #ARGV do
  n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i])
end
return n
"""

# KEYS: inflight, requests, state, score, attempts; ARGV: max losses, batch
# Expired leases go back on the queue; a URL that lost its lease too often is 'failed' and
# returned, so the caller can log it.
REAP = _NOW + """
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local failed = {}
for _, fp in ipairs(expired) do
  redis.call('ZREM', KEYS[1], fp)
  if redis.call('HINCRBY', KEYS[5], fp, 1) >= tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[3], fp, 'failed')
    table.insert(failed, fp)
  else
    redis.call('HSET', KEYS[3], fp, 'queued')
    redis.call('ZADD', KEYS[2], redis.call('HGET', KEYS[4], fp) or 0, fp)
  end
end
return {#expired, failed}
"""

# KEYS: items, inflight, state, request, score, attempts; ARGV: item, fingerprint or ''
# The item joins the list and its URL leaves the in-flight set in one step.
HAND_OVER = """
redis.call('RPUSH', KEYS[1], ARGV[1])
local fp = ARGV[2]
if fp ~= '' then
  redis.call('ZREM', KEYS[2], fp)
  redis.call('HSET', KEYS[3], fp, 'handed')
  redis.call('HDEL', KEYS[4], fp)
  redis.call('HDEL', KEYS[5], fp)
  redis.call('HDEL', KEYS[6], fp)
end
return 1
"""

# KEYS: items, writing; ARGV: batch
TAKE = """
local taken = {}
for i = 1, tonumber(ARGV[1]) do
  local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
  if not item then break end
  table.insert(taken, item)
end
return taken
"""

# KEYS: writer, writing, state; ARGV: token, fingerprints...
# Committed: forget the taken items and mark their URLs stored, if still the writer.
ACK = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
for i = 2, #ARGV do redis.call('HSET', KEYS[3], ARGV[i], 'stored') end
return 1
"""

# KEYS: writer, last; ARGV: token, ttl ms. Returns the previous writer's token ('' if none), or
# false when another process holds the lock.
ACQUIRE = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', tonumber(ARGV[2])) then return false end
local previous = redis.call('GET', KEYS[2]) or ''
redis.call('SET', KEYS[2], ARGV[1])
return previous
"""

# KEYS: lock; ARGV: token, ttl ms
RENEW_LOCK = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""

# KEYS: lock; ARGV: token
RELEASE_LOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

# KEYS: run; the current run, started when there is none.
JOIN_RUN = """
local run = redis.call('GET', KEYS[1])
if not run then
  run = tostring(redis.call('INCR', KEYS[1] .. 's'))
  redis.call('SET', KEYS[1], run)
end
return run
"""

# KEYS: run, requests, inflight, items, writing, the run's domains; ARGV: run. Ends the run if it
# is still this one and the crawl is drained.
END_RUN = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('ZCARD', KEYS[2]) + redis.call('ZCARD', KEYS[3]) + redis.call('LLEN', KEYS[4])
   + redis.call('LLEN', KEYS[5]) > 0 then return 0 end
redis.call('DEL', KEYS[1], KEYS[6])
return 1
"""


def process_token() -> str:
    """This process, as other processes see it: host, pid and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def connect(url: str, *, timeout: float = 10.0) -> redis.Redis:
    """A client for ``url`` that fails fast (no silent retries) when Redis is gone."""
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=min(timeout, 5.0),
                                retry_on_timeout=False, retry=None, health_check_interval=0)


@dataclass(frozen=True)
class Counts:
    """How much work the shared crawl has left."""

    queued: int
    inflight: int
    items: int
    writing: int

    @property
    def waiting(self) -> int:
        """Items not yet committed to the database."""
        return self.items + self.writing

    def busy(self, *, writes: bool) -> bool:
        return bool(self.queued or self.inflight or (writes and (self.items or self.writing)))


class Frontier:
    """The Redis side of one shared crawl: thin methods over the scripts above."""

    def __init__(self, server: redis.Redis, prefix: str = PREFIX):
        self.server = server
        self.prefix = prefix
        k = self.key
        self.state, self.requests, self.request = k("state"), k("requests"), k("request")
        self.score, self.inflight, self.attempts = k("score"), k("inflight"), k("attempts")
        self.items, self.writing = k("items"), k("writing")
        self.writer, self.writer_last, self.db, self.run = (
            k("writer"), k("writer:last"), k("db"), k("run"))
        self._scripts = {name: server.register_script(source) for name, source in (
            ("push", PUSH), ("pop", POP), ("renew", RENEW), ("reap", REAP), ("hand_over", HAND_OVER),
            ("take", TAKE), ("ack", ACK), ("acquire", ACQUIRE), ("renew_lock", RENEW_LOCK),
            ("release_lock", RELEASE_LOCK), ("join_run", JOIN_RUN), ("end_run", END_RUN))}

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def _run(self, name: str, keys: list[str], args: list) -> object:
        return self._scripts[name](keys=keys, args=args)

    # -- the queue and leases ------------------------------------------------------------

    def push(self, fingerprint: str, score: float, payload: bytes, *, dedupe: bool = True) -> bool:
        """Queue a request unless (with ``dedupe``) its fingerprint was seen; True if queued."""
        return bool(self._run("push", [self.state, self.requests, self.request, self.score],
                              [fingerprint, score, payload, "1" if dedupe else "0"]))

    def pop(self, lease_ms: int) -> tuple[str, bytes] | None:
        """The next queued request, now in flight under a lease: (fingerprint, payload)."""
        popped = self._run("pop", [self.requests, self.inflight, self.state, self.request], [lease_ms])
        if not popped:
            return None
        fingerprint, payload = popped
        return fingerprint.decode(), payload

    def renew(self, fingerprints: Iterable[str], lease_ms: int) -> int:
        fingerprints = list(fingerprints)
        if not fingerprints:
            return 0
        return int(self._run("renew", [self.inflight], [lease_ms, *fingerprints]))

    def reap(self, batch: int = 500) -> tuple[int, list[str]]:
        """Put URLs whose lease expired back on the queue: (how many, fingerprints given up)."""
        count, failed = self._run("reap", [self.inflight, self.requests, self.state, self.score,
                                           self.attempts], [MAX_LEASE_LOSSES, batch])
        return int(count), [f.decode() for f in failed]

    def give_back(self, fingerprints: Iterable[str]) -> None:
        """Leases this process will not finish (it is stopping): back on the queue now."""
        for fingerprint in fingerprints:
            score = self.server.hget(self.score, fingerprint) or 0
            with self.server.pipeline() as pipe:
                pipe.zrem(self.inflight, fingerprint)
                pipe.hset(self.state, fingerprint, "queued")
                pipe.zadd(self.requests, {fingerprint: float(score)})
                pipe.execute()

    def payload(self, fingerprint: str) -> bytes | None:
        return self.server.hget(self.request, fingerprint)

    def mark(self, fingerprint: str, state: str) -> None:
        self.server.hset(self.state, fingerprint, state)

    def state_of(self, fingerprint: str) -> str | None:
        value = self.server.hget(self.state, fingerprint)
        return value.decode() if value else None

    def seen(self, fingerprints: Iterable[str]) -> None:
        """Mark URLs as done without fetching them (an article's other addresses)."""
        fingerprints = list(fingerprints)
        if fingerprints:
            with self.server.pipeline(transaction=False) as pipe:
                for fingerprint in fingerprints:
                    pipe.hsetnx(self.state, fingerprint, "handed")
                pipe.execute()

    # -- items -----------------------------------------------------------------------------

    def hand_over(self, item: bytes, fingerprint: str | None) -> None:
        """Put an item on the list; its URL (if it held a lease) leaves the in-flight set."""
        self._run("hand_over", [self.items, self.inflight, self.state, self.request, self.score,
                                self.attempts], [item, fingerprint or ""])

    def take(self, batch: int) -> list[bytes]:
        """Move up to ``batch`` items from the list to the writer's uncommitted list."""
        return list(self._run("take", [self.items, self.writing], [batch]))

    def uncommitted(self) -> list[bytes]:
        return list(self.server.lrange(self.writing, 0, -1))

    def ack(self, token: str, fingerprints: Iterable[str]) -> bool:
        """The taken items are committed: drop them and mark their URLs stored."""
        return bool(self._run("ack", [self.writer, self.writing, self.state], [token, *fingerprints]))

    # -- locks and runs --------------------------------------------------------------------

    def acquire(self, lock: str, token: str, ttl_ms: int) -> str | None:
        """Take ``lock``; returns the previous holder's token ('' for none), None if held."""
        previous = self._run("acquire", [lock, lock + ":last"], [token, ttl_ms])
        return None if previous is None else previous.decode()

    def renew_lock(self, lock: str, token: str, ttl_ms: int) -> bool:
        return bool(self._run("renew_lock", [lock], [token, ttl_ms]))

    def release_lock(self, lock: str, token: str) -> None:
        self._run("release_lock", [lock], [token])

    def join_run(self) -> str:
        return self._run("join_run", [self.run], []).decode()

    def end_run(self, run: str) -> bool:
        return bool(self._run("end_run", [self.run, self.requests, self.inflight, self.items,
                                          self.writing, self.domains(run)], [run]))

    def domains(self, run: str) -> str:
        """The set of allowed domains of a run: the union of every process's inputs."""
        return self.key(f"domains:run{run}")

    def counts(self) -> Counts:
        with self.server.pipeline(transaction=False) as pipe:
            pipe.zcard(self.requests)
            pipe.zcard(self.inflight)
            pipe.llen(self.items)
            pipe.llen(self.writing)
            return Counts(*pipe.execute())

    def state_counts(self) -> dict[str, int]:
        """How many URLs are in each state (a scan of the state hash: for summaries and tests)."""
        counts = dict.fromkeys(STATES, 0)
        for _, state in self.server.hscan_iter(self.state):
            counts[state.decode()] = counts.get(state.decode(), 0) + 1
        return counts
