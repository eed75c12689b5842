"""Take screenshots of pages of a built site (for looking at it as a person would).

    python tools/screenshot.py SITE_DIR OUT_DIR path/one/ path/two/ [--print]

Serves SITE_DIR on 127.0.0.1 with the standard library and drives Debian's chromium.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright


def main(argv: list[str]) -> int:
    site, out, *paths = argv
    emulate_print = "--print" in paths
    paths = [p for p in paths if p != "--print"]
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # no request log on the console
            pass

    handler = functools.partial(Quiet, directory=site)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in paths:
            page.goto(base + path)
            if emulate_print:
                page.emulate_media(media="print")
            name = (path.strip("/").replace("/", "_") or "home") + (".print" if emulate_print else "") + ".png"
            page.screenshot(path=str(Path(out) / name), full_page=True)
            print(Path(out) / name)
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
