"""Rebuild the hand-written claim-case inbox: ``python -m tests.cases.build_cases``.

Writes one folder per case next to this file (``claim.json`` + its POE files), the inbox's
``tenants.json`` (some tenants deliberately left out) and ``labels.json`` with the true verdicts.
Deterministic: running it twice gives the same bytes.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.cases import cases_batch2, cases_formats, cases_names_dates, cases_products_growth, cases_sig
from tests.cases.kit import CRITERIA, Case

ROOT = Path(__file__).resolve().parent
CASE_FUNCS: list[Callable[[str], Case]] = [*cases_sig.CASES, *cases_names_dates.CASES,
                                           *cases_products_growth.CASES, *cases_formats.CASES,
                                           *cases_batch2.CASES, *cases_formats.LATER_CASES]
FIRST_ID = 9100001


def build_all(root: Path = ROOT) -> list[Case]:
    from pipeline.models import ClaimFile, Tenant

    cases = [fn(str(FIRST_ID + i)) for i, fn in enumerate(CASE_FUNCS)]
    folders = [c.folder for c in cases]
    assert len(set(folders)) == len(folders), "duplicate case folder"
    for old in root.iterdir():
        if old.is_dir() and (old / "claim.json").exists():
            shutil.rmtree(old)
    tenants: dict[str, dict[str, Any]] = {}
    labels: dict[str, Any] = {}
    for case in cases:
        folder = root / case.folder
        folder.mkdir()
        data = case.claim.to_json()
        ClaimFile.model_validate(data)
        assert set(case.files) == {d["path"] for d in data["documents"]}, case.folder
        (folder / "claim.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for name, write in case.files.items():
            write(folder / name)
        entry = case.tenant_json()
        if entry is not None:
            known = tenants.setdefault(entry["tenant_id"], entry)
            if known is not entry:  # a conflict pair: same tenant, merge subscriptions
                ids = {s["subscription_id"] for s in known["subscriptions"]}
                known["subscriptions"] += [s for s in entry["subscriptions"] if s["subscription_id"] not in ids]
        assert set(case.criteria) == set(CRITERIA), case.folder
        assert set(case.products) == {p.code for p in case.claim.products}, case.folder
        labels[case.claim.claim_id] = {
            "folder": case.folder,
            "criteria": case.criteria,
            "products": case.products,
            "eligible": case.eligible,
            "eligibility_rules": case.eligibility_rules,
            "recommendation": case.recommendation,
            "cases": case.tags,
            "note": case.note,
        }
    for t in tenants.values():
        Tenant.model_validate(t)
    by_folder = {c.folder: c.claim.claim_id for c in cases}
    conflicts = [{"claims": [by_folder[w], by_folder[loser]], "folders": [w, loser], "winner": by_folder[w],
                  "product": cases[folders.index(w)].claim.products[0].code,
                  "tenant_id": cases[folders.index(w)].claim.customer.tenant_id}
                 for w, loser in [*cases_formats.CONFLICTS, *cases_batch2.CONFLICTS]]
    (root / "tenants.json").write_text(json.dumps(list(tenants.values()), indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    (root / "labels.json").write_text(json.dumps({"generator": "tests.cases", "version": 1, "claims": labels,
                                                  "conflicts": conflicts}, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    return cases


def main(argv: list[str] | None = None) -> int:
    cases = build_all()
    print(f"wrote {len(cases)} cases to {ROOT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
