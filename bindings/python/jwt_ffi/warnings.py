"""PyJWT 2.x's warning classes (deriving from PyJWT's own when it is installed,
as the exceptions do, so that warning filters written for PyJWT apply)."""

from ._pyjwt import pyjwt_module

_theirs = pyjwt_module("warnings")


def _also(name: str, default: type) -> tuple[type, ...]:
    cls = getattr(_theirs, name, None)
    return (cls,) if isinstance(cls, type) else (default,)


class RemovedInPyjwt3Warning(*_also("RemovedInPyjwt3Warning", DeprecationWarning)):  # type: ignore[misc]
    """Warning for features that will be removed in PyJWT 3."""


class InsecureKeyLengthWarning(*_also("InsecureKeyLengthWarning", UserWarning)):  # type: ignore[misc]
    """Warning emitted when an HMAC key is shorter than the hash's output
    (RFC 7518 §3.2), as PyJWT does."""
