#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank, with the standard library only.

Usage: pngcheck.py FILE.png [--crop Y0 Y1 OUT.png]

Decodes the PNG (8-bit grey or colour, non-interlaced, as Chromium and
pdftoppm write them; .ci/printcheck.py uses the same decoder),
then requires enough distinct colours and enough non-white pixels: a page that
failed to render is one flat colour. --crop writes rows Y0..Y1 to OUT.png,
which helps to look at a tall page one piece at a time.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (0, 2, 4, 6) or interlace:
                sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})")
            bpp = {0: 1, 4: 2, 2: 3, 6: 4}[ctype]  # grey, grey+alpha, RGB, RGBA
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if w is None:
        sys.exit(f"{path}: no IHDR chunk")
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
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
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def encode(path, w, bpp, rows):
    ctype = 2 if bpp == 3 else 6
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, len(rows), 8, ctype, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def main():
    path = sys.argv[1]
    w, h, bpp, rows = decode(path)
    if len(sys.argv) == 6 and sys.argv[2] == "--crop":
        encode(sys.argv[5], w, bpp, rows[int(sys.argv[3]):int(sys.argv[4])])
        return
    colours, inked = set(), 0
    for r in rows[::2]:
        for x in range(0, w * bpp, bpp * 2):
            px = r[x:x + 3]
            colours.add(px)
            if sum(px) < 3 * 235:
                inked += 1
    sampled = len(rows[::2]) * len(range(0, w * bpp, bpp * 2))
    share = inked / sampled
    print(f"{path}: {w}x{h}, {len(colours)} colours, {share:.1%} of pixels inked")
    if len(colours) < 20 or share < 0.05:
        sys.exit(f"{path}: looks blank (want at least 20 colours and 5% inked pixels)")


if __name__ == "__main__":
    main()
