"""Blocks as plain text: the body of an e-mail (and any renderer that needs the words only)."""

from __future__ import annotations

from collections.abc import Iterable

from samples.docmodel import (
    Block,
    Bullets,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
)
from samples.render.common import caption, sig_lines, with_colon


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """Headings on their own line, bullets '- item' (or '1. item'), tables as 'a | b | c'
    lines, fields 'Label: value', signature blocks as 'Name: ...' lines; blocks apart by a
    blank line, as people type e-mails."""
    chunks: list[str] = []
    for block in blocks:
        lines = _lines(block)
        if lines:
            chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading | Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"{i}. {item}" if block.numbered else f"- {item}" for i, item in enumerate(block.items, 1)]
    if isinstance(block, Table):
        return [" | ".join(row) for row in block.rows]
    if isinstance(block, Fields):
        return [f"{with_colon(label)} {value}".rstrip() for label, value in block.pairs]
    if isinstance(block, SignatureBlock):
        return _signature_lines(block)
    if isinstance(block, PageBreak):
        return []
    raise TypeError(f"not a block: {block!r}")


def _signature_lines(block: SignatureBlock) -> list[str]:
    """Plain text has no drawn signature nor blank lines to sign on: the signature line is
    written only when it has text ('/s/ Teo Lupu'), blank fields are left out."""
    out = [block.intro] if block.intro else []
    for s in block.signatories:
        if out:
            out.append("")
        if cap := caption(s):
            out.append(cap)
        for line in sig_lines(s, "Signature"):
            if line.kind == "signature":
                if line.value:
                    out.append(line.value)
            elif line.value:
                out.append(f"{line.label}: {line.value}")
    return out
