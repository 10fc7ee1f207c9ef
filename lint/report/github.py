"""GitHub Actions workflow commands: one `::error file=...::message` line per finding.

GitHub turns these into annotations on the pull request. It shows at most 10 errors and 10
warnings per step, so `summary_markdown` also gives the whole list as a table for
`$GITHUB_STEP_SUMMARY`. Escaping follows GitHub's toolkit: `%`, CR and LF in the message;
also `:` and `,` in property values.
"""

from __future__ import annotations

from lint.report import RunReport

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}
SUMMARY_ROWS = 500  # the step summary holds 1 MiB; a longer list is cut with a note


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: RunReport) -> str:
    lines = []
    for f in report.findings:
        props = {
            "file": report.repo_path(f.path),
            "line": f.line,
            "col": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "title": f.rule,
        }
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        lines.append(f"::{COMMANDS[str(f.severity)]} {joined}::{escape_data(f.message)}")
    for error in report.errors:
        lines.append(f"::error title=copydesk::{escape_data(error)}")
    lines.append(report.summary_line())
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def summary_markdown(report: RunReport) -> str:
    """A Markdown section for the job summary page: counts, then every finding in a table."""
    out = ["### copydesk", "", report.summary_line(), ""]
    if report.findings:
        out += ["| Draft | Line | Level | Rule | Message |", "| --- | ---: | --- | --- | --- |"]
        for f in report.findings[:SUMMARY_ROWS]:
            out.append(f"| `{_cell(report.repo_path(f.path))}` | {f.line} | {f.severity} | `{f.rule}` | {_cell(f.message)} |")
        if len(report.findings) > SUMMARY_ROWS:
            out += ["", f"... and {len(report.findings) - SUMMARY_ROWS} more (see the job log)."]
        out.append("")
    for error in report.errors:
        out.append(f"- could not check: {_cell(error)}")
    return "\n".join(out) + "\n"
