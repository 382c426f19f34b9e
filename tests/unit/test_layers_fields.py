"""layers' header-field texts are data (netlab/probes/layers/fields.toml): complete, and a broken file
is refused with the file and the field named."""

from __future__ import annotations

import pytest

from netlab.probes.layers import fieldtext


def test_every_field_has_both_languages_for_label_and_meaning():
    assert len(fieldtext.FIELDS) > 150
    for key, texts in fieldtext.FIELDS.items():
        assert all(t.strip() for t in texts), key
    assert fieldtext.key_for("TLS_Ext_ServerName", "type") == "TLS_Ext.type"
    assert fieldtext.key_for("IPerror", "ttl") == "IP.ttl"


@pytest.mark.parametrize("body", ['["IP.ttl"]\nlabel_en = "TTL"\nlabel_ko = "TTL"\nmeaning_en = "hops"\n',
                                  '["IP.ttl"]\nlabel_en = "TTL"\nlabel_ko = "TTL"\nmeaning_en = "x"\nmeaning_ko = 3\n',
                                  '["IP.ttl"]\nlabel_en = "a"\nlabel_ko = "b"\nmeaning_en = "c"\nmeaning_ko = "d"\nx = "e"\n'])
def test_a_broken_table_names_the_file_and_the_field(tmp_path, body):
    path = tmp_path / "fields.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=r"fields.toml: \['IP.ttl'\] needs exactly"):
        fieldtext.load(str(path))
