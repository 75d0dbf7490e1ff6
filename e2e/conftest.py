"""End-to-end fixtures: PTW served by gunicorn on a free local port, and Chromium pages that fail their
test on any browser error."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import httpx
import pytest
from flows import ApiSessions, Person
from playwright.sync_api import Browser, Page, expect, sync_playwright
from support import Screenshot, allow_aborted_requests, forget_problems, track_problems

E2E_DIR = Path(__file__).resolve().parent
BACKEND_DIR = E2E_DIR.parent / "backend"
UI_INDEX = E2E_DIR.parent / "frontend" / "dist" / "index.html"
ARTIFACTS_DIR = E2E_DIR / "artifacts"
VENV_BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60
UI_TIMEOUT_MS = 10_000
API_QUERIES = r"/api/v1/"

expect.set_options(timeout=UI_TIMEOUT_MS)


def server_env(var_dir: Path) -> dict[str, str]:
    """The caller's environment without PTW, Django or database settings, plus a private deployment."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name != "DATABASE_URL" and not name.startswith(("PTW_", "DJANGO_"))
    }
    env.update(
        PTW_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'e2e.sqlite3'}",
        CELERY_BROKER_URL=f"sqla+sqlite:///{var_dir / 'broker.sqlite3'}",
        PTW_ENV="development",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No worker runs beside the test server: deliveries go out in the request's after-commit hook, to
        # receivers the tests start on 127.0.0.1.
        CELERY_TASK_ALWAYS_EAGER="true",
        PTW_WEBHOOKS_ALLOW_PRIVATE="true",
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def prepare_database(env: dict[str, str]) -> None:
    """Migrate, then load the demo data when this version of PTW has it."""
    commands: list[tuple[str, ...]] = [("migrate", "--no-input")]
    if manage(env, "help", "ptw_demo").returncode == 0:
        commands.append(("ptw_demo",))
    for command in commands:
        result = manage(env, *command)
        if result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate gunicorn gracefully; kill its process group if it does not stop in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/api/v1/health/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop(process)
    pytest.fail(f"PTW did not answer /api/v1/health/ within {STARTUP_TIMEOUT_S} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Base URL of a PTW started for this session on a fresh SQLite database."""
    if not UI_INDEX.is_file():
        pytest.fail(f"no UI build at {UI_INDEX}: run `make prepare-ui` first")
    with tempfile.TemporaryDirectory(prefix="ptw-e2e-") as tmp:
        var_dir = Path(tmp)
        env = server_env(var_dir)
        prepare_database(env)
        bind = f"127.0.0.1:{free_port()}"
        base_url = f"http://{bind}"
        log = var_dir / "gunicorn.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", bind, "--workers", "2", "--threads", "4"],
                cwd=BACKEND_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until_healthy(base_url, process, log)
            yield base_url
        finally:
            stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def fail_on_problems(pages: list[Page]) -> None:
    """Closes the pages' contexts; fails the test if any page saw browser errors it did not allow."""
    problems = []
    for page in pages:
        problems.extend(forget_problems(page))
        page.context.close()
    if problems:
        pytest.fail("the browser reported problems:\n" + "\n".join(f"  - {problem}" for problem in problems))


def new_tracked_page(browser: Browser, server: str, width: int = 1280) -> Page:
    context = browser.new_context(base_url=server, viewport={"width": width, "height": 800})
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    track_problems(page)
    # The UI's queries pass an AbortSignal to fetch, so React Query cancels a data fetch nobody waits for any
    # more: its component unmounted (the sidebar re-renders when it collapses) or the same query was invalidated
    # again (a permit action invalidates the task count twice). Those are not failures.
    allow_aborted_requests(page, API_QUERIES, method="GET")
    # The permit form's conflicts preview is such a query too, asked by POST because it carries the unsaved
    # form's fields: it is cancelled when the form changes again or is left before the answer comes.
    allow_aborted_requests(page, r"/api/v1/ptw/permits/conflicts-preview/$", method="POST")
    return page


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A page in a fresh context; the test fails if the browser saw errors it did not allow."""
    page = new_tracked_page(browser, server)
    try:
        yield page
    finally:
        fail_on_problems([page])


@pytest.fixture(scope="session")
def api(server: str) -> Iterator[ApiSessions]:
    """`api(person)`: that demo person's API session, for setting the scene (logged in once per session)."""
    sessions = ApiSessions(server)
    try:
        yield sessions
    finally:
        sessions.close()


class PageOpener(Protocol):
    def __call__(self, person: Person | None = None, width: int = 1280) -> Page: ...


@pytest.fixture
def open_page(browser: Browser, server: str, api: ApiSessions) -> Iterator[PageOpener]:
    """`open_page(person)`: a page in its own context, signed in with the person's API session (or signed out
    without one); like `page`, the test fails if any of them saw browser errors it did not allow."""
    pages: list[Page] = []

    def open_as(person: Person | None = None, width: int = 1280) -> Page:
        page = new_tracked_page(browser, server, width)
        if person is not None:
            page.context.add_cookies(api(person).cookies())  # type: ignore[arg-type]
        pages.append(page)
        return page

    try:
        yield open_as
    finally:
        fail_on_problems(pages)


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Screenshot:
    """Saves a full-page screenshot as artifacts/<test name>-<label>.png, of the test's `page` unless given one."""

    def save(label: str, page: Page | None = None) -> Path:
        target: Page = request.getfixturevalue("page") if page is None else page
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        path = ARTIFACTS_DIR / re.sub(r"[^\w.-]+", "_", f"{request.node.name}-{label}.png")
        target.screenshot(path=path, full_page=True)
        return path

    return save
