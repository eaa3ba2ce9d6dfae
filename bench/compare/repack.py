#!/usr/bin/env python3
"""Repacks a jar the way another packer would: same entry contents, entries in reverse order, every
timestamp set to another date, and a different compression level. Used to make an EQUIVALENT pair."""
import sys
import zipfile

src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
    for info in reversed(zin.infolist()):
        data = zin.read(info.filename)
        out = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 2, 3, 4, 6))
        out.compress_type = zipfile.ZIP_DEFLATED
        out.external_attr = info.external_attr
        zout.writestr(out, data)
