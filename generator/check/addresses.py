"""Keep outside checks off loopback, private and link-local addresses (server-side request
forgery): every address a host name resolves to is checked, and the connection goes to a
checked address, so that neither numeric spellings (``2130706433``, ``0x7f000001``,
``[::ffff:127.0.0.1]``) nor redirects nor a second DNS answer reach an inside address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """A host that resolves to an address the check does not contact."""


def why_refused(address: str) -> str | None:
    """What kind of inside address ``address`` is, or None for a public one."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
        address.partition("%")[0]  # an IPv6 zone ("fe80::1%eth0")
    )
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 inside IPv6 (mapped, NAT64, the old "compatible" form) is that IPv4 address.
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64 or (int(ip) >> 32 == 0 and int(ip) > 1):
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_unspecified:
        return "the unspecified address (this machine)"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


async def checked_addresses(host: str, port: int, allowed: bool) -> list[str]:
    """The addresses of ``host``; Refused if any is an inside one (unless ``allowed``)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise httpcore.ConnectError(f"cannot resolve {host} ({error.strerror})") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allowed:
        for address in addresses:
            kind = why_refused(address)
            if kind is not None:
                shown = f"{host} is" if host == address else f"{host} resolves to {address},"
                raise Refused(f"refused: {shown} {kind} (--allow-private checks it)")
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to checked addresses."""

    def __init__(
        self, inner: httpcore.AsyncNetworkBackend, allow_hosts: Iterable[str], allow_all: bool
    ):
        self.inner = inner
        self.allow_hosts = frozenset(h.lower() for h in allow_hosts)
        self.allow_all = allow_all

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        allowed = self.allow_all or host.lower() in self.allow_hosts
        addresses = await checked_addresses(host, port, allowed)
        error: Exception | None = None
        for address in addresses:  # the checked addresses in the resolver's order
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        raise error or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise Refused("refused: a Unix socket")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_transport(
    allow_hosts: Iterable[str] = (), allow_all: bool = False, **kwargs: Any
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose connections all go through :class:`GuardedBackend`.

    Direct connections only (no proxy from the environment): the check must see the address
    it connects to.
    """
    transport = httpx.AsyncHTTPTransport(trust_env=False, **kwargs)
    pool = transport._pool  # httpx offers no argument for httpcore's network backend
    if not isinstance(pool, httpcore.AsyncConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("this httpx version cannot be guarded: update generator/check")
    pool._network_backend = GuardedBackend(pool._network_backend, allow_hosts, allow_all)
    return transport
