"""The sandbox's web tier: Caddy for the ordinary sites, and the TLS fault servers.

Service types (registered in ``SERVICE_TYPES``; each is ``make(ctx, host, spec) -> [ServiceProcess]``):

``caddy``
    HTTPS with HTTP/1.1, HTTP/2 and HTTP/3 (Caddy adds ``Alt-Svc: h3=":443"``) on 443 and plain
    HTTP on 80, for ``spec["sites"]`` (default: the host's fqdn).  Certificates come from the
    sandbox PKI (:mod:`netlab.sandbox.pki`): ``tls <fullchain> <key>``; ``admin off``,
    ``skip_install_trust``, storage and HOME/XDG dirs inside the state dir, so nothing touches the
    machine's trust store or the user's home.  Content: ``/`` (an index page), ``/many.html``
    referencing ``/assets/obj-NN.bin`` (40 objects, 1-100 KB, fixed sizes, listed in
    ``/assets/manifest.json``) for the HTTP/2 multiplexing demo.  Access log (JSON, one object
    per request with ``request.proto``): ``<state>/<host>/access.log``.
    spec: ``sites`` (list of names), ``key`` ("ecdsa" | "rsa"); for `netlab journey`, as a real
    site does: ``redirect`` ({site: other site}: the whole site answers 301 to the other, path
    kept), ``https_redirect`` (true: every http:// request answers 301 to its https:// URL),
    ``subresources`` (URLs or paths the index page loads: stylesheets, scripts, images; the
    paths are created) and ``static`` (more paths to create, for another host's page).

``openssl-s_server``
    A real ``openssl s_server -www`` with one profile (spec ``profile``): a certificate fault
    (``expired``, ``not-yet-valid``, ``self-signed``, ``wrong-host``, ``untrusted-root``,
    ``incomplete-chain``, ``wrong-order``) or a protocol fault (``tls10``: TLS 1.0 only, at
    @SECLEVEL=0; ``tls13-only``; ``rsa-kx``: TLS 1.2 with RSA key transport only;
    ``client-cert``: a client certificate is required).  spec: ``port`` (443), ``bind``.

``reset``
    Accepts TCP, reads the ClientHello, then closes with SO_LINGER 0: the client gets a RST in
    the middle of its handshake.  spec: ``port`` (443).

``plain-http``
    A plain HTTP/1.1 server (no TLS) on ``spec["port"]`` (default 443): a TLS client gets HTTP
    bytes back (a 400 response to its ClientHello).

``badtls``
    The fault host of the default scenario: one address, every ``<fault>.badtls.test`` name.  An
    SNI router on 443 reads the ClientHello's server name and relays the connection to the
    matching backend (each a real ``openssl s_server`` on its own port, the plain HTTP server on
    80), or resets it (``reset.badtls.test``).  Bytes that are not TLS go to the plain HTTP
    server.  Backends listen on the host's address too, so ``<addr>:<port>`` reaches one directly.

The small Python servers (router, reset, plain HTTP) run as ``python -m netlab.sandbox.services.web``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from netlab.sandbox.services import ServiceProcess

# ------------------------------------------------------------------------------------------
# fault profiles
# ------------------------------------------------------------------------------------------

CERT_FAULTS = ("expired", "not-yet-valid", "self-signed", "wrong-host", "untrusted-root", "incomplete-chain",
               "wrong-order")
PROTOCOL_FAULTS = ("tls10", "tls13-only", "rsa-kx", "client-cert")

# backend port of each fault on the badtls host (443 is the SNI router, 80 the plain HTTP server)
BADTLS_PORTS: dict[str, int] = {
    "expired": 4431, "not-yet-valid": 4432, "self-signed": 4433, "wrong-host": 4434,
    "untrusted-root": 4435, "incomplete-chain": 4436, "wrong-order": 4437,
    "tls10": 4440, "tls13-only": 4441, "rsa-kx": 4442, "client-cert": 4443,
}
PLAIN_HTTP_PORT = 80

N_OBJECTS = 40


def _python() -> str:
    return sys.executable


def _bind_args(host) -> list[str]:
    out = []
    for a in (host.ipv4, host.ipv6):
        if a:
            out += ["--bind", a]
    return out


def _pki_files(ctx, *, sites=None, faults=False):
    from netlab.sandbox import pki

    p, files = pki.ensure(ctx.state_dir, sites or {}, with_faults=faults)
    ctx.extra.setdefault("pki", {})["root"] = str(p.root_pem)
    ctx.extra["pki"]["dir"] = str(p.dir)
    return p, files


# ------------------------------------------------------------------------------------------
# static content
# ------------------------------------------------------------------------------------------


def object_sizes(n: int = N_OBJECTS) -> list[int]:
    """Fixed, mixed sizes from 1 KB to 100 KB (the same on every run and every site)."""
    rnd = random.Random(20261122)
    sizes = [1024, 100 * 1024] + [rnd.randint(1, 100) * 1024 for _ in range(n - 2)]
    rnd.shuffle(sizes)
    return sizes


_STATIC_KINDS = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png"}


def static_body(path: str) -> bytes:
    """The fixed content of a sub-resource path (.css, .js, .svg, .png; anything else: bytes)."""
    rnd = random.Random(path)
    ext = Path(path).suffix.lower()
    if ext == ".css":
        rules = [f".c{i} {{ margin: {i}px; color: #{rnd.randrange(1 << 24):06x}; }}" for i in range(60)]
        return ("/* netlab sandbox stylesheet */\n" + "\n".join(rules) + "\n").encode()
    if ext == ".js":
        lines = [f"function f{i}(x) {{ return x * {i} + {rnd.randrange(1000)}; }}" for i in range(160)]
        return ("// netlab sandbox script\n" + "\n".join(lines) + "\n").encode()
    if ext == ".svg":
        return (b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
                b'<rect width="120" height="40" fill="#03c75a"/></svg>\n')
    head = b"\x89PNG\r\n\x1a\n" if ext == ".png" else b""
    return head + rnd.randbytes(4096 if "logo" in path else 12288)


def _subresource_tag(ref: str) -> str:
    ext = Path(ref.split("?", 1)[0]).suffix.lower()
    if ext == ".css":
        return f'<link rel="stylesheet" href="{ref}">'
    if ext == ".js":
        return f'<script src="{ref}"></script>'
    return f'<img src="{ref}" alt="">'


def write_static(root: Path, paths: list[str]) -> None:
    """Create each local path (``/static/main.css``) under ``root`` with its fixed content."""
    for path in paths:
        if not path.startswith("/") or ".." in path.split("/"):
            continue  # another host's URL, or not a plain path
        p = root / path.lstrip("/")
        p.parent.mkdir(parents=True, exist_ok=True)
        body = static_body(path)
        if not p.exists() or p.read_bytes() != body:
            p.write_bytes(body)


def write_site_content(root: Path, sites: list[str], host_name: str, subresources: list[str] | None = None,
                       static: list[str] | None = None) -> None:
    """index.html, many.html and assets/obj-NN.bin under ``root`` (skipped when already there); the
    index page loads ``subresources`` (created when they are local paths), ``static`` is created too."""
    assets = root / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    sizes = object_sizes()
    manifest = []
    rnd = random.Random(7)
    for i, size in enumerate(sizes):
        p = assets / f"obj-{i:02d}.bin"
        if not p.exists() or p.stat().st_size != size:
            p.write_bytes(rnd.randbytes(size))
        manifest.append({"path": f"/assets/obj-{i:02d}.bin", "bytes": size})
    (assets / "manifest.json").write_text(json.dumps({"objects": manifest}, indent=1) + "\n")
    title = sites[0] if sites else host_name
    subresources = list(subresources or [])
    write_static(root, subresources + list(static or []))
    tags = [_subresource_tag(r) for r in subresources]
    head = "".join(f"{t}\n" for t in tags if not t.startswith("<img"))  # stylesheets, scripts
    images = "".join(f"{t}\n" for t in tags if t.startswith("<img"))
    (root / "index.html").write_text(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title} (netlab sandbox)</title>\n{head}</head>\n<body>\n{images}"
        f"<h1>{title}</h1>\n<p>This is the netlab sandbox's copy of {title}, served by Caddy on host "
        f"{host_name}. Nothing here comes from the real Internet.</p>\n"
        "<p><a href=\"/many.html\">A page with many objects</a> (for comparing HTTP/1.1, HTTP/2 and HTTP/3).</p>\n"
        "</body></html>\n"
    )
    lines = [f'<img src="/assets/obj-{i:02d}.bin" width="1" height="1" alt="object {i} ({s} bytes)">'
             for i, s in enumerate(sizes)]
    (root / "many.html").write_text(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}: {len(sizes)} objects</title></head>\n<body>\n"
        f"<h1>{len(sizes)} objects of mixed sizes</h1>\n" + "\n".join(lines) + "\n</body></html>\n"
    )


# ------------------------------------------------------------------------------------------
# caddy
# ------------------------------------------------------------------------------------------


def _redirect_blocks(redirect: dict[str, str], fullchain: str, key: str, log: str) -> str:
    """One https:// site block per redirected site: 301 to the other site, the path kept."""
    out = ""
    for site, target in redirect.items():
        out += (f"https://{site} {{\n\ttls {fullchain} {key}\n\tredir https://{target}{{uri}} 301\n"
                f"\theader Cache-Control no-store\n{log}}}\n\n")
    return out


