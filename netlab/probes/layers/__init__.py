"""`netlab layers`: one real packet, layer by layer: each header's bytes, fields and meaning.

The probe contract (netlab/probes/README.md): collect.py (a pcap file, another probe's Recording,
or one exchange captured on the spot) -> Recording of raw frames -> analyze.py (pure: scapy's
dissection in dissect.py, rules in findings.py) -> LayersResult -> build.py (pure) -> Document.
messages.py and fieldtext.py hold every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="layers", package="netlab.probes.layers")
