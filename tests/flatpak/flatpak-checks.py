#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-checks.py TOP BUILD RUN APP_ID: runs the installed Flatpak of Tocsin
# in its sandbox and checks what only the sandbox can show: the browser, the
# keyring, notifications and running in the background all go through the
# real xdg-desktop-portal. Started by build-aux/flatpak-test inside
# `xvfb-run dbus-run-session`, on a bus that activates only the portals.
#
# The app is driven from outside, as a desktop would: `flatpak run` with the
# sandbox server's URLs, `gapplication action` for its actions, a
# WM_DELETE_WINDOW message to close its window, the notification server's
# control FIFO for button clicks. What happened is read from the sandbox
# server's request log, the notification server's log, a dbus-monitor log of
# the portal calls, and the files the app left in ~/.var/app. Screenshots go
# to RUN/screenshots. Prints a table of the checks; fails if any failed.

import ctypes
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

top, build, run, app_id = sys.argv[1:5]
shots = os.path.join(run, "screenshots")
notification_log = os.path.join(run, "notifications.jsonl")
notification_control = os.path.join(run, "notifications.ctl")
monitor_log = os.path.join(run, "dbus-monitor.log")
browser_log = os.environ["TOCSIN_TEST_BROWSER_LOG"]
app_dir = os.path.join(os.environ["HOME"], ".var", "app", app_id)
object_path = "/" + app_id.replace(".", "/")

processes = []
results = []


def start(argv, log_name, stdout=None, **kwargs):
    out = open(os.path.join(run, log_name), "a")
    p = subprocess.Popen(argv, stdout=stdout or out, stderr=out, **kwargs)
    processes.append(p)
    return p


def wait_until(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    return predicate()


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    print("%-4s %s%s" % ("ok" if ok else "FAIL", name, (": " + detail) if detail else ""), flush=True)
    return ok


def shot(name):
    subprocess.run(["import", "-window", "root", os.path.join(shots, name + ".png")], check=False)


# The sandbox server (Atlassian's stand-in) on loopback.

sandbox = start([os.path.join(build, "tests", "sandbox", "tocsin-sandbox"), "--port", "0"],
                "sandbox.stderr", stdout=subprocess.PIPE)
info = json.loads(sandbox.stdout.readline())


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(info["api_url"] + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read().decode()


def requests_after(seq):
    entries = [json.loads(line) for line in control("GET", "/_sandbox/log").splitlines() if line.strip()]
    return [e for e in entries if e["seq"] > seq]


def last_seq():
    entries = requests_after(-1)
    return entries[-1]["seq"] if entries else -1


def token_exchanges(seq):
    return [e for e in requests_after(seq)
            if e["path"] == "/oauth/token" and e.get("grant_type") == "authorization_code"
            and e["status"] == 200]


def alert_lists(seq):
    return [e for e in requests_after(seq)
            if e["method"] == "GET" and e["path"].endswith("/jsm/ops/api/v1/alerts") and e["status"] == 200]


def monitored(member):
    with open(monitor_log, errors="replace") as f:
        return ("member=%s" % member) in f.read()


def background_allowed():
    """A Request.Response from the portal with background=true."""
    with open(monitor_log, errors="replace") as f:
        text = f.read()
    return re.search(r'member=Response\n\s+uint32 0\n\s+array \[\n(?:\s+dict entry\(\n\s+string "\w+"\n.*\n\s+\)\n)*?'
                     r'\s+dict entry\(\n\s+string "background"\n\s+variant\s+boolean true', text) is not None


def notifications():
    if not os.path.exists(notification_log):
        return []
    with open(notification_log) as f:
        return [json.loads(line) for line in f if line.strip()]


def browser_said(text):
    return os.path.exists(browser_log) and text in open(browser_log).read()


def bus_has(name):
    r = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                        "--object-path", "/org/freedesktop/DBus", "--method",
                        "org.freedesktop.DBus.NameHasOwner", name],
                       capture_output=True, text=True)
    return "true" in r.stdout


def action(name, parameter=None):
    argv = ["gapplication", "action", app_id, name] + ([parameter] if parameter else [])
    return subprocess.run(argv, capture_output=True, text=True, timeout=30).returncode == 0


def app_windows():
    """The app's mapped top-level windows (GTK also makes unmapped helpers)."""
    out = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True).stdout
    windows = []
    for m in re.finditer(r"^\s+(0x[0-9a-f]+) \"Tocsin\"", out, re.M):
        state = subprocess.run(["xwininfo", "-id", m.group(1)], capture_output=True, text=True).stdout
        if "IsViewable" in state:
            windows.append(int(m.group(1), 16))
    return windows