def caddyfile(*, sites: list[str], fullchain: str, key: str, www: str, access_log: str, storage: str,
              bind: list[str] | None = None, redirect: dict[str, str] | None = None,
              https_redirect: bool = False) -> str:
    bind_line = f"\tbind {' '.join(bind)}\n" if bind else ""
    redirect = {s: t for s, t in (redirect or {}).items() if s in sites}
    https = ", ".join(f"https://{s}" for s in sites if s not in redirect)
    http = ", ".join(f"http://{s}" for s in sites)
    log = f"\tlog {{\n\t\toutput file {access_log}\n\t\tformat json\n\t}}\n"
    plain = "\tredir https://{host}{uri} 301\n" if https_redirect else f"\troot * {www}\n\tfile_server\n"
    return (
        "# Generated by netlab (netlab/sandbox/services/web.py); edits are overwritten at `sandbox up`.\n"
        "{\n"
        "\tadmin off\n"
        "\tskip_install_trust\n"
        "\tauto_https disable_redirects\n"
        f"\tdefault_sni {sites[0]}\n"
        f"\tstorage file_system {{\n\t\troot {storage}\n\t}}\n"
        "\tservers {\n\t\tprotocols h1 h2 h3\n\t}\n"
        "}\n\n"
        f"{_redirect_blocks(redirect, fullchain, key, log)}"
        f"{https} {{\n"
        # No `bind` here: Caddy 2.6 adds one Alt-Svc entry per HTTP/3 listener, so binding the
        # host's two addresses sent `h3=":443"` twice.  The namespace has only this host's
        # addresses, so the wildcard listener serves exactly them.
        f"\ttls {fullchain} {key}\n"
        f"\troot * {www}\n"
        "\tfile_server\n"
        "\theader Cache-Control no-store\n"
        f"{log}"
        "}\n\n"
        f"{http} {{\n"
        f"{bind_line}"
        f"{plain}"
        "\theader Cache-Control no-store\n"
        f"{log}"
        "}\n"
    )


