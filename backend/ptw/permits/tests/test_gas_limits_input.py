"""Gas limits set by a project admin (project settings) or for a permit type (override) are checked when they are
set: a limit the pass/fail rule cannot read is refused with 400 and changes nothing; a good one decides readings."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.accounts.models import Project
from ptw.permits.gas import describe
from ptw.permits.models import PermitTypeOverride
from ptw.permits.tests.conftest import World
from ptw.permits.tests.test_gas_tests import reading, record
from ptw.permits.tests.test_permit_types_api import assert_error, override

PROJECT = "/api/v1/projects/{}/"

BAD_LIMITS = [
    pytest.param({"LEL": {"max": "abc"}}, id="max-not-a-number"),
    pytest.param({"LEL": {"max": None}}, id="max-null"),
    pytest.param({"O2": {"min": None}}, id="min-null"),
    pytest.param({"LEL": {"max": "-1"}}, id="max-negative"),
    pytest.param({"O2": {"min": "25", "max": "20"}}, id="min-above-max"),
    pytest.param({"O2": {"min": "23.5", "max": "23.5"}}, id="min-equals-max"),
    pytest.param({"LEL": {"max_inclusive": "maybe"}}, id="inclusive-not-a-boolean"),
    pytest.param({"LEL": {"colour": "red"}}, id="unknown-key"),
    pytest.param({"NH3": {"max": "25"}}, id="new-gas-without-unit"),
    pytest.param({"NH3": {"unit": "ppm"}}, id="new-gas-without-a-bound"),
    pytest.param({"LEL": "10"}, id="limit-not-an-object"),
    pytest.param({"": {"max": "5", "unit": "ppm"}}, id="empty-gas-name"),
]


def patch_project(world: World, settings: dict[str, Any]) -> Any:
    project = world.acme.project
    return world.client("admin").patch(
        PROJECT.format(project.id), {"ptw_settings": settings}, format="json", HTTP_IF_MATCH='"1"'
    )


@pytest.mark.parametrize("limits", BAD_LIMITS)
def test_a_bad_project_limit_is_refused_and_changes_nothing(world: World, limits: dict[str, Any]) -> None:
    before = Project.objects.get(pk=world.acme.project.pk).ptw_settings
    error = assert_error(patch_project(world, {"gas_limits": limits}), 400, "invalid")
    assert "ptw_settings" in error["fields"]
    project = Project.objects.get(pk=world.acme.project.pk)
    assert (project.ptw_settings, project.version) == (before, 1)


@pytest.mark.parametrize("limits", BAD_LIMITS)
def test_a_bad_type_limit_is_refused_and_changes_nothing(world: World, limits: dict[str, Any]) -> None:
    error = assert_error(override(world, "hot-work", {"gas_limits": limits}), 400, "invalid")
    assert "gas_limits" in error["fields"]
    assert not PermitTypeOverride.objects.exists()


def test_a_good_type_limit_decides_readings(world: World) -> None:
    limits = {"LEL": {"max": "5"}, "NH3": {"max": "25", "max_inclusive": True, "unit": "ppm"}}
    response = override(world, "general", {"requires_gas_test": True, "gas_limits": limits})
    assert response.status_code == 200, response.content
    pid = world.create()["id"]
    results = [
        record(world, pid, reading(gas, value, unit=unit)).json()
        for gas, value, unit in [("LEL", "6", "%LEL"), ("LEL", "4", "%LEL"), ("NH3", "25", "ppm"), ("NH3", "26", "ppm")]
    ]
    assert [r["result"] for r in results] == ["fail", "pass", "pass", "fail"]
    assert [r["limit"]["max"] for r in results] == ["5", "5", "25", "25"]


def test_a_good_project_limit_decides_readings(world: World) -> None:
    response = patch_project(world, {"gas_limits": {"CO": {"max": "25"}}})
    assert response.status_code == 200, response.content
    override(world, "general", {"requires_gas_test": True})
    pid = world.create()["id"]
    assert record(world, pid, reading("CO", "26")).json()["result"] == "fail"
    assert record(world, pid, reading("CO", "24")).json()["result"] == "pass"


@pytest.mark.parametrize(
    ("limit", "printed"),
    [
        ({"min": "19.5", "max": "23.5", "max_inclusive": True, "unit": "%vol"}, "≥ 19.5 and ≤ 23.5 %vol"),
        ({"min": None, "max": "10", "max_inclusive": False, "unit": "%LEL"}, "< 10 %LEL"),
        ({"max": None, "min": "1", "unit": "ppm"}, "≥ 1 ppm"),
    ],
)
def test_a_limit_is_printed_without_its_missing_bound(limit: dict[str, Any], printed: str) -> None:
    assert describe(limit) == printed