def close_window(window):
    """What a window manager does on the close button: WM_DELETE_WINDOW."""
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                    ("message_type", ctypes.c_ulong), ("format", ctypes.c_int),
                    ("data", ctypes.c_long * 5), ("pad", ctypes.c_char * 96)]

    display = x11.XOpenDisplay(None)
    event = ClientMessage()
    event.type = 33  # ClientMessage
    event.window = window
    event.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
    event.format = 32
    event.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
    event.data[1] = 0  # CurrentTime
    x11.XSendEvent(display, window, 0, 0, ctypes.byref(event))
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XFlush(display)
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay(display)


def start_app(*extra):
    env = dict(os.environ, TOCSIN_CLIENT_SECRET=info["client_secret"],
               GDK_DEBUG="gl-disable", GSK_RENDERER="cairo")
    return start(["flatpak", "run", app_id, "--auth-url", info["auth_url"], "--api-url", info["api_url"],
                  "--client-id", info["client_id"]] + list(extra), "app.log", env=env)


def quit_app():
    """Quits through the app's action and waits for `flatpak run` to end, so
    the next start is a new primary instance, not a remote of the old one."""
    app = [p for p in processes if not isinstance(p, int) and p.args[:2] == ["flatpak", "run"]][-1]
    action("quit")
    try:
        app.wait(30)
    except subprocess.TimeoutExpired:
        raise RuntimeError("the app did not quit within 30 s")


def sign_in_and_pick_site(seq):
    if not action("sign-in"):
        return False
    if not wait_until(lambda: token_exchanges(seq), 120):
        return False
    # Two sandbox sites: the app asks which; pick the first, as a user would.
    cloud_id = json.loads(control("GET", "/_sandbox/state"))["sites"][0]["id"]
    wait_until(lambda: action("site", "'%s'" % cloud_id), 10)
    return wait_until(lambda: alert_lists(seq), 30)


