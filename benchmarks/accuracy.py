"""Accuracy of the POE checks, eligibility, recommendations and conflict rankings on labelled claims.

Generates labelled corpora with ``samples.generate_corpus`` (one per seed; by default
seeds the rules were never tuned on) and/or reads labelled inboxes given with ``--corpus``
(``tests/cases`` is one), runs ``analyze`` on every claim and ``compare`` on every labelled
conflict exactly as ``poe-review analyze/compare`` do, and prints per criterion: accuracy,
precision / recall / F1 of ``met``, the confusion matrix (truth x verdict) and the ``unclear``
rate; per-product verdicts; eligibility (every ineligible claim caught? false alarms?); the
recommendation; conflicts won by the labelled stronger POE. Prints figures; asserts nothing
unless ``--check`` (exit 1 when a criterion is under ``--target``).

    .venv/bin/python benchmarks/accuracy.py                     # seeds 601 602 603, 200 claims each
    .venv/bin/python benchmarks/accuracy.py --n 100 --seeds 7 --errors 30
    .venv/bin/python benchmarks/accuracy.py --corpus tests/cases --no-generate
    .venv/bin/python benchmarks/accuracy.py --json out/accuracy.json --check

Labels (``labels.json`` at the inbox root): ``claims[id].criteria[name]`` is a verdict or a list of
acceptable verdicts (truth first); ``products``, ``eligible``, ``eligibility_rules``,
``recommendation``, ``cases``; ``conflicts[]`` with ``claims`` and ``winner``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CRITERIA = ("customer_signature", "partner_name", "customer_name", "dates", "product_links", "growth_activities")
VERDICTS = ("met", "not_met", "unclear")
PRODUCT_VERDICTS = ("linked", "mentioned", "absent")
RECOMMENDATIONS = ("approve", "request_info", "reject")


def _accepted(label: Any) -> list[str]:
    return list(label) if isinstance(label, list) else [label]


# ---------------------------------------------------------------- running the analysis


def _analyze_one(job: tuple[str, str, str]) -> tuple[str, str, dict[str, Any] | None, str]:
    """(corpus, claim_id, folder) -> (corpus, claim_id, section-3 JSON or None, error)."""
    from pipeline.analysis import analyze_folder

    corpus, claim_id, folder = job
    try:
        return corpus, claim_id, analyze_folder(Path(folder), Path(corpus) / "tenants.json"), ""
    except Exception as exc:  # noqa: BLE001  (a claim the analysis cannot read is a finding, not a crash)
        return corpus, claim_id, None, f"{type(exc).__name__}: {exc}"


def _compare_one(job: tuple[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...], dict[str, Any] | None, str]:
    from pipeline.analysis import compare_folders

    corpus, folders = job
    try:
        return corpus, folders, compare_folders([Path(f) for f in folders], Path(corpus) / "tenants.json"), ""
    except Exception as exc:  # noqa: BLE001
        return corpus, folders, None, f"{type(exc).__name__}: {exc}"


def _pool_map(fn: Any, jobs: list[Any], workers: int) -> Iterable[Any]:
    if workers <= 1 or len(jobs) < 4:
        return map(fn, jobs)
    pool = ProcessPoolExecutor(max_workers=workers)
    return pool.map(fn, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


# ---------------------------------------------------------------- scoring the results


@dataclass
class Tally:
    """Truth x verdict counts of one criterion (truth is the first acceptable verdict)."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    correct: int = 0
    total: int = 0

    def add(self, label: Any, verdict: str) -> bool:
        accepted = _accepted(label)
        self.confusion[(accepted[0], verdict)] += 1
        self.total += 1
        ok = verdict in accepted
        self.correct += ok
        return ok

    def figures(self, positive: str = "met") -> dict[str, Any]:
        tp = self.confusion[(positive, positive)]
        fp = sum(n for (t, v), n in self.confusion.items() if v == positive and t != positive)
        fn = sum(n for (t, v), n in self.confusion.items() if t == positive and v != positive)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        unclear = sum(n for (_, v), n in self.confusion.items() if v == "unclear")
        return {
            "n": self.total,
            "accuracy": self.correct / self.total if self.total else 1.0,
            "precision": precision, "recall": recall, "f1": f1,
            "unclear_rate": unclear / self.total if self.total else 0.0,
            "confusion": {f"{t}->{v}": n for (t, v), n in sorted(self.confusion.items())},
        }


@dataclass
class Results:
    criteria: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CRITERIA})
    products: Tally = field(default_factory=Tally)
    recommendation: Tally = field(default_factory=Tally)
    ineligible_total: int = 0
    ineligible_caught: int = 0
    ineligible_rule_right: int = 0
    false_ineligible: int = 0
    eligible_total: int = 0
    conflicts_total: int = 0
    conflicts_won: int = 0
    unreadable_claims: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    by_case: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: float = 0.0
    claims: int = 0

    def record_error(self, **item: Any) -> None:
        self.errors.append(item)


