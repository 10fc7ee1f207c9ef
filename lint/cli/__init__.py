"""The command line: `copydesk check` and the other commands, `copydesk init`, and the terminal's progress bar."""

import sys

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


def fit_stdout(human: bool = False) -> None:
    """Standard output that can take any finding. Where it does not encode to UTF-8 (an ASCII
    or Latin-1 locale's pipe, PYTHONIOENCODING=ascii, a Windows pipe in cp1252), a curly quote
    in a message stopped the run with an encoding error. A report for people writes what the
    encoding lacks as escapes (\\u201c); JSON, SARIF and the other formats, a fixed draft, a
    people registry and an HTML page are data that other programs read: they go out as UTF-8, which JSON and SARIF require."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8"):
        return
    try:
        if human:
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError, OSError):  # not a text file of its own (a test's capture)
        pass
