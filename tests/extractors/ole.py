"""A minimal OLE2 compound-file writer (CFB v3) so tests can build legacy .doc/.xls and
password-protected Office containers without binary fixtures. Every stream is padded to the
4096-byte mini-stream cutoff so only regular sectors are used."""

from __future__ import annotations

import struct

SECTOR = 512
ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = NOSTREAM,
               right: int = NOSTREAM) -> bytes:
    raw = (name + "\x00").encode("utf-16-le")
    return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child) + b"\x00" * 16 + b"\x00" * 4
            + b"\x00" * 16 + struct.pack("<IQ", start, size))


def build_ole(streams: dict[str, bytes]) -> bytes:
    names = list(streams)
    datas = [streams[n].ljust(4096, b"\x00") for n in names]
    data_sectors = [len(d) // SECTOR + (1 if len(d) % SECTOR else 0) for d in datas]
    n_dir = (len(names) + 1 + 3) // 4
    total = 1 + n_dir + sum(data_sectors)
    assert total <= SECTOR // 4, "test streams too large for one FAT sector"
    fat = [FATSECT]
    fat += [i + 1 if i + 1 < 1 + n_dir else ENDOFCHAIN for i in range(1, 1 + n_dir)]
    starts = []
    pos = 1 + n_dir
    for count in data_sectors:
        starts.append(pos)
        fat += [pos + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
        pos += count
    fat += [FREESECT] * (SECTOR // 4 - len(fat))
    entries = [_dir_entry("Root Entry", 5, ENDOFCHAIN, 0, child=1 if names else NOSTREAM)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        entries.append(_dir_entry(name, 2, starts[i], len(datas[i]), right=right))  # >= cutoff: no mini stream
    unused = b"\x00" * 68 + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\x00" * 48
    entries += [unused] * (n_dir * 4 - len(entries))
    directory = b"".join(entries)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108)
    assert len(header) == SECTOR
    body = struct.pack(f"<{SECTOR // 4}I", *fat) + directory
    for d in datas:
        body += d.ljust(((len(d) + SECTOR - 1) // SECTOR) * SECTOR, b"\x00")
    return header + body
