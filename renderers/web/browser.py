"""Finding and launching Chromium offline (Playwright's own build where present, else Debian's), and keeping the
process tree it launched within bounds."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from renderers.web.page_calls import PageFailed

log = logging.getLogger(__name__)
CLOSE_MS = 5000  # closing a context or the browser takes well under a second; past this the browser is hung

# Debian's headless shell first: Chromium's headless-only build (the one Playwright's own headless launches use), with
# no browser UI: over 600 kit-bootstrap5 samples its process tree held ~375 MiB less than the full browser's (browser
# process 107 against 220 MiB, one renderer process fewer), at no measurable cost in speed (benchmarks/README.md). Its
# binary, not /usr/bin's wrapper script, which runs it as a child of a shell (the driver must be its parent).
SYSTEM_CHROMIUMS = ("/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                    "/usr/bin/google-chrome")
# Quiet, offline, deterministic: no background traffic, no GPU, no LCD subpixel text, no font hinting, no partial
# raster. With partial raster the compositor redraws only the invalidated rectangle of a tile over what an earlier
# frame of the same page left there, so a sample's pixels depended on which frames happened to be drawn before the
# capture (timing, what the worker drew before): Framework7's search field (placeholder text under blurred inset
# shadows) came out in one of two images at random. Whole tiles are redrawn instead: pixels from the final page only.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic", "--disable-extensions", "--disable-default-apps",
    # Subpixel glyph positioning made the same page raster its text differently from run to run (a paragraph
    # 1 CSS px higher in ~1 draw of 10, boxes unchanged): whole-pixel glyph positions are deterministic.
    "--font-render-hinting=none", "--disable-lcd-text", "--disable-font-subpixel-positioning",
    "--hide-scrollbars", "--mute-audio", "--disable-partial-raster",
    # The compositor (software, with --disable-gpu) in the browser process instead of a GPU process of its own: one
    # process fewer per worker, ~55-70 MiB less in all, the same bytes (benchmarks/README "In-process compositor").
    "--in-process-gpu",
    # Every context (a window in Chromium's headless mode) also opened the omnibox's two WebUI pop-ups, each in a
    # renderer process of its own (~150 MiB in all; chrome://omnibox-popup.top-chrome/, .../omnibox_popup_aim.html):
    # nothing we draw, only memory and a process start at every fresh page.
    "--disable-features=Translate,MediaRouter,OptimizationHints,WebUIOmniboxPopup,WebUIOmniboxAimPopup",
]
# Frames on demand (the headless shell only: its HeadlessExperimental domain): the compositor draws no frame of its own,
# only those the renderer asks for (PageCalls: HeadlessExperimental.beginFrame), each with every stage (raster included)
# run before it is drawn. Without them Chromium drew frames at 60 Hz while a page was written and loaded, each one
# rastered and composited, and the capture drew one more: Chromium's CPU per sample is 10-29% lower on demand
# (benchmarks/README "Frames on demand").
FRAMES_ON_DEMAND_ARGS = ["--enable-begin-frame-control", "--run-all-compositor-stages-before-draw"]
HEADLESS_SHELLS = ("chromium-headless-shell", "chrome-headless-shell", "headless_shell")
INSTALL_HINT = ("no Chromium found: install Debian's package (`apt-get install chromium-headless-shell`, done by "
                "`make setup`) or Playwright's browser (`playwright install chromium`), or set GUI_FACTORY_CHROMIUM "
                "to a binary")


def _pending_calls_of_a_dead_driver(loop, context: dict) -> None:
    """asyncio's exception handler on Playwright's event loop. A driver that dies (killed at a deadline, or crashed)
    fails the call in flight, which the renderer handles (the render is drawn again in a fresh browser), and Playwright
    fails its other pending calls with "Connection closed ..." that nobody awaits: asyncio would print each one as an
    error when it is collected ("Future exception was never retrieved", often at exit). Those are logged at debug
    level; anything else goes to asyncio's default handler."""
    error = context.get("exception")
    if error is not None and str(error).startswith("Connection closed"):
        log.debug("a Playwright call left pending by its dead driver: %s", error)
        return
    loop.default_exception_handler(context)


class BrowserMissing(RuntimeError):
    pass


