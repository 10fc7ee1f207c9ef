"""Where the running copydesk came from, so `copydesk init` can pin exactly that.

- a git clone (an editable install, `pip install ./clone`, or `python -m lint` in a checkout):
  the clone at its commit (`git rev-parse HEAD`). When the clone's `origin` holds that commit
  (a remote-tracking branch contains it), the origin URL, which other machines can fetch;
  otherwise the clone's own path, which works on this machine only (a note says so).
- `pip install "copydesk @ git+URL@REV"`: that URL at the commit pip recorded.
- the package index (no direct URL recorded): that version, `copydesk==X.Y.Z`.

Anything else (an unpacked archive, a wheel file) cannot be pinned: init says so and asks
for `--hook-repo URL --rev COMMIT`.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import List, Optional
from urllib.parse import unquote, urlparse

from lint import __version__
from lint.model import CopydeskError

DISTRIBUTION = "copydesk"


class Source:
    """`kind` "git" (`repo` URL or path at commit `rev`) or "package" (`version` from the index)."""

    def __init__(self, kind: str, repo: str = "", rev: str = "", version: str = "", notes: Optional[List[str]] = None):
        self.kind, self.repo, self.rev, self.version = kind, repo, rev, version
        self.notes = notes or []

    @property
    def requirement(self) -> str:
        """What `pip install` takes to install this copydesk."""
        if self.kind == "package":
            return f"{DISTRIBUTION}=={self.version}"
        return f"{DISTRIBUTION} @ git+{pip_url(self.repo)}@{self.rev}"

    def describe(self) -> str:
        if self.kind == "package":
            return f"copydesk {self.version} from the package index"
        return f"the git repository {self.repo} at commit {self.rev[:12]}"

    def __repr__(self):
        return f"Source({self.kind!r}, repo={self.repo!r}, rev={self.rev!r}, version={self.version!r})"


def pip_url(repo: str) -> str:
    """A git remote as pip's `git+` wants it: `git@host:path` becomes `ssh://git@host/path`,
    a folder becomes `file://`."""
    if re.match(r"^[\w.-]+@[\w.-]+:(?!//)", repo):
        user_host, path = repo.split(":", 1)
        return f"ssh://{user_host}/{path}"
    if "://" not in repo:
        return Path(repo).resolve().as_uri()
    return repo


def given(repo: Optional[str], rev: Optional[str]) -> Optional[Source]:
    """`--hook-repo URL --rev COMMIT` from the command line, or None."""
    if not repo and not rev:
        return None
    if not (repo and rev):
        raise CopydeskError("init: --hook-repo and --rev go together (the repository and the commit or tag in it)")
    return Source("git", repo=repo, rev=rev)


def _git(folder: Path, *args: str) -> Optional[str]:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _clone_holding(folder: Path) -> Optional[Path]:
    """The top folder of the git clone whose top level is `folder` (copydesk's checkout), else None."""
    if not (folder / "lint" / "__init__.py").is_file() or not (folder / "pyproject.toml").is_file():
        return None
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None or Path(top).resolve() != folder.resolve():
        return None  # a copydesk installed in some other project's tree
    return folder.resolve()


def from_clone(clone: Path) -> Source:
    """The clone at HEAD: its origin's URL when origin holds the commit, else its path."""
    rev = _git(clone, "rev-parse", "HEAD")
    if rev is None:
        raise CopydeskError(f"init: copydesk runs from {clone}, a git clone with no commit yet: commit, or give --hook-repo URL --rev COMMIT")
    notes = []
    origin = _git(clone, "config", "--get", "remote.origin.url")
    on_origin = origin and _git(clone, "branch", "--remotes", "--contains", rev, "--format=%(refname)")
    if origin and on_origin and any(r.startswith("refs/remotes/origin/") for r in on_origin.split()):
        repo = origin
    else:
        repo = str(clone)
        why = "it has no remote `origin`" if not origin else f"its origin ({origin}) has not got commit {rev[:12]} (push it)"
        notes.append(
            f"the hook and the workflow install copydesk from the clone {clone}, because {why}: "
            "that works on this machine only. To share the setup, push the clone somewhere your "
            "newsroom can reach and run `copydesk init --hook-repo URL --rev COMMIT` (docs/setup.md)"
        )
    if _git(clone, "status", "--porcelain", "--untracked-files=no"):
        notes.append(f"{clone} has uncommitted changes: the hook installs commit {rev[:12]} without them")
    return Source("git", repo=repo, rev=rev, notes=notes)


def _direct_url(dist) -> Optional[dict]:
    text = dist.read_text("direct_url.json")
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def detect(package_dir: Optional[Path] = None, distribution=None) -> Source:
    """Where the running copydesk came from (`package_dir`: the `lint` package's folder)."""
    package_dir = package_dir or Path(__file__).resolve().parent.parent  # lint/
    clone = _clone_holding(package_dir.parent)
    if clone is not None:
        return from_clone(clone)
    if distribution is None:
        from importlib import metadata

        try:
            distribution = metadata.distribution(DISTRIBUTION)
        except metadata.PackageNotFoundError:
            distribution = None
    if distribution is not None:
        direct = _direct_url(distribution)
        if direct is None:  # installed from an index: that version exists there
            return Source("package", version=distribution.version)
        url = direct.get("url", "")
        vcs = direct.get("vcs_info")
        if vcs and vcs.get("vcs") == "git" and vcs.get("commit_id"):
            return Source("git", repo=url, rev=vcs["commit_id"])
        if url.startswith("file://") and "dir_info" in direct:
            folder = Path(unquote(urlparse(url).path))
            clone = _clone_holding(folder)
            if clone is not None:
                return from_clone(clone)
    raise CopydeskError(
        f"init: cannot tell where this copydesk {__version__} came from (not the package index, not a git clone): "
        "give it with --hook-repo URL --rev COMMIT (a git repository of copydesk and a commit in it)"
    )

