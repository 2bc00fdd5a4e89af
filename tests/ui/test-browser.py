#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-browser.py URL: the "default web browser" of the sign-in UI tests.
#
# Runs headless Chromium on URL and plays the user on the sandbox consent
# page: it clicks the button whose id is $TOCSIN_TEST_BROWSER_ACTION
# ("accept" by default, or "deny") with a real click in the page, driven
# over the DevTools protocol by the tiny websocket client below (no
# third-party modules: /usr/bin/python3 only). A redirect to a non-web
# scheme (tocsin://...) is handed to the desktop's scheme handler with
# `gio open`, as a desktop browser would with xdg-open. Every wait is
# bounded; the script always ends Chromium, by its own process id.
#
# $TOCSIN_TEST_BROWSER_LOG, if set, gets one line per step (never a URL
# query: it holds the authorization code), and whether the environment it
# was started with holds TOCSIN_CLIENT_SECRET (never its value).

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

CHROMIUM = "/usr/lib/chromium/chromium"
DEADLINE = time.monotonic() + 60


def log(msg):
    path = os.environ.get("TOCSIN_TEST_BROWSER_LOG")
    if path:
        with open(path, "a") as f:
            f.write(msg + "\n")


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol on loopback."""

    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=5)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n"
                           % (u.path, u.hostname, u.port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise OSError("websocket handshake failed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise OSError("websocket handshake refused")

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + len(data).to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + len(data).to_bytes(8, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(header + mask + masked)

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise OSError("websocket closed")
            buf += chunk
        return buf

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise OSError("websocket closed")
            if opcode in (0x9, 0xA):
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class DevTools:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        return self.next_id

    def call(self, method, **params):
        my_id = self.send(method, **params)
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def event(self, timeout):
        if self.events:
            return self.events.pop(0)
        # Answers to send() (no waiting) are skipped here.
        self.ws.sock.settimeout(timeout)
        try:
            return json.loads(self.ws.recv())
        except socket.timeout:
            return None
        finally:
            self.ws.sock.settimeout(5)


def header(headers, name):
    for h in headers or []:
        if h["name"].lower() == name.lower():
            return h["value"]
    return None


def drive(dt, url, action):
    # Responses pass through here, so a redirect to tocsin:// is seen before
    # Chromium drops it (headless Chromium has no external protocol dialog).
    dt.call("Fetch.enable", patterns=[{"urlPattern": "*", "requestStage": "Response"}])
    dt.call("Page.enable")
    # Not waited for: it answers only once the paused response goes on.
    dt.send("Page.navigate", url=url)

    clicked = False
    done_at = None
    while time.monotonic() < DEADLINE:
        if done_at is not None and time.monotonic() > done_at:
            return True
        ev = dt.event(0.5)
        if ev is None:
            continue
        method = ev.get("method")
        if method is None:
            continue
        params = ev.get("params", {})
        if method == "Fetch.requestPaused":
            status = params.get("responseStatusCode", 0)
            location = header(params.get("responseHeaders"), "location")
            if 300 <= status < 400 and location:
                scheme = urllib.parse.urlparse(location).scheme.lower()
                if scheme not in ("http", "https"):
                    log("handing a %s: redirect to the desktop" % scheme)
                    subprocess.run(["gio", "open", location], timeout=30, check=False)
                    dt.call("Fetch.failRequest", requestId=params["requestId"], errorReason="Aborted")
                    done_at = time.monotonic() + 1
                    continue
                if clicked:
                    log("following the redirect to %s" % urllib.parse.urlparse(location).path)
            dt.call("Fetch.continueRequest", requestId=params["requestId"])
        elif method == "Page.loadEventFired":
            if not clicked:
                page = dt.call("Runtime.evaluate", returnByValue=True,
                               expression="document.getElementById(%s) !== null" % json.dumps(action))
                if not page.get("result", {}).get("value"):
                    log("no %s button on the page" % action)
                    return False
                dt.call("Runtime.evaluate",
                        expression="document.getElementById(%s).click()" % json.dumps(action))
                clicked = True
                log("clicked %s" % action)
            else:
                log("page after the click loaded")
                done_at = time.monotonic() + 1
    log("timed out")
    return False


def main():
    url = sys.argv[1]
    action = os.environ.get("TOCSIN_TEST_BROWSER_ACTION", "accept")
    # What the app handed down to the browser it launched.
    log("client secret in environment: %s"
        % ("yes" if "TOCSIN_CLIENT_SECRET" in os.environ else "no"))
    profile = tempfile.mkdtemp(prefix="tocsin-test-browser.")
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage",
         "--disable-quic", "--password-store=basic", "--user-data-dir=" + profile,
         "--remote-debugging-port=0", "about:blank"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = False
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.monotonic() > DEADLINE or proc.poll() is not None:
                raise RuntimeError("Chromium did not start")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=5) as r:
            targets = [t for t in json.load(r) if t.get("type") == "page"]
        log("browser started")
        ok = drive(DevTools(WebSocket(targets[0]["webSocketDebuggerUrl"])), url, action)
    except Exception as e:  # the test sees the outcome in the app, this only logs
        log("error: %s" % e)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    log("done" if ok else "failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
