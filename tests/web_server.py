"""The browser check's site served on 127.0.0.1 as the README tells DSI's IT to serve it.

``serving(folder, csp=...)`` is a context manager giving the base address of a threaded
http.server whose every response carries :func:`dsi_xl.web.headers.for_file`'s headers (CSP,
nosniff, no-referrer, MIME types, caching); ``csp`` replaces the Content-Security-Policy (the
watchdog test serves one without 'wasm-unsafe-eval'). ``GET /__sent`` answers how many bytes of
files the server has sent so far (bench/web_page.py counts what a page really fetched with it).
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
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server

    def do_GET(self) -> None:
        if self.path == "/__sent":
            body = str(getattr(self.server, "sent", 0)).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            super().end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        self.server.sent = getattr(self.server, "sent", 0) + len(data)
        outputfile.write(data)

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
