"""The map in docs/architecture.md is drawn from the code: every path in its tree exists, and every app, every
permits module and every folder of the UI's src/ is on it."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BACKEND_DIR).parent
MAP = ROOT / "docs" / "architecture.md"
ENTRY = re.compile(r"^( {0,4})(\S+)(?:\s{2,}|$)")


def tree_block() -> list[str]:
    text = MAP.read_text()
    block = text[text.index("## The tree") :].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def tree_entries() -> list[Path]:
    """The left-hand column of the tree, each resolved against the folder it is drawn under."""
    parents: list[tuple[int, Path]] = []
    entries = []
    for line in tree_block():
        match = ENTRY.match(line)
        if match is None:
            continue  # a description carried over from the line above
        indent, name = len(match.group(1)), match.group(2)
        while parents and parents[-1][0] >= indent:
            parents.pop()
        path = (parents[-1][1] if parents else ROOT) / name.rstrip("/")
        entries.append(path)
        if name.endswith("/"):
            parents.append((indent, path))
    return entries


def test_every_path_in_the_tree_exists() -> None:
    entries = tree_entries()
    assert len(entries) > 20
    missing = [
        str(p.relative_to(ROOT)) for p in entries if not (list(p.parent.glob(p.name)) if "*" in p.name else p.exists())
    ]
    assert missing == []


def test_every_app_permits_module_and_ui_folder_is_on_the_map() -> None:
    text = "\n".join(tree_block())
    apps = [p.name for p in (ROOT / "backend" / "ptw").iterdir() if (p / "apps.py").exists()]
    modules = [
        p.name
        for p in (ROOT / "backend" / "ptw" / "permits").iterdir()
        if (p.suffix == ".py" and p.name not in {"__init__.py", "apps.py"})
        or (p.is_dir() and p.name not in {"tests", "migrations", "__pycache__"})
    ]
    ui = [p.name for p in (ROOT / "frontend" / "src").iterdir() if p.is_dir()]
    features = [p.name for p in (ROOT / "frontend" / "src" / "features").iterdir() if p.is_dir()]
    assert len(apps) >= 5
    assert [f"ptw/{a}/" for a in apps if f"ptw/{a}/" not in text] == []
    assert [m for m in modules if not re.search(rf"\b{re.escape(m)}", text)] == []
    assert [f"src/{d}/" for d in ui if f"src/{d}/" not in text] == []
    assert [f for f in features if not re.search(rf"\b{f}\b", text)] == []