class Chromium:
    """One Playwright driver and the Chromium it launched (`browser`): a process tree that is ours to kill.

    Some ways of breaking send no event and fail no call: Chromium's zygote killed (the page in use still works, but
    no fresh page ever opens), every process stopped (SIGSTOP). Some Playwright calls take no timeout at all:
    new_context, new_page, new_cdp_session, context.close, browser.close, add_style_tag, the fake clock's calls. And
    a dead browser does not fail every call (a page that was being opened waits for ever: its initialisation is
    never settled). So the driver is killed as soon as its browser disconnects, which fails every waiting call at
    once (Playwright fails every call of a closed connection); `deadline` bounds the calls that take no timeout by
    killing the driver and the browser once it has passed; and `relaunch_if_dead` starts a fresh pair."""

    def __init__(self, timeout_ms: float, frames_on_demand: bool = False):
        self.timeout_ms = timeout_ms
        self.want_frames_on_demand = frames_on_demand
        self.frames_on_demand = False  # set at start: asked for, and the binary is a headless shell
        self.browser = None
        self._pw = None
        self._driver = None  # psutil.Process: Playwright's driver, parent of the browser's processes
        self._profile = None  # the temporary profile the driver made for the browser (see `stop`)
        self._killed = False
        self._stopping = False
        self._condemned = False

    def start(self) -> None:
        self._pw = import_playwright()().start()
        # Playwright's own event loop (private, as of 1.4x-1.5x: `_loop` of every sync API object)
        self._pw._loop.set_exception_handler(_pending_calls_of_a_dead_driver)
        path = chromium_path(self._pw)
        self.frames_on_demand = self.want_frames_on_demand and draws_frames_on_demand(path)
        args = CHROMIUM_ARGS + (FRAMES_ON_DEMAND_ARGS if self.frames_on_demand else [])
        self.browser = self._pw.chromium.launch(executable_path=path, args=args, timeout=self.timeout_ms)
        driver, browser_process = driver_process(self.browser, self.timeout_ms)
        self._driver = driver
        self._profile = playwright_profile(browser_process)
        self._killed = self._stopping = self._condemned = False
        self.browser.on("disconnected", lambda _: self._on_disconnected(driver))

    def _on_disconnected(self, driver) -> None:
        """The browser died (killed, crashed): kill its driver too, so that no call waits on the dead browser."""
        if self._stopping:
            return
        log.warning("the browser disconnected: killing its driver, which fails every call waiting on it")
        self._killed = True
        kill_tree(driver)

    def stop(self) -> None:
        """Close the browser (killed if that does not finish within CLOSE_MS), then stop the driver; a failure (a dead
        browser or driver) is logged, never masks the exit. The driver removes the browser's temporary profile when
        the browser closes; a browser killed with its driver (dead, hung, past a deadline) left it behind, ~5 MB in
        the temp folder per kill, so a profile still there is removed here."""
        self._stopping = True
        if self.browser is not None:
            try:
                with self.deadline("closing the browser", CLOSE_MS):
                    self.browser.close()
            except Exception as e:  # noqa: BLE001 - shutting down a dead browser; report, don't mask the exit
                log.warning("closing the browser failed: %s", e)
        if self._pw is not None:
            try:
                self._pw.stop()
            except Exception as e:  # noqa: BLE001 - a dead driver; report, don't mask the exit
                log.warning("stopping Playwright failed: %s", e)
        remove_profile(self._profile)
        self.browser = self._pw = self._driver = self._profile = None

    def condemn(self, why: str) -> None:
        """Have the next `relaunch_if_dead` start a fresh pair although the browser still answers: it failed to open a
        fresh page (its renderers cannot start: asked again, it would fail again or wait until the deadline)."""
        log.warning("%s: the browser will be relaunched", why)
        self._condemned = True

    def relaunch_if_dead(self) -> None:
        """A fresh driver and browser when the browser or the driver died or were killed (Playwright still calls a
        browser behind a dead driver connected, and every call to it fails), or the browser was condemned."""
        if (self.browser is not None and self.browser.is_connected() and not self._killed and not self._condemned
                and alive(self._driver)):
            return
        log.warning("the browser or its driver is gone: starting a fresh driver and browser")
        self.stop()
        self.start()

    @contextmanager
    def deadline(self, what: str, timeout_ms: float | None = None):
        """The block's calls, bounded: once `timeout_ms` (default: the deadline of every call) has passed, the driver
        and the browser are killed, which fails the waiting call at once, and the block raises PageFailed."""
        seconds = (timeout_ms or self.timeout_ms) / 1000
        driver, lock, state = self._driver, threading.Lock(), {"open": True, "expired": False}

        def expire() -> None:
            with lock:
                if not state["open"]:
                    return
                state["expired"] = self._killed = True
            log.warning("%s: no answer within %g s; killing the browser and its driver", what, seconds)
            if driver is not None:
                kill_tree(driver)

        timer = threading.Timer(seconds, expire)
        timer.daemon = True
        timer.start()
        failed = (f"{what}: no answer within {seconds:g} s (a page script that never yields, or a hung or broken "
                  f"browser); the browser and its driver were killed")
        try:
            yield
        except Exception as e:
            if state["expired"]:
                raise PageFailed(failed) from e
            raise
        finally:
            with lock:
                state["open"] = False
            timer.cancel()
        if state["expired"]:
            raise PageFailed(failed)


