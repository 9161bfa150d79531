"""Settings of the outside checks (kept apart so that httpx is only imported when needed)."""

from __future__ import annotations

from dataclasses import dataclass, field

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 chronology-check/0.1"
)


@dataclass(slots=True)
class Options:
    timeout: float = 10.0  # seconds, for each of connect / read / write
    # Total seconds for one URL (attempts, redirects, waits), from its first request: a server
    # sending one byte at a time never lets a read time out.
    url_deadline: float = 60.0
    run_deadline: float = 20 * 60.0  # total seconds for all outside URLs of a run
    progress_every: float = 15.0  # seconds between progress lines on long runs
    # Loopback, private and link-local addresses are not contacted unless allowed (all, or
    # those of the given host names as written in URLs, e.g. a local test site's).
    allow_private: bool = False
    allow_hosts: frozenset[str] = field(default_factory=frozenset)
    retries: int = 2  # further attempts after a transient failure
    backoff: float = 1.0  # first delay between attempts, doubled each time
    max_redirects: int = 10
    per_host: int = 2  # requests at once to one host
    concurrency: int = 32  # requests at once overall
    max_retry_after: float = 60.0  # longest Retry-After honoured, in seconds
    user_agent: str = USER_AGENT
