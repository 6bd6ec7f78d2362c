"""Completing the text layer of a PDF written by Qt, so that emoji copy and search as the
characters they are.

Qt's PDF writer maps each glyph back to its character for the text layer (the font's
``/ToUnicode`` table) by walking the characters below U+10000 only, so the emoji beyond it (🎉,
👍, most of them, and sequences such as 👩‍💻) print but copy as nothing. The caller knows, from
the laid-out document, which glyphs of the bundled emoji font it drew, in order, and for which
text. Qt numbers a font subset's glyphs in the order they are first drawn, so the subset's n-th
glyph is the n-th one drawn; each is checked against the bundled font's glyph (contours and
bounding box, which Qt's re-encoding of the outline keeps within a unit or two) and, where it
matches, its text is added to the ``/ToUnicode`` table. The change is appended as an
incremental update (the PDF's own mechanism for later edits): the bytes Qt wrote stay as they
are.

It reads only a PDF just written by this app and leaves it untouched when it finds anything it
does not expect. Pure Python, no Qt: TrueType and PDF are read with ``struct`` and ``re``.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

#: A CMap lists at most 100 entries per block.
BLOCK = 100
#: Font units a re-encoded glyph's bounding box may move.
TOLERANCE = 2

#: A glyph's number of contours and bounding box.
Shape = tuple[int, int, int, int, int]


def _tables(font: bytes) -> dict[bytes, bytes]:
    """A TrueType font's tables by tag."""
    count = struct.unpack_from(">H", font, 4)[0]
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * index)
        tables[tag] = font[offset : offset + length]
    return tables


def _glyphs(tables: dict[bytes, bytes]) -> list[bytes]:
    """Each glyph's outline bytes, by glyph id."""
    count = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    long_offsets = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
    loca = tables[b"loca"]
    if long_offsets:
        offsets = list(struct.unpack_from(f">{count + 1}I", loca))
    else:
        offsets = [2 * value for value in struct.unpack_from(f">{count + 1}H", loca)]
    glyf = tables[b"glyf"]
    return [glyf[offsets[gid] : offsets[gid + 1]] for gid in range(count)]


def _shape(glyph: bytes) -> Shape | None:
    if len(glyph) < 10:
        return None
    contours, x_min, y_min, x_max, y_max = struct.unpack_from(">hhhhh", glyph)
    return contours, x_min, y_min, x_max, y_max


def _same(one: Shape | None, other: Shape | None) -> bool:
    if one is None or other is None or one[0] != other[0]:
        return False
    return all(abs(a - b) <= TOLERANCE for a, b in zip(one[1:], other[1:], strict=True))


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _object(pdf: bytes, number: int) -> tuple[bytes, bytes | None]:
    """An object's dictionary and its stream's bytes (inflated), if it has one."""
    found = re.search(rb"(?:^|\s)%d 0 obj\s*(<<.*?>>)\s*(stream\r?\n|endobj)" % number, pdf, re.S)
    if found is None:
        raise ValueError(f"no object {number}")
    head = found.group(1)
    if not found.group(2).startswith(b"stream"):
        return head, None
    start = found.end()
    end = pdf.index(b"endstream", start)
    data = pdf[start:end].rstrip(b"\r\n")
    return head, zlib.decompress(data) if b"/FlateDecode" in head else data


#: An object whose dictionary holds the bytes put in at ``%s`` (within its first 1,000 bytes).
_DICTIONARY = rb"(?<![0-9])(\d+) 0 obj\s*<<(?:(?!endobj).){0,1000}?%s"


def _reference(head: bytes, key: bytes) -> int:
    found = re.search(rb"/" + key + rb"\s*\[?\s*(\d+) 0 R", head)
    if found is None:
        raise ValueError(f"no /{key.decode()}")
    return int(found.group(1))


def _missing(
    pdf: bytes, descriptor: int, drawn: Sequence[tuple[Shape | None, str]]
) -> tuple[int, bytes] | None:
    """For the font subset described at ``descriptor``: its /ToUnicode object and that table
    completed with the text it lacks, or None when it lacks none."""
    head, _ = _object(pdf, descriptor)
    _, subset = _object(pdf, _reference(head, b"FontFile2"))
    if subset is None:
        return None
    cid_font = re.search(_DICTIONARY % rb"/FontDescriptor %d 0 R" % descriptor, pdf, re.S)
    if cid_font is None:
        return None
    parent = re.search(_DICTIONARY % rb"/DescendantFonts \[%s 0 R\]" % cid_font.group(1), pdf, re.S)
    if parent is None:
        return None
    head, _ = _object(pdf, int(parent.group(1)))
    table_number = _reference(head, b"ToUnicode")
    _, table = _object(pdf, table_number)
    if table is None:
        return None
    mapped = {int(cid, 16) for cid in re.findall(rb"<([0-9A-Fa-f]{4})> <[0-9A-Fa-f]{4,}>", table)}
    for first, last in re.findall(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4})> [<\[]", table):
        mapped.update(range(int(first, 16), int(last, 16) + 1))
    additions = []
    for cid, glyph in enumerate(_glyphs(_tables(subset))):
        if cid == 0 or cid in mapped:
            continue
        shape = _shape(glyph)
        if cid <= len(drawn) and _same(drawn[cid - 1][0], shape):
            additions.append((cid, drawn[cid - 1][1]))
            continue
        texts = {text for known, text in drawn if _same(known, shape)}
        if len(texts) == 1:
            additions.append((cid, texts.pop()))
    if not additions:
        return None
    blocks = []
    for start in range(0, len(additions), BLOCK):
        chunk = additions[start : start + BLOCK]
        lines = "".join(f"<{cid:04X}> <{_utf16(text)}>\n" for cid, text in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}endbfchar\n".encode())
    at = table.rindex(b"endcmap")
    return table_number, table[:at] + b"".join(blocks) + table[at:]


def complete_text(path: Path, font: Path, drawn: Sequence[tuple[int, str]]) -> int:
    """Add to the PDF at ``path`` the text of the glyphs of ``font`` it draws but does not name:
    ``drawn`` lists each glyph id of that font the PDF draws, with its text, in the order first
    drawn. Return how many tables were completed (0 leaves the file as it was)."""
    if not drawn:
        return 0
    pdf = path.read_bytes()
    name = font.stem.encode()
    try:
        glyphs = _glyphs(_tables(font.read_bytes()))
        shapes = [(_shape(glyphs[gid]) if gid < len(glyphs) else None, text) for gid, text in drawn]
        updates = []
        pattern = _DICTIONARY % rb"/FontName /[A-Z]{6}\+%s\b" % name
        for found in re.finditer(pattern, pdf, re.S):
            completed = _missing(pdf, int(found.group(1)), shapes)
            if completed is not None:
                updates.append(completed)
        if not updates:
            return 0
        trailer = pdf[pdf.rindex(b"trailer") :]
        size = int(re.search(rb"/Size (\d+)", trailer).group(1))  # type: ignore[union-attr]
        root = re.search(rb"/Root \d+ 0 R", trailer).group(0)  # type: ignore[union-attr]
        info = re.search(rb"/Info \d+ 0 R", trailer)
        previous = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    except (ValueError, AttributeError, IndexError, struct.error, zlib.error, KeyError):
        return 0
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    entries = []
    for number, table in sorted(updates):
        entries.append((number, len(out)))
        out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(table))
        out += table + b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for number, offset in entries:
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    out += b"trailer\n<< /Size %d %s " % (size, root)
    out += (info.group(0) + b" " if info else b"") + b"/Prev %d >>\n" % previous
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return len(updates)
