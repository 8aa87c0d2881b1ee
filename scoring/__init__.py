"""POE checks, eligibility, score, recommendation and conflict comparison.

Takes a :class:`scoring.types.ClaimAssertion` and extracted documents; knows nothing of the
store, the web or claim folders.
"""
