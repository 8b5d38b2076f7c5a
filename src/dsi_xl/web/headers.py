"""What a web server must send with the browser check: one place for the headers, MIME types
and caching that the README tells DSI's IT, the site's ``web.config`` (IIS) and the tests' server.

- ``CSP``: only the site's own files; WebAssembly allowed (``'wasm-unsafe-eval'``, which Pyodide
  needs and which permits compiling WebAssembly, not JavaScript's ``eval``); no inline script or
  style, no other host, no frames, no forms sent anywhere.
- ``SECURITY``: the other headers every response carries.
- ``TYPES``: the MIME type of each kind of file the site holds (``.mjs`` as JavaScript, or a
  browser refuses the module; ``.wasm`` as ``application/wasm``, or it cannot be streamed).
- Caching: the versioned folders never change (a new build makes a new folder), so they are
  cached for a year as immutable; ``index.html`` is revalidated every time, so a new build is
  seen at once.
"""

from __future__ import annotations

CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
       "style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


VERSIONED = ("dsi-xl-", "pyodide-")  # the site's versioned folders


def cache_control(path: str) -> str:
    """Everything in a versioned folder is immutable; ``index.html`` (wherever the site lies on
    the host) revalidates."""
    folders = path.strip("/").split("/")[:-1]
    return IMMUTABLE if any(folder.startswith(VERSIONED) for folder in folders) else REVALIDATE


def for_file(path: str) -> dict[str, str]:
    """Every header to send with the site's file at ``path`` (relative to the site's root)."""
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return SECURITY | {"Content-Type": TYPES.get(suffix, "application/octet-stream"),
                       "Cache-Control": cache_control(path)}


def web_config() -> str:
    """IIS: the MIME types (IIS serves no file whose type it does not know), the headers, and the
    caching of the versioned folders; index.html as the default document."""
    mime = "\n".join(f'      <remove fileExtension="{ext}" />\n'
                     f'      <mimeMap fileExtension="{ext}" mimeType="{kind}" />'
                     for ext, kind in TYPES.items() if ext not in (".html",))
    custom = "\n".join(f'        <add name="{name}" value="{value}" />' for name, value in SECURITY.items())
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Written by dsi-xl web: how IIS serves the browser check (see the README, "Hosting"). -->
<configuration>
  <system.webServer>
    <defaultDocument enabled="true">
      <files>
        <clear />
        <add value="index.html" />
      </files>
    </defaultDocument>
    <staticContent>
{mime}
      <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="365.00:00:00" cacheControlCustom="immutable" />
    </staticContent>
    <httpProtocol>
      <customHeaders>
{custom}
      </customHeaders>
    </httpProtocol>
  </system.webServer>
  <location path="index.html">
    <system.webServer>
      <staticContent>
        <clientCache cacheControlMode="DisableCache" />
      </staticContent>
    </system.webServer>
  </location>
</configuration>
"""
