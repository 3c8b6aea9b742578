"""Fixtures for the gazetteer tests."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def geonames_server(shared_data, tmp_path):
    """Real GeoNames files served on 127.0.0.1 (cities15000.zip stands in for TJ.zip)."""
    root = tmp_path / "www"
    root.mkdir()
    g = shared_data / "geonames"
    shutil.copyfile(g / "cities15000.zip", root / "TJ.zip")
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"):
        shutil.copyfile(g / name, root / name)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
