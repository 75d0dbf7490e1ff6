"""The workflow table is the one place for statuses: no product module spells a status, and the permit payload
says which of its parts can be used in each status."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ptw.permits.choices import Status
from ptw.permits.tests.conftest import URL, World

BACKEND = Path(__file__).resolve().parents[3]
# Where the statuses and their legacy names are defined.
VOCABULARY = BACKEND / "ptw" / "permits" / "choices.py"
STATUS_VALUES = frozenset(Status.values)
# Where a word that is also a status means something else, and why.
NOT_A_STATUS = {
    ("ptw/ops/checks.py", "active"): "the scheduler lease's holder field in `make status`",
    ("ptw/reports/metrics.py", "completed"): "the name of the completed-permits count",
    ("ptw/reports/selectors.py", "completed"): "the summary's field for that count",
    ("ptw/reports/rollups.py", "approved"): "the rollup's column counting permits with an approval time",
    ("ptw/permits/api/area_serializers.py", "suspended"): "an area suspension's count (and an outcome's flag) field",
    ("ptw/permits/services/area_suspensions.py", "suspended"): "the area suspension's count field it saves",
}


def _product_modules() -> list[Path]:
    roots = [BACKEND / "ptw", BACKEND / "config"]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(BACKEND).parts) and path != VOCABULARY
    )


def _words(tree: ast.AST) -> set[int]:
    """Ids of the nodes that are words, not statuses: inside `TextChoices` classes (another model's choices)
    and a transition's past tense (`past="approved"`)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Attribute) and base.attr == "TextChoices" for base in node.bases
        ):
            inside.update(id(child) for child in ast.walk(node))
        if isinstance(node, ast.keyword) and node.arg == "past":
            inside.add(id(node.value))
    return inside


def raw_statuses(name: str, source: str) -> list[str]:
    """`file:line "value"` for each string constant in the module that is a status value."""
    tree = ast.parse(source)
    words = _words(tree)
    return [
        f'{name}:{node.lineno} "{node.value}"'
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in STATUS_VALUES
        and id(node) not in words
        and (name, node.value) not in NOT_A_STATUS
    ]


def test_no_product_module_spells_a_status() -> None:
    found = [
        hit
        for path in _product_modules()
        for hit in raw_statuses(path.relative_to(BACKEND).as_posix(), path.read_text(encoding="utf-8"))
    ]
    assert not found, "Use Status / IsolationStatus or a group of permits/workflow.py:\n" + "\n".join(found)


def test_the_check_names_a_spelled_status_but_not_other_choices_or_a_past_tense() -> None:
    source = (
        "class Kind(models.TextChoices):\n"
        '    DONE = "completed", "Completed"\n'
        "def deletable(permit):\n"
        '    return permit.status == "draft"\n'
        'SUBMIT = Transition(past="submitted")\n'
    )
    assert raw_statuses("ptw/x.py", source) == ['ptw/x.py:4 "draft"']


# Which parts of a permit can be used in each status: extension, handover, crew, closeout.
PARTS_OPEN = {
    "draft": (False, False, True, False),
    "submitted": (False, False, True, False),
    "under_review": (False, False, True, False),
    "approved": (True, False, True, False),
    "active": (True, True, True, True),
    "suspended": (True, False, True, True),
    "handback_pending": (False, False, False, False),
    "completed": (False, False, False, False),
    "cancelled": (False, False, False, False),
    "expired": (False, False, False, True),
    "rejected": (False, False, False, False),
}


@pytest.mark.parametrize("status", list(PARTS_OPEN))
def test_the_permit_says_which_parts_are_open(permit_in: Callable[[str], dict[str, Any]], status: str) -> None:
    permit = permit_in(status)
    assert permit["status"] == status
    extension, handover, crew, closeout = PARTS_OPEN[status]
    assert permit["parts_open"] == {"extension": extension, "handover": handover, "crew": crew, "closeout": closeout}


@pytest.mark.parametrize(
    ("steps", "action", "message"),
    [
        ([], "verify", "A draft permit cannot be verified."),
        (
            [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer")],
            "submit",
            "An approved permit cannot be submitted.",
        ),
        ([("submit", "requester"), ("verify", "verifier")], "submit", "An under review permit cannot be submitted."),
    ],
)
def test_a_refused_status_reads_as_a_sentence(
    world: World, steps: list[tuple[str, str]], action: str, message: str
) -> None:
    pid = world.create()["id"]
    world.walk(pid, steps)
    readiness = world.client("issuer").get(f"{URL}{pid}/readiness/").json()
    assert readiness["actions"][action]["missing"][0] == {"code": "invalid_status", "message": message}


def test_readiness_marks_the_actions_the_status_allows_as_relevant(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    actions = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()["actions"]
    relevant = {action for action, state in actions.items() if state["relevant"]}
    assert relevant == {"withdraw", "verify", "reject", "cancel"}
    assert actions["submit"] == {
        "allowed": False,
        "relevant": False,
        "missing": [{"code": "invalid_status", "message": "A submitted permit cannot be submitted."}],
    }
