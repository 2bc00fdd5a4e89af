#!/usr/bin/env python3
# Checks the two Flatpak manifests: check-flatpak-manifests.py FLATPAK_DIR BASE_ID
#
# The Flathub manifest (BASE_ID.json) and the Devel one (BASE_ID.Devel.json)
# must be the same app: same runtime, modules and permissions. Only the id, the
# "devel" tag, the meson profile and the sources may differ. The permission
# list is exact, so a new hole in the sandbox is a deliberate change here.
import json
import re
import sys

PERMISSIONS = {
    "--share=network",        # the Atlassian API and the loopback sign-in callback
    "--share=ipc",            # X11 shared memory
    "--socket=wayland",
    "--socket=fallback-x11",  # X11 only where there is no Wayland
    "--device=dri",           # GTK's GL renderer
    "--socket=pulseaudio",    # the alarm sound
    "--talk-name=org.kde.StatusNotifierWatcher",  # the tray icon
}

flatpak_dir, base_id = sys.argv[1], sys.argv[2]
errors = []


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("%s: %s" % (path, e))


def check(condition, message):
    if not condition:
        errors.append(message)


release_path = "%s/%s.json" % (flatpak_dir, base_id)
devel_path = "%s/%s.Devel.json" % (flatpak_dir, base_id)
release = load(release_path)
devel = load(devel_path)

check(release.get("id") == base_id, "release: id is %r, not %r" % (release.get("id"), base_id))
check(devel.get("id") == base_id + ".Devel",
      "devel: id is %r, not %r" % (devel.get("id"), base_id + ".Devel"))
check("devel" not in release.get("tags", []), "release: tagged devel")
check("devel" in devel.get("tags", []), "devel: not tagged devel")

for name, manifest in (("release", release), ("devel", devel)):
    check(manifest.get("runtime") == "org.gnome.Platform", name + ": runtime is not org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", name + ": sdk is not org.gnome.Sdk")
    check(re.fullmatch(r"[0-9]+", str(manifest.get("runtime-version", ""))) is not None,
          name + ": runtime-version is not a numbered GNOME release")
    args = manifest.get("finish-args", [])
    check(len(args) == len(set(args)), name + ": finish-args has duplicates")
    for extra in sorted(set(args) - PERMISSIONS):
        errors.append("%s: permission not allowed: %s" % (name, extra))
    for missing in sorted(PERMISSIONS - set(args)):
        errors.append("%s: permission missing: %s" % (name, missing))
    modules = manifest.get("modules", [])
    check(len(modules) > 0 and modules[-1].get("name") == "tocsin",
          name + ": the last module is not tocsin")


def app_module(manifest):
    return manifest.get("modules", [{}])[-1]


def profile(manifest):
    opts = app_module(manifest).get("config-opts", [])
    return [o for o in opts if o.startswith("-Dprofile=")]


check(profile(release) == ["-Dprofile=default"], "release: not built with -Dprofile=default")
check(profile(devel) == ["-Dprofile=development"], "devel: not built with -Dprofile=development")

# The release builds from a tagged release: a git tag (with its commit once
# the tag exists) or a tarball pinned by sha256.
for source in app_module(release).get("sources", []):
    kind = source.get("type")
    if kind == "git":
        check(bool(source.get("url")) and bool(source.get("tag")), "release: git source without url and tag")
        check("branch" not in source, "release: git source follows a branch")
        if "commit" in source:
            check(re.fullmatch(r"[0-9a-f]{40}", source["commit"]) is not None,
                  "release: git commit is not a full hash")
    elif kind == "archive":
        check(source.get("url", "").startswith("https://"), "release: archive url is not https")
        check(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None,
              "release: archive without sha256")
    else:
        errors.append("release: source type %r is not a tagged release" % kind)
check(len(app_module(release).get("sources", [])) == 1, "release: not exactly one source")
check(app_module(devel).get("sources") == [{"type": "dir", "path": ".."}],
      "devel: does not build the local checkout")


def comparable(manifest):
    """The manifest without what may differ between the two."""
    m = json.loads(json.dumps(manifest))
    for key in ("id", "tags"):
        m.pop(key, None)
    module = app_module(m)
    module.pop("sources", None)
    module["config-opts"] = [o for o in module.get("config-opts", []) if not o.startswith("-Dprofile=")]
    return m


a, b = comparable(release), comparable(devel)
for key in sorted(set(a) | set(b)):
    check(a.get(key) == b.get(key), "release and devel differ in %r" % key)

for e in errors:
    print(e)
print("%d problems" % len(errors))
sys.exit(1 if errors else 0)
