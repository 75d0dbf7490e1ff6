"""Permit flows for the end-to-end tests: the demo people, an API session per person for setting the
scene, and the UI steps the tests compose (log in, fill the permit form, take an action through its dialog)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PASSWORD = "demo-password"


@dataclass(frozen=True)
class Person:
    email: str
    name: str


REQUESTER = Person("requester@acme.example", "Ravi Menon")
VERIFIER = Person("verifier@acme.example", "Elena Petrova")
ISSUER = Person("issuer@acme.example", "Isabel Clarke")
ISSUER2 = Person("issuer2@acme.example", "Ian Fraser")
VIEWER = Person("viewer@acme.example", "Paul Auditor")
ADMIN = Person("admin@acme.example", "Aisha Rahman")
GLOBEX_REQUESTER = Person("requester@globex.example", "Rosa Delgado")

GENERAL = "General / cold work"
HOT_WORK = "Hot work"

# The header's status tag carries the status description as its title (frontend/src/lib/permits/status.ts).
STATUS_DESCRIPTIONS = {
    "Draft": "Being prepared by the requester",
    "Submitted": "Awaiting verification",
    "Verified": "Verified, awaiting issue",
    "Approved": "Issued, work not started",
    "Active": "Work in progress",
    "Suspended": "Work stopped",
    "Handed back": "Handed back, awaiting acceptance by an issuer",
    "Completed": "Handed back and closed",
    "Cancelled": "Withdrawn from use",
    "Expired": "Authorisation ended by time",
    "Rejected": "Returned to the requester",
}

# Every action button label the detail page can show (frontend/src/features/permits/components/actionCatalog.ts).
ACTION_LABELS = (
    "Submit",
    "Resubmit",
    "Verify",
    "Approve",
    "Start work",
    "Resume",
    "Hand back",
    "Accept hand-back",
    "Withdraw",
    "Refuse hand-back",
    "Reject",
    "Suspend",
    "Cancel permit",
)

SIGNED_ACTIONS = frozenset({"submit", "resubmit", "verify", "approve", "activate", "hand_back", "complete"})
PERMIT_URL = re.compile(r"/permits/(\d+)(\?|$)")
PERMIT_HEADING = re.compile(r"^(PTW-\d{4}-\d{6}) · ")


def unique(text: str) -> str:
    """`text` with a short random suffix: tests share one database, so their permits must be told apart."""
    return f"{text} {uuid.uuid4().hex[:8]}"


# --- API sessions: setting the scene ---------------------------------------------------------------------------


class PtwApi:
    """One demo person's API session, logged in once; its cookies also sign in browser contexts."""

    def __init__(self, base_url: str, person: Person) -> None:
        self.base_url = base_url
        self.person = person
        self.http = httpx.Client(base_url=base_url, timeout=30, headers={"Accept": "application/json"})
        response = self.http.post("/api/v1/auth/login/", json={"email": person.email, "password": PASSWORD})
        if response.status_code != 200:
            raise AssertionError(f"{person.email} could not log in: {response.status_code} {response.text}")
        self.me: dict[str, Any] = response.json()

    def close(self) -> None:
        self.http.close()

    @property
    def project(self) -> dict[str, Any]:
        project: dict[str, Any] = self.me["memberships"][0]["project"]
        return project

    def cookies(self) -> list[dict[str, str]]:
        """The session and CSRF cookies, for `BrowserContext.add_cookies`."""
        return [{"name": name, "value": value, "url": self.base_url} for name, value in self.http.cookies.items()]

    def send(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", ""), **kwargs.pop("headers", {})}
        response = self.http.request(method, path, headers=headers, **kwargs)
        if response.is_error:
            raise AssertionError(f"{method} {path} as {self.person.email}: {response.status_code} {response.text}")
        return response.json()

    def send_for_object(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        body = self.send(method, path, **kwargs)
        assert isinstance(body, dict), f"{method} {path} answered {body!r}"
        return body

    def permit_type(self, name: str) -> dict[str, Any]:
        types = self.send("GET", "/api/v1/ptw/permit-types/", params={"project": self.project["id"]})
        ptype: dict[str, Any] = next(ptype for ptype in types if ptype["name"] == name)
        return ptype

    def create_permit(self, title: str, type_name: str = GENERAL, **content: Any) -> dict[str, Any]:
        """A complete draft of `type_name` whose planned window holds now and the next five hours."""
        ptype = self.permit_type(type_name)
        start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=5)
        body = {
            "project": self.project["id"],
            "permit_type": ptype["id"],
            "title": title,
            "description": "Set up by the end-to-end tests.",
            "location": "Unit 100, pump bay 2",
            "planned_start": start.isoformat(),
            "planned_end": (start + timedelta(hours=5)).isoformat(),
            "hazards": "Residual liquid in the line.",
            "control_measures": "Line drained and vented by operations.",
            "probability": 2,
            "severity": 3,
            "ppe": list(ptype["mandatory_ppe"]),
            "checklist": {item["key"]: True for item in ptype["checklist"]},
            "parameters": {},
            **content,
        }
        return self.send_for_object("POST", "/api/v1/ptw/permits/", json=body)

    def act(self, permit: dict[str, Any], action: str, reason: str = "") -> dict[str, Any]:
        body: dict[str, Any] = {"reason": reason}
        if action in SIGNED_ACTIONS:
            body["signature"] = {"method": "typed", "data": self.me["name"]}
        return self.send_for_object("POST", f"/api/v1/ptw/permits/{permit['id']}/{action}/", json=body)

    def permit(self, permit_id: int) -> dict[str, Any]:
        return self.send_for_object("GET", f"/api/v1/ptw/permits/{permit_id}/")


class ApiSessions:
    """The API sessions of the demo people, each logged in on first use (log-in is rate limited)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._sessions: dict[str, PtwApi] = {}

    def __call__(self, person: Person) -> PtwApi:
        if person.email not in self._sessions:
            self._sessions[person.email] = PtwApi(self.base_url, person)
        return self._sessions[person.email]

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()


def permit_path(permit: dict[str, Any]) -> str:
    return f"/permits/{permit['id']}?project={permit['project']}"


# --- UI steps ----------------------------------------------------------------------------------------------------


def log_in(page: Page, person: Person) -> None:
    """Logs in through the real log-in page (opening it unless the page shows it already, e.g. after a redirect
    that will bring the user back) and waits for the signed-in shell."""
    if urlsplit(page.url).path != "/login":
        page.goto("/login")
    expect(page.get_by_role("heading", level=1, name="Log in to PTW")).to_be_visible()
    page.get_by_label("E-mail", exact=True).fill(person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(user_menu(page, person)).to_be_visible()


def pick_date_time(field: Locator, moment: datetime) -> None:
    """Types a site time into a date-time picker (it shows "2 Dec 2026, 14:30" and also takes "2026-12-02T14:30")
    and takes it with Enter."""
    field.fill(moment.strftime("%Y-%m-%dT%H:%M"))
    field.press("Enter")


def user_menu(page: Page, person: Person) -> Locator:
    return page.get_by_role("banner").get_by_role("button", name=re.compile(rf"^User menu: {re.escape(person.name)}"))


def main_navigation(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main navigation")


def tasks_link(page: Page) -> Locator:
    return main_navigation(page).get_by_role("link", name=re.compile(r"^Waiting for me"))


def task_badge(page: Page) -> Locator:
    """The count beside "Waiting for me" in the sidebar."""
    return tasks_link(page).get_by_label(re.compile(r"^\d+ waiting$"))


def choose_option(page: Page, select: Locator, option: str) -> None:
    """Opens an Ant Design select and picks the option titled `option` from its (only visible) dropdown."""
    select.click()
    page.locator(".ant-select-dropdown:visible").get_by_title(option, exact=True).click()


def table_row(scope: Page | Locator, text: str) -> Locator:
    """The table body row whose link reads `text` (a permit number)."""
    return scope.get_by_role("row").filter(has=scope.get_by_role("link", name=text, exact=True))


# --- The permit form ----------------------------------------------------------------------------------------------


@dataclass
class PermitDraft:
    """What the requester types into the permit form."""

    title: str
    type_name: str = GENERAL
    description: str = "Replace the gasket on the P-101 discharge flange."
    location: str = "Unit 100, pump bay 2"
    hazards: str = "Residual liquid in the line; pinch points."
    controls: str = "Line drained and vented by operations; two-person lift."
    hours: int = 5
    # The risk, chosen by tapping its cell of the matrix; None leaves it not assessed (a draft may wait).
    probability: int | None = 3
    severity: int | None = 4
    # The type's template fields, by label: a text or the option to choose.
    details: dict[str, str] = field(default_factory=dict)


def site_time_zone(page: Page) -> ZoneInfo:
    """The project's time zone, as the form's "When" card names it."""
    title = page.get_by_text(re.compile(r"^When \(site time, .+\)$"))
    match = re.search(r"site time, (.+)\)$", title.inner_text())
    assert match is not None
    return ZoneInfo(match.group(1))


def fill_permit_form(page: Page, draft: PermitDraft) -> None:
    """Fills a new permit's form: the planned window from this minute on (site time), template fields, and the
    required checklist items ticked (the type's mandatory PPE comes ticked: see `expect_mandatory_ppe_ticked`)."""
    choose_option(page, page.get_by_label("Permit type", exact=True), draft.type_name)
    page.get_by_label("Title", exact=True).fill(draft.title)
    page.get_by_label("Description", exact=True).fill(draft.description)
    page.get_by_label("Location detail", exact=True).fill(draft.location)

    start = datetime.now(site_time_zone(page)).replace(second=0, microsecond=0)
    pick_date_time(page.get_by_label("Planned start", exact=True), start)
    pick_date_time(page.get_by_label("Planned end", exact=True), start + timedelta(hours=draft.hours))

    if draft.probability is not None and draft.severity is not None:
        choose_risk(page, draft.probability, draft.severity)

    page.get_by_label("Hazards", exact=True).fill(draft.hazards)
    page.get_by_label("Control measures", exact=True).fill(draft.controls)

    for label, value in draft.details.items():
        control = page.get_by_label(label, exact=True)
        if control.get_attribute("role") == "combobox":
            choose_option(page, control, value)
        else:
            control.fill(value)

    required_checks = page.get_by_role("region", name="Safety checklist").get_by_role(
        "checkbox", name=re.compile(r"\(required\)$")
    )
    expect(required_checks.first).to_be_visible()
    for check in required_checks.all():
        check.check()
        expect(check).to_be_checked()


def risk_cell(page: Page, probability: int, severity: int) -> Locator:
    """A cell of the form's risk matrix, by its probability (row) and severity (column)."""
    matrix = page.get_by_role("group", name="Risk matrix")
    return matrix.get_by_role("button", name=re.compile(rf"^Probability {probability} .*, severity {severity} "))


def choose_risk(page: Page, probability: int, severity: int) -> None:
    """Taps the matrix cell: it chooses both values and is the one cell shown as chosen."""
    cell = risk_cell(page, probability, severity)
    cell.click()
    expect(cell).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("group", name="Risk matrix").locator("button[aria-pressed=true]")).to_have_count(1)


def expect_mandatory_ppe_ticked(page: Page, items: list[str]) -> None:
    for item in items:
        expect(page.get_by_role("checkbox", name=item, exact=True)).to_be_checked()


# --- The permit detail page ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenPermit:
    id: int
    number: str

    def path(self, project_id: int | None = None) -> str:
        return f"/permits/{self.id}" if project_id is None else f"/permits/{self.id}?project={project_id}"


def permit_heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1, name=PERMIT_HEADING)