def driver_process(browser, timeout_ms: float):
    """The Playwright driver that launched `browser` and the browser's main process (psutil.Processes): the main
    process from Chromium's own list of its processes, the driver its parent. Refused unless the driver is a child of
    this process: we kill only what we started."""
    import psutil

    cdp = browser.new_browser_cdp_session()
    try:
        info = cdp.send("SystemInfo.getProcessInfo", timeout=timeout_ms)
    finally:
        cdp.detach()
    pid = next(p["id"] for p in info["processInfo"] if p["type"] == "browser")
    driver = psutil.Process(pid).parent()
    if driver is None or driver.ppid() != os.getpid():
        raise RuntimeError(f"Chromium's browser process {pid} was not launched by a driver of this process")
    return driver, psutil.Process(pid)


PROFILE_PREFIX = "playwright_chromiumdev_profile-"  # Playwright's name for a launch's temporary profile (1.4x-1.5x)


def playwright_profile(browser_process) -> Path | None:
    """The temporary profile Playwright's driver made for this browser (its `--user-data-dir`), if it is one: a folder
    of the temp folder named by Playwright. Anything else (a profile a user passed) is never ours to remove."""
    for arg in browser_process.cmdline():
        if arg.startswith("--user-data-dir="):
            path = Path(arg.split("=", 1)[1])
            if path.parent == Path(tempfile.gettempdir()) and path.name.startswith(PROFILE_PREFIX):
                return path
    return None


def remove_profile(path: Path | None) -> None:
    """Remove a killed browser's leftover temporary profile (see `playwright_profile`); a failure is logged."""
    if path is None or not path.is_dir() or path.is_symlink():
        return
    log.info("removing the temporary profile %s that a killed browser left behind", path)
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        pass  # removed meanwhile (its driver's own clean-up)
    except OSError as e:
        log.warning("could not remove the temporary profile %s: %s", path, e)


def alive(process) -> bool:
    """Whether a process still runs (not exited, not a zombie waiting to be reaped)."""
    import psutil

    try:
        return process is not None and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def kill_tree(process) -> None:
    """SIGKILL a process and every process below it (a stopped one too); those already gone are skipped."""
    import psutil

    try:
        tree = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for p in tree:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def chromium_path(playwright) -> str:
    """GUI_FACTORY_CHROMIUM, else Playwright's bundled build if installed, else a system Chromium (Debian's headless
    shell first)."""
    env = os.environ.get("GUI_FACTORY_CHROMIUM")
    if env:
        if not os.access(env, os.X_OK):
            raise BrowserMissing(f"GUI_FACTORY_CHROMIUM={env} is not an executable file")
        return env
    try:
        bundled = playwright.chromium.executable_path
    except Exception:  # noqa: BLE001 - Playwright raises a plain Error when its browser registry is absent
        bundled = ""
    if bundled and os.access(bundled, os.X_OK):
        return bundled
    for path in SYSTEM_CHROMIUMS:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    if found:
        return found
    raise BrowserMissing(INSTALL_HINT)


def draws_frames_on_demand(path: str) -> bool:
    """Whether the Chromium at `path` is a headless shell, which draws frames on demand (FRAMES_ON_DEMAND_ARGS); the
    full browser's headless mode has no HeadlessExperimental domain."""
    return os.path.basename(path) in HEADLESS_SHELLS


def import_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise BrowserMissing("the web renderer needs Playwright: pip install 'gui-factory[web]'") from e
    return sync_playwright
