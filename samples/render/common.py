"""Pieces every renderer shares: the signature lines of a party, field labels, the drawn
signature picture, and zip rewriting so Office files come out byte-identical on every run."""

from __future__ import annotations

import hashlib
import io
import math
import random
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from samples.docmodel import Signatory

BLANK = "________________"  # a blank field or signature line, as partners' templates print it
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

SigKind = Literal["signature", "name", "title", "date"]


@dataclass(frozen=True)
class SigLine:
    """One labelled line of a party's signature block. ``value`` None = blank; ``image``: the
    line carries a drawn signature instead of text."""

    kind: SigKind
    label: str
    value: str | None
    image: bool = False


def signature_label(seed: int) -> str:
    """'By' or 'Signature' for the signature line: both are common in partner templates."""
    return random.Random(seed * 7 + 1).choice(("By", "Signature"))


def sig_lines(s: Signatory, by_label: str) -> list[SigLine]:
    """The four lines of a party's block, in the order partners print them."""
    return [
        SigLine("signature", by_label, None if s.image else s.signature, image=s.image),
        SigLine("name", "Name", s.name),
        SigLine("title", "Title", s.title),
        SigLine("date", "Date", s.date),
    ]


def caption(s: Signatory) -> str:
    """The party's caption on one line with its organisation, unless the caption names it:
    'CUSTOMER' + 'Contoso Ltd' -> 'CUSTOMER: Contoso Ltd'; 'Accepted by:' -> 'Accepted by: Contoso Ltd'."""
    label = s.party_label.strip()
    if not s.org or s.org in label:
        return label
    if not label:
        return s.org
    return f"{label} {s.org}" if label.endswith(":") else f"{label}: {s.org}"


def with_colon(label: str) -> str:
    """A form label as printed: 'Customer name' -> 'Customer name:' (kept when it has one)."""
    stripped = label.rstrip()
    return stripped if stripped.endswith((":", "?")) else stripped + ":"


def winansi(text: str) -> str:
    """Text the PDF standard fonts can draw (WinAnsi): accents are kept where cp1252 has them,
    others lose their accent ('ș' -> 's'), anything else becomes '?'. Without this reportlab
    would draw missing-glyph boxes that OCR and text extraction read as garbage."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        try:
            base.encode("cp1252")
            out.append(base or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def _seed_of(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def signature_png(who: str, width: int = 360, height: int = 110) -> bytes:
    """A handwritten-looking signature, the same picture for the same ``who``: a few joined
    loops drawn at twice the size and scaled down so the stroke looks smooth (antialiased)."""
    # lazy: Pillow costs ~21 ms at import (python -X importtime); only image pages need it
    from PIL import Image, ImageDraw

    rng = random.Random(_seed_of(who))
    scale = 2
    w, h = width * scale, height * scale
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    points: list[tuple[float, float]] = []
    loops = rng.randint(4, 7)
    amp = [rng.uniform(0.18, 0.38) * h for _ in range(loops)]
    freq = [rng.uniform(0.8, 1.6) for _ in range(loops)]
    steps = 220
    for i in range(steps):
        t = i / (steps - 1)
        k = min(loops - 1, int(t * loops))
        x = w * (0.06 + 0.86 * t) + math.sin(t * loops * 2 * math.pi * freq[k]) * 0.035 * w
        y = h * (0.55 - 0.12 * t) - math.cos(t * loops * 2 * math.pi) * amp[k]
        points.append((x, y))
    ink = (20, 30, rng.randint(90, 140))
    draw.line(points, fill=ink, width=5 * scale // 2, joint="curve")
    # the flourish underneath most signatures
    y0 = h * rng.uniform(0.72, 0.82)
    draw.line([(w * 0.1, y0), (w * 0.5, y0 + h * 0.05), (w * 0.9, y0 - h * 0.04)], fill=ink, width=3, joint="curve")
    img = img.resize((width, height), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def normalize_zip(data: bytes, edit: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same package with fixed member timestamps and attributes (zip entries otherwise carry
    the time of saving), members in the order the library saved them. ``edit`` may rewrite a
    member (the core properties openpyxl stamps with the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if edit is not None:
                body = edit(info.filename, body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            fixed.create_system = 0
            dst.writestr(fixed, body)
    return out.getvalue()
