"""OCR cost and accuracy per scanned page, on the scans of ``tests/cases`` and the scans the
sample generator makes (``samples``: ``scan_pdf`` and ``png`` documents).

Usage: PYTHONPATH=$PWD .venv/bin/python benchmarks/ocr.py [--claims N] [--seed S] [--max-docs K]
       [--engine tesseract|rapidocr] [--no-verdicts]

Per document it prints CPU seconds per page (process CPU time, this process and the OCR child
processes it waited for, not wall time: the machine is shared), split into the OCR engine's calls
and everything else (rendering, image handling, layout), and the word recall against the known
text: the share of the words drawn on the page (a multiset) that the extraction gives back.
The known text of a case scan is every string the case writer drew (captured while the case is
rebuilt in a temporary folder); of a generated scan, the text layer of the same document drawn
as an ordinary PDF. Then, for the four scan cases, whether the checks still give the labelled
verdicts. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors import Limits  # noqa: E402
from extractors.api import extract_local  # noqa: E402
from extractors.document import ExtractedDocument  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
# (case folder, scanned file, case writer function: module, name)
SCAN_CASES = [
    ("scanned-signed-page", "Scan_20260609_101532.pdf", ("cases_formats", "scanned_signed_page")),
    ("scanned-execution-table", "SB-INT-2026-07_execution_page_scan.pdf", ("cases_formats", "scanned_execution_table")),
    ("scanned-execution-table-customer-blank", "SB-INT-2026-07_execution_page_scan.pdf",
     ("cases_formats", "scanned_execution_table_customer_blank")),
    ("png-photo-signed-page", "IMG_20260618_143022.png", ("cases_batch2", "png_photo_signed_page")),
]
LIMITS = Limits(timeout_seconds=None)  # in this process, so its CPU time is ours


def cpu() -> float:
    """CPU seconds of this process and of the child processes it has waited for (Tesseract)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@dataclass
class Timer:
    engine: float = 0.0
    calls: int = 0


TIMER = Timer()


