#!/usr/bin/python3
"""A capturing org.freedesktop.Notifications server for the tests.

Owns the name on the session bus, answers Notify with a fresh id and
GetCapabilities with what a GNOME Shell offers, and writes one JSON line per
call to the log file given as the first argument. A test simulates a click on
a notification button by writing "invoke <id> <action>" (or "close <id>") to
the control FIFO given as the second argument.
"""

import json
import os
import sys
import threading

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def plain(value):
    if isinstance(value, (dbus.Array, list)):
        return [plain(v) for v in value]
    if isinstance(value, (dbus.Dictionary, dict)):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (dbus.Byte, dbus.Int16, dbus.Int32, dbus.Int64,
                          dbus.UInt16, dbus.UInt32, dbus.UInt64)):
        return int(value)
    if isinstance(value, dbus.Double):
        return float(value)
    if isinstance(value, (dbus.String, dbus.ObjectPath, str)):
        return str(value)
    return repr(value)


class Server(dbus.service.Object):
    def __init__(self, bus, log_path):
        super().__init__(bus, PATH)
        self.log = open(log_path, "a", buffering=1)
        self.next_id = 1

    def write(self, record):
        self.log.write(json.dumps(record) + "\n")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, timeout):
        nid = int(replaces_id) or self.next_id
        if not replaces_id:
            self.next_id += 1
        self.write({"call": "Notify", "id": nid, "app_name": str(app_name),
                    "replaces_id": int(replaces_id), "app_icon": str(app_icon),
                    "summary": str(summary), "body": str(body),
                    "actions": plain(actions), "hints": plain(hints),
                    "timeout": int(timeout)})
        return dbus.UInt32(nid)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.write({"call": "CloseNotification", "id": int(nid)})
        self.NotificationClosed(nid, 3)

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body", "body-markup", "persistence", "sound", "icon-static"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ["tocsin-test-notifications", "tocsin", "1.0", "1.2"]

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, nid, action_key):
        pass

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass


def watch_control(server, fifo):
    def handle(line):
        parts = line.split()
        if len(parts) == 3 and parts[0] == "invoke":
            server.ActionInvoked(dbus.UInt32(int(parts[1])), parts[2])
            server.write({"call": "ActionInvoked", "id": int(parts[1]), "action": parts[2]})
        elif len(parts) == 2 and parts[0] == "close":
            server.NotificationClosed(dbus.UInt32(int(parts[1])), dbus.UInt32(2))
        return False

    def reader():
        while True:
            with open(fifo) as f:
                for line in f:
                    GLib.idle_add(handle, line)

    threading.Thread(target=reader, daemon=True).start()


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    server = Server(bus, sys.argv[1])
    if len(sys.argv) > 2:
        if not os.path.exists(sys.argv[2]):
            os.mkfifo(sys.argv[2])
        watch_control(server, sys.argv[2])
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    assert name
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