def opened_permit(page: Page) -> OpenPermit:
    """The permit the page shows, once its detail page has loaded."""
    expect(page).to_have_url(PERMIT_URL)
    heading = permit_heading(page)
    expect(heading).to_be_visible()
    number = PERMIT_HEADING.match(heading.inner_text())
    url = PERMIT_URL.search(page.url)
    assert number is not None
    assert url is not None
    return OpenPermit(int(url.group(1)), number.group(1))


def expect_status(page: Page, label: str) -> None:
    """The permit header shows the status `label` (its tag is titled with the status description)."""
    expect(page.get_by_title(STATUS_DESCRIPTIONS[label], exact=True)).to_have_text(label)


def permit_actions(page: Page) -> Locator:
    return page.get_by_role("region", name="Permit actions")


def gas_reading(gas: str, value: str, unit: str) -> dict[str, Any]:
    """A reading as the API takes it, from a calibrated instrument, measured now."""
    return {
        "gas": gas,
        "value": value,
        "unit": unit,
        "instrument_id": "GD-0417",
        "calibrated_on": (datetime.now(UTC) - timedelta(days=30)).date().isoformat(),
        "location": "Fire-water header, nozzle N-4",
    }


def safe_gas_tested(api: ApiSessions, permit: dict[str, Any]) -> None:
    """The verifier's safe oxygen and LEL readings on the permit, through the API (what verifying hot work needs)."""
    for gas, value, unit in (("O2", "20.9", "%vol"), ("LEL", "0", "%LEL")):
        api(VERIFIER).send("POST", f"/api/v1/ptw/permits/{permit['id']}/gas-tests/", json=gas_reading(gas, value, unit))


