"""The command line: `copydesk check` and the other commands, `copydesk init`, and the terminal's progress bar."""

# True when this process is copydesk's own (the console script, `python -m lint`:
# `lint.cli.main.run` sets it), so process-wide settings (the garbage collector's:
# `lint.cli.check._tune_collector`) are ours to change; not when a host (a test, an editor)
# calls `lint.cli.main.main`
OWN_PROCESS = False
