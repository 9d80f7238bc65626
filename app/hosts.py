"""Host names: which name a request asked for, and which names are this computer."""

from __future__ import annotations

__all__ = ["LOCAL_HOSTS", "host_name"]

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port.

    >>> [host_name(h) for h in ("localhost:8501", "[::1]:8501", "Example.org")]
    ['localhost', '::1', 'example.org']
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header
