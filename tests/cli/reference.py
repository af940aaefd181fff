#!/usr/bin/env python3
"""What jwt-tool must print, derived without jwt-ffi: by PyJWT when it can be
imported (the test venv), else by Python's standard library the way PyJWT
does it (json.dumps with separators (",", ":"), sorted header keys, HMAC).

  reference.py which                      "PyJWT 2.x.y" or "stdlib"
  reference.py token ALG SECRET_HEX PAYLOAD [HEADERS]
        the token PyJWT's jwt.encode(json.loads(PAYLOAD), secret, ALG,
        headers=json.loads(HEADERS)) gives; the secret is given in hex so that
        any bytes (a newline, a NUL) can be passed
  reference.py raw ALG SECRET_HEX PAYLOAD HEADER
        the token for the exact JSON texts PAYLOAD and HEADER
  reference.py pretty JSON                json.dumps(json.loads(JSON), indent=2)
  reference.py utc UNIX                   "2025-12-01 21:10:00 UTC"
  reference.py iso UNIX                   "2025-12-01T21:10:00Z"
  reference.py payload TOKEN              the payload JSON text of TOKEN (base64url-decoded)
  reference.py b64url < BYTES             base64url without padding
  reference.py unb64url TEXT > BYTES      the bytes of base64url TEXT
  reference.py raw2der < R||S             an ECDSA signature as JOSE writes it, in DER (for openssl)
  reference.py der2raw N < DER            a DER ECDSA signature as R||S, N bytes each (for JOSE)
"""

import base64
import datetime
import hashlib
import hmac
import json
import sys

import warnings

# PyJWT warns about short test secrets (InsecureKeyLengthWarning); the tests mean them.
warnings.simplefilter("ignore")
try:
    import jwt as pyjwt  # PyJWT
except ImportError:
    pyjwt = None

HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def raw(alg: str, secret: bytes, payload: str, header: str) -> str:
    signing_input = b64url(header.encode()) + "." + b64url(payload.encode())
    tag = hmac.new(secret, signing_input.encode("ascii"), HASHES[alg]).digest()
    return signing_input + "." + b64url(tag)


def token(alg: str, secret: bytes, payload: dict, headers: dict) -> str:
    if pyjwt is not None:
        return pyjwt.encode(payload, secret, algorithm=alg, headers=headers or None)
    header = {"typ": "JWT", "alg": alg}
    header.update(headers or {})
    return raw(
        alg,
        secret,
        json.dumps(payload, separators=(",", ":")),
        json.dumps(header, separators=(",", ":"), sort_keys=True),
    )


def der_len(n: int) -> bytes:
    return bytes([n]) if n < 0x80 else b"\x81" + bytes([n])


def der_int(v: int) -> bytes:
    body = v.to_bytes((v.bit_length() + 8) // 8 or 1, "big")  # a leading 0 keeps it positive
    return b"\x02" + der_len(len(body)) + body


def date(unix: str, fmt: str) -> str:
    t = datetime.datetime.fromtimestamp(int(unix), datetime.timezone.utc)
    return t.strftime(fmt)


def main(argv):
    cmd = argv[1]
    if cmd == "which":
        print(f"PyJWT {pyjwt.__version__}" if pyjwt is not None else "stdlib")
    elif cmd == "token":
        headers = json.loads(argv[5]) if len(argv) > 5 else {}
        print(token(argv[2], bytes.fromhex(argv[3]), json.loads(argv[4]), headers))
    elif cmd == "raw":
        print(raw(argv[2], bytes.fromhex(argv[3]), argv[4], argv[5]))
    elif cmd == "pretty":
        print(json.dumps(json.loads(argv[2]), indent=2))
    elif cmd == "utc":
        print(date(argv[2], "%Y-%m-%d %H:%M:%S UTC"))
    elif cmd == "iso":
        print(date(argv[2], "%Y-%m-%dT%H:%M:%SZ"))
    elif cmd == "payload":
        seg = argv[2].split(".")[1]
        sys.stdout.write(base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4)).decode())
        print()
    elif cmd == "b64url":
        print(b64url(sys.stdin.buffer.read()))
    elif cmd == "unb64url":
        sys.stdout.buffer.write(base64.urlsafe_b64decode(argv[2] + "=" * (-len(argv[2]) % 4)))
    elif cmd == "raw2der":
        sig = sys.stdin.buffer.read()
        half = len(sig) // 2
        ints = b"".join(der_int(int.from_bytes(sig[i : i + half], "big")) for i in (0, half))
        sys.stdout.buffer.write(b"\x30" + der_len(len(ints)) + ints)
    elif cmd == "der2raw":
        n, der = int(argv[2]), sys.stdin.buffer.read()
        pos, out = 2 + (der[1] & 0x7F if der[1] & 0x80 else 0), b""
        for _ in range(2):
            assert der[pos] == 2
            length = der[pos + 1]
            out += int.from_bytes(der[pos + 2 : pos + 2 + length], "big").to_bytes(n, "big")
            pos += 2 + length
        sys.stdout.buffer.write(out)
    else:
        sys.exit(f"reference.py: unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
