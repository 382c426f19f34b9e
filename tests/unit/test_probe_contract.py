"""The probe contract (netlab/probes/README.md), checked for every registered probe."""

from __future__ import annotations

import ast
import glob
import importlib
import re
from pathlib import Path

import pytest

from netlab import i18n
from netlab.model import Recording
from netlab.probes import PROBES, ProbeSpec, load_probe
from netlab.report.terminal import render_terminal

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("model", "collect", "analyze", "findings", "build", "messages", "params")
FIXTURES = sorted(glob.glob(str(ROOT / "tests/fixtures/*/*.json")))


def _package_dir(name: str) -> Path:
    return ROOT / PROBES[name].replace(".", "/")


@pytest.mark.parametrize("name", sorted(PROBES))
def test_every_probe_has_the_same_modules(name):
    missing = [m for m in MODULES if not (_package_dir(name) / f"{m}.py").exists()]
    assert not missing, f"{name} lacks {missing}"


@pytest.mark.parametrize("name", sorted(PROBES))
def test_init_declares_the_probe_and_nothing_else(name):
    tree = ast.parse((_package_dir(name) / "__init__.py").read_text())
    assigned = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.ImportFrom) and node.module in ("__future__", "netlab.probes"):
            continue
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["PROBE"]:
            assigned.append("PROBE")
            continue
        pytest.fail(f"{name}/__init__.py: only the docstring and PROBE = ProbeSpec(...) belong here "
                    f"(line {node.lineno})")
    assert assigned == ["PROBE"]
    assert isinstance(load_probe(name).spec, ProbeSpec)


def _fixtures():
    out = []
    for f in FIXTURES:
        try:
            Recording.load(f)
        except Exception:  # noqa: BLE001 - fixtures of malformed files are tested elsewhere
            continue
        out.append(pytest.param(f, id=f"{Path(f).parent.name}/{Path(f).name}"))
    return out


@pytest.mark.parametrize("path", _fixtures())
def test_steps_run_twice_in_one_process_and_speak_korean(path):
    rec = Recording.load(path)
    probe = load_probe(rec.probe)
    docs = {}
    for _ in range(2):  # a second call must work (no wrapper shadowed by a submodule import)
        result = probe.analyze(rec)
        for lang in ("en", "ko"):
            docs[lang] = probe.build(result, lang)
    for f in result.findings:
        assert f.message_ko and f.message_ko != f.message or not re.search("[A-Za-z]{3}", f.message), \
            f"{f.code}: no Korean message"
    ko = render_terminal(docs["ko"], verbose=True, width=100, color=False)
    leftovers = _english_sentences_in(ko)
    assert not leftovers, f"English text with a Korean key in the Korean report: {leftovers[:5]}"


def _english_sentences_in(text: str) -> list[str]:
    """Catalogue texts of four or more words whose English form appears in a Korean render."""
    i18n.load_all()
    found = []
    flat = " ".join(text.split())
    for key, (en, ko) in i18n.registry().items():
        literal = re.split(r"\{[^}]*\}", en)
        for piece in literal:
            piece = " ".join(piece.split())
            if len(piece.split()) >= 4 and re.search("[a-z]{3}", piece) and piece in flat and piece not in ko:
                found.append(f"{key}: {piece!r}")
    return found


