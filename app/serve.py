"""The app as ``smp app`` serves it: Streamlit's own server, with two guards.

- **Only the host names it serves are answered**, for HTTP and WebSocket alike
  (``SMP_ALLOWED_HOSTS``, comma-separated; default the localhost names). A web page
  elsewhere that points a name of its own at this machine (DNS rebinding) gets
  ``400`` for pages and a refused WebSocket handshake, so it cannot drive the app.
- **An error in a page shows a plain message**, never a traceback or a path; the
  details go to the app's log.

It also serves the network canvas's library at ``/smp-assets/vis-network.min.js``, and
Streamlit's own frontend files from memory (:class:`StaticAssets`).
``streamlit run app/serve.py`` finds ``app`` below and serves it (``st.App``).
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path

import pyvis
import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.routing import Route

from app import data, sessions
from app.hosts import LOCAL_HOSTS, host_name

_LOG = logging.getLogger("smp.app")
# What the app logs of its own (refused requests, dropped messages, caches warmed), on
# standard error with the time, whatever Streamlit does with its own loggers.
if not _LOG.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s smp.app %(levelname)s: %(message)s"))
    _LOG.addHandler(_handler)
    _LOG.setLevel(logging.INFO)
    _LOG.propagate = False


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


#: The header through which the app learns the address of the computer connected to it
#: (Streamlit's own ``st.context.ip_address`` is empty under ``st.App``). Set here from the
#: connection itself; one sent by the browser is dropped first, so it cannot be forged.
PEER_HEADER = b"x-smp-peer"


def with_peer(scope: dict) -> dict:
    """``scope`` with :data:`PEER_HEADER` giving the connection's peer address."""
    peer = (scope.get("client") or ("",))[0] or ""
    headers = [h for h in scope.get("headers") or [] if h[0].lower() != PEER_HEADER]
    return {**scope, "headers": [*headers, (PEER_HEADER, peer.encode("latin-1"))]}


def without_session_id(scope: dict) -> dict:
    """A WebSocket's scope without the session id Streamlit takes (the third entry of
    Sec-WebSocket-Protocol) to attach a new connection to an existing session: whoever
    knew the id (it is in every upload's URL) would get what that session's page run
    was still sending. Every connection starts a session of its own; after a dropped
    connection the page starts afresh (the sign-in cookie keeps the person signed in)."""
    headers = []
    for name, value in scope.get("headers") or []:
        if name.lower() == b"sec-websocket-protocol":
            value = b",".join(value.split(b",")[:2])
        headers.append((name, value))
    return {**scope, "headers": headers}