def site_names(host, spec: dict, service: str) -> list[str]:
    """The names a Caddy-fronted service serves: its ``sites``, or the host's fqdn (none: an error)."""
    sites = list(spec.get("sites") or ([host.fqdn] if host.fqdn else []))
    if not sites:
        from netlab.errors import ScenarioError

        raise ScenarioError(f"host {host.name}: {service} needs `sites` (or the host's fqdn)")
    return sites


def caddy_dirs(host_dir: Path) -> Path:
    """``<host>/caddy`` with Caddy's data, config, home and storage inside: none in the user's home."""
    caddy_dir = host_dir / "caddy"
    for sub in ("data", "config", "home", "storage"):
        (caddy_dir / sub).mkdir(parents=True, exist_ok=True)
    return caddy_dir


def caddy_process(host, host_dir: Path, caddy_dir: Path, conf: Path) -> ServiceProcess:
    """Caddy on the Caddyfile ``conf``, HOME and XDG dirs in ``caddy_dir``; ready when 443 and 80 answer."""
    env = {
        "HOME": str(caddy_dir / "home"),
        "XDG_DATA_HOME": str(caddy_dir / "data"),
        "XDG_CONFIG_HOME": str(caddy_dir / "config"),
    }
    ready = [("tcp", a, p) for a in (host.ipv4, host.ipv6) if a for p in (443, 80)]
    return ServiceProcess(
        name=f"caddy@{host.name}",
        argv=["caddy", "run", "--config", str(conf), "--adapter", "caddyfile"],
        log_path=str(host_dir / "caddy.log"), cwd=str(caddy_dir), env=env, ready=ready,
    )


