"""Reviewer-facing rendering of an analysis (spec section 3) and a comparison (section 4)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

_VERDICT_STYLE = {"met": "green", "not_met": "red", "unclear": "yellow", "linked": "green",
                  "mentioned": "yellow", "absent": "red"}
_REC_STYLE = {"approve": "bold green", "request_info": "bold yellow", "reject": "bold red"}


def _styled(value: str) -> str:
    style = _VERDICT_STYLE.get(value) or _REC_STYLE.get(value)
    return f"[{style}]{value}[/]" if style else value


def _where(ev: dict[str, Any]) -> str:
    return f"{ev.get('document', '')} ({ev.get('where', '')})"


def print_analysis(result: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    console.print(f"[bold]Claim {result['claim_id']}[/]: {_styled(result['recommendation'])}, "
                  f"score {result['score']}/100")
    table = Table(show_header=True, header_style="bold")
    for col in ("Criterion", "Verdict", "Conf.", "Evidence"):
        table.add_column(col, overflow="fold")
    for name, crit in result["criteria"].items():
        evidence = crit.get("evidence") or []
        shown = f"{_where(evidence[0])}: {evidence[0]['text'][:160]}" if evidence else ""
        table.add_row(name, _styled(crit["verdict"]), f"{crit.get('confidence', 0):.2f}", shown)
        for key, product in (crit.get("products") or {}).items():
            pev = product.get("evidence") or []
            table.add_row(f"  {key}", _styled(product["verdict"]), "",
                          f"{_where(pev[0])}: {pev[0]['text'][:160]}" if pev else "")
    console.print(table)
    if result["documents"]:
        console.print("[bold]Documents[/]")
        for doc in result["documents"]:
            line = f"  {doc['path']}: {doc['status']}, {doc['kind']}, {doc['pages']} page(s)"
            if doc.get("error"):
                line += f" [red]{doc['error']}[/]"
            console.print(line, markup=True, highlight=False)
    if result["eligibility"]:
        console.print("[bold red]Ineligible[/]")
        for item in result["eligibility"]:
            console.print(f"  {item['code']} ({item['rule']}): {item['message']}", highlight=False)
    if result.get("reasons"):
        console.print("[bold]Reasons[/]")
        for item in result["reasons"]:
            mark = "request " if item.get("request") else ""
            console.print(f"  {mark}{item['code']} ({item['rule']}): {item['message']}", highlight=False)


def print_comparison(result: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    key = result["key"]
    console.print(f"[bold]Conflict[/] on tenant {key['tenant_id']}, product {key['product']}"
                  + (f", subscription {key['subscription_id']}" if key.get("subscription_id") else ""))
    ids = result["ranking"]
    table = Table(show_header=True, header_style="bold")
    table.add_column("Criterion")
    for cid in ids:
        table.add_column(cid + (" *" if cid == result.get("recommended") else ""))
    for name, verdicts in result["side_by_side"].items():
        table.add_row(name, *(_styled(verdicts.get(cid, "")) for cid in ids))
    by_id = {c["claim_id"]: c for c in result.get("claims", [])}
    table.add_row("score", *(str(by_id.get(cid, {}).get("score", "")) for cid in ids))
    table.add_row("eligible", *(str(by_id.get(cid, {}).get("eligible", "")) for cid in ids))
    console.print(table)
    console.print(f"Recommended: {result.get('recommended') or 'none'}, margin {result['margin']:.2f}")
    console.print(result["rationale"], highlight=False)
