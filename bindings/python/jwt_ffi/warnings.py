"""PyJWT 2.x's warning classes."""


class RemovedInPyjwt3Warning(DeprecationWarning):
    """Warning for features that will be removed in PyJWT 3."""


class InsecureKeyLengthWarning(UserWarning):
    """Warning emitted when an HMAC key is shorter than the hash's output
    (RFC 7518 §3.2), as PyJWT does."""
