"""The reports page end to end: the summary's figures as the server computes them, the permits behind an
exception card, and the downloads carrying the period."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from conftest import PageOpener
from flows import VIEWER, ApiSessions
from playwright.sync_api import expect
from support import Screenshot


def test_reports_show_the_summary_and_the_permits_behind_an_exception(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    project = api(VIEWER).project["id"]
    summary = api(VIEWER).send(
        "GET", "/api/v1/ptw/permits/reports_summary/", params={"project": project}
    )
    page = open_page(VIEWER)
    page.goto(f"/reports?project={project}")
    expect(page.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    figures = page.get_by_role("group", name="Key figures")
    expect(figures).to_contain_text(str(summary["total"]))

    counted = next(row for row in summary["exceptions"] if row["count"] > 0)
    card = figures.get_by_role(
        "button",
        name=re.compile(rf"{counted['count']}\s*{re.escape(counted['label'])}"),
    )
    card.click()
    expect(card).to_have_attribute("aria-pressed", "true")
    table = page.get_by_role("table", name=f"{counted['label']} permits")
    expect(
        table.get_by_role("link", name=re.compile(r"^PTW-\d{4}-\d{6}$"))
    ).to_have_count(min(counted["count"], 25))
    assert parse_qs(urlsplit(page.url).query)["kind"] == [counted["kind"]]
    expect(
        page.get_by_role("group", name="Durations and on-time close rate")
    ).to_be_visible()
    screenshot("summary", page)

    download = page.get_by_role("link", name="Download CSV")
    href = download.get_attribute("href") or ""
    query = parse_qs(urlsplit(href).query)
    assert (query["format"], query["project"]) == (["csv"], [str(project)])
    assert query["date_from"] == [summary["date_from"]] and query["date_to"] == [
        summary["date_to"]
    ]
    csv_text = api(VIEWER).http.get(href).text
    assert csv_text.lstrip("\ufeff").startswith("Section,Item,Value,Definition")