def main():
    # The session: an unlocked keyring (the Secret portal's backend), the
    # capturing notification server, a log of the portal calls.
    keyring = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                             input="tocsin-flatpak-test", capture_output=True, text=True, check=True)
    for line in keyring.stdout.splitlines():
        key, _, value = line.partition("=")
        if key == "GNOME_KEYRING_PID":
            processes.append(int(value))
    start(["/usr/bin/python3", os.path.join(top, "tests", "harness", "notification-server.py"),
           notification_log, notification_control], "notification-server.log")
    # Not org.freedesktop.Application.Open: it carries the tocsin:// callback
    # with its authorization code, which no log should hold.
    start(["dbus-monitor", "--session",
           "interface='org.freedesktop.portal.OpenURI'", "interface='org.freedesktop.portal.Secret'",
           "interface='org.freedesktop.portal.Background'", "interface='org.freedesktop.portal.Notification'",
           "interface='org.freedesktop.Application',member='ActivateAction'",
           "interface='org.freedesktop.portal.Request'"],
          "dbus-monitor.log")
    wait_until(lambda: bus_has("org.freedesktop.Notifications"), 10)

    # The test's desktop: headless Chromium is the web browser. tocsin:// is
    # left to what the Flatpak installation exports (its desktop file and
    # mimeinfo.cache on XDG_DATA_DIRS), as on a user's desktop.
    subprocess.run(["sh", os.path.join(top, "tests", "ui", "setup-mimeapps.sh"),
                    os.path.join(top, "tests", "ui", "test-browser.py")], check=True)

    # Settings live in the sandbox's keyfile; poll at the shortest interval.
    settings = os.path.join(app_dir, "config", "glib-2.0", "settings")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write("[io/github/tocsin/Tocsin]\npoll-interval=uint32 15\n")

    # 1. Sign in through the OpenURI portal and the loopback callback.
    t0 = time.monotonic()
    start_app()
    running = wait_until(lambda: bus_has(app_id), 60) and wait_until(app_windows, 30)
    check("app starts in the sandbox", running and os.path.exists(app_dir),
          "%.0fs to its window" % (time.monotonic() - t0))
    shot("01-signed-out")
    seq = last_seq()
    listed = sign_in_and_pick_site(seq)
    check("sign in opens the browser through the OpenURI portal",
          monitored("OpenURI") and browser_said("clicked accept"))
    check("the loopback callback arrives, the code is exchanged", token_exchanges(seq))
    check("alerts are listed", listed, "%d alert list requests" % len(alert_lists(seq)))
    time.sleep(2)
    shot("02-alerts")

    keyring_file = os.path.join(app_dir, "data", "keyrings", "default.keyring")
    stored = wait_until(lambda: os.path.exists(keyring_file), 10)
    plain = stored and re.search(rb"sb[arc]_|refresh|access_token", open(keyring_file, "rb").read())
    check("tokens stored through the Secret portal, encrypted",
          stored and monitored("RetrieveSecret") and not plain,
          "~/.var/app/%s/data/keyrings/default.keyring" % app_id)

    # 2. A new P1 pages through the Notification portal; Acknowledge works.
    # The signed-in user is in on-call rotations, so "Page For" settles on
    # her and her teams: the alert names her as a responder to be in scope.
    state = json.loads(control("GET", "/_sandbox/state"))
    cloud_id = state["sites"][0]["id"]
    alert = json.loads(control("POST", "/_sandbox/alerts?site=" + cloud_id,
                               {"message": "Flatpak check: payment API down", "priority": "P1",
                                "responders": [{"id": state["user"]["accountId"], "type": "user"}]}))

    def paged():
        return next((n for n in notifications() if n["call"] == "Notify"
                     and "payment API down" in n["summary"] + n["body"]), None)

    note = wait_until(paged, 60)
    buttons = dict(zip(note["actions"][1::2], note["actions"][0::2])) if note else {}
    check("a new P1 pages through the Notification portal",
          note and monitored("AddNotification") and note["hints"].get("desktop-entry") == app_id,
          "buttons: %s" % ", ".join(buttons) if note else "no notification")
    shot("03-paged")
    acknowledged = False
    if "Acknowledge" in buttons:
        seq = last_seq()
        with open(notification_control, "w") as f:
            f.write("invoke %d %s\n" % (note["id"], buttons["Acknowledge"]))
        ack_path = "/alerts/%s/acknowledge" % alert["id"]
        acknowledged = wait_until(lambda: [e for e in requests_after(seq)
                                           if e["method"] == "POST" and e["path"].endswith(ack_path)], 30)
    check("its Acknowledge button acknowledges the alert",
          acknowledged and monitored("ActivateAction"))

    # 3. Closing the window: the Background portal was asked, polling goes on.
    windows = app_windows()
    for window in windows:
        close_window(window)
    closed = windows and wait_until(lambda: not app_windows(), 15)
    seq = last_seq()
    polled = closed and wait_until(lambda: alert_lists(seq), 45)
    shot("04-background")
    check("closing the window asks the Background portal; polling goes on",
          monitored("RequestBackground") and background_allowed() and closed and bus_has(app_id) and polled,
          "window closed, %d polls after" % len(alert_lists(seq)) if closed else "window not closed")

    # 4. The tocsin:// callback through the exported desktop file: a fresh
    # start, signed out, with the custom-scheme callback URL.
    quit_app()
    subprocess.run(["rm", "-rf", os.path.join(app_dir, "data", "keyrings")], check=True)
    seq = last_seq()
    start_app("--redirect-uri", "tocsin://callback")
    wait_until(lambda: bus_has(app_id) and app_windows(), 60)
    listed = sign_in_and_pick_site(seq)
    via_scheme = [e for e in token_exchanges(seq) if "tocsin://callback" in json.dumps(e.get("body", ""))]
    check("the tocsin:// callback reaches the sandboxed app",
          browser_said("handing a tocsin") and via_scheme and listed)
    time.sleep(2)
    shot("05-signed-in-by-scheme")
    quit_app()


try:
    main()
except Exception as e:  # a broken step is a failed check, not a traceback alone
    check("the run finished", False, "%s: %s" % (type(e).__name__, e))
finally:
    for p in reversed(processes):
        try:
            if isinstance(p, int):
                os.kill(p, signal.SIGTERM)
            else:
                p.terminate()
                p.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass

width = max(len(name) for name, _, _ in results) if results else 10
print()
print("| %-*s | result |" % (width, "check"))
print("|%s|--------|" % ("-" * (width + 2)))
for name, ok, _ in results:
    print("| %-*s | %-6s |" % (width, name, "passed" if ok else "FAILED"))
failed = sum(1 for _, ok, _ in results if not ok)
print("\n%d passed, %d failed; screenshots in %s" % (len(results) - failed, failed, shots))
sys.exit(1 if failed or not results else 0)
