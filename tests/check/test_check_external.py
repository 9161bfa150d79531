"""Outside URLs (--external) against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import time

import pytest

from generator.check import Cache, Options, check_site
from generator.check.cache import Status, parse_duration
from generator.check.external import Checker, retry_after

# Quick enough for tests: short timeout, tiny backoff.
# The test servers are on 127.0.0.1, which the checker leaves alone unless allowed.
LOCAL = frozenset({"127.0.0.1"})
FAST = Options(
    timeout=0.5, retries=1, backoff=0.05, max_redirects=5, max_retry_after=5, allow_hosts=LOCAL
)


def links(*hrefs: str, archive: dict[str, str] | None = None) -> str:
    archive = archive or {}
    out = []
    for href in hrefs:
        extra = f' data-archive="{archive[href]}"' if href in archive else ""
        out.append(f'<a href="{href}"{extra}>x</a>')
    return "\n".join(out)


def outside(make_site, server, *paths: str, **kwargs) -> set[tuple[str, str]]:
    hrefs = [server.url + path for path in paths]
    root = make_site({"index.html": links(*hrefs)})
    found = check_site(root, external=True, options=kwargs.pop("options", FAST), **kwargs)
    reasons = [(p.path.removeprefix(server.url), p.message) for p in found]
    assert len(reasons) == len(set(reasons)), reasons
    return set(reasons)


def test_good_answers_are_not_reported(make_site, server) -> None:
    assert outside(make_site, server, "/ok", "/ok/page?q=1", "/ok#fragment", "/redirect/3") == set()
    assert server.count("/ok", "HEAD") >= 1
    assert server.count("/ok", "GET") == 0  # HEAD was enough


def test_dead_links_are_reported_with_the_status(make_site, server) -> None:
    assert outside(make_site, server, "/missing", "/gone", "/error") == {
        ("/missing", "404 Not Found"),
        ("/gone", "410 Gone"),
        ("/error", "500 Internal Server Error"),
    }
    # 404 after HEAD is confirmed by GET; 500 is transient: asked again once (retries=1).
    assert server.count("/missing", "GET") == 1
    assert server.count("/error") == 4  # (HEAD + GET) x 2 attempts


def test_timeout(make_site, server) -> None:
    options = Options(timeout=0.3, retries=0, allow_hosts=LOCAL)
    start = time.monotonic()
    assert outside(make_site, server, "/slow", options=options) == {
        ("/slow", "timeout after 0.3 s")
    }
    assert time.monotonic() - start < 2.5


def test_redirects_are_followed_to_a_limit_and_loops_detected(make_site, server) -> None:
    loop = f"redirect loop ({server.url}/loop/b -> {server.url}/loop/a)"
    assert outside(
        make_site, server, "/redirect/5", "/redirect/6", "/loop/a", "/chain/1",
        "/redirect-missing", "/absolute-redirect", "/cookie-wall",
    ) == {
        ("/redirect/6", "too many redirects (more than 5)"),
        ("/loop/a", loop),
        ("/chain/1", "too many redirects (more than 5)"),
        ("/redirect-missing", "404 Not Found"),
    }  # fmt: skip
    assert server.count("/chain/7") == 0  # the chain was not followed further


def test_429_waits_for_retry_after_then_succeeds(make_site, server) -> None:
    start = time.monotonic()
    assert outside(make_site, server, "/rate-limited") == set()
    assert time.monotonic() - start >= 0.9
    assert server.count("/rate-limited") == 2


def test_429_with_a_retry_after_too_long_is_reported(make_site, server) -> None:
    start = time.monotonic()
    assert outside(make_site, server, "/rate-limited-long") == {
        ("/rate-limited-long", "429 Too Many Requests (asked to wait 3600 s, more than 5 s)")
    }
    assert time.monotonic() - start < 2


def test_transient_errors_are_retried(make_site, server) -> None:
    assert outside(make_site, server, "/flaky") == set()
    assert server.count("/flaky") >= 2


def test_head_not_allowed_falls_back_to_get(make_site, server) -> None:
    assert outside(make_site, server, "/no-head") == set()
    assert server.count("/no-head", "HEAD") == 1
    assert server.count("/no-head", "GET") == 1


def test_connection_refused(make_site, server) -> None:
    host, port = server.httpd.server_address[:2]
    server.httpd.shutdown()
    server.httpd.server_close()
    root = make_site({"index.html": links(f"http://{host}:{port}/ok")})
    (problem,) = check_site(
        root, external=True, options=Options(timeout=0.5, retries=0, allow_hosts=LOCAL)
    )
    assert problem.message.startswith("connection failed:")


def test_dead_source_reported_with_its_archived_copy(make_site, server) -> None:
    archive = "https://web.archive.org/web/2020/https://news.example/story"
    dead, alive = server.url + "/missing", server.url + "/ok"
    root = make_site(
        {
            "index.html": links(dead, alive, archive={dead: archive, alive: archive}),
            "other.html": links(dead),  # the same URL elsewhere, without an archive
        }
    )
    found = check_site(root, external=True, options=FAST)
    assert [(p.file, p.path, p.message) for p in found] == [
        ("index.html", dead, f"404 Not Found (archived copy: {archive})"),
        ("other.html", dead, "404 Not Found"),
    ]
    assert server.count("/missing", "HEAD") == 1  # checked once for both pages


def test_requests_per_host_are_bounded(make_site, server) -> None:
    paths = [f"/busy/{i}" for i in range(4)]
    assert (
        outside(
            make_site, server, *paths, options=Options(per_host=2, timeout=2, allow_hosts=LOCAL)
        )
        == set()
    )
    assert server.max_in_flight == 2


def test_nothing_leaves_the_machine_without_external(make_site, server) -> None:
    root = make_site({"index.html": links(server.url + "/missing", "//127.0.0.1:1/x")})
    assert check_site(root) == []
    assert sum(server.hits.values()) == 0


def test_ignored_urls_are_not_requested(make_site, server) -> None:
    root = make_site({"index.html": links(server.url + "/missing", server.url + "/gone")})
    found = check_site(root, external=True, options=FAST, ignore=["/missing$"])
    assert [p.message for p in found] == ["410 Gone"]
    assert server.count("/missing") == 0


def test_mailto_and_tel_are_skipped(make_site, server) -> None:
    root = make_site({"index.html": links("mailto:a@127.0.0.1", "tel:+1", "javascript:x()")})
    assert check_site(root, external=True, options=FAST) == []


def test_cache_spares_requests_until_it_expires(make_site, server, tmp_path) -> None:
    root = make_site({"index.html": links(server.url + "/ok", server.url + "/missing")})
    cache_file = tmp_path / "cache" / "linkcheck.json"

    def run(max_age: float) -> list[str]:
        found = check_site(
            root, external=True, options=FAST, cache_file=cache_file, max_age=max_age
        )
        return [p.message for p in found]

    assert run(3600) == ["404 Not Found"]
    hits = sum(server.hits.values())
    data = json.loads(cache_file.read_text())
    assert set(data["urls"]) == {server.url + "/ok", server.url + "/missing"}
    assert run(3600) == ["404 Not Found"]  # from the cache
    assert sum(server.hits.values()) == hits
    time.sleep(0.05)
    assert run(0.01) == ["404 Not Found"]  # expired: asked again
    assert sum(server.hits.values()) > hits
    assert not list(cache_file.parent.glob("*.tmp"))


def test_transient_failures_are_not_cached(tmp_path, server) -> None:
    cache = Cache(tmp_path / "c.json", 3600)
    statuses = Checker(FAST, cache).check_all([server.url + "/error", server.url + "/ok"])
    assert not statuses[server.url + "/error"].ok
    assert list(Cache(tmp_path / "c.json", 3600).entries) == [server.url + "/ok"]


def test_a_corrupt_cache_is_ignored(tmp_path) -> None:
    path = tmp_path / "c.json"
    path.write_text("{not json")
    cache = Cache(path, 60)
    assert cache.get("http://x/") is None
    cache.put("http://x/", Status(True, "200 OK"), now=time.time())
    cache.save()
    assert Cache(path, 60).get("http://x/") == Status(True, "200 OK")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("90s", 90), ("30m", 1800), ("12h", 43200), ("7d", 604800), ("2w", 1209600)],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_parse_duration_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_retry_after_parsing() -> None:
    assert retry_after("5", 0) == 5
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == 10
    assert retry_after("garbage", 0) is None
    assert retry_after(None, 0) is None


def test_works_when_the_caller_already_runs_an_event_loop(make_site, server) -> None:
    # A caller inside a running loop (Playwright's sync API, a notebook) must still get answers.
    import asyncio
    import threading

    async def caller() -> set[tuple[str, str]]:
        return outside(make_site, server, "/ok", "/missing")

    # The loop runs on a thread of its own: this worker's main thread may already run one.
    found: list[set[tuple[str, str]]] = []
    thread = threading.Thread(target=lambda: found.append(asyncio.run(caller())))
    thread.start()
    thread.join(timeout=30)
    assert found == [{("/missing", "404 Not Found")}]
