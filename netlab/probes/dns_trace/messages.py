"""Every string of dns-trace, English and Korean (netlab/i18n.py), keyed by id.

Groups, by key prefix:

- ``outcome.*``    the one word (or two) for each outcome of a hop or a walk
- ``reason.*``     why a response means what it means (classify.py), one line per hop
- ``transport.*``  what a socket error means (collect.py records the kind, analyze the words)
- ``f.*``          finding messages (findings.py), with their parts (``fp.*``)
- everything else: the report's labels, headings and notes (build.py)

Protocol names and field names (SOA, NS, TTL, RTT, rcode, AA, TC=1, EDNS) stay as they are in
both languages; server data (names, addresses, records) is passed in as placeholders.
"""

from netlab.i18n import Both, catalogue_file

M = catalogue_file("dns", __name__)


def outcome_word(outcome: str) -> Both:
    """The outcome's word in each language (the code itself for an outcome we have no word for)."""
    key = f"outcome.{outcome}"
    return M.pick(key) if key in M.messages else Both(outcome, outcome)


def outcome_code(outcome: str) -> Both:
    """For finding messages: the outcome's code in English (as the JSON has it), its word in Korean."""
    return Both(outcome, outcome_word(outcome).ko)
