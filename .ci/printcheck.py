#!/usr/bin/env python3
"""Checks a printed export, page by page, as a reader holds it: greyscale PNGs
that pdftoppm -gray rendered from Chromium's PDF (standard library only).

Usage: printcheck.py PAGE-1.png PAGE-2.png ...

Every page but the last must be printed at least halfway down: a page that
is mostly blank is a page break in the wrong place.
"""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (0, 2, 4, 6):
                sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {ctype})")
            bpp = {0: 1, 4: 2, 2: 3, 6: 4}[ctype]  # pdftoppm -gray -png writes grey as RGB
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        yield any(line[x] < 200 for x in range(0, stride, bpp))


pages = sys.argv[1:]
bad = []
for n, page in enumerate(pages, 1):
    inked = list(rows(page))
    depth = max((y for y, ink in enumerate(inked) if ink), default=0) / len(inked)
    print(f"page {n}: printed {depth:.0%} of the way down")
    if n < len(pages) and depth < 0.5:
        bad.append(n)
if bad:
    sys.exit(f"FAIL: pages {bad} are mostly blank")
print(f"{len(pages)} pages, none mostly blank but the last")