def action_button(page: Page, label: str) -> Locator:
    return permit_actions(page).get_by_role("button", name=label, exact=True)


def action_dialog(page: Page, label: str) -> Locator:
    return page.get_by_role("dialog", name=re.compile(rf"^{re.escape(label)}( — |$)"))


def confirm_in_dialog(page: Page, label: str, signer: Person | None = None, reason: str | None = None) -> None:
    """Completes the action dialog: its confirm button stays disabled until the reason or signature is given."""
    dialog = action_dialog(page, label)
    expect(dialog).to_be_visible()
    confirm = dialog.get_by_role("button", name=label, exact=True)
    if reason is not None:
        expect(confirm).to_be_disabled()
        dialog.get_by_label("Reason", exact=True).fill(reason)
    if signer is not None:
        expect(confirm).to_be_disabled()
        expect(dialog.get_by_text(f"Your name as registered in PTW: {signer.name}")).to_be_visible()
        dialog.get_by_label("Sign: type your full name", exact=True).fill(signer.name)
    confirm.click()
    expect(dialog).to_be_hidden()
    # Until its closing animation ends, the dialog's mask takes the clicks meant for the page.
    expect(page.locator(".ant-modal-mask:visible")).to_have_count(0)


def draw_signature(page: Page, dialog: Locator) -> None:
    """Signs in an action dialog by drawing on its pad with the mouse: a few strokes of a scribbled name."""
    dialog.get_by_text("Draw", exact=True).click()
    pad = dialog.get_by_role("img", name="Signature pad")
    expect(pad).to_be_visible()
    # The dialog zooms in when it opens: draw once it stands still, or the strokes miss the moving pad.
    page.evaluate("Promise.allSettled(document.getAnimations().map((animation) => animation.finished))")
    box = pad.bounding_box()
    assert box is not None
    left, middle = box["x"] + 20, box["y"] + box["height"] / 2
    for stroke in range(3):
        page.mouse.move(left + stroke * 80, middle + 20)
        page.mouse.down()
        for step in range(1, 9):
            page.mouse.move(left + stroke * 80 + step * 8, middle + (20 if step % 2 else -20), steps=2)
        page.mouse.up()


