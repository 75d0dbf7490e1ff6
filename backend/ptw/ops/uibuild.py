"""The built UI's manifest and the hash of the UI sources it was built from.

The hash rule is shared with `frontend/build/source-hash.ts`; both must agree byte for byte:
SHA-256 over each source file, in code-point order of its POSIX path relative to `frontend/`,
of `path NUL bytes NUL`. Sources: index.html, package.json, package-lock.json, vite.config.ts,
tsconfig*.json, build/**, public/** (icons and logo copied as they are), src/** except `*.test.*` files and src/test/**.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

MANIFEST_NAME = "ptw-build.json"
_TOP_FILES = ("index.html", "package.json", "package-lock.json", "vite.config.ts")


def _is_source(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    if relative.startswith("src/"):
        return ".test." not in name and not relative.startswith("src/test/")
    return relative.startswith(("build/", "public/"))


def source_files(frontend_dir: Path) -> list[str]:
    found = [name for name in _TOP_FILES if (frontend_dir / name).is_file()]
    found += [p.name for p in frontend_dir.glob("tsconfig*.json") if p.is_file()]
    for folder in ("src", "build", "public"):
        root = frontend_dir / folder
        if root.is_dir():
            found += [
                rel
                for p in root.rglob("*")
                if p.is_file() and not p.is_symlink() and _is_source(rel := p.relative_to(frontend_dir).as_posix())
            ]
    return sorted(set(found))


def source_hash(frontend_dir: Path) -> str | None:
    """Hash of the UI sources, or None when there are no sources to hash."""
    files = source_files(frontend_dir)
    if not files:
        return None
    digest = hashlib.sha256()
    for relative in files:
        digest.update(relative.encode("utf-8"))
        digest.update(b"\0")
        digest.update((frontend_dir / relative).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class UiBuild:
    source_hash: str
    built_at: datetime
    pages: list[dict[str, Any]]


def read_manifest(dist_dir: Path) -> UiBuild | None:
    """The manifest the UI build wrote, or None when there is no (readable) build."""
    path = dist_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return UiBuild(
            source_hash=str(data["source_hash"]),
            built_at=datetime.fromisoformat(str(data["built_at"]).replace("Z", "+00:00")),
            pages=list(data.get("pages", [])),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
