"""Fails unless every named PNG in a folder exists and shows a real picture (not one flat colour)."""
import struct
import sys
import zlib


def pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG into rows of bytes (enough for the screenshots Redline writes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = prev[i], (prev[i - channels] if i >= channels else 0)
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    folder, names = sys.argv[1], sys.argv[2:]
    failed = False
    for name in names:
        path = f"{folder}/{name}"
        try:
            width, height, channels, rows = pixels(path)
        except (OSError, ValueError, zlib.error) as e:
            print(f"FAIL {path}: {e}")
            failed = True
            continue
        colours = set()
        for row in rows[::4]:
            for x in range(0, width * channels, channels * 4):
                colours.add(row[x:x + 3])
        if len(colours) < 8:
            print(f"FAIL {path}: blank ({len(colours)} colours)")
            failed = True
        else:
            print(f"ok   {path}: {width}x{height}, {len(colours)} colours sampled")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
