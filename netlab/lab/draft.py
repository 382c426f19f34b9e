"""A variant scenario in the making: the default scenario parsed, changed, written (pure until write).

``ScenarioDraft()`` holds the parsed data of netlab/sandbox/data/default.toml (the schema is in
netlab/sandbox/scenario.py) and the zone files a variant changed.  Edits are small and checked:
a zone edit names the exact line it replaces and fails loudly when that line is not there once
(so a change to the packaged zones cannot silently void a variant).  ``write(dir)`` writes the
changed zone files into ``dir/zones/``, points the nsd services that serve them there
(``zone_dir``, absolute: the rest of their zones still come from netlab's own files), writes
``dir/scenario.toml`` and loads it back with the sandbox's own loader, so a variant that the
sandbox would refuse is refused here.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

from netlab.errors import ScenarioError
from netlab.lab import tomlw


def _default_path() -> Path:
    from netlab.sandbox.scenario import default_path

    return default_path()


def _zones_dir() -> Path:
    return _default_path().parent / "zones"


def zone_file_name(zone: str) -> str:
    z = zone.strip().rstrip(".").lower()
    return "root.zone" if z == "" else f"{z}.zone"


class ScenarioDraft:
    def __init__(self, name: str = "variant", description: str = "", base: str = "default"):
        """`base`: the packaged scenario the variant starts from (netlab/sandbox/data/<base>.toml)."""
        self.base = base
        self.data: dict[str, Any] = copy.deepcopy(_default_data(base))
        self.data.setdefault("scenario", {})
        self.data["scenario"]["name"] = name
        if description:
            self.data["scenario"]["description"] = description
        self.zones: dict[str, str] = {}  # zone name (no final dot) -> changed zone file text

    # ------------------------------------------------------------------------- hosts, links

    def host(self, name: str) -> dict:
        for h in self.data["hosts"]:
            if h["name"] == name:
                return h
        raise KeyError(f"no host {name!r} in the default scenario")

    def _link(self, host: str) -> dict:
        itf = self.host(host)["interfaces"][0]
        return itf.setdefault("link", {})

    def delay(self, host: str) -> float:
        return float(self._link(host).get("delay_ms", 0))

    def set_delay(self, host: str, one_way_ms: float) -> None:
        self._link(host)["delay_ms"] = float(one_way_ms)

    def drop(self, host: str) -> list[str]:
        return list(self._link(host).get("drop", []))

    def set_drop(self, host: str, rules: list[str]) -> None:
        link = self._link(host)
        if rules:
            link["drop"] = list(rules)
        else:
            link.pop("drop", None)

    def scenario(self):
        """The draft as the sandbox's Scenario (validated), e.g. for its rtt_ms()."""
        from netlab.sandbox.scenario import from_dict

        return from_dict(copy.deepcopy(self.data), where="variant")

    def rtt_ms(self, host: str) -> float:
        return float(self.scenario().rtt_ms()[host] or 0.0)

    # ------------------------------------------------------------------------- zones

    def zone(self, zone: str) -> str:
        zone = zone.rstrip(".")
        if zone in self.zones:
            return self.zones[zone]
        return (_zones_dir() / zone_file_name(zone)).read_text(encoding="utf-8")

    def replace_line(self, zone: str, pattern: str, new: str) -> None:
        """Replace the one line of `zone` that matches `pattern` (a regex, whole line) by `new`."""
        text = self.zone(zone)
        rx = re.compile(rf"^{pattern}$", re.MULTILINE)
        found = rx.findall(text)
        if len(found) != 1:
            raise ScenarioError(f"variant: zone {zone}: expected one line matching {pattern!r}, found {len(found)}")
        self.zones[zone.rstrip(".")] = rx.sub(lambda _m: new, text)

    def add_lines(self, zone: str, lines: list[str]) -> None:
        self.zones[zone.rstrip(".")] = self.zone(zone).rstrip("\n") + "\n" + "\n".join(lines) + "\n"

    def servers_of(self, zone: str) -> list[str]:
        """The hosts whose nsd serves `zone`."""
        z = zone.rstrip(".").lower()
        return [h["name"] for h in self.data["hosts"]
                for s in h.get("services", []) if s.get("type") == "nsd"
                and z in (x.rstrip(".").lower() for x in s.get("zones", []))]

    # ------------------------------------------------------------------------- writing

    def dumps(self, zone_dir: Path | None = None, header: str = "") -> str:
        data = copy.deepcopy(self.data)
        if self.zones and zone_dir is not None:
            for host in data["hosts"]:
                for s in host.get("services", []):
                    if s.get("type") == "nsd" and any(z.rstrip(".") in self.zones for z in s.get("zones", [])):
                        s["zone_dir"] = str(zone_dir)
        return tomlw.dumps(data, header=header)

    def write(self, directory: Path, header: str = "") -> Path:
        """Write zones/ and scenario.toml into `directory`; returns the scenario's path."""
        from netlab.sandbox.scenario import loads

        directory = directory.resolve()
        directory.mkdir(parents=True, exist_ok=True)
        zone_dir = directory / "zones"
        if self.zones:
            zone_dir.mkdir(parents=True, exist_ok=True)
            for zone, text in self.zones.items():
                path = zone_dir / zone_file_name(zone)
                path.write_text(text, encoding="utf-8")
                check_zone(zone, path)
        text = self.dumps(zone_dir, header)
        path = directory / "scenario.toml"
        loads(text, source=str(path))  # the sandbox's own validation, before anything is written
        path.write_text(text, encoding="utf-8")
        return path


def check_zone(zone: str, path: Path) -> None:
    """nsd-checkzone, when it is installed (the sandbox needs NSD anyway)."""
    tool = shutil.which("nsd-checkzone") or shutil.which("nsd-checkzone", path="/usr/sbin:/usr/local/sbin")
    if not tool:
        return
    proc = subprocess.run([tool, zone.rstrip(".") + ".", str(path)], capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise ScenarioError(f"variant zone {zone} is not valid: {detail[-1] if detail else 'nsd-checkzone failed'}")


_DEFAULT: dict[str, dict[str, Any]] = {}


def _default_data(base: str = "default") -> dict[str, Any]:
    if base not in _DEFAULT:
        path = _default_path() if base == "default" else _default_path().parent / f"{base}.toml"
        _DEFAULT[base] = tomllib.loads(path.read_text(encoding="utf-8"))
    return _DEFAULT[base]
