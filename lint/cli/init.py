"""`copydesk init`: the files a newsroom repo needs, written once.

Writes `copydesk.yaml` (starter config), `people.yaml` (an example house people list),
`.pre-commit-config.yaml` and `.github/workflows/copydesk.yml`. It never overwrites a file: if
one of them exists it stops before writing anything and names it, except for an existing
`.pre-commit-config.yaml`, where it prints the lines to add instead.

The hook and the workflow install copydesk from where the running copydesk really came from
(lint/cli/source.py): the published package at its version, or the git clone it runs from at its
commit. Nothing names a repository, tag or version that does not exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lint.model import CopydeskError
from lint.cli.source import Source, detect, given

# Where the drafts live: the config's corpus and the hook's `files` must agree (the hook then
# never checks a NOTES.md or a README that happens to be committed with a draft).
DRAFTS_FOLDER = "drafts"

CONFIG = """\
# copydesk settings for this repo (docs/setup.md in copydesk explains each one).
# Paths here are relative to this file.

# Rule packs: `builtin` keeps every shipped pack; add your own pack files (house.yaml).
packs:
  - builtin

# Turn rules off (or on) by id or prefix: `copydesk rules` lists them.
# select: [hygiene, people]
ignore: []

# Lowest level that fails a commit or a pull request: error, warning or suggestion.
fail-on: error

# Change a rule's level.
severity:
  hygiene.double-space: suggestion

# Rules to skip for some files (globs, as in .gitignore).
per-file-ignores:
  "archive/**": [hygiene.boilerplate]

# Files never to check.
exclude:
  - "templates/**"
  - "README.md"

# The house list of people (names, ranks, titles) the people checks compare against.
registry: people.yaml

# Your drafts. `copydesk check` with no paths checks these (and fails when they match no
# draft); the commit hook compares the drafts of a commit with them (the same person given
# two titles) but reports only on the committed drafts. If you move them, change `files:` in
# .pre-commit-config.yaml too.
corpus:
  - "{drafts}/**/*.md"
  - "{drafts}/**/*.txt"

# House style choices.
house:
  us-form: U.S.
""".replace("{drafts}", DRAFTS_FOLDER)

# The registry format is docs/registry.md's (lint/packs/registry.py reads it).
PEOPLE = """\
# The house list of people: how the paper names each one on first reference.
# copydesk's people checks flag a draft that gives someone another rank, branch or title.
# Format: docs/registry.md in the copydesk repository.
level: warning   # conflicts are warnings; a person may say `level: error`

people:
  - name: Kenneth F. McKenzie Jr.
    variants: [Kenneth McKenzie, Kenneth F. McKenzie]
    level: error
    roles:
      - branch: Marine Corps
        rank: Gen.
        title: commander of U.S. Central Command
        from: 2019-03-28
        to: 2022-04-01
  - name: Jessica McNulty
    roles:
      - branch: Navy
        rank: Cmdr.
        title: Pentagon spokeswoman
"""

# The hooks, as .pre-commit-hooks.yaml defines them (tests/test_init.py keeps the two equal):
# `repo: local` hooks, for a copydesk installed from the package index, repeat them in full.
TYPES = "[markdown, plain-text, html]"
HOOKS = {
    "copydesk": {
        "name": "copydesk (check drafts)",
        "entry": "copydesk check",
        "require_serial": "true",  # one run, one summary, even for a large commit
        "verbose": "true",  # warnings show on a commit that passes
    },
    "copydesk-fix": {
        "name": "copydesk (apply safe fixes)",
        "entry": "copydesk check --fix",
        "require_serial": "true",
    },
}
FILES = f"^{DRAFTS_FOLDER}/"
FIX_STAGE = "manual"  # copydesk-fix runs when asked: pre-commit run --hook-stage manual copydesk-fix
FIX_COMMAND = f"pre-commit run --hook-stage {FIX_STAGE} copydesk-fix --files"

_USE = f"""\
      - id: copydesk            # errors in the committed drafts block the commit
        files: {FILES}          # the drafts only: keep in step with `corpus` in copydesk.yaml
      - id: copydesk-fix        # on demand: {FIX_COMMAND} FILE
        files: {FILES}
        stages: [{FIX_STAGE}]
