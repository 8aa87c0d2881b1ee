"""Secret keys of poe-review (consent links, pseudonyms): an environment variable, else a key
file in the data directory created once with a random key and kept (mode 0600).

One key per purpose so leaking one never forges the other: a pseudonym key in an analyst's export
must not let anyone mint consent-deny links.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def secret_key(env_var: str, filename: str, data_dir: Path) -> bytes:
    """The key named by ``env_var`` when set, else the content of ``data_dir/filename``, created
    on first use. Concurrent first uses agree: the file is created exclusively and re-read."""
    value = os.environ.get(env_var)
    if value:
        return value.encode()
    path = Path(data_dir) / filename
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first: use theirs
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise ValueError(f"key file {path} is empty; delete it to create a new key or set {env_var}")
    return key.encode()