def _timed(fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = cpu()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMER.engine += cpu() - start
            TIMER.calls += 1
    return run


def instrument() -> None:
    """Every OCR engine call timed, whichever engine is used (and pytesseract, which the
    reader called before ``extractors.ocr`` existed, so earlier commits can be measured too)."""
    import importlib

    try:
        import pytesseract

        pytesseract.image_to_data = _timed(pytesseract.image_to_data)
    except ImportError:
        pass
    for module, name in (("extractors.ocr_tesseract", "TesseractEngine"), ("extractors.ocr_rapid", "RapidOcrEngine")):
        try:
            cls = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        cls._run = _timed(cls._run)


WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


def extracted_text(doc: ExtractedDocument) -> str:
    parts = [b.text for b in doc.blocks] + [c for t in doc.tables for row in t.rows for c in row]
    return "\n".join(parts)


def recall(expected: Counter[str], got: Counter[str]) -> float:
    total = sum(expected.values())
    return sum((expected & got).values()) / total if total else 1.0


@contextmanager
def drawn_text() -> Iterator[list[str]]:
    """Every string PIL draws while the block runs (what a case writer typed on its page)."""
    from PIL import ImageDraw

    seen: list[str] = []
    original = ImageDraw.ImageDraw.text

    def text(self: Any, xy: Any, s: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(s))
        return original(self, xy, s, *args, **kwargs)

    ImageDraw.ImageDraw.text = text  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        ImageDraw.ImageDraw.text = original  # type: ignore[method-assign]


def case_items(tmp: Path) -> Iterator[tuple[str, Path, Counter[str]]]:
    import importlib

    for folder, name, (module, func) in SCAN_CASES:
        case = getattr(importlib.import_module(f"tests.cases.{module}"), func)("1")
        with drawn_text() as seen:
            case.files[name](tmp / name)
        yield f"case {folder}", CASES / folder / name, words("\n".join(seen))


def generated_items(tmp: Path, claims: int, seed: int, max_docs: int) -> Iterator[tuple[str, Path, Counter[str]]]:
    from samples.compose import compose_claim
    from samples.corpus import build_corpus
    from samples.docmodel import Document, Email
    from samples.render import render_bytes
    from samples.render.pdf import render_pdf

    done = 0
    for sc in build_corpus(claims, seed).claims:
        for item in compose_claim(sc):
            docs = list(item.attachments) if isinstance(item, Email) else [item] if isinstance(item, Document) else []
            for doc in docs:
                if doc.fmt not in ("scan_pdf", "png") or done >= max_docs:
                    continue
                path = tmp / f"gen{done:02d}_{Path(doc.filename).name}"
                path.write_bytes(render_bytes(doc))
                text_pdf = tmp / f"gen{done:02d}_text.pdf"
                text_pdf.write_bytes(render_pdf(doc, scan=True))
                known = extract_local(text_pdf, text_pdf.name, LIMITS)[0]
                pages = [b.text for b in known.blocks if doc.fmt == "scan_pdf" or b.location.page == 1]
                pages += [c for t in known.tables if doc.fmt == "scan_pdf" or t.location.page == 1
                          for row in t.rows for c in row]
                done += 1
                yield f"gen {sc.claim_id} {doc.fmt} {doc.kind}", path, words("\n".join(pages))


def measure(label: str, path: Path, expected: Counter[str]) -> tuple[int, float, float, float]:
    TIMER.engine, TIMER.calls = 0.0, 0
    start = cpu()
    doc, bug = extract_local(path, path.name, LIMITS)
    total = cpu() - start
    if bug:
        print(bug, file=sys.stderr)
    pages = max(1, int(doc.metadata.get("ocr_pages", "0")))
    r = recall(expected, words(extracted_text(doc)))
    print(f"{label[:58]:58s} {doc.status:9s} {pages:2d}p {total / pages:6.2f}s/p  engine {TIMER.engine / pages:5.2f}"
          f"  other {(total - TIMER.engine) / pages:5.2f}  calls {TIMER.calls:3d}  recall {r:6.1%}"
          f"  ({sum(expected.values())} words)")
    return pages, total, TIMER.engine, r


def verdicts() -> None:
    """The four scan cases through the checks: verdicts against the labels."""
    import json

    from pipeline.analysis import analyze_folder

    labels = json.loads((CASES / "labels.json").read_text(encoding="utf-8"))["claims"]
    by_folder = {v["folder"]: v for v in labels.values()}
    for folder, _, _ in SCAN_CASES:
        out = analyze_folder(CASES / folder, CASES / "tenants.json",
                             extract=lambda p, display_path=None, **_: extract_local(Path(p), display_path or str(p), LIMITS)[0])
        label = by_folder[folder]
        wrong = [f"{k}: {out['criteria'][k]['verdict']} (label {v})" for k, v in label["criteria"].items()
                 if out["criteria"][k]["verdict"] not in (v if isinstance(v, list) else [v])]
        print(f"verdicts {folder:40s} {'all as labelled' if not wrong else '; '.join(wrong)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=60, help="claims to generate when looking for scans")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-docs", type=int, default=6, help="generated scanned documents to read")
    ap.add_argument("--engine", default=None, help="sets POE_OCR_ENGINE (tesseract or rapidocr)")
    ap.add_argument("--no-verdicts", action="store_true")
    args = ap.parse_args()
    if args.engine:
        os.environ["POE_OCR_ENGINE"] = args.engine
    instrument()
    from extractors.ocr import engine

    chosen = engine()
    print(f"engine: {chosen.name if chosen else 'none'}; OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT', '-')};"
          f" CPU seconds per page (process + OCR children), machine shared")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path, expected in [*case_items(Path(tmp)), *generated_items(Path(tmp), args.claims, args.seed,
                                                                               args.max_docs)]:
            rows.append(measure(label, path, expected))
    pages = sum(r[0] for r in rows)
    total, engine = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"ALL {len(rows)} documents, {pages} pages: {total / pages:.2f} s/page CPU (engine {engine / pages:.2f},"
          f" other {(total - engine) / pages:.2f}); mean recall {sum(r[3] for r in rows) / len(rows):.1%}")
    if not args.no_verdicts:
        verdicts()


if __name__ == "__main__":
    main()
