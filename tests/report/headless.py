"""A minimal headless-Chromium driver over the DevTools protocol on a pipe (no websocket).

Chromium started with ``--remote-debugging-pipe`` reads NUL-terminated JSON commands from
file descriptor 3 and writes NUL-terminated JSON replies and events to descriptor 4. This is
enough to open a page, collect console messages, log entries and network requests, and take
a screenshot — without a third-party driver and without opening any port.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--allow-file-access-from-files",
    "--remote-debugging-pipe",
    "--window-size=1280,900",
)


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None."""
    for cand in CHROMIUM_CANDIDATES:
        path = shutil.which(cand) if not cand.startswith("/") else cand
        if path and os.access(path, os.X_OK):
            return path
    return None


@dataclass
class PageReport:
    """What happened while a page loaded."""

    url: str
    requests: list[str] = field(default_factory=list)
    console: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)
    exceptions: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    screenshot: bytes = b""
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[str]:
        """Console errors, error log entries, uncaught exceptions and failed loads."""
        out = [
            f"console.{c.get('type')}: {c.get('args')}"
            for c in self.console
            if c.get("type") in ("error", "assert")
        ]
        out += [
            f"log {e.get('source')}: {e.get('text')}" for e in self.log if e.get("level") == "error"
        ]
        out += [
            f"exception: {e.get('text')} {e.get('exception', {}).get('description', '')}"
            for e in self.exceptions
        ]
        out += [f"failed load: {f.get('errorText')}" for f in self.failed]
        return out


class Chromium:
    """A headless Chromium process driven over ``--remote-debugging-pipe``."""

    def __init__(self, binary: str, *, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="framelens-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:
            # In the child: fd 3 = commands in, fd 4 = replies out. Copy through fresh fds
            # first so 3 and 4 never clobber each other; os.dup2 makes them inheritable,
            # every other descriptor is close-on-exec.
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            preexec_fn=wire,
            close_fds=False,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- protocol ---------------------------------------------------------------------------
    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no reply from chromium in time")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the debugging pipe")
                self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        msg: dict[str, Any] = json.loads(raw)
        return msg

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and return its result (events seen meanwhile are queued)."""
        self._next_id += 1
        cmd: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            cmd["sessionId"] = session
        os.write(self._to_child, json.dumps(cmd).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._read_message(deadline)
            if msg.get("id") == self._next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                result: dict[str, Any] = msg.get("result", {})
                return result
            self._events.append(msg)

    def drain(self, seconds: float) -> None:
        """Collect events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._events.append(self._read_message(deadline))
            except TimeoutError:
                return

    def wait_event(self, method: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            for ev in self._events:
                if ev.get("method") == method and ev.get("sessionId") == session:
                    return
            self._events.append(self._read_message(deadline))

    # -- high level ------------------------------------------------------------------------
    def open(
        self, url: str, *, settle: float = 0.5, evaluate: dict[str, str] | None = None
    ) -> PageReport:
        """Load ``url`` in a fresh tab; return its requests, errors and a PNG screenshot.

        ``evaluate`` maps names to JavaScript expressions evaluated in the loaded page; their
        values land in ``PageReport.values``.
        """
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self._events = []
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        self.drain(settle)
        shot = self.send(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True},
            session=session,
        )
        report = PageReport(url=url, screenshot=base64.b64decode(shot["data"]))
        for name, expr in (evaluate or {}).items():
            res = self.send(
                "Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=session
            )
            report.values[name] = res.get("result", {}).get("value")
        for ev in self._events:
            if ev.get("sessionId") != session:
                continue
            p = ev.get("params", {})
            method = ev.get("method")
            if method == "Network.requestWillBeSent":
                report.requests.append(p["request"]["url"])
            elif method == "Runtime.consoleAPICalled":
                report.console.append(
                    {"type": p.get("type"), "args": [a.get("value") for a in p.get("args", [])]}
                )
            elif method == "Log.entryAdded":
                report.log.append(p.get("entry", {}))
            elif method == "Runtime.exceptionThrown":
                report.exceptions.append(p.get("exceptionDetails", {}))
            elif method == "Network.loadingFailed":
                report.failed.append(p)
        self.send("Target.closeTarget", {"targetId": target})
        return report

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)
        self._stderr.close()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def file_url(path: Path) -> str:
    """``file://`` URL of ``path`` (absolute, resolved)."""
    return path.resolve().as_uri()
