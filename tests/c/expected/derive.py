#!/usr/bin/env python3
"""Expected output of the deterministic C examples, derived without jwt-ffi.

Every token here is computed with Python's standard library alone (hmac,
hashlib, base64, json), the way RFC 7519 / RFC 7515 and PyJWT define it:
base64url(header) "." base64url(payload) "." base64url(HMAC(secret, both)),
without padding, with JSON in compact form (separators "," and ":"). The one
RS256 token (asymmetric.c) is RSASSA-PKCS1-v1_5 done with Python integers.

  derive.py NAME            print what the example NAME must print
  derive.py --write         (re)write expected/NAME.out for every example, and
                            hostile_tokens.h (signed hostile tokens for bad_inputs.c)
  derive.py --check         exit 1 unless every committed file equals what is computed here
  derive.py --filter-encode-exp
                            read encode_exp's output on stdin, verify its token
                            here, print the output with the token replaced by
                            what was checked (diffed with encode_exp.out)
  derive.py token ALG SECRET PAYLOAD [HEADER]
                            print the token for raw JSON texts (for test-jwt-tool.sh)

The messages in the expected files (jwt_last_error() texts) are the library's
documented ones; everything else is computed.
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def compact(obj) -> str:
    return json.dumps(obj, separators=(",", ":"))


def token_raw(alg: str, secret: bytes, payload_json: str, header_json: str = None) -> str:
    if header_json is None:
        header_json = compact({"alg": alg, "typ": "JWT"})
    signing_input = b64url(header_json.encode()) + "." + b64url(payload_json.encode())
    tag = hmac.new(secret, signing_input.encode("ascii"), HASHES[alg]).digest()
    return signing_input + "." + b64url(tag)


def token_bytes(alg: str, secret: bytes, header: bytes, payload: bytes) -> str:
    signing_input = b64url(header) + "." + b64url(payload)
    tag = hmac.new(secret, signing_input.encode("ascii"), HASHES[alg]).digest()
    return signing_input + "." + b64url(tag)


# asymmetric.c's RSA key: RFC 7515 Appendix A.2 (the published 2048-bit key).
# RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) is deterministic and needs only integer
# arithmetic: EM = 00 01 FF..FF 00 || DigestInfo(SHA-256) || H, signature = EM^d mod n.
RFC7515_RSA_N = (
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp"
    "-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOW"
    "vG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUs"
    "LA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9k"
    "G4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2"
    "PAcDTW9gb54h4FRWyuXpoQ"
)
RFC7515_RSA_D = (
    "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_G"
    "Q5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKV"
    "RUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9J"
    "YanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoF"
    "aFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjn"
    "czT0QU91p1DhOVRuOopznQ"
)
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


# RFC 7515 A.2.1's own signing input and signature: rs256_sign must reproduce them.
RFC7515_A2_INPUT = (
    "eyJhbGciOiJSUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
)
RFC7515_A2_SIGNATURE_START = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7"


def rs256_sign(signing_input: str) -> str:
    n = int.from_bytes(b64url_decode(RFC7515_RSA_N), "big")
    d = int.from_bytes(b64url_decode(RFC7515_RSA_D), "big")
    k = (n.bit_length() + 7) // 8
    t = SHA256_DIGEST_INFO + hashlib.sha256(signing_input.encode("ascii")).digest()
    em = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    return b64url(pow(int.from_bytes(em, "big"), d, n).to_bytes(k, "big"))


def rs256_token(claims: dict) -> str:
    if not rs256_sign(RFC7515_A2_INPUT).startswith(RFC7515_A2_SIGNATURE_START):
        raise AssertionError("rs256_sign does not reproduce RFC 7515 A.2's signature")
    signing_input = (b64url(compact({"alg": "RS256", "typ": "JWT"}).encode()) + "."
                     + b64url(compact(claims).encode()))
    return signing_input + "." + rs256_sign(signing_input)


def token(claims: dict, secret: bytes, alg: str = "HS256") -> str:
    return token_raw(alg, secret, compact(claims))


# What each example prints. Secrets and claims are the ones in the C sources.

def out_encode():
    # encode.c signs '{"user_id": 123}'; the library drops insignificant
    # whitespace, as json.dumps(separators=(",", ":")) does for PyJWT.
    return token({"user_id": 123}, b"mysecret") + "\n"


def out_verify():
    return (
        "verified payload: " + compact({"user_id": 123}) + "\n"
        "tampered token: status 9 (the signature is invalid)\n"
        "  jwt_last_error(): signature verification failed: the token was not signed with this key\n"
        "expired token: status 11 (the token has expired)\n"
        "  jwt_last_error(): token expired at 1700000000, now is 1700000100, leeway 0 s\n"
    )


def out_key_reuse():
    secret = b"key-reuse-example-secret-of-32+bytes"
    lines = []
    for i, user in enumerate(["alice", "bob", "carol"], start=1):
        claims = {"iss": "example.com", "sub": user, "user_id": i}
        lines.append(f"{user}: {token(claims, secret)}")
        lines.append(f"  verified: {compact(claims)}")
    return "\n".join(lines) + "\n"


def out_encode_into():
    tok = token({"sub": "alice", "role": "admin"}, b"encode-into-example-secret-32+bytes")
    needed = len(tok) + 1
    return (
        f"16-byte buffer: the buffer is too small; {needed} bytes needed (NUL included)\n"
        f"  jwt_last_error(): buffer too small: the token needs {needed} bytes including the NUL\n"
        f"{needed}-byte buffer: {len(tok)} characters written\n"
        f"{tok}\n"
    )


def out_cpp_example():
    tok = token({"user_id": 123}, b"mysecret")
    return (
        f"token: {tok}\n"
        "payload: " + compact({"user_id": 123}) + "\n"
        "expired: jwt_ffi::Error status 11 (the token has expired): "
        "token expired at 1700000000, now is 1700000100, leeway 0 s\n"
        "bad key: jwt_ffi::Error status 6 (the key is invalid)\n"
    )


def out_encode_exp():
    # The token depends on the clock; --filter-encode-exp checks it and prints this.
    return (
        'token: <HS256, signature valid, sub "alice", exp - iat = 1800, iat within 60 s of now>\n'
        "verified: the payload is the claims as signed\n"
        'verified: key algorithm HS256, header {"alg":"HS256","typ":"JWT"}\n'
        "verified: exp - iat = 1800\n"
    )


def out_read_claims():
    # read_claims.c verifies its tokens as of now = 1700000000 and reads them back;
    # only exp's message is the library's wording.
    lines = []
    for sub, aud in [("alice", ["api", "billing"]), ("bob", ["api"])]:
        lines.append(f"sub: {sub}")
        lines.append("exp: 1700003600 (in 3600 s)")
        for i, a in enumerate(aud):
            lines.append(f"aud[{i}]: {a} ({len(a.encode())} bytes)")
        lines.append('exp as a string: a claim has the wrong type: '
                     'claim "exp" is an integer, not a string')
    return "\n".join(lines) + "\n"


def out_asymmetric():
    # asymmetric.c signs {"iss": "example.com", "sub": "alice"} with the RFC 7515
    # A.2 RSA key and the A.3 P-256 key; the ES256 token is random, so not printed.
    claims = compact({"iss": "example.com", "sub": "alice"})
    return (
        "RSA public key can sign: no\n"
        f"RS256 token: {rs256_token({'iss': 'example.com', 'sub': 'alice'})}\n"
        f"RS256 token verified: yes\n  payload: {claims}\n"
        f"ES256 token verified: yes\n  payload: {claims}\n"
        "RS256 token with the ES256 key: status 10 (the token's algorithm is not allowed)\n"
    )


# Tokens for bad_inputs.c whose signatures are VALID (so that what is refused is
# their structure, not their signature): (case, header, payload, expected status).
HOSTILE_SECRET = b"bad-inputs-secret"
STD = b'{"alg":"HS256","typ":"JWT"}'
HOSTILE = [
    ("payload is not JSON", STD, b"not json", "JWT_ERR_MALFORMED_TOKEN"),
    ("payload is empty", STD, b"", "JWT_ERR_MALFORMED_TOKEN"),
    ("payload is an array", STD, b"[1,2]", "JWT_ERR_MALFORMED_TOKEN"),
    ("payload is a string", STD, b'"sub"', "JWT_ERR_MALFORMED_TOKEN"),
    ("payload has trailing garbage", STD, b'{"a":1}x', "JWT_ERR_MALFORMED_TOKEN"),
    ("payload repeats a claim", STD, b'{"exp":1,"exp":9999999999}', "JWT_ERR_DUPLICATE_CLAIM"),
    ("payload is not UTF-8", STD, b'{"a":"\xff"}', "JWT_ERR_MALFORMED_TOKEN"),
    ("payload nests 200 arrays", STD, b'{"a":' + b"[" * 200 + b"]" * 200 + b"}",
     "JWT_ERR_MALFORMED_TOKEN"),
    ("header repeats alg", b'{"alg":"HS256","alg":"HS256"}', b'{"a":1}', "JWT_ERR_DUPLICATE_CLAIM"),
    ("header has crit", b'{"alg":"HS256","crit":["exp"],"exp":1}', b'{"a":1}',
     "JWT_ERR_MALFORMED_TOKEN"),
    ("header has no alg", b'{"typ":"JWT"}', b'{"a":1}', "JWT_ERR_ALGORITHM_NOT_ALLOWED"),
    ("header alg RS256", b'{"alg":"RS256","typ":"JWT"}', b'{"a":1}',
     "JWT_ERR_ALGORITHM_NOT_ALLOWED"),
    ("header alg hs256 (case)", b'{"alg":"hs256","typ":"JWT"}', b'{"a":1}',
     "JWT_ERR_ALGORITHM_NOT_ALLOWED"),
    ("header alg none", b'{"alg":"none","typ":"JWT"}', b'{"a":1}',
     "JWT_ERR_ALGORITHM_NOT_ALLOWED"),
    ("header alg is a number", b'{"alg":256}', b'{"a":1}', "JWT_ERR_MALFORMED_TOKEN"),
    ("header alg is null", b'{"alg":null}', b'{"a":1}', "JWT_ERR_MALFORMED_TOKEN"),
    ("header kid is a number", b'{"alg":"HS256","kid":7}', b'{"a":1}', "JWT_ERR_MALFORMED_TOKEN"),
    ("header is a string", b'"HS256"', b'{"a":1}', "JWT_ERR_MALFORMED_TOKEN"),
    ("header is not JSON", b"alg=HS256", b'{"a":1}', "JWT_ERR_MALFORMED_TOKEN"),
    ("header is not UTF-8", b'{"alg":"HS256","x":"\xc3\x28"}', b'{"a":1}',
     "JWT_ERR_MALFORMED_TOKEN"),
    # Accepted: member order, extra members and whitespace are the signer's business.
    ("header with whitespace and kid", b'{ "kid" : "k1", "alg" : "HS256" }', b'{ "a" : 1 }',
     "JWT_OK"),
]


def out_hostile_tokens_h():
    def c_string(s):
        return '"' + s + '"'  # base64url needs no escaping

    lines = [
        "/* Generated by expected/derive.py --write (Python's stdlib): hostile tokens",
        " * whose HS256 signatures are VALID for HOSTILE_SECRET, so what must refuse them",
        " * is their structure. Do not edit; change HOSTILE in derive.py instead. */",
        "#define HOSTILE_SECRET " + c_string(HOSTILE_SECRET.decode()),
        "static const struct hostile_token {",
        "    const char *name;",
        "    const char *token;",
        "    jwt_status expected;",
        "} HOSTILE_TOKENS[] = {",
    ]
    for name, header, payload, status in HOSTILE:
        tok = token_bytes("HS256", HOSTILE_SECRET, header, payload)
        lines.append(f"    {{{c_string(name)},\n     {c_string(tok)},\n     {status}}},")
    lines.append("};")
    return "\n".join(lines) + "\n"


EXAMPLES = {
    "encode": out_encode,
    "verify": out_verify,
    "key_reuse": out_key_reuse,
    "encode_into": out_encode_into,
    "cpp_example": out_cpp_example,
    "encode_exp": out_encode_exp,
    "read_claims": out_read_claims,
    "asymmetric": out_asymmetric,
}


def filter_encode_exp(lines):
    secret = b"encode-exp-example-secret-of-32+bytes"
    out = []
    for line in lines:
        if not line.startswith("token: "):
            out.append(line)
            continue
        tok = line[len("token: "):].strip()
        try:
            header_b64, payload_b64, sig_b64 = tok.split(".")
            header = json.loads(b64url_decode(header_b64))
            claims = json.loads(b64url_decode(payload_b64))
            want = hmac.new(secret, f"{header_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
            problems = []
            if header != {"alg": "HS256", "typ": "JWT"}:
                problems.append(f"header {header}")
            if not hmac.compare_digest(b64url_decode(sig_b64), want) or b64url(want) != sig_b64:
                problems.append("bad signature")
            if claims.get("sub") != "alice":
                problems.append(f"sub {claims.get('sub')!r}")
            if claims.get("exp", 0) - claims.get("iat", 0) != 1800:
                problems.append("exp - iat != 1800")
            if abs(claims.get("iat", 0) - time.time()) > 60:
                problems.append("iat not within 60 s of now")
        except (ValueError, KeyError, TypeError) as e:
            problems = [f"unreadable token: {e}"]
        if problems:
            out.append("token: INVALID: " + "; ".join(problems) + "\n")
        else:
            out.append('token: <HS256, signature valid, sub "alice", exp - iat = 1800, '
                       "iat within 60 s of now>\n")
    return "".join(out)


def main(argv):
    if len(argv) == 2 and argv[1] in EXAMPLES:
        sys.stdout.write(EXAMPLES[argv[1]]())
        return 0
    generated = {name + ".out": fn for name, fn in EXAMPLES.items()}
    generated["hostile_tokens.h"] = out_hostile_tokens_h
    if argv[1:] == ["--write"]:
        for name, fn in generated.items():
            with open(os.path.join(HERE, name), "w") as f:
                f.write(fn())
        return 0
    if argv[1:] == ["--check"]:
        bad = 0
        for name, fn in generated.items():
            path = os.path.join(HERE, name)
            try:
                with open(path) as f:
                    committed = f.read()
            except OSError as e:
                print(f"derive.py: {e}", file=sys.stderr)
                bad += 1
                continue
            if committed != fn():
                print(f"derive.py: {name} differs from what derive.py computes", file=sys.stderr)
                bad += 1
        return 1 if bad else 0
    if argv[1:] == ["--filter-encode-exp"]:
        sys.stdout.write(filter_encode_exp(sys.stdin.readlines()))
        return 0
    if len(argv) in (5, 6) and argv[1] == "token":
        print(token_raw(argv[2], argv[3].encode(), argv[4], argv[5] if len(argv) == 6 else None))
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
