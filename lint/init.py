"""`copydesk init`: the files a newsroom repo needs, written once.

Writes `copydesk.yaml` (starter config), `people.yaml` (an example house people list),
`.pre-commit-config.yaml` and `.github/workflows/copydesk.yml`. It never overwrites a file: if
one of them exists it stops before writing anything and names it, except for an existing
`.pre-commit-config.yaml`, where it prints the lines to add instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lint import __version__
from lint.model import CopydeskError

# Where pre-commit and GitHub Actions fetch copydesk from (override with --hook-repo/--rev).
HOOK_REPO = "https://github.com/copydesk/copydesk"
ACTION = "copydesk/copydesk"

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

# Other drafts to compare against for cross-draft checks (the same person given two titles).
# `copydesk check` with no paths checks these.
corpus:
  - "drafts/**/*.md"
  - "drafts/**/*.txt"

# House style choices.
house:
  us-form: U.S.
"""

# The registry format is docs/registry.md's (lint/registry.py reads it).
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

PRECOMMIT_HOOKS = """\
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: copydesk          # the drafts in each commit
      - id: copydesk-corpus   # all configured drafts together (cross-draft people checks)
"""

PRECOMMIT = "# pre-commit (https://pre-commit.com): run `pre-commit install` once.\nrepos:\n" + PRECOMMIT_HOOKS

WORKFLOW = """\
# Check the drafts of every pull request with copydesk.
name: copydesk
on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write   # for the code-scanning (SARIF) upload

jobs:
  copydesk:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: {action}@{rev}
        with:
          sarif: "true"
"""


def files(repo: str, rev: str):
    return {
        "copydesk.yaml": CONFIG,
        "people.yaml": PEOPLE,
        ".pre-commit-config.yaml": PRECOMMIT.format(repo=repo, rev=rev),
        ".github/workflows/copydesk.yml": WORKFLOW.format(action=ACTION, rev=rev),
    }


def run(args) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        raise CopydeskError(f"init: {folder}: no such folder")
    repo = args.hook_repo or HOOK_REPO
    rev = args.rev or f"v{__version__}"
    wanted = files(repo, rev)
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
            snippet = PRECOMMIT_HOOKS.format(repo=repo, rev=rev)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    if snippet:
        print(
            f"{folder / '.pre-commit-config.yaml'} exists: left as it is. Add these lines under its `repos:`:\n\n{snippet}",
            file=sys.stdout,
        )
    print("Next: edit copydesk.yaml and people.yaml, then `pre-commit install` and `copydesk check`.")
    return 0
