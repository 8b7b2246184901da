#!/usr/bin/env python3
"""Checks a printed export, page by page, as a reader holds it: greyscale PNGs
that pdftoppm -gray rendered from Chromium's PDF (standard library only).

Usage: printcheck.py PAGE-1.png PAGE-2.png ...

Every page but the last must be printed at least halfway down: a page that
is mostly blank is a page break in the wrong place.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pngcheck import decode  # noqa: E402  (one PNG decoder for both checks)


def rows(path):
    """Yields, for each pixel row, whether any pixel in it is inked."""
    w, _, bpp, lines = decode(path)
    for line in lines:
        yield any(line[x] < 200 for x in range(0, w * bpp, bpp))


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
