"""Have the server plan a transaction's statements before it reaches them.

Neo4j plans a statement the first time it sees it, and again when the database has
grown or shrunk much since (its statistics diverged). Planning one of the loader's
statements takes 0.02–0.1 s of server time, one after the other, so a small delta
load whose plans are cold (the first after a server restart, or after a network of
another size) can spend more time planning than writing: about 0.4 of the 0.7 s of
a national quarterly update (BENCHMARKS.md).

:func:`planned_ahead` asks for the plans on a session of its own while the load's
transaction runs: the transaction plans its statements from the first, the session
from the last, each statement once, by whichever comes to it first, so the server
plans on two cores at once. ``EXPLAIN`` plans a statement and caches the plan but
runs nothing: it reads no data and takes no lock on it (planning does take shared
schema locks, held until the planning session's transaction ends: the load makes its
schema before it starts planning, and an index made meanwhile elsewhere waits for
the load's planning, a fraction of a second). Two things decide whether the
transaction then finds the plan (both measured on Neo4j 5.26):

- the cache is keyed by the statement's text and its parameters' types, so each
  statement is explained with the very parameters of its first run;
- it keeps plans for transactions that have already written apart from those of
  transactions that have not, and every statement of a load but the first runs
  after the load's first writes; so the statements are explained in a transaction
  that has written something (an empty node, never committed: it is rolled back).

It is only ever a help: whatever goes wrong on that session (a server refusing
``EXPLAIN``, a lost connection) stops the planning and nothing else; the statements
are then planned as they always were. Nobody waits for it long: the load waits at
most :data:`WAIT_S` for a statement being planned ahead, and its end at most as long
for the planning to stop (the thread is a daemon).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator, Sequence

import neo4j

from cypher import query

__all__ = ["planned_ahead"]

log = logging.getLogger(__name__)

#: The longest the load waits for a statement being planned ahead (planning one takes
#: a fraction of a second) before it plans it itself, and its end for the planning.
WAIT_S = 10.0


class Ahead:
    """Who plans which statement: the load's transaction takes them from the first,
    :func:`planned_ahead`'s session the first (if it gets there before the
    transaction) and then from the last, and each statement is planned once, by
    whichever comes to it first (on two busy cores, planning the same statement on
    both sides at once would only double the work)."""

    def __init__(self, statements: Sequence[tuple[str, dict]]) -> None:
        self.statements = list(statements)
        self.index = {text: i for i, (text, _parameters) in enumerate(self.statements)}
        self.owner: list[str | None] = [None] * len(self.statements)
        self.planned = [threading.Event() for _ in self.statements]
        self.ended = threading.Event()  # set when the planning has ended, however
        self.lock = threading.Lock()

    def reach(self, text: str) -> None:
        """The transaction is about to run ``text``: wait while it is being planned
        ahead; if planning ahead has not come to it, it is the transaction's to plan."""
        i = self.index.get(text)
        if i is None:
            return
        with self.lock:
            if self.owner[i] is None:
                self.owner[i] = "transaction"
                return
        if self.owner[i] == "ahead" and not self.planned[i].wait(WAIT_S):
            log.debug("planning ahead is slow: the transaction plans %r itself", text[:60])

    def take(self, i: int) -> bool:
        """Planning ahead may plan statement ``i`` (nobody has taken it)."""
        with self.lock:
            if self.owner[i] is not None:
                return False
            self.owner[i] = "ahead"
            return True

    def end(self) -> None:
        for event in self.planned:
            event.set()
        self.ended.set()


@contextlib.contextmanager
def planned_ahead(
    driver: neo4j.Driver, database: str | None, statements: Sequence[tuple[str, dict]]
) -> Iterator[Ahead]:
    """While the block runs a transaction that runs ``statements`` (``(text,
    parameters)``, in this order), have them planned for it on a session of its own (a
    thread): the first, as a transaction that has not written yet runs it, then the
    others from the last, as one that has. The block calls :meth:`Ahead.reach` before
    it runs each; it may start before the transaction does (the sooner, the more is
    planned ahead). The block's end stops the planning, waiting (at most
    :data:`WAIT_S`) for the statement being planned, if any. Nothing to plan, no
    thread."""
    ahead = Ahead(statements)
    if not ahead.statements:
        ahead.end()
        yield ahead
        return
    stop = threading.Event()

    def explain(tx: neo4j.Transaction, i: int) -> None:
        text, parameters = ahead.statements[i]
        tx.run("EXPLAIN " + text, parameters).consume()
        ahead.planned[i].set()

    def plan() -> None:
        planned = 0
        try:
            with driver.session(database=database) as session:
                tx = session.begin_transaction()
                try:
                    if not stop.is_set() and ahead.take(0):
                        explain(tx, 0)
                        planned += 1
                    tx.run(query("plan_ahead")).consume()  # it has written: see above
                    for i in range(len(ahead.statements) - 1, 0, -1):
                        if stop.is_set() or not ahead.take(i):
                            break
                        explain(tx, i)
                        planned += 1
                finally:
                    tx.rollback()
            log.debug("planned %d of %d statements ahead", planned, len(statements))
        except Exception as err:  # only ever a help: never the load's failure
            log.debug("planning ahead stopped, %d of %d planned: %s", planned, len(statements), err)
        finally:
            ahead.end()

    thread = threading.Thread(target=plan, name="smp-plan-ahead", daemon=True)
    thread.start()
    try:
        yield ahead
    finally:
        stop.set()
        thread.join(WAIT_S)
