"""An exception and what caused it, for the one place per library that translates its errors (pure)."""

from __future__ import annotations


def exception_chain(exc: BaseException) -> list[BaseException]:
    """``exc``, then its cause (or the exception it was raised while handling), and so on: httpx,
    httpcore and anyio wrap the OSError or SSLError that says what happened, often more than once."""
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain:
        chain.append(e)
        e = e.__cause__ or e.__context__
    return chain
