"""`netlab tcp-flow`: flow control and congestion control, watched on one bulk transfer.

The probe contract (netlab/probes/README.md):

- params.py: the target and options checked (pure, light: the CLI imports it)
- collect.py (I/O) with engine.py (one end of a transfer, sampled), link.py (the sandbox's
  bottleneck for the run), capture.py (the data connection's headers, as a pcap)
- analyze.py (pure) with flow.py (one transfer), samples.py (TCP_INFO rows as columns),
  segments.py (the capture, labelled), phases.py (the detectors), findings.py (the rules)
- build.py (pure), messages.py (every string, en + ko); outputs.py and chart.py: --chart

What was decided where the issue is silent (and why):

- Protocol: iperf3's shape, a control connection and a fresh data connection per transfer, so
  that the receive buffer (--receiver-buffer) and the congestion control (--cc) are set on the
  data socket *before* its handshake (the window scale is chosen then; the listener's options are
  inherited).  The sandbox's servers listen on the well-known discard (9, the sink) and chargen
  (19, the source) ports, and keep those meanings for plain clients.  The server returns its own
  TCP_INFO rows on the control connection, compressed, after the data connection ends.
- Direction: a download (the server sends) unless --upload; the default port follows (19 or 9).
  A download is what shows a Linux *server* sending, sampled in the source host; an upload samples
  our own socket.  --seconds 4 unless --bytes (iperf3's default is 10 s; 4 s shows several
  sawtooth cycles at the sandbox's 10 Mbit/s).
- Congestion control: the sender's own default unless --cc (here bbr); the report always names
  the sender's algorithm as its socket reported it and the receiver's (which only sends ACKs).
  The kernel keeps net.ipv4.tcp_allowed_congestion_control global and read-only inside a network
  namespace, so the sandbox does not change it: its processes have CAP_NET_ADMIN over their
  namespace, and TCP_CONGESTION then accepts any algorithm the kernel has (reno, cubic, bbr).
  --cc all runs each one a socket here may choose, interleaved (a b c a b c with --repeat).
- Bottleneck: the server host's own emulated link (10 Mbit/s, a 20-frame drop-tail queue in the
  default scenario), else the client's.  --rate and --queue *replace* that link's rate and queue
  for the run (a link has one of each; --rate 0 removes the limit), --delay is added to both
  directions (one way each: the RTT grows by twice it), --loss only to the data direction (a lost
  ACK is rarely what a worksheet is about), --drop-nth numbers the data connection's
  payload-carrying packets as they reach the link, retransmissions included.  The link is put
  back as soon as our side of the transfer ends, before the server's result crosses it.
- Sampling: TCP_INFO every 2 ms (--sample-ms) on both ends, BBR's TCP_CC_INFO too; rows capped at
  60 000 per end (halved, interval doubled, and said).  Both ends run on one kernel in the
  sandbox, so their CLOCK_MONOTONIC is one clock (checked with the boot id); a remote server's
  rows are shifted by an estimate from the control exchange, and the report says so.
- Capture: on our interface (receiver side for a download, sender side for an upload), headers
  only, every tick of the transfer loop (the kernel keeps whole frames until read).  Wire lengths
  are set from the IP header, so tshark reads the pcap as it would a snaplen-cut capture.
- Phases come from the kernel's ca_state, ssthresh and counters, not from a textbook model:
  HyStart's exit before any loss, fast recovery with fewer than three duplicate ACKs (RACK), a
  tail loss probe before an RTO, BBR's states from its pacing gain.  Times in the report count
  from the transfer's first byte.  Which limit held the sender is Linux's own accounting (busy,
  rwnd-limited and sndbuf-limited time; the rest, nothing to send).
- The writer sends whole segments (TCP_CORK while writing, MSS-sized writes), so that a data
  segment's number names the same bytes every run; at the receive window's edge Linux would still
  cut a short one, so the deterministic worksheet steps use a big --receiver-buffer.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="tcp-flow", package="netlab.probes.tcp_flow")
