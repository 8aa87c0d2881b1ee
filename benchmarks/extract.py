"""Extraction speed and memory: pages per second per format, peak memory, and the ratio to a
raw text dump with the bare libraries (pypdfium2 / python-docx / openpyxl) on the same files.

Usage: .venv/bin/python benchmarks/extract.py [--files N] [--pages P] [--corpus DIR] [--worker]
  --files N    generated files per format (default 12); --pages P pages per PDF (default 12)
  --corpus DIR take the PDF/DOCX/XLSX files of DIR (recursively) instead of generating them
  --worker     extract through the worker process (time-limited path) instead of in-process
Prints figures; asserts nothing. The target: PDF extraction within 3x of the raw pypdfium2 dump.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractors import Limits, extract, sniff  # noqa: E402

WORDS = ["the", "partner", "will", "deploy", "and", "configure", "Exchange", "Online", "Teams", "Phone", "and", "Dynamics", "365", "Sales", "for", "the", "customer", "across", "sites", "with", "governance", "reviews", "adoption", "workshops", "and", "status", "reports"]


def rss_mb() -> float:
    """Resident memory of this process now (native parsers included, unlike tracemalloc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def build_corpus(folder: Path, files: int, pages: int) -> list[Path]:
    import random

    import docx
    import openpyxl
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    rnd = random.Random(7)
    styles = getSampleStyleSheet()

    def sentence() -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 30))).capitalize() + "."

    out = []
    for i in range(files):
        pdf = folder / f"sow{i:03d}.pdf"
        story = []
        for page in range(pages):
            story.append(Paragraph(f"Section {page + 1}: scope of services", styles["Heading2"]))
            story += [Paragraph(" ".join(sentence() for _ in range(4)), styles["BodyText"]) for _ in range(7)]
            if page == 1:  # one ruled table per document, as SOWs have milestones
                t = Table([["Milestone", "Workload", "Date"]] + [[f"M{k}", "Exchange Online", f"2026-0{k}-15"]
                                                                 for k in range(1, 6)])
                t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
                story.append(t)
            story.append(PageBreak())
        SimpleDocTemplate(str(pdf), pagesize=letter).build(story)
        out.append(pdf)
        d = docx.Document()
        d.add_heading("Statement of work", 1)
        for _ in range(40):
            d.add_paragraph(" ".join(sentence() for _ in range(3)))
        table = d.add_table(rows=6, cols=3)
        for r in range(6):
            for c in range(3):
                table.cell(r, c).text = rnd.choice(WORDS)
        d.sections[0].header.paragraphs[0].text = "Fabrikam confidential"
        d.save(folder / f"sow{i:03d}.docx")
        out.append(folder / f"sow{i:03d}.docx")
        wb = openpyxl.Workbook()
        ws = wb.active
        for r in range(1, 201):
            ws.cell(r, 1, rnd.choice(WORDS))
            ws.cell(r, 2, rnd.randint(1, 1000))
            ws.cell(r, 3, f"2026-07-{1 + r % 28:02d}")
        wb.save(folder / f"poe{i:03d}.xlsx")
        out.append(folder / f"poe{i:03d}.xlsx")
    return out


def raw_pdf(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def raw_docx(path: Path) -> int:
    import docx

    d = docx.Document(str(path))
    [p.text for p in d.paragraphs]
    [c.text for t in d.tables for row in t.rows for c in row.cells]
    return 1


def raw_xlsx(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            [str(v) for v in row if v is not None]
    n = len(wb.worksheets)
    wb.close()
    return n


RAW: dict[str, Callable[[Path], int]] = {"pdf": raw_pdf, "docx": raw_docx, "xlsx": raw_xlsx}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=12)
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--worker", action="store_true")
    args = ap.parse_args()
    limits = Limits(timeout_seconds=120) if args.worker else Limits(timeout_seconds=None)
    with tempfile.TemporaryDirectory(prefix="poe-bench-") as tmp:
        if args.corpus:
            files = sorted(p for p in args.corpus.rglob("*") if p.is_file())
        else:
            t0 = time.perf_counter()
            files = build_corpus(Path(tmp), args.files, args.pages)
            print(f"built {len(files)} files in {time.perf_counter() - t0:.1f} s")
        by_format: dict[str, list[Path]] = {}
        skipped = 0
        for f in files:
            fmt = sniff(f)
            if fmt not in RAW:
                continue
            try:  # the same files on both sides: only those the bare library can read at all
                RAW[fmt](f)
            except Exception:  # noqa: BLE001 - a broken corpus file the raw dump cannot take
                skipped += 1
                continue
            by_format.setdefault(fmt, []).append(f)
        if skipped:
            print(f"{skipped} file(s) the raw dump cannot read were left out of the comparison")
        for paths in by_format.values():  # warm: library imports and the worker start not counted
            extract(paths[0], limits=limits)
        print(f"mode: {'worker process (time-limited)' if args.worker else 'in-process'}; "
              f"RSS at start {rss_mb():.0f} MB")
        print(f"{'format':6} {'files':>5} {'pages':>6} {'extract s':>9} {'pages/s':>8} {'raw s':>7} "
              f"{'raw pages/s':>11} {'ratio':>6} {'RSS 1st quarter MB':>18} {'RSS end MB':>10}")
        peak = rss_mb()
        for fmt, paths in sorted(by_format.items()):
            gc.collect()
            pages = 0
            quarter = 0.0
            t0 = time.perf_counter()
            for n, path in enumerate(paths, start=1):
                doc = extract(path, limits=limits)
                pages += max(1, doc.pages)
                peak = max(peak, rss_mb())
                if n == max(1, len(paths) // 4):
                    quarter = rss_mb()
            took = time.perf_counter() - t0
            t0 = time.perf_counter()
            for path in paths:
                RAW[fmt](path)
            raw = time.perf_counter() - t0
            print(f"{fmt:6} {len(paths):5d} {pages:6d} {took:9.2f} {pages / took:8.1f} {raw:7.2f} "
                  f"{pages / raw:11.1f} {took / raw:6.2f} {quarter:18.0f} {rss_mb():10.0f}")
        print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