class AllowedHosts:
    """ASGI middleware: refuse requests and WebSocket handshakes for other hosts; drop the
    browser's messages of :data:`DROPPED`; send :data:`FRAMING` with every page."""

    def __init__(self, app, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "websocket":
            receive = self._filtered(receive)
            scope = without_session_id(scope)
        elif scope["type"] == "http":
            send = self._framed(send)
        if scope["type"] in ("http", "websocket"):
            scope = with_peer(scope)
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


def _secure(request) -> bool:
    """Whether the browser reached the app over HTTPS (directly or through a proxy)."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


async def _claim(request) -> Response:
    """The page posts the one-time code of a sign-in (app.sessions.start); the answer
    sets its token as a cookie script cannot read and other sites never send."""
    code = (await request.body())[:200].decode("ascii", "replace").strip()
    token = sessions.claim(code)
    if token is None:
        return Response("Unknown or expired sign-in.\n", status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        sessions.COOKIE, token, httponly=True, samesite="strict", secure=_secure(request),
        path="/",
    )  # fmt: skip
    return response


async def _sign_out(request) -> Response:
    """Ends the sign-in of the cookie the browser sent, and deletes the cookie."""
    sessions.end(request.cookies.get(sessions.COOKIE))
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict")
    return response


#: What a page makes for the person who ran it: downloads and images (``/media/``) and
#: custom components. Streamlit serves them to anyone with the URL; here only to
#: someone signed in (issue 28: a visitor reaches nothing beyond the sign-in page).
SIGNED_IN_ONLY = ("/media/", "/component/")


class SignedUploads:
    """ASGI middleware: only someone who may load data uploads a file. Streamlit takes
    uploads on ``/_stcore/upload_file/<session id>/…`` from anyone who knows a session
    id; here an upload needs the cookie of a signed-in admin (local users), Streamlit's
    own sign-in cookie (OpenID), or, with sign-in off, a request from this computer.
    Files a page made (:data:`SIGNED_IN_ONLY`) need a signed-in user of any role."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        upload = path.startswith("/_stcore/upload_file")
        served = path.startswith(SIGNED_IN_ONLY)
        if (upload or served) and not self._allowed(scope, admin=upload):
            who = "an upload without a signed-in admin" if upload else "a file to a visitor"
            _LOG.warning("refused %s (%s)", who, path.split("/")[1])
            await send(
                {
                    "type": "http.response.start",
                    "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                }
            )
            body = b"Sign in as an admin to upload.\n" if upload else b"Sign in first.\n"
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _allowed(scope, admin: bool = True) -> bool:
        from http.cookies import SimpleCookie

        from app.auth import idle_minutes
        from core import users

        headers = dict(scope.get("headers") or [])
        cookies = SimpleCookie()
        try:
            cookies.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:  # a malformed cookie header signs nobody in
            return False
        kind = users.configured_kind()
        if kind == "oidc":
            return "_streamlit_user" in cookies
        if kind == "local":
            token = cookies[sessions.COOKIE].value if sessions.COOKIE in cookies else None
            found = sessions.lookup(token, idle_minutes() * 60)
            return found is not None and (found.role == "admin" or not admin)
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        peer = (scope.get("client") or ("",))[0]
        return host in LOCAL_HOSTS and peer in LOCAL_HOSTS


class StaticAssets:
    """ASGI middleware: Streamlit's own frontend files (``/static/…``, named by their
    content and unchanged while the app runs) from memory. Streamlit serves each from
    disk, through its middleware and a thread per read: about 5 ms of the server's CPU
    a file, and a browser new to the app asks for some 140 (0.7 s of its first page
    view, issue 30 item 9). Only the files of that folder, by exact path: anything
    else (a range, a path of another shape) goes to Streamlit as before."""

    #: As Streamlit sends them: a browser keeps them, and never asks again.
    CACHE = b"public, immutable, max-age=31536000"

    def __init__(self, app, folder: Path | None = None) -> None:
        from streamlit import file_util

        self.app = app
        root = (folder or Path(file_util.get_static_dir())) / "static"
        self.files = {f"/static/{p.relative_to(root).as_posix()}": p
                      for p in root.rglob("*") if p.is_file()}  # fmt: skip
        self.kept: dict[str, tuple[bytes, bytes]] = {}

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        found = self.files.get(path) if scope.get("method") in ("GET", "HEAD") else None
        if found is None or any(name == b"range" for name, _ in scope.get("headers") or []):
            await self.app(scope, receive, send)
            return
        if path not in self.kept:
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            kind += "; charset=utf-8" if kind.startswith("text/") else ""
            self.kept[path] = (found.read_bytes(), kind.encode("latin-1"))
        body, kind = self.kept[path]
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                   (b"cache-control", self.CACHE)]  # fmt: skip
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        body = body if scope["method"] == "GET" else b""
        await send({"type": "http.response.body", "body": body})


# Loads from the command line or another app are warmed before anyone asks.
data.start_watching()

app = st.App(
    str(Path(__file__).resolve().parent / "main.py"),
    routes=[
        Route("/smp-assets/vis-network.min.js", _vis_network),
        Route("/smp-auth/claim", _claim, methods=["POST"]),
        Route("/smp-auth/sign-out", _sign_out, methods=["POST"]),
    ],
    middleware=[
        Middleware(AllowedHosts, hosts=allowed_hosts()),
        Middleware(SignedUploads),
        Middleware(StaticAssets),
    ],
    on_script_error=_plain_error,
)
