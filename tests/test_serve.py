"""app/serve.py's StaticAssets: Streamlit's frontend files from memory, the same bytes
and headers as Streamlit sends; anything else goes on to Streamlit."""

from __future__ import annotations

import asyncio

from app.serve import StaticAssets


def _call(middleware, path: str, method: str = "GET", headers=()) -> list[dict]:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": method, "path": path, "headers": list(headers)}
    asyncio.run(middleware(scope, receive, send))
    return sent


async def _streamlit(scope, receive, send):
    await send({"type": "passed on", "path": scope["path"]})


def test_static_files_come_from_memory_and_the_rest_goes_on(tmp_path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "js" / "main.abc123.js").write_text("console.log(1)")
    (tmp_path / "index.html").write_text("<html></html>")
    assets = StaticAssets(_streamlit, folder=tmp_path)

    start, body = _call(assets, "/static/js/main.abc123.js")
    headers = dict(start["headers"])
    assert start["status"] == 200 and body["body"] == b"console.log(1)"
    assert headers[b"content-length"] == b"14"
    assert b"javascript" in headers[b"content-type"]
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    (tmp_path / "static" / "js" / "main.abc123.js").write_text("changed")  # kept: same bytes
    assert _call(assets, "/static/js/main.abc123.js")[1]["body"] == b"console.log(1)"
    assert _call(assets, "/static/js/main.abc123.js", "HEAD")[1]["body"] == b""

    for path, method, headers in [
        ("/", "GET", ()),  # the page itself (never cached by browsers): Streamlit's
        ("/static/js/other.js", "GET", ()),  # not a file of the folder
        ("/static/js/../../index.html", "GET", ()),  # only exact paths of the folder
        ("/static/js/main.abc123.js", "POST", ()),
        ("/static/js/main.abc123.js", "GET", [(b"range", b"bytes=0-3")]),
    ]:
        assert _call(assets, path, method, headers) == [{"type": "passed on", "path": path}]
