"""Hover on a finding: the rule's description, one flagged and one clean example, its link."""

from __future__ import annotations

from typing import List, Optional

EXAMPLE_CHARS = 240


def rule_markdown(rule, message: Optional[str] = None) -> str:
    """Markdown for one rule (and the finding's message, when hovering one)."""
    out = [f"**copydesk `{rule.id}`** ({rule.severity})"]
    if message:
        out += ["", message]
    description = " ".join((rule.description or "").split())
    if description:
        out += ["", description]
    if rule.fail:
        out += ["", "Flagged:", _example(rule.fail[0].drafts)]
    if rule.passing:
        out += ["", "Not flagged:", _example(rule.passing[0].drafts)]
    if rule.link:
        out += ["", f"More: {rule.link}"]
    return "\n".join(out)


def _example(drafts) -> str:
    text = drafts[0].strip() if drafts else ""
    if len(text) > EXAMPLE_CHARS:
        text = text[: EXAMPLE_CHARS - 1].rstrip() + "…"
    fence = "````" if "```" in text else "```"
    return f"{fence}text\n{text}\n{fence}"


def find_rule(rules: List, rule_id: str):
    for rule in rules:
        if rule.id == rule_id:
            return rule
    from lint.engine import suppress

    return suppress.unused_rule() if rule_id == suppress.RULE_ID else None
