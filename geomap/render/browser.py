"""Headless Chromium with all network access blocked, for tests, benchmarks and screenshots.

One setup shared by everything that opens a map: if a map drew in this browser, it draws on an
air-gapped laptop. Requests to any host fail (a dead proxy and a resolver that finds nothing);
only ``file://`` pages load.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMEDRIVER_PATHS = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
BLOCK_NETWORK_ARGS = (
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
_BASE_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
)


def chromium_binary() -> str | None:
    """Path of a Chromium binary, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromedriver_binary() -> str | None:
    """Path of chromedriver, or None (never downloaded: Selenium Manager is not used)."""
    found = shutil.which("chromedriver")
    if found:
        return found
    return next((p for p in CHROMEDRIVER_PATHS if Path(p).is_file()), None)


@contextmanager
def headless_chromium(width: int = 1000, height: int = 700) -> Iterator[Any]:
    """A selenium Chrome driver on headless Chromium, network blocked, fresh profile.

    The viewport is exactly ``width`` x ``height`` CSS pixels (device scale 1). The browser
    console is logged (``driver.get_log("browser")``).
    """
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        raise GeomapError("selenium is not installed (pip install selenium)") from exc
    binary, driver_path = chromium_binary(), chromedriver_binary()
    if binary is None or driver_path is None:
        raise GeomapError("headless Chromium needs the chromium and chromium-driver packages")
    with tempfile.TemporaryDirectory(prefix="geomap-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for arg in (*_BASE_ARGS, *BLOCK_NETWORK_ARGS):
            options.add_argument(arg)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        try:
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            yield driver
        finally:
            driver.quit()


def open_map(driver: Any, html_path: str | Path, timeout_s: float = 60.0) -> dict[str, Any]:
    """Load a geomap HTML file and wait until its layers are built and painted.

    Returns timings in ms from navigation start: ``loaded`` (the load event) and ``ready``
    (after geomap built its layers and the browser painted twice more).
    """
    driver.set_script_timeout(timeout_s)
    driver.get(Path(html_path).resolve().as_uri())
    deadline = time.monotonic() + timeout_s
    # geomap builds its layers synchronously at the end of <body>: once the document is
    # complete, either they are built or the script failed (no point waiting longer).
    while driver.execute_script("return document.readyState") != "complete":
        if time.monotonic() > deadline:
            raise GeomapError(f"{html_path}: the page did not load in {timeout_s:.0f} s")
        time.sleep(0.05)
    if not driver.execute_script("return !!(window.geomap && window.geomap.ready);"):
        errors = [e.get("message", "") for e in driver.get_log("browser")]
        raise GeomapError(f"{html_path}: the map script failed: {'; '.join(errors)[:500]}")
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        requestAnimationFrame(() => requestAnimationFrame(() => {
            const nav = performance.getEntriesByType('navigation')[0];
            done({loaded: nav ? nav.loadEventStart : null, ready: performance.now(),
                  build: window.geomap.renderMs});
        }));
        """
    )


def screenshot(
    html_path: str | Path, png_path: str | Path, width: int = 1000, height: int = 700
) -> Path:
    """Save a PNG of a rendered map as headless Chromium (network blocked) shows it."""
    out = Path(png_path)
    with headless_chromium(width, height) as driver:
        open_map(driver, html_path)
        png = driver.get_screenshot_as_png()
    from geomap.render.map import write_atomic

    write_atomic(out, png)
    return out
