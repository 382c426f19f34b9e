"""Exit codes, and the exception tree for environment and usage problems.

Target behaviour (timeouts, RST, NXDOMAIN, bad certificates) is *never* an exception: it is an
event in a Recording and a finding in a Result.  Only problems the user must fix on their side
are raised, each as one class with an exit code and a hint.  The CLI (netlab.cli.errors) prints
``netlab: <message>`` and ``  hint: <hint>`` and exits with ``exit_code``.

Every exit code netlab uses is defined here once, with its meaning in ``EXIT_CODES``; README.md's
"Exit codes" table is written by hand and tests/unit/test_errors.py checks that it says the same.
Two codes come from a Result rather than an exception (netlab.cli.common.exit_code_for):
EXIT_FINDINGS when findings reach --fail-on, EXIT_NETWORK when the target was unreachable.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3
EXIT_ENVIRONMENT = 4
EXIT_SANDBOX = 5
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70

EXIT_CODES: list[tuple[int, str]] = [
    (EXIT_OK, "done — findings may have been reported; target failures such as NXDOMAIN or an expired "
              "certificate are results"),
    (EXIT_FINDINGS, "findings reached the --fail-on severity"),
    (EXIT_USAGE, "usage error: bad option, malformed name or URL, unreadable or malformed file"),
    (EXIT_NETWORK, "network failure: the target could not be reached at all (every server failed, no route)"),
    (EXIT_ENVIRONMENT, "environment problem: missing privilege or tool, no IPv6, kernel restriction"),
    (EXIT_SANDBOX, "sandbox problem: not running, failed to start, broken scenario"),
    (EXIT_INTERNAL, "internal error (a bug): rerun with --traceback and report it"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
]


class NetlabError(Exception):
    """Base class: an environment or usage problem with a one-line diagnosis."""

    exit_code = EXIT_INTERNAL
    default_hint: str | None = None

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class UsageError(NetlabError):
    """The command line or an input file is wrong."""

    exit_code = EXIT_USAGE


class InputFileError(UsageError):
    """A file given to netlab (recording, scenario) cannot be read or is malformed."""


class EnvironmentProblem(NetlabError):
    """Something on this machine is missing: a privilege, a tool, a kernel feature."""

    exit_code = EXIT_ENVIRONMENT


class MissingTool(EnvironmentProblem):
    def __init__(self, tool: str, debian_package: str | None = None, why: str = ""):
        pkg = debian_package or tool
        msg = f"'{tool}' is not installed" + (f" ({why})" if why else "")
        super().__init__(msg, hint=f"install it: apt-get install {pkg}  (make demo / make test do this)")
        self.tool = tool
        self.package = pkg


class PrivilegeRequired(EnvironmentProblem):
    """The operation needs a privilege this process lacks (root, CAP_NET_RAW)."""


class SandboxError(NetlabError):
    """The sandbox is not running, failed to start, or its scenario is broken."""

    exit_code = EXIT_SANDBOX


class SandboxNotRunning(SandboxError):
    default_hint = "start it with: netlab sandbox up   (or run the probe with --sandbox)"


class ScenarioError(SandboxError):
    """A scenario file is malformed or inconsistent."""
