"""XML entity attacks (billion laughs, external entities) refused before lxml sees a part.

Office parts never carry a DTD, so any DOCTYPE or ENTITY declaration is refused outright, as
defusedxml does with ``forbid_dtd``. Only the prolog is read: the scan stops at the root element.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden

from extractors.errors import Unreadable, UnsafeFile


class _RootReached(Exception):
    pass


def _forbid_dtd(name: str, *args: object) -> None:
    raise DTDForbidden(name, None, None)


def _forbid_entity(name: str, *args: object) -> None:
    raise EntitiesForbidden(name, None, None, None, None, None)


def _reached_root(*args: object) -> None:
    raise _RootReached


def check_xml_prolog(chunks: object) -> None:
    """Raise UnsafeFile when the XML stream (iterable of bytes chunks) declares a DTD or entity."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.StartElementHandler = _reached_root
    try:
        for chunk in chunks:  # type: ignore[attr-defined]
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _RootReached:
        return
    except (DTDForbidden, EntitiesForbidden) as e:
        raise UnsafeFile("unsafe file: an XML part declares a DTD or entities (XML entity attack)") from e
    except expat.ExpatError:
        return  # not well-formed: the real parser reports it as a damaged file


def _zip_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 16384, most: int = 1 << 20):
    with zf.open(info) as f:
        read = 0
        while read < most and (chunk := f.read(size)):
            read += len(chunk)
            yield chunk


def check_zip_xml(zf: zipfile.ZipFile) -> None:
    """Check every XML part of an OOXML package (the prolog only, so this stays cheap)."""
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")) and info.file_size:
            try:
                check_xml_prolog(_zip_chunks(zf, info))
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as e:
                raise Unreadable(f"damaged file: part {info.filename} cannot be unpacked") from e
