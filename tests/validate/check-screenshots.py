#!/usr/bin/python3
# The metainfo's screenshots are the PNGs in data/screenshots/ (made by
# build-aux/screenshots), each with the size the metainfo gives, and every PNG
# there is listed. Usage: check-screenshots.py METAINFO SCREENSHOT_DIR
import os
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/tocsin/tocsin/main/data/screenshots/"

metainfo, directory = sys.argv[1], sys.argv[2]
errors = []
listed = set()
images = ET.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
if not images:
    errors.append("the metainfo lists no screenshots")
for image in images:
    url = image.text.strip()
    if not url.startswith(PREFIX):
        errors.append(f"{url}: not under {PREFIX}")
        continue
    name = url[len(PREFIX):]
    listed.add(name)
    path = os.path.join(directory, name)
    try:
        with open(path, "rb") as f:
            header = f.read(24)
    except OSError as e:
        errors.append(f"{url}: {e}")
        continue
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        errors.append(f"{path}: not a PNG")
        continue
    width, height = struct.unpack(">II", header[16:24])
    declared = (int(image.get("width", 0)), int(image.get("height", 0)))
    if (width, height) != declared:
        errors.append(f"{path}: {width}×{height}, the metainfo says {declared[0]}×{declared[1]}")
for name in sorted(os.listdir(directory)):
    if name.endswith(".png") and name not in listed:
        errors.append(f"{name} is in {directory} but not in the metainfo")

for error in errors:
    print(error)
print(f"{len(listed)} screenshots checked")
sys.exit(1 if errors else 0)
