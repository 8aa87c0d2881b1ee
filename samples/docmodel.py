"""A format-neutral model of the documents the sample generator writes.

The corpus generator (``samples.compose``) decides *what* a document says as a list of
blocks; the renderers (``samples.render``) decide *how* it looks in each format (PDF,
scanned PDF, DOCX, XLSX, EML). Keeping the two apart lets one labelled scenario come out in many
layouts, so the accuracy benchmark measures the checks, not one template.

Every block is plain data. Renderers must be deterministic: the same ``Document`` (and the same
``layout_seed``) gives the same bytes, so rebuilding a corpus or the demo inbox is a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "scan_pdf", "docx", "xlsx", "eml", "png"]
DocKind = Literal["sow", "msa", "po", "poe_template", "email", "letter", "other"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = document title, 2 = section, 3 = sub-section


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["normal", "small", "bold", "italic", "stamp"] = "normal"
    # "stamp": an e-signature service's line (DocuSign envelope ID, Adobe Sign stamp), drawn
    # small in a margin or header by PDF renderers, as a plain paragraph elsewhere.


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A grid of cells. ``header``: the first row is a header row. ``ruled``: drawn grid lines
    (PDF/DOCX); an unruled table is laid out in aligned columns only."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = True
    ruled: bool = True


@dataclass(frozen=True)
class Fields:
    """Label/value pairs of a form ("Customer name:" "Contoso Ltd"). An empty value is a blank
    field: drawn as the bare label (with an underline in PDF/DOCX, an empty cell in XLSX)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Signatory:
    """One party's signature block.

    ``party_label``: the caption above the block ("CUSTOMER", "For and on behalf of Contoso Ltd",
    "Accepted by:"). ``org`` may be "" when the caption already names it. ``signature``: the text
    on the signature line ("/s/ Teo Lupu", "Teo Lupu", "Signed electronically by Teo Lupu") or
    None for a blank line ("______"); ``image``: a drawn signature picture on the line instead
    of text (PDF/DOCX only; XLSX/EML fall back to the name). ``name``/``title``/``date`` None =
    blank field; a placeholder such as "[Date]" or "TBD" is written as given.
    """

    party_label: str
    org: str = ""
    signature: str | None = None
    name: str | None = None
    title: str | None = None
    date: str | None = None
    image: bool = False


@dataclass(frozen=True)
class SignatureBlock:
    """Signature blocks of the parties, in one of the layouts partners use:
    ``stacked`` (one after the other), ``columns`` (side by side, unruled), ``table`` (a ruled
    table, one column per party, rows By/Name/Title/Date), ``inline`` (one line per party:
    "Customer: Contoso Ltd  By: /s/ Teo Lupu  Date: 12 July 2026")."""

    signatories: tuple[Signatory, ...]
    layout: Literal["stacked", "columns", "table", "inline"] = "stacked"
    intro: str = ""  # e.g. "IN WITNESS WHEREOF the parties have signed this SOW."


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Fields | SignatureBlock | PageBreak


@dataclass(frozen=True)
class Document:
    """One file of a claim. ``filename`` includes the extension matching ``fmt`` (".pdf" for
    both pdf and scan_pdf). ``header``/``footer``: running text on every page (PDF/DOCX).
    ``layout_seed``: picks fonts, margins, spacing and similar cosmetic variation, nothing that
    changes what the document says."""

    filename: str
    fmt: Format
    kind: DocKind
    blocks: tuple[Block, ...]
    header: str = ""
    footer: str = ""
    layout_seed: int = 0
    # XLSX only: the sheet name of the blocks (POE template: "POE"); extra sheets by name.
    sheet: str = "POE"
    extra_sheets: tuple[tuple[str, tuple[Block, ...]], ...] = ()


@dataclass(frozen=True)
class Email:
    """An e-mail (``.eml``): headers, a plain-text body made of blocks, attachments rendered by
    their own renderer and attached with their filename."""

    filename: str
    from_addr: str  # "Teo Lupu <teo.lupu@contoso.example>"
    to_addrs: tuple[str, ...]
    subject: str
    date: str  # RFC 2822, e.g. "Tue, 14 Jul 2026 10:02:00 +0000"
    body: tuple[Block, ...]
    cc_addrs: tuple[str, ...] = ()
    attachments: tuple[Document, ...] = field(default_factory=tuple)
    fmt: Literal["eml"] = "eml"
    kind: DocKind = "email"
