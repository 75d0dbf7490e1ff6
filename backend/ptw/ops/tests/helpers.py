"""Helpers for tests that run PTW's own processes (web server, worker, scheduler, commands)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from ptw.ops.uibuild import MANIFEST_NAME, source_hash

BACKEND = settings.BACKEND_DIR
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_ui(root: Path, *, stale: bool = False) -> tuple[Path, Path]:
    """A small UI source tree and a build of it; `stale` edits a source after the build."""
    frontend, dist = root / "frontend", root / "dist"
    (frontend / "src").mkdir(parents=True)
    dist.mkdir()
    (frontend / "index.html").write_text("<!doctype html><div id=root></div>")
    (frontend / "src" / "main.tsx").write_text("export const answer = 42;\n")
    (dist / "index.html").write_text("<!doctype html><title>PTW</title><div id=root></div>")
    manifest = {
        "built_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source_hash": source_hash(frontend),
        "pages": [{"path": "/system", "title": "System status"}],
    }
    (dist / MANIFEST_NAME).write_text(json.dumps(manifest))
    if stale:
        (frontend / "src" / "main.tsx").write_text("export const answer = 43;\n")
    return frontend, dist


def run_env(root: Path, **overrides: str) -> dict[str, str]:
    """A production environment on its own SQLite file and UI build under `root`."""
    frontend, dist = root / "frontend", root / "dist"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PTW_", "CELERY_"))}
    env.update(
        PTW_ENV="production",
        SECRET_KEY="test-" + "k" * 60,
        PTW_SECRETS_KEY="cHR3LXRlc3RzLW9ubHktc2VjcmV0cy1rZXktMzItYnk=",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="false",
        PTW_ALLOW_PLAIN_HTTP="true",
        DATABASE_URL=f"sqlite:///{root / 'ptw.sqlite3'}",
        CELERY_BROKER_URL=f"sqla+sqlite:///{root / 'broker.sqlite3'}",
        PTW_VAR_DIR=str(root / "var"),
        PTW_FRONTEND_DIR=str(frontend),
        PTW_UI_DIST_DIR=str(dist),
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def migrated_database(cache: Path, target: Path) -> None:
    """Copy a fully migrated SQLite database (made once per session into `cache`) to `target`."""
    template = cache / "migrated.sqlite3"
    if not template.exists():
        env = run_env(cache, PTW_ENV="development", DATABASE_URL=f"sqlite:///{template}")
        result = manage(env, "migrate", "--no-input")
        assert result.returncode == 0, result.stderr
    shutil.copy(template, target)
