"""The hash functions copydesk uses, without `hashlib`'s start-up cost.

`import hashlib` loads and initialises OpenSSL (4-8 ms, paid by every commit-hook call). The
same algorithms are built into CPython as small modules, giving the same digests; a Python
built without them gets hashlib's.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
    from _sha1 import sha1
except ImportError:  # pragma: no cover - a Python without the built-in modules
    from hashlib import blake2b, sha1

try:
    from _sha256 import sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:  # pragma: no cover
        from hashlib import sha256

__all__ = ["blake2b", "sha1", "sha256"]
