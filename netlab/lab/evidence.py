"""The student's evidence: the Recordings the worksheet's Run steps saved, loaded and analysed.

Each Recording is read with ``netlab.model.Recording.load`` (bounded, validated: the same
defences as ``netlab report``) and analysed with its probe's own ``analyze``, so a check sees
exactly the Result the student's report was built from.  A Recording counts as the student's
evidence only if it is of the right probe, of the command the step names (its params), and was
recorded in the student's own lab sandbox (``environment.sandbox``): numbers copied from a
neighbour's screen do not match a Recording made in one's own variant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netlab.errors import NetlabError
from netlab.lab.base import NoEvidence, Run
from netlab.lab.messages import M


class Evidence:
    def __init__(self, directory: str | Path, sandbox: str | None):
        self.dir = Path(directory)
        self.sandbox = sandbox  # the sandbox every Recording must come from (None: any)
        self._recordings: dict[str, Any] = {}
        self._results: dict[str, Any] = {}

    def path(self, run: Run) -> Path:
        return self.dir / run.file

    def recording(self, run: Run):
        return _kept(self._recordings, run.key, lambda: self._load(run))

    def result(self, run: Run):
        return _kept(self._results, run.key, lambda: self._analyze(run, self.recording(run)))

    def _load(self, run: Run):
        from netlab.model import Recording

        path = self.path(run)
        if not path.is_file():
            raise NoEvidence(M.t("evidence.missing", file=run.file, step=run.step, command=run.command), run.key)
        try:
            rec = Recording.load(str(path))
        except NetlabError as e:
            raise NoEvidence(M.t("evidence.malformed", file=run.file, error=_short(e.message)), run.key) from e
        if rec.probe != run.probe:
            raise NoEvidence(M.t("evidence.wrong-probe", file=run.file, found=rec.probe, want=run.probe), run.key)
        if not _matches(run, rec.params):
            raise NoEvidence(M.t("evidence.wrong-command", file=run.file, step=run.step, command=run.command),
                             run.key)
        found = (rec.environment or {}).get("sandbox")
        if self.sandbox and found != self.sandbox:
            raise NoEvidence(M.t("evidence.wrong-sandbox", file=run.file, found=found or "-", want=self.sandbox,
                                 step=run.step), run.key)
        return rec

    def _analyze(self, run: Run, rec):
        from netlab.probes import load_probe

        try:
            return load_probe(rec.probe).analyze(rec)
        except NetlabError as e:
            raise NoEvidence(M.t("evidence.malformed", file=run.file, error=_short(e.message)), run.key) from e
        except Exception as e:  # evidence that analysis cannot read: a malformed file, as under `netlab report`
            raise NoEvidence(M.t("evidence.malformed", file=run.file, error=type(e).__name__), run.key) from e


def _matches(run: Run, params: dict) -> bool:
    try:
        return bool(run.matches(params))
    except (KeyError, TypeError, ValueError, AttributeError):
        return False


def _short(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _kept(store: dict, key: str, make):
    """`make()` once per key; a NoEvidence it raised is kept too, and raised again each time."""
    got = store.get(key)
    if got is None:
        try:
            got = make()
        except NoEvidence as e:
            got = e
        store[key] = got
    if isinstance(got, NoEvidence):
        raise got
    return got