def score_claim(res: Results, claim_id: str, label: dict[str, Any], out: dict[str, Any] | None, error: str) -> None:
    res.claims += 1
    cases = label.get("cases", [])
    if out is None:
        res.unreadable_claims.append(f"{claim_id}: {error}")
        for c in CRITERIA:
            res.criteria[c].add(label["criteria"][c], "error")
        return
    reasons: dict[str | None, list[str]] = defaultdict(list)
    for r in out.get("reasons", []):
        reasons[r.get("criterion")].append(r["code"])
    claim_ok = True
    for c in CRITERIA:
        verdict = out["criteria"][c]["verdict"]
        ok = res.criteria[c].add(label["criteria"][c], verdict)
        claim_ok &= ok
        if not ok:
            res.record_error(claim=claim_id, folder=label.get("folder"), what=c, truth=label["criteria"][c],
                             got=verdict, cases=cases, codes=reasons.get(c, []))
    found = out["criteria"]["product_links"].get("products", {})
    for code, truth in label.get("products", {}).items():
        got = found.get(code, {}).get("verdict", "missing")
        ok = res.products.add(truth, got)
        if not ok:
            res.record_error(claim=claim_id, folder=label.get("folder"), what=f"product {code}", truth=truth,
                             got=got, cases=cases, codes=reasons.get("product_links", []))
    rules = {f.get("rule") for f in out.get("eligibility", [])}
    if label.get("eligible", True):
        res.eligible_total += 1
        if rules:
            res.false_ineligible += 1
            res.record_error(claim=claim_id, folder=label.get("folder"), what="eligibility", truth="eligible",
                             got=sorted(r for r in rules if r), cases=cases,
                             codes=[f["code"] for f in out["eligibility"]])
    else:
        res.ineligible_total += 1
        res.ineligible_caught += bool(rules)
        want = set(label.get("eligibility_rules", []))
        res.ineligible_rule_right += bool(rules) and (not want or bool(want & rules))
        if not rules:
            res.record_error(claim=claim_id, folder=label.get("folder"), what="eligibility",
                             truth=label.get("eligibility_rules"), got="eligible", cases=cases, codes=[])
    if "recommendation" in label:
        ok = res.recommendation.add(label["recommendation"], out["recommendation"])
        claim_ok &= ok
        if not ok:
            res.record_error(claim=claim_id, folder=label.get("folder"), what="recommendation",
                             truth=label["recommendation"], got=out["recommendation"], cases=cases,
                             codes=[r["code"] for r in out.get("reasons", []) if r["code"].startswith(("R-DEC", "R-ELIG"))])
    for case in cases or ["(none)"]:
        res.by_case[case]["claims"] += 1
        res.by_case[case]["right"] += claim_ok


# ---------------------------------------------------------------- printing


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def print_report(res: Results, name: str, target: float, errors: int) -> None:
    print(f"\n== {name}: {res.claims} claims, {res.seconds:.1f} s ({1000 * res.seconds / max(res.claims, 1):.0f} ms a claim)")
    print(f"{'criterion':20} {'n':>5} {'acc':>7} {'prec':>7} {'recall':>7} {'F1':>7} {'unclear':>8}   confusion (truth->verdict)")
    for c in CRITERIA:
        f = res.criteria[c].figures()
        flag = "" if f["accuracy"] >= target else "  < target"
        conf = " ".join(f"{k}:{v}" for k, v in f["confusion"].items())
        print(f"{c:20} {f['n']:5d} {_pct(f['accuracy'])} {_pct(f['precision'])} {_pct(f['recall'])} "
              f"{_pct(f['f1'])} {_pct(f['unclear_rate'])}   {conf}{flag}")
    p = res.products.figures("linked")
    print(f"{'product verdicts':20} {p['n']:5d} {_pct(p['accuracy'])} {_pct(p['precision'])} {_pct(p['recall'])} "
          f"{_pct(p['f1'])} {'':8}   " + " ".join(f"{k}:{v}" for k, v in p["confusion"].items()))
    r = res.recommendation.figures("approve")
    print(f"{'recommendation':20} {r['n']:5d} {_pct(r['accuracy'])} {_pct(r['precision'])} {_pct(r['recall'])} "
          f"{_pct(r['f1'])} {'':8}   " + " ".join(f"{k}:{v}" for k, v in r["confusion"].items()))
    print(f"ineligible caught: {res.ineligible_caught}/{res.ineligible_total} (right rule {res.ineligible_rule_right}); "
          f"eligible flagged ineligible: {res.false_ineligible}/{res.eligible_total}")
    print(f"conflicts won by the stronger POE: {res.conflicts_won}/{res.conflicts_total}")
    if res.unreadable_claims:
        print(f"claims the analysis could not read: {len(res.unreadable_claims)}")
        for line in res.unreadable_claims[:10]:
            print(f"  {line}")
    weak = sorted(((c, n["right"], n["claims"]) for c, n in res.by_case.items() if n["right"] < n["claims"]),
                  key=lambda t: t[1] / t[2])
    if weak:
        print("cases with a wrong claim (claims fully right / claims): "
              + ", ".join(f"{c} {r}/{n}" for c, r, n in weak[:25]))
    for e in res.errors[:errors]:
        print(f"  x {e['claim']} {e['folder']} {e['what']}: truth {e['truth']} got {e['got']} "
              f"cases={','.join(e['cases'])} codes={','.join(map(str, e['codes']))}")


