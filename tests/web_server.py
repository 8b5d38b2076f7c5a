"""The browser check's site served on 127.0.0.1 as the README tells DSI's IT to serve it.

``serving(folder, csp=...)`` is a context manager giving the base address of a threaded
http.server whose every response carries :func:`dsi_xl.web.headers.for_file`'s headers (CSP,
nosniff, no-referrer, MIME types, caching); ``csp`` replaces the Content-Security-Policy (the
watchdog test serves one without 'wasm-unsafe-eval'). Also used by bench/web_page.py.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dsi_xl.web import headers


class Handler(http.server.SimpleHTTPRequestHandler):
    csp: str | None = None

    def end_headers(self) -> None:
        path = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
        if path.endswith("/"):
            path += "index.html"
        sent = headers.for_file(path)
        if self.csp is not None:
            sent["Content-Security-Policy"] = self.csp
        for name, value in sent.items():
            if name != "Content-Type":
                self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path) -> str:
        return headers.for_file(str(path))["Content-Type"]

    def log_message(self, *args) -> None:  # quiet
        pass


@contextlib.contextmanager
def serving(folder: Path, csp: str | None = None):
    handler = type("SiteHandler", (Handler,), {"csp": csp})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
