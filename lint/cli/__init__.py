"""The command line: `copydesk check` and the other commands, `copydesk init`, and the terminal's progress bar."""
