"""Crew sign-on steps for the end-to-end tests: the crew tab on a phone, and a worker signing on on the device
handed round (a finger-drawn signature or the typed name)."""

from __future__ import annotations

import re

from flows import horizontal_overflow
from playwright.sync_api import Locator, Page, expect


def open_crew_tab(page: Page) -> Locator:
    """Opens the crew tab: tapped when the tab bar shows it, else chosen from the keyboard (the overflow menu
    opens on hover, which a touch screen does not have)."""
    # A phone's tab bar names the selected tab with its place ("Tab 5 of 9 …").
    tab = page.get_by_role("tab", name=re.compile(r"Workers & toolbox talk"))
    strip = page.locator(".ant-tabs-nav-wrap").first.bounding_box()
    box = tab.bounding_box()
    if (
        box is not None
        and strip is not None
        and strip["x"] <= box["x"] <= strip["x"] + strip["width"] - box["width"]
    ):
        tab.tap()
    else:
        tab.focus()
        page.keyboard.press("Enter")
    expect(tab).to_have_attribute("aria-selected", "true")
    return page.get_by_role("tabpanel")


def crew_member(page: Page, name: str) -> Locator:
    return (
        page.get_by_role("list", name="Crew")
        .get_by_role("listitem")
        .filter(has_text=name)
    )


def expect_tap_target(locator: Locator) -> None:
    box = locator.bounding_box()
    assert box is not None and box["height"] >= 44, box


def draw_with_finger(page: Page) -> None:
    """A scribbled signature on the sign-on pad: three strokes."""
    pad = page.get_by_role("img", name="Signature pad")
    expect(pad).to_be_visible()
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    left, middle = box["x"] + 20, box["y"] + box["height"] / 2
    for stroke in range(3):
        page.mouse.move(left + stroke * 90, middle + 20)
        page.mouse.down()
        for step in range(1, 9):
            page.mouse.move(
                left + stroke * 90 + step * 9,
                middle + (20 if step % 2 else -20),
                steps=2,
            )
        page.mouse.up()


def sign_on(page: Page, name: str, company: str, *, typed: bool) -> None:
    """Hands the phone to a waiting worker: they confirm the statement, sign, and hand it back."""
    waiting = page.get_by_role("button", name=f"Sign on: {name}")
    expect_tap_target(waiting)
    waiting.click()
    expect(
        page.get_by_text(f"I, {name} of {company}, attended the toolbox talk")
    ).to_be_visible()
    confirm = page.get_by_role("button", name="Sign on", exact=True)
    expect(confirm).to_be_disabled()
    page.get_by_role("checkbox", name="I confirm the statement above").check()
    if typed:
        page.get_by_text("Type name", exact=True).click()
        page.get_by_label(re.compile(r"^Type your full name")).fill(name)
    else:
        draw_with_finger(page)
    assert horizontal_overflow(page) == 0
    expect_tap_target(confirm)
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(
        page.get_by_role("status").filter(has_text=f"{name} signed on. Hand the device")
    ).to_be_visible()
    expect(
        crew_member(page, name).get_by_text(re.compile(r"^Signed on \d"))
    ).to_be_visible()
