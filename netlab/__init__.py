"""netlab: see how the Internet works, on real packets, explained."""

__version__ = "0.1.0"