def take_action(page: Page, label: str, signer: Person | None = None, reason: str | None = None) -> None:
    """Takes an action from the detail page's action bar and waits for its confirmation."""
    action_button(page, label).click()
    confirm_in_dialog(page, label, signer=signer, reason=reason)
    expect(permit_actions(page).get_by_role("status").filter(has_text=f"{label}: done.")).to_be_visible()


def open_tab(page: Page, name: str | re.Pattern[str]) -> Locator:
    """Opens a tab of the detail page, from the tab bar's overflow menu ("ellipsis") when the bar is too narrow
    to show it; returns its panel.

    The bar is measured again on every try: labels that carry counts change width while the page loads, so a
    tab hidden at one moment may be in view at the next (and the menu, opened by hover, may close meanwhile)."""
    tab = page.get_by_role("tab", name=name)
    more = page.get_by_role("tablist").get_by_role("button", name="ellipsis")
    option = page.get_by_role("listbox").get_by_role("option", name=name)
    touch = bool(page.evaluate("matchMedia('(pointer: coarse)').matches"))
    for _ in range(5):
        if tab.get_attribute("aria-selected") == "true":
            break
        # The bar scrolls to keep the open tab in view, so a tab may be hidden on either side of the visible strip.
        tab_box, strip = tab.bounding_box(), page.locator(".ant-tabs-nav-wrap").first.bounding_box()
        hidden = (
            tab_box is not None
            and strip is not None
            and (tab_box["x"] < strip["x"] or tab_box["x"] + tab_box["width"] > strip["x"] + strip["width"])
        )
        if hidden and touch:
            # A touch screen has no hover to open the overflow menu: the tab is reached from the keyboard.
            tab.focus()
            page.keyboard.press("Enter")
        elif hidden and more.is_visible():
            more.hover()
            try:
                option.click(timeout=3_000)
            except PlaywrightTimeoutError:
                page.mouse.move(0, 0)  # the menu opens again on the next hover
                continue
        else:
            tab.click()
        try:
            expect(tab).to_have_attribute("aria-selected", "true", timeout=2_000)
            break
        except AssertionError:
            continue
    expect(tab).to_have_attribute("aria-selected", "true")
    panel = page.get_by_role("tabpanel")
    expect(panel).to_have_count(1)
    return panel


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page scrolls sideways (0 when everything fits the viewport)."""
    return int(page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"))


def expect_image_drawn(image: Locator) -> None:
    """Waits until an image is shown and its bytes have arrived, then checks they decoded to a picture. An `<img>`
    with a set size is visible before its bytes arrive, so visibility alone proves nothing about the picture."""
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("image => image.naturalWidth") > 0


def record_gas_reading(panel: Locator, gas: str, value: str, shown: str, limit: str) -> None:
    """Records a reading in the Gas tests tab, whose form proposes the gases in test order (O2, flammables,
    toxics), and waits for the server's verdict on the reading (`shown` as the server states it)."""
    unit = shown.split()[-1]
    expect(panel.get_by_title(gas, exact=True)).to_be_visible()
    expect(panel.get_by_title(unit, exact=True)).to_be_visible()
    panel.get_by_label("Reading", exact=True).fill(value)
    panel.get_by_role("button", name="Record reading").click()
    expect(panel.get_by_role("status").filter(has_text=f"{gas} {shown}: pass (limit {limit}).")).to_be_visible()