def caddy(ctx, host, spec: dict) -> list[ServiceProcess]:
    sites = site_names(host, spec, "a caddy service")
    key_type = spec.get("key", "ecdsa")
    label = sites[0]
    _, files = _pki_files(ctx, sites={label: (sites, key_type)})
    leaf = files[label]
    d = ctx.host_dir(host)
    caddy_dir = caddy_dirs(d)
    www = d / "www"
    write_site_content(www, sites, host.name, subresources=list(spec.get("subresources") or []),
                       static=list(spec.get("static") or []))
    conf = caddy_dir / "Caddyfile"
    conf.write_text(caddyfile(sites=sites, fullchain=str(leaf.fullchain), key=str(leaf.key), www=str(www),
                              access_log=str(d / "access.log"), storage=str(caddy_dir / "storage"),
                              bind=[a for a in (host.ipv4, host.ipv6) if a],
                              redirect=dict(spec.get("redirect") or {}),
                              https_redirect=bool(spec.get("https_redirect"))))
    return [caddy_process(host, d, caddy_dir, conf)]


# ------------------------------------------------------------------------------------------
# openssl s_server
# ------------------------------------------------------------------------------------------


def s_server_argv(profile: str, files: dict, pki_dir: Path, accept: str) -> list[str]:
    """The argv of ``openssl s_server`` for one fault profile."""
    leaf = files[profile] if profile in CERT_FAULTS else files["good"]
    argv = ["openssl", "s_server", "-accept", accept, "-www", "-cert", str(leaf.cert), "-key", str(leaf.key)]
    if leaf.chain.exists() and leaf.chain.stat().st_size > 0:
        argv += ["-cert_chain", str(leaf.chain)]
    if profile == "tls10":
        argv += ["-min_protocol", "TLSv1", "-max_protocol", "TLSv1", "-cipher", "DEFAULT:@SECLEVEL=0"]  # TLS 1.0 only, as named
    elif profile == "tls13-only":
        argv += ["-min_protocol", "TLSv1.3"]
    elif profile == "rsa-kx":
        argv += ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2",
                 "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES128-SHA"]
    elif profile == "client-cert":
        argv += ["-Verify", "1", "-CAfile", str(pki_dir / "root.pem"), "-verify_return_error"]
    return argv


