"""JUnit XML: one testcase per draft, failed when it has findings at or above --fail-on.

CI systems (GitLab, Jenkins, Azure) show these as test results. Findings below the fail level
are listed in the testcase's system-out, so nothing is hidden.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from lint.report import RunReport


def _line(f) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"


def render(report: RunReport) -> str:
    by_path = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    paths = list(dict.fromkeys(list(report.paths) + list(by_path)))

    suite = ET.Element("testsuite", name="copydesk")
    failures = 0
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="copydesk", name=path, file=path)
        found = by_path.get(path, [])
        failing = [f for f in found if f.severity >= report.fail_on]
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(failing)} finding{'s' if len(failing) != 1 else ''} at or above {report.fail_on}",
                type="copydesk",
            )
            failure.text = "\n".join(_line(f) for f in failing)
        rest = [f for f in found if f.severity < report.fail_on]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in rest)
    for error in report.errors:
        case = ET.SubElement(suite, "testcase", classname="copydesk", name="could not check")
        ET.SubElement(case, "error", message=error, type="copydesk")
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(len(report.errors)))
    root = ET.Element("testsuites", name="copydesk", tests=suite.get("tests"), failures=str(failures), errors=str(len(report.errors)))
    root.append(suite)
    ET.indent(root) if hasattr(ET, "indent") else None
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
