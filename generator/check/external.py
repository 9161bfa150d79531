"""Check outside URLs with httpx: bounded concurrency per host, retries, redirects, 429,
a total deadline per URL and per run, no inside addresses."""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from .addresses import Refused, guarded_transport
from .cache import Cache, Status
from .options import Options

# Statuses worth asking again: the server is overloaded, restarting or rate limiting.
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def describe(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delay in seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now, 0.0)


@dataclass(slots=True)
class _Attempt:
    status: Status
    transient: bool = False
    wait: float | None = None  # server-requested delay (Retry-After)


class _Deadline(Exception):
    """The URL's total time ran out."""


@dataclass(slots=True)
class _Work:
    """What is known of one URL while it is checked: said when a deadline passes."""

    url: str
    started: float | None = None  # monotonic time of its first request
    doing: str = "not started: waiting for a free connection"
    attempt: int = 1
    redirects: int = 0

    def known(self) -> str:
        if self.started is None:
            return self.doing
        hops = f", after {self.redirects} redirect(s)" if self.redirects else ""
        return f"{self.doing} (attempt {self.attempt}{hops})"


@dataclass
class Checker:
    """Checks URLs; ``check_all`` is the entry point."""

    options: Options = field(default_factory=Options)
    cache: Cache | None = None
    on_result: Callable[[str, Status], None] | None = None
    log: Callable[[str], None] | None = None  # progress messages, for a human
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _not_before: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _work: dict[str, _Work] = field(default_factory=dict)

    def check_all(self, urls: Iterable[str]) -> dict[str, Status]:
        """The status of each URL (cached ones are not fetched again)."""
        results: dict[str, Status] = {}
        todo: list[str] = []
        for url in dict.fromkeys(urls):
            cached = self.cache.get(url, inside=self._inside) if self.cache else None
            if cached is not None:
                results[url] = cached
            else:
                todo.append(url)
        if self.log:
            self.log(f"checking {len(todo)} outside URLs ({len(results)} more from the cache)")
        if todo:
            try:
                _run_to_completion(self._run(todo, results))
            finally:
                if self.cache:
                    self.cache.save()
        return results

    @property
    def _inside(self) -> bool:
        """Inside addresses are allowed: results are not for runs where they are not."""
        return self.options.allow_private or bool(self.options.allow_hosts)

    async def _run(self, urls: list[str], results: dict[str, Status]) -> None:
        opts = self.options
        limits = httpx.Limits(
            max_connections=opts.concurrency, max_keepalive_connections=opts.concurrency
        )
        self._global = asyncio.Semaphore(opts.concurrency)
        self._hosts = {}  # semaphores belong to the event loop of this run
        self._work = {url: _Work(url) for url in urls}
        transport = guarded_transport(opts.allow_hosts, opts.allow_private, limits=limits)
        async with httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(opts.timeout),
            headers={
                "User-Agent": opts.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Language": "en,*;q=0.5",
            },
            follow_redirects=False,
        ) as client:

            async def one(url: str) -> None:
                try:
                    status = await self._check(client, url)
                except Exception as error:  # a bug or an odd answer must not stop the others
                    status = Status(False, f"check failed: {error!r}", cacheable=False)
                self._done(url, status, results)

            start = time.monotonic()
            tasks = [asyncio.create_task(one(url)) for url in urls]
            progress = asyncio.create_task(self._progress(start, results, len(urls)))
            try:
                _, pending = await asyncio.wait(tasks, timeout=opts.run_deadline)
            finally:
                progress.cancel()
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, progress, return_exceptions=True)
            for url in urls:
                if url not in results:
                    why = (
                        f"not checked within the run's limit of {opts.run_deadline:g} s"
                        f" ({self._work[url].known()})"
                    )
                    self._done(url, Status(False, why, cacheable=False), results)

    def _done(self, url: str, status: Status, results: dict[str, Status]) -> None:
        results[url] = status
        if self.cache and status.cacheable:
            self.cache.put(url, status, inside=self._inside)
        if self.on_result:
            self.on_result(url, status)

    async def _progress(self, start: float, results: dict[str, Status], total: int) -> None:
        """A line now and then on a long run: how far, how many failing, what it waits on."""
        if not self.log:
            return
        while True:
            await asyncio.sleep(self.options.progress_every)
            failing = sum(not status.ok for status in results.values())
            waiting = [w for url, w in self._work.items() if url not in results and w.started]
            hosts = sorted({urlsplit(w.url).netloc for w in waiting})
            shown = ", ".join(hosts[:5]) + (f" and {len(hosts) - 5} more" if len(hosts) > 5 else "")
            self.log(
                f"outside URLs: {len(results)} of {total} checked ({failing} failing)"
                f" in {time.monotonic() - start:.0f} s; waiting on {shown or 'no host yet'}"
            )

    async def _check(self, client: httpx.AsyncClient, url: str) -> Status:
        opts = self.options
        work = self._work.get(url) or self._work.setdefault(url, _Work(url))
        try:
            while True:
                result = await self._follow(client, url, work)
                if not result.transient or work.attempt > opts.retries:
                    return result.status
                delay = (
                    result.wait
                    if result.wait is not None
                    else opts.backoff * 2 ** (work.attempt - 1)
                )
                left = self._left(work)
                if delay > opts.max_retry_after or delay > left:
                    limit = min(opts.max_retry_after, left)
                    return Status(
                        False,
                        f"{result.status.reason} (asked to wait {delay:.0f} s,"
                        f" more than {limit:.0f} s)",
                        cacheable=False,
                    )
                work.attempt += 1
                work.doing = f"waiting {delay:g} s before asking again"
                await asyncio.sleep(delay)
        except _Deadline:
            reason = f"no final answer within {opts.url_deadline:g} s in all ({work.known()})"
            return Status(False, reason, cacheable=False)

    def _left(self, work: _Work) -> float:
        if work.started is None:
            return self.options.url_deadline
        return self.options.url_deadline - (time.monotonic() - work.started)

    async def _follow(self, client: httpx.AsyncClient, url: str, work: _Work) -> _Attempt:
        """One attempt: the chain of redirects from ``url`` to a final answer."""
        seen = {url}
        current = url
        use_get = False
        work.redirects = 0
        for _ in range(self.options.max_redirects + 1):
            try:
                response, use_get = await self._request(client, current, use_get, work)
            except Refused as error:
                return _Attempt(Status(False, str(error), cacheable=False))
            except httpx.TimeoutException:
                reason = f"timeout after {self.options.timeout:g} s"
                return _Attempt(Status(False, reason, cacheable=False), True)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
                return _Attempt(Status(False, f"invalid URL ({error})"))
            except httpx.HTTPError as error:
                reason = str(error) or type(error).__name__
                status = Status(False, f"connection failed: {reason}", cacheable=False)
                return _Attempt(status, True)
            code = response.status_code
            location = response.headers.get("location")
            if 300 <= code < 400 and code != 304 and location:
                target = urljoin(current, location.strip())
                scheme = urlsplit(target).scheme.lower()
                if scheme not in ("http", "https"):
                    why = f"{describe(code)} to a {scheme or 'scheme-less'}: URL, not followed"
                    return _Attempt(Status(False, why))
                target = target.partition("#")[0]
                # Back to a URL already seen is a loop, unless a cookie was just set: cookie
                # walls redirect to the same page, which then answers (up to max_redirects).
                if target in seen and "set-cookie" not in response.headers:
                    return _Attempt(Status(False, f"redirect loop ({current} -> {target})"))
                seen.add(target)
                current = target
                work.redirects += 1
                continue
            if 200 <= code < 400:
                return _Attempt(Status(True, describe(code)))
            if code in TRANSIENT_STATUSES:
                status = Status(False, describe(code), cacheable=False)
                wait = retry_after(response.headers.get("retry-after"), time.time())
                if code == 429 or wait is not None:
                    self._pause(current, wait if wait is not None else self.options.backoff)
                return _Attempt(status, True, wait)
            return _Attempt(Status(False, describe(code)))
        return _Attempt(
            Status(False, f"too many redirects (more than {self.options.max_redirects})")
        )

    def _pause(self, url: str, delay: float) -> None:
        host = urlsplit(url).netloc
        until = time.monotonic() + min(delay, self.options.max_retry_after)
        self._not_before[host] = max(self._not_before[host], until)

    async def _request(
        self, client: httpx.AsyncClient, url: str, use_get: bool, work: _Work
    ) -> tuple[httpx.Response, bool]:
        """HEAD (or GET where HEAD is refused), bounded per host; the body is never read."""
        host = urlsplit(url).netloc
        semaphore = self._hosts.get(host)
        if semaphore is None:
            semaphore = self._hosts[host] = asyncio.Semaphore(self.options.per_host)
        async with semaphore:
            if work.started is None:  # the URL's own time starts with its first turn
                work.started = time.monotonic()
            wait = self._not_before[host] - time.monotonic()
            if wait > 0:  # the host asked us to slow down (429 Retry-After)
                work.doing = f"waiting {wait:.0f} s as {host} asked (Retry-After)"
                if wait > self._left(work):
                    raise _Deadline
                await asyncio.sleep(wait)
            async with self._global:
                left = self._left(work)
                if left <= 0:
                    raise _Deadline
                try:
                    async with asyncio.timeout(left):
                        if not use_get:
                            work.doing = f"waiting for the answer to HEAD {url}"
                            response = await client.head(url)
                            if response.status_code < 400 or response.status_code == 429:
                                return response, False
                            # Some servers refuse or mishandle HEAD (405, 501, even 403/404).
                        work.doing = f"waiting for the answer to GET {url}"
                        async with client.stream("GET", url) as response:
                            return response, True
                except TimeoutError:
                    raise _Deadline from None


def _run_to_completion(coroutine: Any) -> None:
    """asyncio.run(), also from a thread whose event loop is already running (a caller that
    uses Playwright's or another library's sync API): then on a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()
