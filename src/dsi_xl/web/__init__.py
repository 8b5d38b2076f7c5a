"""The browser check: a static site that validates a filled template on the accountant's own PC.

``check`` is the Python the page runs inside Pyodide (a file's bytes in, ``dsi-xl validate``'s
answer out); ``site`` builds the site (``dsi-xl web``); ``wheels`` packs the pure-Python wheels
the site carries; ``headers`` is what a server must send with it (CSP, MIME types, caching).
The page, its script and its worker are package data in ``static/``.
"""
