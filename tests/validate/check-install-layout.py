#!/usr/bin/env python3
# Installs the build into a scratch DESTDIR and checks what landed where:
#   check-install-layout.py MESON BUILD_DIR SOURCE_DIR APP_ID BASE_ID BINDIR DATADIR LOCALEDIR
# The installed list must be exactly the expected one (a new installed file is
# a deliberate change here), and each file must be what the desktop needs:
# the desktop file launches the app and handles tocsin://, the D-Bus service
# starts the installed binary, the icons and metainfo match the app id.
import configparser
import gettext
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

meson, build, source, app_id, base_id, bindir, datadir, localedir = sys.argv[1:9]
errors = []


def check(condition, message):
    if not condition:
        errors.append(message)


def key_file(path, group):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser[group]


with open(os.path.join(source, "po", "LINGUAS"), encoding="utf-8") as f:
    languages = [w for line in f for w in line.split("#")[0].split()]

expected = {
    os.path.join(bindir, "tocsin"),
    os.path.join(datadir, "applications", app_id + ".desktop"),
    os.path.join(datadir, "dbus-1", "services", app_id + ".service"),
    os.path.join(datadir, "metainfo", app_id + ".metainfo.xml"),
    os.path.join(datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
    os.path.join(datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
    os.path.join(datadir, "glib-2.0", "schemas", base_id + ".gschema.xml"),
}
expected |= {os.path.join(localedir, lang, "LC_MESSAGES", "tocsin.mo") for lang in languages}

with tempfile.TemporaryDirectory(prefix="tocsin-install.") as dest:
    subprocess.run([meson, "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest],
                   check=True, stdout=subprocess.DEVNULL)

    installed = set()
    for root, _dirs, files in os.walk(dest):
        for name in files:
            installed.add("/" + os.path.relpath(os.path.join(root, name), dest))
    for path in sorted(expected - installed):
        errors.append("not installed: " + path)
    for path in sorted(installed - expected):
        errors.append("installed but not expected: " + path)

    def at(path):
        return dest + path

    binary = at(os.path.join(bindir, "tocsin"))
    if os.path.exists(binary):
        check(os.access(binary, os.X_OK), "the binary is not executable")

    desktop = at(os.path.join(datadir, "applications", app_id + ".desktop"))
    if os.path.exists(desktop):
        entry = key_file(desktop, "Desktop Entry")
        check(entry.get("Exec", "").split()[:1] == ["tocsin"], "desktop file: Exec does not run tocsin")
        check(entry.get("Icon") == app_id, "desktop file: Icon is not the app id")
        check(entry.get("DBusActivatable") == "true", "desktop file: not DBusActivatable")
        check("x-scheme-handler/tocsin" in entry.get("MimeType", "").split(";"),
              "desktop file: no x-scheme-handler/tocsin")

    service = at(os.path.join(datadir, "dbus-1", "services", app_id + ".service"))
    if os.path.exists(service):
        entry = key_file(service, "D-BUS Service")
        check(entry.get("Name") == app_id, "D-Bus service: Name is not the app id")
        argv = entry.get("Exec", "").split()
        check(argv[:1] == [os.path.join(bindir, "tocsin")], "D-Bus service: Exec is not the installed binary")
        check("--gapplication-service" in argv, "D-Bus service: not started as a GApplication service")

    metainfo = at(os.path.join(datadir, "metainfo", app_id + ".metainfo.xml"))
    if os.path.exists(metainfo):
        component = ET.parse(metainfo).getroot()
        check(component.findtext("id") == app_id, "metainfo: id is not the app id")
        launchables = [l.text for l in component.findall("launchable") if l.get("type") == "desktop-id"]
        check(launchables == [app_id + ".desktop"], "metainfo: launchable is not the desktop file")

    schema = at(os.path.join(datadir, "glib-2.0", "schemas", base_id + ".gschema.xml"))
    if os.path.exists(schema):
        ids = [s.get("id") for s in ET.parse(schema).getroot().findall("schema")]
        check(base_id in ids, "schema file: no schema %s" % base_id)

    for lang in languages:
        mo = at(os.path.join(localedir, lang, "LC_MESSAGES", "tocsin.mo"))
        if not os.path.exists(mo):
            continue
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)
            f.seek(0)
            order = "<" if f.read(4) == b"\xde\x12\x04\x95" else ">"
            f.seek(8)
            (count,) = struct.unpack(order + "I", f.read(4))
        check(catalog.info().get("language") == lang, "%s: not a catalog for %s" % (mo, lang))
        # One entry is the header; a catalog of only that translates nothing.
        check(count > 1, "%s: holds no translations" % mo)

for e in errors:
    print(e)
print("%d problems" % len(errors))
sys.exit(1 if errors else 0)