def openssl_s_server(ctx, host, spec: dict) -> list[ServiceProcess]:
    profile = spec.get("profile")
    if profile not in CERT_FAULTS + PROTOCOL_FAULTS:
        from netlab.errors import ScenarioError

        raise ScenarioError(f"host {host.name}: openssl-s_server profile must be one of "
                            f"{', '.join(CERT_FAULTS + PROTOCOL_FAULTS)} (got {profile!r})")
    port = int(spec.get("port", 443))
    bind = spec.get("bind") or host.ipv4 or "0.0.0.0"
    p, files = _pki_files(ctx, faults=True)
    d = ctx.host_dir(host)
    return [ServiceProcess(
        name=f"s_server-{profile}@{host.name}",
        argv=s_server_argv(profile, files, p.dir, f"{bind}:{port}"),
        log_path=str(d / f"s_server-{profile}.log"), cwd=str(d), ready=[("tcp", bind, port)],
    )]


def reset(ctx, host, spec: dict) -> list[ServiceProcess]:
    port = int(spec.get("port", 443))
    d = ctx.host_dir(host)
    return [ServiceProcess(
        name=f"reset@{host.name}", argv=[_python(), "-m", "netlab.sandbox.services.web", "reset", "--port", str(port)] + _bind_args(host),
        log_path=str(d / f"reset-{port}.log"), cwd=str(d),
        ready=[("tcp", a, port) for a in (host.ipv4, host.ipv6) if a],
    )]


def plain_http(ctx, host, spec: dict) -> list[ServiceProcess]:
    port = int(spec.get("port", 443))
    d = ctx.host_dir(host)
    return [ServiceProcess(
        name=f"plain-http-{port}@{host.name}",
        argv=[_python(), "-m", "netlab.sandbox.services.web", "plain-http", "--port", str(port),
              "--name", host.fqdn or host.name] + _bind_args(host),
        log_path=str(d / f"plain-http-{port}.log"), cwd=str(d),
        ready=[("tcp", a, port) for a in (host.ipv4,) if a],
    )]


def badtls(ctx, host, spec: dict) -> list[ServiceProcess]:
    domain = spec.get("domain", "badtls.test")
    addr = host.ipv4 or "127.0.0.1"
    p, files = _pki_files(ctx, faults=True)
    d = ctx.host_dir(host)
    procs = []
    routes = []
    for profile, port in BADTLS_PORTS.items():
        procs.append(ServiceProcess(
            name=f"s_server-{profile}@{host.name}",
            argv=s_server_argv(profile, files, p.dir, f"{addr}:{port}"),
            log_path=str(d / f"s_server-{profile}.log"), cwd=str(d), ready=[("tcp", addr, port)],
        ))
        routes.append(f"{profile}.{domain}={addr}:{port}")
    procs.append(ServiceProcess(
        name=f"plain-http@{host.name}",
        argv=[_python(), "-m", "netlab.sandbox.services.web", "plain-http", "--port", str(PLAIN_HTTP_PORT),
              "--name", f"plain-http.{domain}"] + _bind_args(host),
        log_path=str(d / "plain-http.log"), cwd=str(d), ready=[("tcp", addr, PLAIN_HTTP_PORT)],
    ))
    routes.append(f"plain-http.{domain}={addr}:{PLAIN_HTTP_PORT}")
    routes.append(f"reset.{domain}=reset")
    argv = [_python(), "-m", "netlab.sandbox.services.web", "sni-router", "--port", "443",
            "--default", f"{addr}:{BADTLS_PORTS['wrong-host']}", "--not-tls", f"{addr}:{PLAIN_HTTP_PORT}"]
    argv += _bind_args(host)
    for r in routes:
        argv += ["--route", r]
    procs.append(ServiceProcess(
        name=f"sni-router@{host.name}", argv=argv, log_path=str(d / "sni-router.log"), cwd=str(d),
        ready=[("tcp", a, 443) for a in (host.ipv4, host.ipv6) if a],
    ))
    return procs


# ------------------------------------------------------------------------------------------
# the small servers (run as `python -m netlab.sandbox.services.web ...`)
# ------------------------------------------------------------------------------------------


