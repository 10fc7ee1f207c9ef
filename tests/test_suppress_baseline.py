"""Inline suppressions (Markdown, HTML) and baselines."""

import json
from pathlib import Path

import pytest
from clitools import run

ROOT = Path(__file__).resolve().parents[1]
NOTE = "It is too early to know whether anyone was hurt, the harbor master said. JEFF OK’D"




def findings(result):
    """[(line, rule)] from text output."""
    out = []
    for line in result.stdout.splitlines():
        where, _, rest = line.partition(": ")
        if where.count(":") != 2:  # not a finding: the summary and what to do
            continue
        out.append((int(where.split(":")[1]), rest.split()[1]))
    return sorted(out)


def draft(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- inline suppressions ------------------------------------------------------------------


def test_disable_enable_region(tmp_path):
    draft(tmp_path, "a.md", (
        "# Storm damages harbor\n\n"
        "<!-- copydesk-disable hygiene.editor-note -->\n\n"
        f"{NOTE}\n\n"
        "<!-- copydesk-enable hygiene.editor-note -->\n\n"
        f"{NOTE}\n"
    ))
    assert findings(run(tmp_path, "check", "a.md")) == [(9, "hygiene.editor-note")]


def test_disable_next_line_prefix_and_several_ids(tmp_path):
    draft(tmp_path, "a.md", (
        "# Storm damages harbor\n\n"
        "<!-- copydesk-disable-next-line hygiene -->\n"
        f"{NOTE}\n\n"
        f"{NOTE}\n\n"
        "<!-- copydesk-disable-next-line hygiene.boilerplate, hygiene.editor-note -->\n"
        "Back to top button\n"
    ))
    assert findings(run(tmp_path, "check", "a.md")) == [
        (6, "hygiene.editor-note"),
        # the editor-note half of the last comment hid nothing
        (8, "copydesk.unused-suppression"),
    ]


def test_disable_file_and_no_id_means_every_rule(tmp_path):
    draft(tmp_path, "a.html", f"<!-- copydesk-disable-file -->\n<h1>Storm</h1>\n\n<p>{NOTE}</p>\n")
    result = run(tmp_path, "check", "a.html")
    assert findings(result) == [] and result.returncode == 0


def test_unused_suppression_reported_as_warning(tmp_path):
    draft(tmp_path, "a.md", "# Storm\n\nAll fixed now, the harbor master said.\n\n<!-- copydesk-disable-next-line hygiene.editor-note -->\nNo note here.\n")
    result = run(tmp_path, "check", "a.md")
    assert result.stdout.splitlines()[0] == (
        "a.md:5:1: warning copydesk.unused-suppression Unused `copydesk-disable-next-line`: "
        "this suppression of hygiene.editor-note hides nothing; delete it (or fix the rule id)"
    )
    assert result.returncode == 0  # a warning: fails only with --fail-on warning
    assert run(tmp_path, "check", "--fail-on", "warning", "a.md").returncode == 1
    assert findings(run(tmp_path, "check", "--ignore", "copydesk", "a.md")) == []


def test_typo_in_rule_id_is_reported(tmp_path):
    draft(tmp_path, "a.md", f"# Storm\n\n<!-- copydesk-disable-next-line hygiene.editor-nte -->\n{NOTE}\n")
    result = run(tmp_path, "check", "a.md")
    assert findings(result) == [(3, "copydesk.unused-suppression"), (4, "hygiene.editor-note")]
    assert "no rule matches 'hygiene.editor-nte'" in result.stdout


def test_deselected_rule_is_not_judged_unused(tmp_path):
    draft(tmp_path, "a.md", f"# Storm\n\n<!-- copydesk-disable-next-line hygiene.editor-note -->\n{NOTE}\n")
    assert findings(run(tmp_path, "check", "--select", "hygiene.boilerplate", "a.md")) == []


def test_comments_in_code_and_plain_text_are_not_directives(tmp_path):
    draft(tmp_path, "a.md", (
        "# How to silence a rule\n\n"
        "Write `<!-- copydesk-disable-next-line hygiene -->` above the line.\n\n"
        "```html\n<!-- copydesk-disable-file -->\n```\n\n"
        f"{NOTE}\n"
    ))
    assert findings(run(tmp_path, "check", "a.md")) == [(9, "hygiene.editor-note")]
    # plain text has no invisible comment: the marker would be published, so it does nothing
    draft(tmp_path, "b.txt", f"Storm\n\n<!-- copydesk-disable-file -->\n\n{NOTE}\n")
    assert findings(run(tmp_path, "check", "b.txt")) == [(5, "hygiene.editor-note")]


# ---- baselines ----------------------------------------------------------------------------

TODAY = (
    "Storm damages harbor\n\n"
    f"{NOTE}\n\n"
    "The storm hit the harbor Tuesday, harbor master Ruth Alder said.\n\n"
    "Back to top button\n"
)


def test_baseline_hides_old_findings_after_lines_are_inserted_and_reports_new_ones(tmp_path):
    path = draft(tmp_path, "storm.txt", TODAY)
    draft(tmp_path, "other.txt", "Budget\n\nThe council voted 7-2. CHECK\n")
    written = run(tmp_path, "check", "--write-baseline", "copydesk-baseline.json", ".")
    assert written.returncode == 0 and written.stdout == ""
    assert "wrote 3 findings to the baseline copydesk-baseline.json" in written.stderr
    entries = json.loads((tmp_path / "copydesk-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {(e["rule"], e["path"], e["count"]) for e in entries} == {
        ("hygiene.boilerplate", "storm.txt", 1), ("hygiene.editor-note", "storm.txt", 1), ("hygiene.editor-note", "other.txt", 1)
    }

    # tomorrow: two paragraphs inserted above, the old problems still there, one new note
    path.write_text(
        "Storm damages harbor\n\nA new top paragraph.\n\nAnd another one.\n\n"
        + TODAY.split("\n\n", 1)[1].replace("Ruth Alder said.", "Ruth Alder said. TK"),
        encoding="utf-8",
    )
    plain = run(tmp_path, "check", ".")
    assert findings(plain) == [(3, "hygiene.editor-note"), (7, "hygiene.editor-note"), (9, "hygiene.editor-note"), (11, "hygiene.boilerplate")]
    result = run(tmp_path, "check", "--baseline", "copydesk-baseline.json", ".")
    assert result.stdout.splitlines() == [
        "storm.txt:9:66: error hygiene.editor-note “TK” looks like a note to editors left in the copy: resolve it and delete it before publishing",
        "Found 1 error in 1 of 2 drafts. The error fails the check.",
        "To pass: fix the error above (`copydesk explain RULE` says what each rule wants).",
    ]
    assert result.returncode == 1


def test_baseline_counts_per_key(tmp_path):
    draft(tmp_path, "a.txt", "Headline\n\nIt fell. CHECK\n")
    run(tmp_path, "check", "--write-baseline", "b.json", "a.txt")
    draft(tmp_path, "a.txt", "Headline\n\nIt fell. CHECK\n\nIt fell. CHECK\n")
    assert findings(run(tmp_path, "check", "--baseline", "b.json", "a.txt")) == [(5, "hygiene.editor-note")]


def test_baseline_works_from_another_folder(tmp_path):
    draft(tmp_path, "a.txt", "Headline\n\nIt fell. CHECK\n")
    run(tmp_path, "check", "--write-baseline", "b.json", "a.txt")
    sub = tmp_path / "sub"
    sub.mkdir()
    result = run(sub, "check", "--baseline", "../b.json", "../a.txt")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("content,message", [
    ("{not json", "b.json:1: not a copydesk baseline (invalid JSON"),
    ('{"version": 9, "findings": []}', "b.json:1: not a copydesk baseline"),
])
def test_bad_baseline_is_a_clear_error(tmp_path, content, message):
    draft(tmp_path, "a.txt", "Headline\n\nIt fell.\n")
    draft(tmp_path, "b.json", content)
    result = run(tmp_path, "check", "--baseline", "b.json", "a.txt")
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""
    missing = run(tmp_path, "check", "--baseline", "none.json", "a.txt")
    assert missing.returncode == 2 and "--baseline none.json: no such file" in missing.stderr
