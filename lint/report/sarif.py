"""SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).

Carries everything GitHub requires (CONVENTIONS.md): driver name and rules (id, short and full
description, help, default level), and per result ruleId, level, message, one physical location
with a repository-relative URI and a full region, and stable `partialFingerprints`. Columns
count Unicode code points, as copydesk's do: `columnKind` says so.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from lint import __version__
from lint.report import RunReport, repo_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
INFO_URI = "https://github.com/copydesk/copydesk"


def _rule_entry(rule) -> dict:
    description = rule.description or rule.message
    help_text = description + (f"\n\nMessage: {rule.message}" if rule.message else "")
    if rule.link:
        help_text += f"\n\nMore: {rule.link}"
    entry = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.key.split("-")),
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[str(rule.severity)]},
        "properties": {"tags": [rule.pack, "copydesk"]},
    }
    if rule.link:
        entry["helpUri"] = rule.link
    return entry


def render(report: RunReport) -> str:
    rules = {}
    for rule in report.rules:
        rules.setdefault(rule.id, rule)
    missing = sorted({f.rule for f in report.findings} - set(rules))
    if missing:  # e.g. copydesk.unused-suppression when the caller did not list it
        from lint.engine.suppress import RULE_ID, unused_rule

        for rule_id in missing:
            if rule_id == RULE_ID:
                rules[rule_id] = unused_rule()
    ordered = sorted(rules)
    index = {rule_id: i for i, rule_id in enumerate(ordered)}
    root = report.root or repo_root()

    results = []
    for f, fingerprint in zip(report.findings, report.fingerprints()):
        result = {
            "ruleId": f.rule,
            "level": LEVELS[str(f.severity)],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(report.repo_path(f.path)), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"copydesk/v1": fingerprint},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.match:
            result["locations"][0]["physicalLocation"]["region"]["snippet"] = {"text": f.match}
        results.append(result)

    run = {
        "tool": {
            "driver": {
                "name": "copydesk",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": [_rule_entry(rules[r]) for r in ordered],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": error}} for error in report.errors
                ],
            }
        ],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