def _literal_messages(path: Path) -> list[str]:
    """Messages written in Python: catalogue(...) entries whose key and texts are string literals."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "catalogue" and len(node.args) == 2:
            d = node.args[1]
            if isinstance(d, ast.DictComp) and isinstance(d.generators[0].iter, ast.Call):
                d = d.generators[0].iter.func.value
            for k, v in zip(getattr(d, "keys", []), getattr(d, "values", []), strict=True):
                if isinstance(k, ast.Constant) and isinstance(v, ast.Tuple) and all(
                        isinstance(x, ast.Constant) for x in v.elts):
                    found.append(f"{path.relative_to(ROOT)}:{k.lineno} {k.value}")
    return found


@pytest.mark.parametrize("name", sorted(PROBES))
def test_messages_live_in_messages_toml(name):
    """messages.py loads messages.toml beside it (netlab/i18n.py) and writes no message itself."""
    package = _package_dir(name)
    toml = package / "messages.toml"
    assert toml.exists(), f"{name} lacks messages.toml"
    assert "catalogue_file(" in (package / "messages.py").read_text()
    assert not _literal_messages(package / "messages.py"), "messages belong in messages.toml"
    module = importlib.import_module(PROBES[name] + ".messages")
    assert module.M.messages.items() >= i18n.read_catalogue(toml.read_text(), str(toml)).items()


def _catalogue_files() -> list[tuple[str, str, Path]]:
    """(module, prefix, TOML file) of every module that loads a catalogue file beside it."""
    out = []
    for path in sorted((ROOT / "netlab").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "catalogue_file":
                prefix, source = node.args
                assert isinstance(prefix, ast.Constant) and getattr(source, "id", None) == "__name__", \
                    f"{path.relative_to(ROOT)}:{node.lineno}: load the file beside the module: " \
                    'catalogue_file("<prefix>", __name__)'
                module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                out.append((module, prefix.value, path.with_suffix(".toml")))
    return out


def test_every_catalogue_file_is_registered_as_written():
    files = _catalogue_files()
    assert len(files) >= len(PROBES) + 2  # the probes', the report's, the lab command's
    for module, prefix, toml in files:
        importlib.import_module(module)
        messages = i18n.read_catalogue(toml.read_text(encoding="utf-8"), str(toml))
        assert messages, f"{toml}: no message"
        registry = i18n.registry()
        wrong = [k for k, pair in messages.items() if registry.get(f"{prefix}.{k}") != pair]
        assert not wrong, f"{toml}: not registered as written: {wrong[:5]}"


def test_catalogue_has_both_languages_with_the_same_placeholders():
    i18n.load_all()
    assert i18n.registry(), "no catalogue loaded"
    assert i18n.problems() == []


KO_PARTICLE_SPACE = re.compile(r"[A-Za-z0-9)\]]\s(?:을|를|이|가|은|는|와|과|의|에|에서|로|으로|도)(?=[\s,.:;)]|$)")


def test_korean_messages_put_particles_against_their_word():
    i18n.load_all()
    bad = [f"{k}: {ko!r}" for k, (_, ko) in i18n.registry().items() if KO_PARTICLE_SPACE.search(ko)]
    assert not bad, bad[:10]


def test_no_function_in_netlab_is_longer_than_90_lines():
    long = []
    for path in (ROOT / "netlab").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > 90:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({n} lines)")
    assert not long, long


def _imports_from(tree: ast.Module, module: str) -> list[int]:
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == module]


@pytest.mark.parametrize("name", sorted(PROBES))
def test_modules_are_imported_as_the_contract_says(name):
    """@event alone declares an event; collect records model.X; build uses document.X."""
    pkg = _package_dir(name)
    model = (pkg / "model.py").read_text()
    doubled = [i + 1 for i, line in enumerate(model.splitlines()) if line.startswith("@event")
               and model.splitlines()[i + 1].startswith("@dataclass")]
    assert not doubled, f"{name}/model.py: @event makes the dataclass, no @dataclass under it (lines {doubled})"
    collect = _imports_from(ast.parse((pkg / "collect.py").read_text()), f"{PROBES[name]}.model")
    assert not collect, f"{name}/collect.py: import the model as a module (lines {collect})"
    build = _imports_from(ast.parse((pkg / "build.py").read_text()), "netlab.report.document")
    assert not build, f"{name}/build.py: `from netlab.report import document` (lines {build})"


def test_a_subclass_of_an_event_keeps_its_own_fields():
    from dataclasses import FrozenInstanceError, fields

    from netlab.model import event

    @event
    class ContractBase:
        t: float

    @event
    class ContractSub(ContractBase):
        extra: int = 0

    e = ContractSub(1.0, 2)
    assert [f.name for f in fields(ContractSub)] == ["t", "extra"] and e.extra == 2
    with pytest.raises(FrozenInstanceError):
        e.t = 3.0