def parse_client_hello_sni(data: bytes) -> tuple[bool, str | None, bool]:
    """(looks like TLS, server name or None, complete) from the first bytes a client sent."""
    if len(data) < 1:
        return False, None, False
    if data[0] != 0x16:
        return False, None, True
    if len(data) < 5:
        return True, None, False
    rec_len = int.from_bytes(data[3:5], "big")
    if len(data) < 5 + rec_len:
        return True, None, False
    body = data[5:5 + rec_len]
    try:
        if body[0] != 1:
            return True, None, True
        p = 4 + 2 + 32
        sid_len = body[p]
        p += 1 + sid_len
        cs_len = int.from_bytes(body[p:p + 2], "big")
        p += 2 + cs_len
        comp_len = body[p]
        p += 1 + comp_len
        if p + 2 > len(body):
            return True, None, True
        ext_total = int.from_bytes(body[p:p + 2], "big")
        p += 2
        end = min(len(body), p + ext_total)
        while p + 4 <= end:
            etype = int.from_bytes(body[p:p + 2], "big")
            elen = int.from_bytes(body[p + 2:p + 4], "big")
            ext = body[p + 4:p + 4 + elen]
            p += 4 + elen
            if etype == 0 and len(ext) >= 5:
                q = 2
                while q + 3 <= len(ext):
                    ntype = ext[q]
                    nlen = int.from_bytes(ext[q + 1:q + 3], "big")
                    name = ext[q + 3:q + 3 + nlen]
                    q += 3 + nlen
                    if ntype == 0:
                        return True, name.decode("ascii", "replace").lower().rstrip("."), True
    except IndexError:
        return True, None, True
    return True, None, True


def _listen(port: int, binds: list[str] | None = None) -> list:
    """Listening sockets on ``binds`` (the host's addresses), or dual-stack on every address."""
    import socket

    socks = []
    for addr in binds or []:
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, port))
        s.listen(128)
        socks.append(s)
    if socks:
        return socks
    try:
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("::", port))
    except OSError:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", port))
    s.listen(128)
    return [s]


async def _serve_on(handle, port: int, binds: list[str] | None) -> None:
    import asyncio

    servers = [await asyncio.start_server(handle, sock=s) for s in _listen(port, binds)]
    await asyncio.gather(*(srv.serve_forever() for srv in servers))


def _rst_close(sock) -> None:
    import socket
    import struct

    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


async def _read_hello(reader, limit: float = 10.0) -> bytes:
    import asyncio

    data = b""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        is_tls, _, complete = parse_client_hello_sni(data)
        if data and (complete or not is_tls) or len(data) > 65536:
            return data
        remaining = deadline - loop.time()
        if remaining <= 0:
            return data
        try:
            chunk = await asyncio.wait_for(reader.read(65536), remaining)
        except (TimeoutError, ConnectionError):
            return data
        if not chunk:
            return data
        data += chunk


def _log(msg: str) -> None:
    print(msg, flush=True)


async def _pipe(reader, writer, peer_writer) -> None:
    import socket

    try:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            peer_writer.write(chunk)
            await peer_writer.drain()
    except ConnectionResetError:
        # the far side reset: reset our peer too, so the client sees what the backend did
        sock = peer_writer.get_extra_info("socket")
        if sock is not None:
            import struct

            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        peer_writer.transport.abort()
        return
    except (ConnectionError, OSError):
        peer_writer.transport.abort()
        return
    try:
        if peer_writer.can_write_eof():
            peer_writer.write_eof()
    except (OSError, RuntimeError):
        pass


