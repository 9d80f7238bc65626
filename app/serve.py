"""The app as ``smp app`` serves it: Streamlit's own server, with two guards.

- **Only the host names it serves are answered**, for HTTP and WebSocket alike
  (``SMP_ALLOWED_HOSTS``, comma-separated; default the localhost names). A web page
  elsewhere that points a name of its own at this machine (DNS rebinding) gets
  ``400`` for pages and a refused WebSocket handshake, so it cannot drive the app.
- **An error in a page shows a plain message**, never a traceback or a path; the
  details go to the app's log.

It also serves the network canvas's library at ``/smp-assets/vis-network.min.js``.
``streamlit run app/serve.py`` finds ``app`` below and serves it (``st.App``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

import pyvis
import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Route

from app.hosts import LOCAL_HOSTS, host_name

_LOG = logging.getLogger("smp.app")


def allowed_hosts(setting: str | None = None) -> frozenset[str]:
    """The host names to answer: ``SMP_ALLOWED_HOSTS`` plus the localhost names.

    >>> sorted(allowed_hosts("smp.example.gov.uk, 10.0.0.5"))
    ['10.0.0.5', '127.0.0.1', '::1', 'localhost', 'smp.example.gov.uk']
    """
    setting = os.environ.get("SMP_ALLOWED_HOSTS", "") if setting is None else setting
    extra = (h.strip().lower() for h in setting.split(","))
    return frozenset([*LOCAL_HOSTS, *(h for h in extra if h)])


#: What a browser may ask the server to do that no user of this app ever needs, and a
#: stranger could use: clear every user's caches, switch on re-running at every save,
#: disconnect or shut down the server (Streamlit's developer messages).
DROPPED = frozenset({"clear_cache", "set_run_on_save", "debug_disconnect_websocket",
                     "debug_shutdown_runtime"})  # fmt: skip
#: Headers on every page: no other site may frame the app (clickjacking); the app's own
#: components frame pages of the same origin.
FRAMING = [(b"x-frame-options", b"SAMEORIGIN"),
           (b"content-security-policy", b"frame-ancestors 'self'")]  # fmt: skip


def dropped(message: bytes) -> str | None:
    """The kind of a browser's message (a ``BackMsg``) when it is one of :data:`DROPPED`."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    back = BackMsg()
    try:
        back.ParseFromString(message)
    except Exception:  # not ours to judge: Streamlit refuses what it cannot read
        return None
    kind = back.WhichOneof("type")
    return kind if kind in DROPPED else None


class AllowedHosts:
    """ASGI middleware: refuse requests and WebSocket handshakes for other hosts; drop the
    browser's messages of :data:`DROPPED`; send :data:`FRAMING` with every page."""

    def __init__(self, app, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket":
            receive = self._filtered(receive)
        elif scope["type"] == "http":
            send = self._framed(send)
        await self._checked(scope, receive, send)

    @staticmethod
    def _filtered(receive):
        async def filtered():
            while True:
                message = await receive()
                if message.get("type") == "websocket.receive" and message.get("bytes"):
                    kind = dropped(message["bytes"])
                    if kind is not None:
                        _LOG.warning("dropped a browser's %s message", kind)
                        continue
                return message

        return filtered

    @staticmethod
    def _framed(send):
        async def framed(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in
                           {name for name, _value in FRAMING}]  # fmt: skip
                message = {**message, "headers": [*headers, *FRAMING]}
            await send(message)

        return framed

    async def _checked(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                _LOG.warning("refused a %s request for host %r", scope["type"], host)
                if scope["type"] == "websocket":
                    await receive()  # the handshake; closing now refuses it (HTTP 403)
                    await send({"type": "websocket.close", "code": 1008})
                    return
                body = b"Unknown host. Set SMP_ALLOWED_HOSTS to serve this name.\n"
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def _plain_error(error: Exception) -> bool:
    _LOG.error("error in a page", exc_info=error)
    st.error(
        "Something went wrong on this page, and it could not be shown. Try again, or "
        "choose another date or partnership. The details are in the app's log.",
        icon="⚠️",
    )
    return True  # Streamlit shows nothing more


_VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"


async def _vis_network(_request) -> Response:
    """vis-network for the network canvas (app/network_view.py), from pyvis's own copy:
    local, so a firewalled council network never waits for a CDN."""
    return Response(
        _VIS.read_bytes(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


app = st.App(
    str(Path(__file__).resolve().parent / "main.py"),
    routes=[Route("/smp-assets/vis-network.min.js", _vis_network)],
    middleware=[Middleware(AllowedHosts, hosts=allowed_hosts())],
    on_script_error=_plain_error,
)
