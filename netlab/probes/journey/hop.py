"""The first hop, read from `ip -j route get` and `ip -j neigh show` output (pure)."""

from __future__ import annotations

import json


def first_hop(route_json: str, neigh_json: str) -> dict:
    """{dev, src, gateway, next_hop, on_link, local, lladdr, state, family} from `ip -j` output."""
    out: dict = {"dev": None, "src": None, "gateway": None, "next_hop": None, "on_link": False, "local": False,
                 "lladdr": None, "state": None, "type": None}
    try:
        routes = json.loads(route_json) if route_json else []
    except ValueError:
        routes = []
    r = routes[0] if isinstance(routes, list) and routes and isinstance(routes[0], dict) else {}
    out["dev"] = r.get("dev") if isinstance(r.get("dev"), str) else None
    out["src"] = r.get("prefsrc") if isinstance(r.get("prefsrc"), str) else None
    out["type"] = r.get("type") if isinstance(r.get("type"), str) else None
    gw = r.get("gateway")
    out["gateway"] = gw if isinstance(gw, str) else None
    dst = r.get("dst") if isinstance(r.get("dst"), str) else None
    out["local"] = out["type"] == "local" or out["dev"] == "lo"
    out["on_link"] = bool(r) and out["gateway"] is None and not out["local"]
    out["next_hop"] = out["gateway"] or (dst if out["on_link"] else None)
    try:
        neigh = json.loads(neigh_json) if neigh_json else []
    except ValueError:
        neigh = []
    for n in neigh if isinstance(neigh, list) else []:
        if isinstance(n, dict) and n.get("dst") == out["next_hop"]:
            out["lladdr"] = n.get("lladdr") if isinstance(n.get("lladdr"), str) else None
            st = n.get("state")
            out["state"] = ",".join(x for x in st if isinstance(x, str)) if isinstance(st, list) else (
                st if isinstance(st, str) else None)
            break
    return out