async def _serve_router(port: int, binds: list[str], routes: dict[str, str], default: str, not_tls: str) -> None:
    import asyncio
    import socket

    async def handle(reader, writer):
        peer = writer.get_extra_info("peername")
        hello = await _read_hello(reader)
        is_tls, sni, _ = parse_client_hello_sni(hello)
        target = routes.get(sni or "", default) if is_tls else not_tls
        _log(f"{peer}: tls={is_tls} sni={sni} -> {target}")
        if target == "reset" or not hello:
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, __import__("struct").pack("ii", 1, 0))
            writer.transport.abort()
            return
        host, _, bport = target.rpartition(":")
        try:
            breader, bwriter = await asyncio.open_connection(host, int(bport))
        except OSError as e:
            _log(f"backend {target} unreachable: {e}")
            writer.transport.abort()
            return
        bwriter.write(hello)
        await bwriter.drain()
        await asyncio.gather(_pipe(reader, writer, bwriter), _pipe(breader, bwriter, writer))
        for w in (writer, bwriter):
            try:
                w.close()
            except OSError:
                pass

    _log(f"sni-router listening on {binds or '*'} port {port}")
    await _serve_on(handle, port, binds)


async def _serve_reset(port: int, binds: list[str]) -> None:
    import socket
    import struct

    async def handle(reader, writer):
        hello = await _read_hello(reader)
        _log(f"{writer.get_extra_info('peername')}: read {len(hello)} bytes, resetting")
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    _log(f"reset server listening on {binds or '*'} port {port}")
    await _serve_on(handle, port, binds)


def _serve_plain_http(port: int, binds: list[str], name: str) -> None:
    import http.server
    import socketserver

    body = (f"<!doctype html><title>{name}</title><h1>{name}</h1>\n"
            "<p>This port speaks plain HTTP, without TLS.</p>\n").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "netlab-plain-http/1"
        protocol_version = "HTTP/1.1"

        def handle_one_request(self):
            # Bytes that cannot start an HTTP request (a TLS ClientHello starts with 0x16): answer
            # like a real HTTP/1.1 server would, with a 400 status line, instead of http.server's
            # HTTP/0.9 guess (a bare HTML body).
            try:
                first = self.rfile.peek(1)[:1]
            except (OSError, ValueError):
                first = b""
            if first and not (65 <= first[0] <= 90):
                self.rfile.read(len(self.rfile.peek(65536)))
                msg = b"This port speaks plain HTTP, not TLS.\n"
                self.wfile.write(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: "
                                 + str(len(msg)).encode() + b"\r\nConnection: close\r\n\r\n" + msg)
                _log(f"{self.client_address}: not HTTP (first byte 0x{first[0]:02x}): 400")
                self.close_connection = True
                return
            super().handle_one_request()

        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

        do_HEAD = do_GET  # noqa: N815

        def log_message(self, fmt, *args):
            _log(f"{self.client_address}: {fmt % args}")

    import threading

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    servers = []
    for sock in _listen(port, binds):
        srv = Server(sock.getsockname()[:2], Handler, bind_and_activate=False)
        srv.socket.close()
        srv.socket = sock
        srv.address_family = sock.family
        servers.append(srv)
    _log(f"plain HTTP server listening on {binds or '*'} port {port}")
    for srv in servers[1:]:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    servers[0].serve_forever()


def main(argv: list[str] | None = None) -> None:
    import asyncio

    ap = argparse.ArgumentParser(prog="python -m netlab.sandbox.services.web")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("sni-router")
    r.add_argument("--port", type=int, default=443)
    r.add_argument("--bind", action="append", default=[])
    r.add_argument("--route", action="append", default=[], help="NAME=HOST:PORT or NAME=reset")
    r.add_argument("--default", required=True)
    r.add_argument("--not-tls", required=True)
    s = sub.add_parser("reset")
    s.add_argument("--port", type=int, default=443)
    s.add_argument("--bind", action="append", default=[])
    h = sub.add_parser("plain-http")
    h.add_argument("--port", type=int, default=443)
    h.add_argument("--name", default="plain-http")
    h.add_argument("--bind", action="append", default=[])
    a = ap.parse_args(argv)
    try:
        if a.cmd == "sni-router":
            routes = dict(x.split("=", 1) for x in a.route)
            asyncio.run(_serve_router(a.port, a.bind, routes, a.default, a.not_tls))
        elif a.cmd == "reset":
            asyncio.run(_serve_reset(a.port, a.bind))
        else:
            _serve_plain_http(a.port, a.bind, a.name)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