"""


def _local_hooks(requirement: str) -> str:
    out = []
    for hook_id, fields in HOOKS.items():
        out.append(f"      - id: {hook_id}")
        out.append(f"        name: {fields['name']}")
        out.append(f"        entry: {fields['entry']}")
        out.append("        language: python")
        out.append(f'        additional_dependencies: ["{requirement}"]')
        out.append(f"        types_or: {TYPES}")
        out.append(f"        files: {FILES}")
        out.append(f"        require_serial: {fields['require_serial']}")
        if "verbose" in fields:
            out.append(f"        verbose: {fields['verbose']}")
        if hook_id == "copydesk-fix":
            out.append(f"        stages: [{FIX_STAGE}]   # on demand: {FIX_COMMAND} FILE")
    return "\n".join(out) + "\n"


def precommit_hooks(source: Source) -> str:
    """The `repos:` entry for copydesk (what an existing config gets told to add)."""
    if source.kind == "package":
        return (
            f"  # copydesk {source.version} from the package index; to upgrade, change the version here\n"
            f"  # and in .github/workflows/copydesk.yml\n"
            f"  - repo: local\n    hooks:\n" + _local_hooks(source.requirement)
        )
    return (
        f"  # copydesk from {source.repo} at commit {source.rev[:12]}; to upgrade: `pre-commit autoupdate`\n"
        f"  - repo: {source.repo}\n    rev: {source.rev}\n    hooks:\n" + _USE
    )


def precommit_config(source: Source) -> str:
    return (
        "# pre-commit (https://pre-commit.com): run `pre-commit install` once; every commit then checks\n"
        "# its drafts, and only errors in them block it (docs/setup.md in copydesk).\n"
        "repos:\n" + precommit_hooks(source)
    )


SARIF_MARKER = "  # --- code scanning (opt-in) ---"

WORKFLOW = """\
# copydesk on every pull request and every push to the default branch (whatever its name).
# Findings become annotations on the changed lines, and the job summary lists them all.
name: copydesk
on:
  pull_request:
  push:
  workflow_dispatch:

permissions:
  contents: read

env:
  # where copydesk is installed from ({where}); `copydesk init` in copydesk wrote this
  COPYDESK: "{requirement}"

jobs:
  check:
    name: check drafts
    # pushes count on the default branch only; pull requests always
    if: github.event_name != 'push' || github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install copydesk
        run: python -m pip install --disable-pip-version-check "$COPYDESK"
      - name: Check drafts
        # no paths: the `corpus` of copydesk.yaml (a run that finds no draft fails, exit 2);
        # annotations, plus every finding in the job summary ($GITHUB_STEP_SUMMARY)
        run: copydesk check --format github

  # Opt-in: the findings as code-scanning alerts (SARIF) too. Code scanning is free on public
  # repos; a private repo needs GitHub Advanced Security. To turn it on, delete the "# " at
  # the start of each line below the marker. It runs after the check, in its own job with the
  # permissions the upload needs, so a failed upload never hides the check's annotations.
  # --- code scanning (opt-in) ---
  # code-scanning:
  #   name: upload to code scanning
  #   needs: check
  #   if: always() && (github.event_name != 'push' || github.ref_name == github.event.repository.default_branch)
  #   runs-on: ubuntu-latest
  #   permissions:
  #     contents: read
  #     security-events: write  # upload the results
  #     actions: read  # the upload reads the run's details (private repos)
  #   steps:
  #     - uses: actions/checkout@v4
  #     - uses: actions/setup-python@v5
  #       with:
  #         python-version: "3.12"
  #     - name: Install copydesk
  #       run: python -m pip install --disable-pip-version-check "$COPYDESK"
  #     - name: Write SARIF
  #       # findings (exit 1) still upload; a config error (exit 2) stops here
  #       run: copydesk check --format sarif --output copydesk.sarif || test $? -eq 1
  #     - uses: github/codeql-action/upload-sarif@v3
  #       with:
  #         sarif_file: copydesk.sarif
  #         category: copydesk
"""


def with_sarif(text: str) -> str:
    """The workflow with its code-scanning job opted in: the "# " after the marker deleted."""
    head, marker, tail = text.partition(SARIF_MARKER + "\n")
    lines = [line.replace("  # ", "  ", 1) if line.startswith("  # ") else line for line in tail.splitlines(keepends=True)]
    return head + marker + "".join(lines)


def workflow(source: Source) -> str:
    """The GitHub Actions workflow (its SARIF job commented out: `with_sarif` opts in, as a user would)."""
    return WORKFLOW.replace("{where}", source.describe()).replace("{requirement}", source.requirement)


def files(source: Source):
    return {
        "copydesk.yaml": CONFIG,
        "people.yaml": PEOPLE,
        ".pre-commit-config.yaml": precommit_config(source),
        ".github/workflows/copydesk.yml": workflow(source),
    }


def run(args) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        raise CopydeskError(f"init: {folder}: no such folder")
    source = given(args.hook_repo, args.rev) or detect()
    wanted = files(source)
    existing = [name for name in wanted if (folder / name).exists() and name != ".pre-commit-config.yaml"]
    if existing:
        raise CopydeskError(
            f"init: will not overwrite {', '.join(existing)} in {folder}: move or delete "
            f"{'it' if len(existing) == 1 else 'them'} first (nothing was written)"
        )
    snippet = None
    for name, text in wanted.items():
        target = folder / name
        if name == ".pre-commit-config.yaml" and target.exists():
            snippet = precommit_hooks(source)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    if snippet:
        print(
            f"{folder / '.pre-commit-config.yaml'} exists: left as it is. Add these lines under its `repos:`:\n\n{snippet}",
            file=sys.stdout,
        )
    for note in source.notes:
        print(f"copydesk: note: {note}", file=sys.stderr)
    print("Next: edit copydesk.yaml and people.yaml, then `pre-commit install` and `copydesk check`.")
    return 0
