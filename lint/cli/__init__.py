"""The command line: `copydesk check` and the other commands, `copydesk init`, and the terminal's progress bar."""

# True when this process is copydesk's own (the console script, `python -m lint`:
# `lint.cli.main.run` sets it), so process-wide settings (the garbage collector's:
# `lint.cli.check._tune_collector`) are ours to change; not when a host (a test, an editor)
# calls `lint.cli.main.main`
OWN_PROCESS = False

# The collector's thresholds before `run` raised the young one for start-up (None when `run`
# did not: a host's process), given back when the command starts (lint/cli/main.py, check.py)
COLLECTOR_THRESHOLDS = None

# What a run made that its process keeps to the end, in copydesk's own process only: `run`
# ends it with os._exit (lint/cli/main.py), so freeing the drafts' results, findings and
# sources one object at a time when the command returns (5-7 ms over 1,143 drafts) is work
# nobody needs. A host (a test, an editor) gets them freed as usual.
KEPT_TO_EXIT: list = []
