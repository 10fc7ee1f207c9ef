"""The engine: phase 1 per draft and phase 2 across drafts, the literal prefilters that skip rules with nothing to find, the process pool, and the filter step (inline suppressions, baselines)."""
