"""The one place that opens connections to Neo4j and turns driver errors into ours."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from core import config
from core.errors import DatabaseError, DatabaseUnavailable


def _unavailable(conn: config.Connection, err: Exception) -> DatabaseUnavailable:
    local = conn.is_local_default
    if isinstance(err, AuthError):
        return DatabaseUnavailable(
            f"Neo4j at {conn.uri} refused the user name or password.", "refused", local
        )
    return DatabaseUnavailable(f"Cannot reach Neo4j at {conn.uri}.", "unreachable", local)


def open_driver(conn: config.Connection | None = None) -> neo4j.Driver:
    """A verified driver the caller closes; raises :class:`DatabaseUnavailable`."""
    conn = conn or config.connection()
    if conn.password is None:
        raise DatabaseUnavailable(
            f"No password for Neo4j at {conn.uri}.", "no_password", conn.is_local_default
        )
    try:
        drv = GraphDatabase.driver(
            conn.uri,
            auth=(conn.user, conn.password),
            connection_timeout=10,
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        drv.verify_connectivity()
    except (ServiceUnavailable, SessionExpired, AuthError, OSError, ValueError) as err:
        raise _unavailable(conn, err) from err
    _OPENED[drv] = conn
    return drv


#: The settings each driver of :func:`open_driver` was opened with.
_OPENED: weakref.WeakKeyDictionary[neo4j.Driver, config.Connection] = weakref.WeakKeyDictionary()


def connection_of(drv: neo4j.Driver) -> config.Connection | None:
    """The settings ``drv`` was opened with by :func:`open_driver` (None for a driver
    made elsewhere). Work in a forked copy of this process opens a driver of its own
    with them: a driver's connections cannot be shared between processes."""
    return _OPENED.get(drv)


def unavailable(err: Exception, conn: config.Connection | None = None) -> DatabaseUnavailable:
    """Our error for a driver error raised while using an open driver."""
    return _unavailable(conn or config.connection(), err)


@contextmanager
def driver(conn: config.Connection | None = None) -> Iterator[neo4j.Driver]:
    """A verified driver, closed afterwards; driver errors become the project's own."""
    conn = conn or config.connection()
    drv = open_driver(conn)
    try:
        yield drv
    except (ServiceUnavailable, SessionExpired) as err:
        raise _unavailable(conn, err) from err
    except Neo4jError as err:
        raise DatabaseError(f"Neo4j refused a statement: {err.message}") from err
    finally:
        drv.close()


def database(conn: config.Connection | None = None) -> str | None:
    return (conn or config.connection()).database
