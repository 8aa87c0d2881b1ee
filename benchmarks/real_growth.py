"""Product links and growth (D-11.2, D-11.3) on real SOWs and proposals, against hand labels.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/real_growth.py ROOT [ROOT ...] [--labels FILE]

ROOT is a folder holding the labelled documents (``/work/realdata/eoframework/solutions`` and
``/work/shared/corpus`` on the development machine); each label's ``path`` is relative to the
first ROOT that holds it. ``benchmarks/real_growth_labels.json`` gives, per document, the products
a partner would claim and the truth of ``product_links`` and ``growth_activities`` with a one-line
reason and where it rests (a page, or a section for DOCX which has no pages). The script extracts
each document, runs the two checks on the claim and prints per criterion: accuracy, precision and
recall of ``met``, the ``unclear`` rate, then every miss with the check's evidence. Figures only,
no assertion.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from extractors.api import extract
from scoring.checks.context import CheckContext
from scoring.checks.growth import check_growth
from scoring.checks.products import check_products
from scoring.checks.text import build_views
from scoring.types import ClaimAssertion, ClaimedProduct, CriterionResult

CRITERIA = ("product_links", "growth_activities")
DEFAULT_LABELS = Path(__file__).with_name("real_growth_labels.json")


def _resolve(rel: str, roots: list[Path]) -> Path | None:
    return next((r / rel for r in roots if (r / rel).is_file()), None)


def _claim(item: dict[str, Any]) -> ClaimAssertion:
    products = tuple(ClaimedProduct(p["name"], p.get("code")) for p in item["products"])
    return ClaimAssertion(claim_id=item["path"], program="OSU", solution_area="", activity="Deployment",
                          partner_name="Partner", customer_domain="customer.example", tenant_id="",
                          products=products)


def _run(path: Path, item: dict[str, Any]) -> dict[str, CriterionResult]:
    ctx = CheckContext(_claim(item), build_views([extract(path)]))
    return {"product_links": check_products(ctx), "growth_activities": check_growth(ctx)}


def _figures(pairs: list[tuple[str, str]]) -> str:
    n = len(pairs)
    tp = sum(1 for t, v in pairs if t == "met" and v == "met")
    fp = sum(1 for t, v in pairs if t != "met" and v == "met")
    fn = sum(1 for t, v in pairs if t == "met" and v != "met")
    acc = sum(1 for t, v in pairs if (t == "met") == (v == "met")) / n if n else 0.0
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    unclear = sum(1 for _, v in pairs if v == "unclear") / n if n else 0.0
    return (f"n={n} accuracy={acc:.2f} precision(met)={prec:.2f} recall(met)={rec:.2f} "
            f"unclear={unclear:.2f} (true met {tp + fn}, false met {fp}, missed met {fn})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("roots", nargs="+", type=Path)
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    args = ap.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))["documents"]
    pairs: dict[str, list[tuple[str, str]]] = {c: [] for c in CRITERIA}
    misses: list[str] = []
    missing = 0
    for item in labels:
        path = _resolve(item["path"], args.roots)
        if path is None:
            missing += 1
            print(f"not found under the roots given: {item['path']}", file=sys.stderr)
            continue
        results = _run(path, item)
        for crit in CRITERIA:
            truth, verdict = item[crit]["truth"], results[crit].verdict
            pairs[crit].append((truth, verdict))
            if (truth == "met") != (verdict == "met"):
                claimed = ", ".join(p["name"] for p in item["products"])
                lines = [f"- {crit}: {item['path']} [{claimed}] truth {truth} ({item[crit]['reason']}; "
                         f"{item[crit]['where']}), verdict {verdict}"]
                lines += [f"    evidence: {e.text[:150]!r} ({e.note})" for e in results[crit].evidence[:3]]
                lines += [f"    reason: {r.message[:150]}" for r in results[crit].reasons[:2]]
                misses.append("\n".join(lines))
    print(f"real SOWs / proposals: {len(labels) - missing} labelled documents read ({missing} not found)")
    for crit in CRITERIA:
        print(f"{crit:18s} {_figures(pairs[crit])}")
    if misses:
        print("\nmisses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
