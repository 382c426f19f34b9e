"""netlab.i18n.catalogue_file: a TOML catalogue registers like the dict form, and a broken one is
refused with an error that names the file and the key."""

from __future__ import annotations

import pytest

from netlab import i18n

GOOD = '''# ---- a section
["side.client"]
en = "client"
ko = "클라이언트"

["long"]
en = """the server sent more than netlab reads ({limit} MiB): it stopped \\
        reading after {total} bytes"""
ko = "서버가 {limit}MiB보다 많이 보냈습니다. {total}바이트를 읽었습니다"
'''


@pytest.fixture(autouse=True)
def _registry_as_it_was(monkeypatch):
    """These tests' keys do not stay in the registry that other tests check."""
    monkeypatch.setattr(i18n, "_REGISTRY", dict(i18n._REGISTRY))
    monkeypatch.setattr(i18n, "_CATALOGUES", dict(i18n._CATALOGUES))


def _file(tmp_path, text: str, name: str = "messages.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_registers_its_keys_under_the_prefix_in_order(tmp_path):
    cat = i18n.catalogue_file("t-file", _file(tmp_path, GOOD))
    assert list(cat.messages) == ["side.client", "long"]
    assert i18n.text("t-file.side.client", "ko") == "클라이언트"
    assert cat.text("long", "en", limit=4, total=10) == (
        "the server sent more than netlab reads (4 MiB): it stopped reading after 10 bytes")
    assert i18n.registry()["t-file.long"][1] == "서버가 {limit}MiB보다 많이 보냈습니다. {total}바이트를 읽었습니다"


def test_a_module_name_reads_the_toml_beside_that_module(tmp_path, monkeypatch):
    (tmp_path / "t_catpkg").mkdir()
    (tmp_path / "t_catpkg" / "__init__.py").write_text("")
    _file(tmp_path / "t_catpkg", GOOD, "msgs.toml")
    monkeypatch.syspath_prepend(str(tmp_path))
    cat = i18n.catalogue_file("t-module", "t_catpkg.msgs")
    assert cat.text("side.client", "ko") == "클라이언트"


def test_the_same_key_with_another_text_is_defined_twice(tmp_path):
    i18n.catalogue("t-twice", {"side.client": ("client", "고객")})
    with pytest.raises(ValueError, match="t-twice.side.client defined twice"):
        i18n.catalogue_file("t-twice", _file(tmp_path, GOOD))


@pytest.mark.parametrize(("text", "says"), [
    ('["a"]\nen = "x"\n', r"message \['a'\]: no ko"),
    ('["a"]\nko = "x"\n', r"message \['a'\]: no en"),
    ('["a"]\nen = "x"\nko = "y"\nnote = "z"\n', r"message \['a'\]: other fields besides en and ko: note"),
    ('["a"]\nen = "x"\nko = 3\n', r"message \['a'\]: ko is not a string"),
    ('[side.client]\nen = "x"\nko = "y"\n', r'no en and no ko; other fields .*: client \(a dotted key must be '
                                            r'quoted: \["side.client"\]'),
    ('a = "x"\n', r"'a' is not a table"),
    ('["a"]\nen = "x\nko = "y"\n', r"not a valid TOML file"),
    ('["a"]\nen = "x"\nko = "y"\n["a"]\nen = "x"\nko = "y"\n', r"not a valid TOML file"),
])
def test_a_broken_file_is_refused_naming_the_file_and_the_key(tmp_path, text, says):
    path = _file(tmp_path, text, "broken.toml")
    with pytest.raises(ValueError, match=says) as e:
        i18n.catalogue_file("t-broken", path)
    assert str(e.value).startswith(f"{path}: ")
    assert not [k for k in i18n.registry() if k.startswith("t-broken.")]


def test_a_file_that_is_not_utf8_is_refused_naming_it(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('["a"]\nen = "x"\nko = "\xe9"\n'.encode("latin-1"))
    with pytest.raises(ValueError, match=f"{path}: not UTF-8"):
        i18n.catalogue_file("t-latin1", path)
