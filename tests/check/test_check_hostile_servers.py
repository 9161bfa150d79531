"""--external against hostile servers on 127.0.0.1: deadlines, progress, inside addresses."""

from __future__ import annotations

import asyncio
import re
import time
from concurrent.futures import ThreadPoolExecutor

import httpcore
import pytest
from click.testing import CliRunner

from generator.check import Cache, Options, run_check
from generator.check.addresses import GuardedBackend, why_refused
from generator.check.cli import check

LOCAL = frozenset({"127.0.0.1"})  # the test servers' host, allowed as a local test site
QUICK = Options(timeout=0.5, retries=0, url_deadline=1.5, allow_hosts=LOCAL)


def site_with(make_site, server, *paths: str):
    body = "\n".join(f'<a href="{server.url}{path}">x</a>' for path in paths)
    return make_site({"index.html": body})


def reasons(make_site, server, *paths: str, options: Options = QUICK, **kwargs) -> dict:
    root = site_with(make_site, server, *paths)
    result = run_check(root, external=True, options=options, **kwargs)
    return {p.path.removeprefix(server.url): p.message for p in result.problems}


def test_a_server_trickling_bytes_is_cut_at_the_url_deadline(make_site, server) -> None:
    start = time.monotonic()
    found = reasons(make_site, server, "/trickle", "/ok")
    assert time.monotonic() - start < 6  # 1.5 s deadline; the read timeout never fires
    assert found == {
        "/trickle": "no final answer within 1.5 s in all"
        f" (waiting for the answer to HEAD {server.url}/trickle (attempt 1))"
    }


def test_the_run_deadline_reports_what_is_known_and_keeps_the_rest(make_site, server) -> None:
    options = Options(timeout=0.5, retries=0, url_deadline=60, run_deadline=1.5, allow_hosts=LOCAL)
    start = time.monotonic()
    found = reasons(make_site, server, "/trickle", "/ok", "/missing", options=options)
    assert time.monotonic() - start < 6
    assert found == {
        "/missing": "404 Not Found",
        "/trickle": "not checked within the run's limit of 1.5 s"
        f" (waiting for the answer to HEAD {server.url}/trickle (attempt 1))",
    }


def test_long_runs_show_progress(make_site, server) -> None:
    options = Options(
        timeout=0.5, retries=0, url_deadline=2.0, progress_every=0.3, allow_hosts=LOCAL
    )
    lines: list[str] = []
    reasons(make_site, server, "/trickle", "/ok", options=options, log=lines.append)
    host = server.url.removeprefix("http://")
    progress = [line for line in lines if line.startswith("outside URLs:")]
    assert len(progress) >= 3, lines  # every 0.3 s while the trickle goes on
    assert all(line.startswith("outside URLs: ") and " of 2 checked" in line for line in progress)
    # Once /ok is answered, the line says the one left is being waited for, and where.
    after_ok = re.compile(
        rf"outside URLs: 1 of 2 checked \(0 failing\) in \d+ s; waiting on {host}"
    )
    assert any(after_ok.fullmatch(line) for line in progress), progress


def test_a_redirect_to_a_file_url_is_not_working(make_site, server) -> None:
    assert reasons(make_site, server, "/to-file") == {
        "/to-file": "302 Found to a file: URL, not followed"
    }


def test_inside_addresses_are_refused_by_default(make_site, server) -> None:
    options = Options(timeout=0.5, retries=0)  # nothing allowed
    assert reasons(make_site, server, "/ok", options=options) == {
        "/ok": "refused: 127.0.0.1 is a loopback address (--allow-private checks it)"
    }
    assert server.count("/ok") == 0  # not even connected: the server saw nothing


@pytest.mark.parametrize("spelling", ["2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]"])
def test_numeric_spellings_of_loopback_are_refused_also_through_redirects(
    make_site, server, spelling
) -> None:
    port = server.httpd.server_address[1]
    address = "::ffff:127.0.0.1" if spelling.startswith("[") else "127.0.0.1"
    why = f"refused: {spelling.strip('[]')} resolves to {address}, a loopback address"
    if spelling.startswith("["):
        why = f"refused: {address} is a loopback address"
    root = make_site(
        {"index.html": f'<a href="http://{spelling}:{port}/ok">d</a><a href="/">x</a>'
         f'<a href="{server.url}/to/{spelling}">r</a>'}
    )  # fmt: skip
    found = {p.path: p.message for p in run_check(root, external=True, options=QUICK).problems}
    suffix = " (--allow-private checks it)"
    assert found == {
        f"http://{spelling}:{port}/ok": why + suffix,
        f"{server.url}/to/{spelling}": why + suffix,
    }
    assert server.count("/ok") == 0
    assert server.count(f"/to/{spelling}") >= 1  # the allowed host was asked


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata services
        ("fe80::1%eth0", "a link-local address"),
        ("fd00::1", "a private address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("::ffff:169.254.169.254", "a link-local address"),
        ("64:ff9b::7f00:1", "a loopback address"),
        ("0.0.0.0", "the unspecified address (this machine)"),
        ("100.64.0.1", "not a public address"),
        ("224.0.0.1", "a multicast address"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert why_refused(address) == kind  # no traffic: the address is only classified


def test_huge_bodies_are_not_read(make_site, server) -> None:
    start = time.monotonic()
    assert reasons(make_site, server, "/huge") == {}
    assert time.monotonic() - start < 5
    assert server.sent < 50 * 2**20  # what the socket buffers took, not 10 GB


def test_results_of_a_run_allowing_inside_addresses_are_not_reused_without(
    make_site, server, tmp_path
) -> None:
    root = site_with(make_site, server, "/ok")
    cache = Cache(tmp_path / "cache.json", 3600)
    assert run_check(root, external=True, options=QUICK, cache=cache).problems == []
    strict = Options(timeout=0.5, retries=0)
    (problem,) = run_check(root, external=True, options=strict, cache=cache).problems
    assert problem.message.startswith("refused: 127.0.0.1 is a loopback address")
    assert run_check(root, external=True, options=QUICK, cache=cache).problems == []
    assert server.count("/ok") == 1  # the allowed rerun used the cache


def test_the_command_refuses_inside_addresses_unless_allowed(make_site, server, tmp_path) -> None:
    root = site_with(make_site, server, "/ok")
    args = [str(root), "--external", "--no-cache", "--timeout", "1"]
    refused = CliRunner().invoke(check, args)
    assert refused.exit_code == 1
    assert f"{server.url}/ok: refused: 127.0.0.1 is a loopback address" in refused.stdout
    allowed = CliRunner().invoke(check, [*args, "--allow-private", "--url-deadline", "5s"])
    assert allowed.exit_code == 0, allowed.output


def test_connections_go_to_the_checked_address_not_the_name(server) -> None:
    """The name is resolved once, checked, and the socket opened to that address: a second DNS
    answer (rebinding) is never asked for."""
    asked: list[str] = []

    class Recording(httpcore.AnyIOBackend):
        async def connect_tcp(self, host, port, *args, **kwargs):
            asked.append(host)
            return await super().connect_tcp(host, port, *args, **kwargs)

    async def request() -> int:
        backend = GuardedBackend(Recording(), allow_hosts={"2130706433"}, allow_all=False)
        async with httpcore.AsyncConnectionPool(network_backend=backend) as pool:
            port = server.httpd.server_address[1]
            response = await pool.request("GET", f"http://2130706433:{port}/ok")
            return response.status

    # In a thread of its own: a browser test in the same worker may leave an event loop
    # running in this one, where asyncio.run() refuses to start.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, request()).result(timeout=60) == 200
    assert asked == ["127.0.0.1"]
