"""DOCX (python-docx + its lxml tree): body paragraphs and tables in document order (nested
tables too), headers and footers, text boxes, content controls, tracked insertions; deleted text
(w:delText, moved-from runs) and comments are left out, as they are not the document's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from extractors.base import Extractor
from extractors.document import PART_BODY, ExtractedDocument, ImageInfo, Location, Table, TextBlock, TypedDate
from extractors.ooxml import MACRO_WARNING, check_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
WP_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
EMU_PER_PT = 12700
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "instrText", W + "delText",
         W + "commentReference", W + "footnoteReference", MC_FALLBACK}
_HEADING_STYLES = ("heading", "title", "subtitle")
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


class DocxExtractor(Extractor):
    formats = ("docx", "docm")
    label = "Word file"
    library_packages = ("docx",)
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, KeyError, IndexError, OSError,
                                                                 SyntaxError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        check_package(path, self.limits)
        # lazy: python-docx costs ~70 ms at import (python -X importtime); only DOCX files need it
        from docx.opc.exceptions import PackageNotFoundError

        try:
            part = _open_document_part(path)
        except PackageNotFoundError as e:
            raise ValueError("the file is not a Word package") from e
        if doc.format == "docm":
            doc.metadata["macros"] = "present, not run"
            doc.warnings.append(MACRO_WARNING)
        self.doc = doc
        self.styles = _style_names(part)
        self.tables = 0
        self.boxes: list[Any] = []
        self.counters: dict[str, int] = {}
        self._walk(part.element.body, PART_BODY, "text")
        for rel_part, kind in _header_footer_parts(part):
            self._walk(rel_part.element, kind, kind)
        box_index = 0
        while box_index < len(self.boxes):  # text boxes can hold text boxes
            self._walk(self.boxes[box_index], "textbox", "textbox")
            box_index += 1
        doc.pages = 1
        doc.metadata.update(_core_properties(part))

    # -- walking the tree ------------------------------------------------------------------------
    def _walk(self, container: Any, part: str, kind: str) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, part, kind)
            elif tag == W + "tbl":
                self._table(child, part)
            elif tag in (W + "sdt", W + "customXml", W + "ins", W + "smartTag"):
                content = child.find(W + "sdtContent") if tag == W + "sdt" else child
                first = len(self.doc.blocks)
                if content is not None:
                    self._walk(content, part, kind)
                props = child.find(W + "sdtPr") if tag == W + "sdt" else None
                if props is not None and len(self.doc.blocks) > first:
                    self._dates(props, self.doc.blocks[first].location)

    def _next(self, part: str) -> int:
        n = self.counters.get(part, 0)
        self.counters[part] = n + 1
        return n

    def _paragraph(self, p: Any, part: str, kind: str) -> None:
        text = _text_of(p, self.boxes).strip()
        index = self._next(part)
        loc = Location(part=part, paragraph=index)
        label = text or next((b.text for b in reversed(self.doc.blocks) if b.location.part == part), "")
        self._images(p, loc, label)
        if not text:
            return
        if kind == "text" and _is_heading(p, self.styles):
            kind = "heading"
        self.doc.blocks.append(TextBlock(text, loc, kind))
        self._dates(p, loc)

    def _table(self, tbl: Any, part: str) -> None:
        t_index = self.tables
        self.tables += 1
        rows: list[list[str]] = []
        cells: list[list[Location]] = []
        nested: list[Any] = []
        for r, tr in enumerate(_rows(tbl)):
            texts: list[str] = []
            locs: list[Location] = []
            for c, tc in enumerate(_cells(tr)):
                loc = Location(part=part, table=t_index, row=r, col=c)
                parts: list[str] = []
                for el in _cell_content(tc):
                    if el.tag == W + "tbl":
                        nested.append(el)
                    else:
                        parts.append(_text_of(el, self.boxes).strip())
                        self._dates(el, loc)
                text = "\n".join(x for x in parts if x)
                # A picture in a cell is labelled by its own text, else by the cell to its left.
                self._images(tc, loc, text or (texts[-1] if texts else ""))
                texts.append(text)
                locs.append(loc)
                if text:
                    self.doc.blocks.append(TextBlock(text, loc, "cell"))
            rows.append(texts)
            cells.append(locs)
        self.doc.tables.append(Table(rows, Location(part=part, table=t_index), cells))
        for inner in nested:
            self._table(inner, part)

    def _images(self, el: Any, loc: Location, label: str) -> None:
        """Pictures placed inline or anchored (a pasted wet signature), with their label."""
        for drawing in el.iter(W + "drawing"):
            if next(drawing.iter(A_BLIP), None) is None:
                continue
            extent = next(drawing.iter(WP_EXTENT), None)
            width = int(extent.get("cx", 0)) / EMU_PER_PT if extent is not None else 0.0
            height = int(extent.get("cy", 0)) / EMU_PER_PT if extent is not None else 0.0
            self.doc.images.append(ImageInfo(loc, round(width, 2), round(height, 2), label[:200]))

    def _dates(self, el: Any, loc: Location) -> None:
        """Date-picker content controls carry the date typed (w:fullDate)."""
        for d in el.iter(W + "date"):
            full = d.get(W + "fullDate")
            if full:
                try:
                    value = date.fromisoformat(full[:10])
                except ValueError:
                    continue
                self.doc.dates.append(TypedDate(value, full, loc))


def _open_document_part(path: Path) -> Any:
    # lazy: python-docx costs ~70 ms at import (python -X importtime); only DOCX files need it
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory
    from docx.parts.document import DocumentPart

    PartFactory.part_type_for.setdefault(DOCM_TYPE, DocumentPart)  # .docm reads like .docx
    package = docx.package.Package.open(str(path))
    part = package.main_document_part
    if part.content_type not in (CT.WML_DOCUMENT_MAIN, DOCM_TYPE) or not isinstance(part, DocumentPart):
        raise ValueError(f"not a Word document ({part.content_type})")
    return part


def _text_of(el: Any, boxes: list[Any]) -> str:
    out: list[str] = []

    def visit(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag == W + "p" and node is not el:
                visit(child)
                out.append("\n")
            elif tag not in _SKIP and isinstance(tag, str):
                visit(child)

    visit(el)
    return "".join(out)


def _children(el: Any, tag: str) -> list[Any]:
    """Direct ``tag`` children of ``el``, looking through content controls and custom XML that
    Word wraps around rows and cells (their content still belongs to the table)."""
    found = []
    for child in el:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            found.extend(_children(content, tag) if content is not None else [])
    return found


def _rows(tbl: Any) -> list[Any]:
    return _children(tbl, W + "tr")


def _cells(tr: Any) -> list[Any]:
    return _children(tr, W + "tc")


def _cell_content(tc: Any) -> list[Any]:
    out = []
    for child in tc:
        if child.tag in (W + "p", W + "tbl"):
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            out.extend(_cell_content(content) if content is not None else [])
    return out


def _style_names(part: Any) -> dict[str, str]:
    try:
        styles = part.styles.element
    except (KeyError, AttributeError, ValueError):
        return {}
    out = {}
    for st in styles.iter(W + "style"):
        name = st.find(W + "name")
        if name is not None:
            out[st.get(W + "styleId", "")] = (name.get(W + "val") or "").lower()
    return out


def _is_heading(p: Any, styles: dict[str, str]) -> bool:
    style = p.find(f"{W}pPr/{W}pStyle")
    if style is None:
        return p.find(f"{W}pPr/{W}outlineLvl") is not None
    name = styles.get(style.get(W + "val", ""), style.get(W + "val", "").lower())
    return name.startswith(_HEADING_STYLES)


def _header_footer_parts(part: Any) -> list[tuple[Any, str]]:
    out = []
    for rel in sorted(part.rels.values(), key=lambda r: str(getattr(r, "target_ref", ""))):
        if rel.is_external:
            continue
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("header", "footer"):
            out.append((rel.target_part, kind))
    order = {"header": 0, "footer": 1}
    return sorted(out, key=lambda x: order[x[1]])


def _core_properties(part: Any) -> dict[str, str]:
    try:
        props = part.package.core_properties
    except (KeyError, ValueError, AttributeError):
        return {}
    out = {}
    for key in ("title", "author", "subject"):
        value = getattr(props, key, None)
        if value:
            out[key] = str(value)[:500]
    for key in ("created", "modified"):
        value = getattr(props, key, None)
        if value:
            out[key] = value.isoformat()
    return out
