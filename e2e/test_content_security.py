"""The Content-Security-Policy end to end: the app, a drawn signature and the API docs work under it, and the
browser reports no violation of it."""

from __future__ import annotations

from conftest import PageOpener
from flows import (
    REQUESTER,
    ApiSessions,
    action_button,
    action_dialog,
    draw_signature,
    expect_image_drawn,
    expect_status,
    open_tab,
    permit_path,
    unique,
)
from playwright.sync_api import Page, expect

# Runs in every document the page opens, before the document's own scripts.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}`);
});
"""


def record_violations(page: Page) -> list[str]:
    """Every `securitypolicyviolation` event any document of the page fires, across navigations."""
    violations: list[str] = []

    def report(violation: str) -> None:
        violations.append(violation)

    page.expose_function("reportViolation", report)
    page.add_init_script(REPORT_VIOLATIONS)
    return violations


def directives_of(header: str) -> dict[str, str]:
    """A Content-Security-Policy as directive → value: its directives come in no fixed order."""
    pairs = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value.strip() for name, _, value in pairs}


def test_app_signature_and_api_docs_run_under_the_policy(open_page: PageOpener, api: ApiSessions) -> None:
    permit = api(REQUESTER).create_permit(unique("Replace the gasket on V-12"))
    page = open_page(REQUESTER)
    violations = record_violations(page)

    response = page.goto(permit_path(permit))
    assert response is not None
    policy = directives_of(response.headers["content-security-policy"])
    assert policy["script-src"] == "'self'" and policy["frame-ancestors"] == "'none'", policy
    assert "camera=(self)" in response.headers["permissions-policy"]

    # The requester submits by drawing a signature; it travels and is shown as a data: URL image.
    action_button(page, "Submit").click()
    dialog = action_dialog(page, "Submit")
    draw_signature(page, dialog)
    dialog.get_by_role("button", name="Submit", exact=True).click()
    expect(dialog).to_be_hidden()
    expect_status(page, "Submitted")
    signatures = open_tab(page, "People & signatures")
    drawn = signatures.get_by_role("img", name=f"Drawn signature of {REQUESTER.name}")
    expect_image_drawn(drawn)

    # The API docs: Swagger UI starts from its own script file and lists the operations.
    docs = page.goto("/api/docs/")
    assert docs is not None
    assert directives_of(docs.headers["content-security-policy"]) == policy
    expect(page.locator(".opblock-summary-path").filter(has_text="/api/v1/ptw/permits/").first).to_be_visible()

    assert violations == []
