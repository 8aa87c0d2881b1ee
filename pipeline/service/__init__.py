"""ClaimService: the one way into the claims store for the CLI, the web UI and the nightly run.

Every method checks the actor's role (D-1), applies lifecycle rules (:mod:`pipeline.lifecycle`),
writes the append-only history and raises only :class:`pipeline.errors.PoeReviewError`
subclasses. Writes run in one transaction each; ``claims.version`` is an optimistic lock, so of two
reviewers deciding the same claim exactly one wins and the other gets :class:`ConcurrentUpdate`.

The service is split by responsibility; :class:`ClaimService` is the facade that joins the parts:

- :mod:`.base` - engine, clock, transactions, loading, history and lifecycle moves (shared plumbing)
- :mod:`.intake` - inbox folders and the tenant directory taken in
- :mod:`.reads` - claim lists and views, redaction, stored submissions for the analysis
- :mod:`.analysis` - analysis results written back (starts the review)
- :mod:`.conflicts` - conflicts between partners (D-18) and products lost on approval (D-6)
- :mod:`.decisions` - reviewers' decisions and corrections, the customer's consent denial
- :mod:`.edits` - the partner's edits, added documents and (re-)submission
- :mod:`.clocks` - the lifecycle timers
- :mod:`.details` - what the web shows beside a claim: queue facts, cached extractions, uploads,
  outbox e-mails, conflict groups

:class:`AccountsStore` (:mod:`.accounts`) is the door to the sign-in tables (accounts, sessions,
the throttle): no claim rule applies to them and nobody is an actor yet when they are read.
"""

from __future__ import annotations

from pipeline.service.accounts import AccountsStore
from pipeline.service.analysis import AnalysisMixin
from pipeline.service.base import EDITORS, READERS, STAFF, Decision, ServiceBase, same_product
from pipeline.service.clocks import ClocksMixin
from pipeline.service.conflicts import ConflictsMixin
from pipeline.service.decisions import DecisionsMixin
from pipeline.service.details import DetailsMixin
from pipeline.service.edits import EditsMixin
from pipeline.service.intake import IntakeMixin
from pipeline.service.reads import ReadsMixin

__all__ = [
    "EDITORS",
    "READERS",
    "STAFF",
    "AccountsStore",
    "ClaimService",
    "Decision",
    "ServiceBase",
    "same_product",
]


class ClaimService(
    IntakeMixin,
    AnalysisMixin,
    DecisionsMixin,
    EditsMixin,
    ClocksMixin,
    DetailsMixin,
    ConflictsMixin,
    ReadsMixin,
    ServiceBase,
):
    """The claims store's one door: every part above, under one name (see the module docstring)."""
