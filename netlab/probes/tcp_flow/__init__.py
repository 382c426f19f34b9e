"""`netlab tcp-flow`: flow control and congestion control, watched on one bulk transfer."""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="tcp-flow", package="netlab.probes.tcp_flow")
