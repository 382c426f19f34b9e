"""Scenario files (TOML): networks, hosts, their links and services.  (Skeleton: the sandbox work
extends the loader and validation; the dataclass fields below are relied on by service factories.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class LinkSpec:
    delay_ms: float = 0.0
    jitter_ms: float = 0.0
    loss_pct: float = 0.0
    rate_mbit: float = 0.0  # 0 = unlimited
    drop: list[str] = field(default_factory=list)  # "udp:53", "tcp:81"


@dataclass
class Interface:
    network: str
    ipv4: str | None = None
    ipv6: str | None = None
    up: LinkSpec = field(default_factory=LinkSpec)  # from the host
    down: LinkSpec = field(default_factory=LinkSpec)  # towards the host


@dataclass
class Host:
    name: str  # namespace name
    role: str  # client | router | resolver | dns-root | dns-tld | dns-auth | web | ...
    fqdn: str | None = None
    interfaces: list[Interface] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ipv4(self) -> str | None:
        return next((i.ipv4 for i in self.interfaces if i.ipv4), None)

    @property
    def ipv6(self) -> str | None:
        return next((i.ipv6 for i in self.interfaces if i.ipv6), None)


@dataclass
class Network:
    name: str
    ipv4: str | None = None
    ipv6: str | None = None


@dataclass
class Scenario:
    name: str
    description: str = ""
    networks: list[Network] = field(default_factory=list)
    hosts: list[Host] = field(default_factory=list)

    def host(self, name: str) -> Host:
        for h in self.hosts:
            if h.name == name:
                return h
        raise KeyError(name)

    def hosts_with_role(self, role: str) -> list[Host]:
        return [h for h in self.hosts if h.role == role]