def summary_json(res: Results) -> dict[str, Any]:
    return {
        "claims": res.claims, "seconds": round(res.seconds, 2),
        "criteria": {c: res.criteria[c].figures() for c in CRITERIA},
        "products": res.products.figures("linked"),
        "recommendation": res.recommendation.figures("approve"),
        "ineligible": {"total": res.ineligible_total, "caught": res.ineligible_caught,
                       "right_rule": res.ineligible_rule_right, "false_alarms": res.false_ineligible,
                       "eligible_total": res.eligible_total},
        "conflicts": {"total": res.conflicts_total, "won_by_stronger": res.conflicts_won},
        "errors": res.errors,
    }


# ---------------------------------------------------------------- main


def evaluate(corpora: list[Path], workers: int) -> Results:
    res = Results()
    labels: dict[tuple[str, str], dict[str, Any]] = {}
    jobs: list[tuple[str, str, str]] = []
    conflict_jobs: list[tuple[str, tuple[str, ...]]] = []
    winners: dict[tuple[str, tuple[str, ...]], str] = {}
    for corpus in corpora:
        data = json.loads((corpus / "labels.json").read_text())
        for claim_id, label in sorted(data["claims"].items()):
            labels[(str(corpus), claim_id)] = label
            jobs.append((str(corpus), claim_id, str(corpus / label.get("folder", claim_id))))
        for conflict in data.get("conflicts", []):
            folders = tuple(str(corpus / data["claims"][c].get("folder", c)) for c in conflict["claims"])
            conflict_jobs.append((str(corpus), folders))
            winners[(str(corpus), folders)] = conflict["winner"]
    start = time.perf_counter()
    for corpus, claim_id, out, error in _pool_map(_analyze_one, jobs, workers):
        score_claim(res, claim_id, labels[(corpus, claim_id)], out, error)
    for corpus, folders, out, error in _pool_map(_compare_one, conflict_jobs, workers):
        res.conflicts_total += 1
        winner = winners[(corpus, folders)]
        got = out.get("recommended") if out else None
        res.conflicts_won += got == winner
        if got != winner:
            res.record_error(claim=winner, folder=" vs ".join(Path(f).name for f in folders), what="conflict",
                             truth=winner, got=got or error, cases=["conflict"],
                             codes=[(out or {}).get("action", "")])
    res.seconds = time.perf_counter() - start
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="claims per generated corpus")
    ap.add_argument("--seeds", type=int, nargs="*", default=[601, 602, 603],
                    help="generator seeds (default: seeds the rules were not tuned on)")
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="a labelled inbox (repeatable)")
    ap.add_argument("--no-generate", action="store_true", help="only the --corpus inboxes")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    ap.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    ap.add_argument("--errors", type=int, default=15, help="how many wrong verdicts to list")
    ap.add_argument("--target", type=float, default=0.97)
    ap.add_argument("--json", type=Path, help="write the figures (and every error) here")
    ap.add_argument("--check", action="store_true", help="exit 1 when a criterion misses the target")
    args = ap.parse_args(argv)

    reports: dict[str, Results] = {}
    with tempfile.TemporaryDirectory(prefix="poe-accuracy-") as tmp:
        base = args.keep or Path(tmp)
        if not args.no_generate:
            from samples import generate_corpus

            generated = []
            for seed in args.seeds:
                t0 = time.perf_counter()
                generated.append(Path(generate_corpus(base / f"seed-{seed}", args.n, seed=seed)))
                print(f"generated seed {seed}: {args.n} claims in {time.perf_counter() - t0:.1f} s", flush=True)
            reports[f"generated (seeds {' '.join(map(str, args.seeds))}, n={args.n} each)"] = evaluate(generated, args.workers)
        for corpus in args.corpus:
            reports[f"corpus {corpus}"] = evaluate([corpus.resolve()], args.workers)
    missed = False
    for name, res in reports.items():
        print_report(res, name, args.target, args.errors)
        missed |= any(res.criteria[c].figures()["accuracy"] < args.target for c in CRITERIA)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({n: summary_json(r) for n, r in reports.items()}, indent=2, default=str))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
