/*
 * bad_inputs.c (a test): hostile and malformed input through the C ABI, each
 * with the exact status it must get.
 *
 * Every case checks the status; that an out-pointer preset to garbage is NULL
 * after a failure (and a string after a success); that jwt_last_error() is
 * non-empty after a failure and "" after a success. Tokens whose signature
 * must be valid but whose structure is hostile come from
 * expected/hostile_tokens.h (signed by Python's stdlib); tokens about claims
 * are signed here with the library's own encoder (the signature is not what
 * those cases test); structural ones are literal strings or built from
 * base64url pieces below.
 *
 * Prints one line per failing case and a summary; exit status 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"

#include "expected/hostile_tokens.h"

#define NOW 1700000000LL
#define SECRET "bad-inputs-secret"
#define SECRET_LEN (sizeof SECRET - 1)
#define KEY ((const uint8_t *)SECRET)

/* A well-formed HS256 token: {"alg":"HS256","typ":"JWT"} . {"user_id":123}, secret
 * "mysecret" (see encode.c; derived independently by expected/derive.py). */
#define GOOD_TOKEN                                                             \
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoxMjN9."               \
    "u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU"
#define GOOD_SECRET ((const uint8_t *)"mysecret")
#define GOOD_SECRET_LEN 8
#define STD_HEADER_B64 "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

static int n_cases;
static int n_failures;

/* An address no library function returns: out-pointers are preset to it to see
 * that a failure really sets them to NULL. */
static char garbage_byte;
#define GARBAGE ((char *)&garbage_byte)

static void failed(const char *name, const char *fmt, const char *a, const char *b)
{
    n_failures++;
    printf("FAIL %s: ", name);
    printf(fmt, a, b);
    printf("\n");
}

/* Checks a status and jwt_last_error(), which must be read before any other
 * call into the library on this thread. */
static int expect(const char *name, jwt_status got, jwt_status want)
{
    char msg[160];
    char got_s[96], want_s[96];
    snprintf(msg, sizeof msg, "%s", jwt_last_error());
    n_cases++;
    if (got != want) {
        snprintf(got_s, sizeof got_s, "%d (%s)", (int)got, jwt_status_str(got));
        snprintf(want_s, sizeof want_s, "%d (%s)", (int)want, jwt_status_str(want));
        failed(name, "status %s, expected %s", got_s, want_s);
        printf("     jwt_last_error(): %s\n", msg);
        return 0;
    }
    if (want == JWT_OK && msg[0] != '\0') {
        failed(name, "jwt_last_error() is \"%s\" after a success%s", msg, "");
        return 0;
    }
    if (want != JWT_OK && msg[0] == '\0') {
        failed(name, "jwt_last_error() is empty after a failure%s%s", "", "");
        return 0;
    }
    return 1;
}

/* After `expect`: the message must contain `part`. */
static void expect_message(const char *name, const char *part)
{
    if (strstr(jwt_last_error(), part) == NULL)
        failed(name, "jwt_last_error() is \"%s\", expected it to contain \"%s\"",
               jwt_last_error(), part);
}

/* An out-pointer after a call: NULL on failure, a string on success. */
static void expect_out(const char *name, jwt_status want, const char *out)
{
    if (want != JWT_OK && out != NULL)
        failed(name, "the out-pointer is not NULL after a failure%s%s", "", "");
    if (want == JWT_OK && (out == NULL || out == GARBAGE))
        failed(name, "no string in the out-pointer after a success%s%s", "", "");
}

/* ---- building tokens --------------------------------------------------- */

static char *b64url(const char *data, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char *out = malloc(len / 3 * 4 + 5);
    size_t i, o = 0;
    if (out == NULL)
        return NULL;
    for (i = 0; i + 2 < len; i += 3) {
        unsigned v = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8 |
                     (unsigned char)data[i + 2];
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
        out[o++] = alphabet[v & 63];
    }
    if (len - i == 1) {
        unsigned v = (unsigned char)data[i] << 16;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
    } else if (len - i == 2) {
        unsigned v = (unsigned char)data[i] << 16 | (unsigned char)data[i + 1] << 8;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
    }
    out[o] = '\0';
    return out;
}

/* "b64(header).b64(payload).signature": unsigned structure for unverified paths
 * or for cases refused before the signature. NULL when out of memory. */
static char *unsigned_token(const char *header, const char *payload, const char *signature)
{
    char *h = b64url(header, strlen(header));
    char *p = b64url(payload, strlen(payload));
    char *t = NULL;
    if (h != NULL && p != NULL) {
        size_t n = strlen(h) + strlen(p) + strlen(signature) + 3;
        t = malloc(n);
        if (t != NULL)
            snprintf(t, n, "%s.%s.%s", h, p, signature);
    }
    free(h);
    free(p);
    return t;
}

/* `n` copies of `c` between `prefix` and `suffix`. */
static char *repeat(const char *prefix, char c, size_t n, const char *suffix)
{
    size_t a = strlen(prefix), b = strlen(suffix);
    char *s = malloc(a + n + b + 1);
    if (s == NULL)
        return NULL;
    memcpy(s, prefix, a);
    memset(s + a, c, n);
    memcpy(s + a + n, suffix, b + 1);
    return s;
}

/* ---- case runners -------------------------------------------------------- */

/* jwt_decode_with_secret with the raw secret. */
static void decode_case(const char *name, const char *token, const uint8_t *key, size_t len,
                        const jwt_validation *v, jwt_status want)
{
    char *payload = GARBAGE;
    jwt_status st = jwt_decode_with_secret(token, key, len, v, &payload);
    expect(name, st, want);
    expect_out(name, want, payload);
    if (payload != GARBAGE)
        jwt_string_free(payload);
}

/* jwt_decode_with_key; on success the payload must equal `want_payload` if given. */
static void decode_key_case(const char *name, const jwt_key *key, const char *token,
                            const jwt_validation *v, jwt_status want, const char *want_payload)
{
    char *payload = GARBAGE;
    jwt_status st = jwt_decode_with_key(key, token, v, &payload);
    expect(name, st, want);
    expect_out(name, want, payload);
    if (st == JWT_OK && want_payload != NULL && payload != NULL &&
        strcmp(payload, want_payload) != 0)
        failed(name, "payload %s, expected %s", payload, want_payload);
    if (payload != GARBAGE)
        jwt_string_free(payload);
}

static void unverified_case(const char *name, const char *token, const jwt_validation *v,
                            jwt_status want)
{
    char *payload = GARBAGE;
    jwt_status st = jwt_decode_unverified(token, v, &payload);
    expect(name, st, want);
    expect_out(name, want, payload);
    if (payload != GARBAGE)
        jwt_string_free(payload);
}

static void header_case(const char *name, const char *token, jwt_status want)
{
    char *header = GARBAGE;
    jwt_status st = jwt_decode_header(token, &header);
    expect(name, st, want);
    expect_out(name, want, header);
    if (header != GARBAGE)
        jwt_string_free(header);
}

/* Encoding `json` must give `want` through every encoder alike. */
static void encode_case(const char *name, const jwt_key *key, const char *json, jwt_status want)
{
    char label[160];
    char *out = GARBAGE;
    char buf[256];
    size_t written = 12345;
    jwt_status st;

    snprintf(label, sizeof label, "%s [jwt_encode]", name);
    st = jwt_encode(json, KEY, SECRET_LEN, &out);
    expect(label, st, want);
    expect_out(label, want, out);
    if (out != GARBAGE)
        jwt_string_free(out);

    snprintf(label, sizeof label, "%s [jwt_encode_with_key]", name);
    out = GARBAGE;
    st = jwt_encode_with_key(key, json, &out);
    expect(label, st, want);
    expect_out(label, want, out);
    if (out != GARBAGE)
        jwt_string_free(out);

    snprintf(label, sizeof label, "%s [jwt_encode_with_header]", name);
    out = GARBAGE;
    st = jwt_encode_with_header(key, "{\"alg\":\"HS256\"}", json, &out);
    expect(label, st, want);
    expect_out(label, want, out);
    if (out != GARBAGE)
        jwt_string_free(out);

    if (strlen(json) < 100) { /* larger tokens would not fit `buf` */
        snprintf(label, sizeof label, "%s [jwt_encode_into]", name);
        st = jwt_encode_into(key, json, buf, sizeof buf, &written);
        expect(label, st, want);
        if (want != JWT_OK && written != 0)
            failed(label, "*written is not 0 after a failure%s%s", "", "");
        if (want == JWT_OK && written != strlen(buf))
            failed(label, "*written is not strlen(buf)%s%s", "", "");
    }
}

/* Signs `claims` with the library (what is tested is the claim checks), then
 * verifies the token with `v`. */
static void claims_case(const char *name, const jwt_key *key, const char *claims,
                        const jwt_validation *v, jwt_status want)
{
    char *token = NULL;
    jwt_status st = jwt_encode_with_key(key, claims, &token);
    if (st != JWT_OK) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s", jwt_last_error());
        n_cases++;
        failed(name, "could not sign the claims: %s: %s", jwt_status_str(st), msg);
        return;
    }
    decode_key_case(name, key, token, v, want, want == JWT_OK ? claims : NULL);
    jwt_string_free(token);
}

/* ---- the tables ---------------------------------------------------------- */

static void null_arguments(const jwt_key *key, jwt_validation *v)
{
    char *out = GARBAGE;
    char buf[256];
    size_t written = 12345;
    jwt_key *new_key = (jwt_key *)GARBAGE;
    jwt_alg alg;
    const char *json = "{\"a\":1}";
    const jwt_status N = JWT_ERR_NULL_ARGUMENT;

#define OUT_CASE(name, call)                                                   \
    do {                                                                       \
        out = GARBAGE;                                                         \
        expect(name, (call), N);                                               \
        expect_out(name, N, out);                                              \
    } while (0)

    OUT_CASE("jwt_encode json NULL", jwt_encode(NULL, KEY, SECRET_LEN, &out));
    OUT_CASE("jwt_encode key NULL, len 8", jwt_encode(json, NULL, 8, &out));
    expect("jwt_encode out NULL", jwt_encode(json, KEY, SECRET_LEN, NULL), N);
    OUT_CASE("jwt_encode_with_key key NULL", jwt_encode_with_key(NULL, json, &out));
    OUT_CASE("jwt_encode_with_key json NULL", jwt_encode_with_key(key, NULL, &out));
    expect("jwt_encode_with_key out NULL", jwt_encode_with_key(key, json, NULL), N);
    OUT_CASE("jwt_encode_with_header key NULL",
             jwt_encode_with_header(NULL, "{\"alg\":\"HS256\"}", json, &out));
    OUT_CASE("jwt_encode_with_header header NULL", jwt_encode_with_header(key, NULL, json, &out));
    OUT_CASE("jwt_encode_with_header json NULL",
             jwt_encode_with_header(key, "{\"alg\":\"HS256\"}", NULL, &out));
    expect("jwt_encode_with_header out NULL",
           jwt_encode_with_header(key, "{\"alg\":\"HS256\"}", json, NULL), N);

    expect("jwt_encode_into key NULL", jwt_encode_into(NULL, json, buf, sizeof buf, &written), N);
    if (written != 0)
        failed("jwt_encode_into key NULL", "*written is not 0%s%s", "", "");
    written = 12345;
    expect("jwt_encode_into json NULL", jwt_encode_into(key, NULL, buf, sizeof buf, &written), N);
    if (written != 0)
        failed("jwt_encode_into json NULL", "*written is not 0%s%s", "", "");
    written = 12345;
    expect("jwt_encode_into buf NULL", jwt_encode_into(key, json, NULL, sizeof buf, &written), N);
    if (written != 0)
        failed("jwt_encode_into buf NULL", "*written is not 0%s%s", "", "");
    written = 12345;
    expect("jwt_encode_into buf NULL, cap 0", jwt_encode_into(key, json, NULL, 0, &written), N);
    expect("jwt_encode_into written NULL", jwt_encode_into(key, json, buf, sizeof buf, NULL), N);

    expect("jwt_key_new secret NULL, len 8", jwt_key_new(JWT_ALG_HS256, NULL, 8, &new_key), N);
    if (new_key != NULL)
        failed("jwt_key_new secret NULL", "*out is not NULL%s%s", "", "");
    expect("jwt_key_new out NULL", jwt_key_new(JWT_ALG_HS256, KEY, SECRET_LEN, NULL), N);
    expect("jwt_key_alg key NULL", jwt_key_alg(NULL, &alg), N);
    expect("jwt_key_alg out NULL", jwt_key_alg(key, NULL), N);

    OUT_CASE("jwt_decode_with_secret token NULL", jwt_decode_with_secret(NULL, GOOD_SECRET, GOOD_SECRET_LEN, NULL, &out));
    OUT_CASE("jwt_decode_with_secret key NULL, len 8", jwt_decode_with_secret(GOOD_TOKEN, NULL, 8, NULL, &out));
    expect("jwt_decode_with_secret out NULL", jwt_decode_with_secret(GOOD_TOKEN, GOOD_SECRET, GOOD_SECRET_LEN, NULL, NULL),
           N);
    OUT_CASE("jwt_decode_with_key key NULL", jwt_decode_with_key(NULL, GOOD_TOKEN, NULL, &out));
    OUT_CASE("jwt_decode_with_key token NULL", jwt_decode_with_key(key, NULL, NULL, &out));
    expect("jwt_decode_with_key out NULL", jwt_decode_with_key(key, GOOD_TOKEN, NULL, NULL), N);
    OUT_CASE("jwt_decode_unverified token NULL", jwt_decode_unverified(NULL, NULL, &out));
    expect("jwt_decode_unverified out NULL", jwt_decode_unverified(GOOD_TOKEN, NULL, NULL), N);
    OUT_CASE("jwt_decode_header token NULL", jwt_decode_header(NULL, &out));
    expect("jwt_decode_header out NULL", jwt_decode_header(GOOD_TOKEN, NULL), N);

    expect("jwt_validation_new out NULL", jwt_validation_new(NULL), N);
    expect("jwt_validation_allow_alg v NULL", jwt_validation_allow_alg(NULL, JWT_ALG_HS256), N);
    expect("jwt_validation_set_leeway v NULL", jwt_validation_set_leeway(NULL, 1), N);
    expect("jwt_validation_set_now v NULL", jwt_validation_set_now(NULL, 1), N);
    expect("jwt_validation_set_audience v NULL", jwt_validation_set_audience(NULL, "a"), N);
    expect("jwt_validation_set_audience aud NULL", jwt_validation_set_audience(v, NULL), N);
    expect("jwt_validation_add_audience v NULL", jwt_validation_add_audience(NULL, "a"), N);
    expect("jwt_validation_add_audience aud NULL", jwt_validation_add_audience(v, NULL), N);
    expect("jwt_validation_set_issuer v NULL", jwt_validation_set_issuer(NULL, "i"), N);
    expect("jwt_validation_set_issuer iss NULL", jwt_validation_set_issuer(v, NULL), N);
    expect("jwt_validation_add_issuer v NULL", jwt_validation_add_issuer(NULL, "i"), N);
    expect("jwt_validation_add_issuer iss NULL", jwt_validation_add_issuer(v, NULL), N);
    expect("jwt_validation_set_subject v NULL", jwt_validation_set_subject(NULL, "s"), N);
    expect("jwt_validation_set_subject sub NULL", jwt_validation_set_subject(v, NULL), N);
    expect("jwt_validation_require_claim v NULL", jwt_validation_require_claim(NULL, "c"), N);
    expect("jwt_validation_require_claim name NULL", jwt_validation_require_claim(v, NULL), N);
    expect("jwt_validation_set_check v NULL",
           jwt_validation_set_check(NULL, JWT_CHECK_EXP, false), N);
    expect("jwt_validation_set_max_token_len v NULL", jwt_validation_set_max_token_len(NULL, 1),
           N);
#undef OUT_CASE

    /* Freeing NULL is a no-op for all three free functions. */
    jwt_string_free(NULL);
    jwt_key_free(NULL);
    jwt_validation_free(NULL);
}

static void keys_and_algorithms(void)
{
    jwt_key *k = (jwt_key *)GARBAGE;
    jwt_validation *v = NULL;
    jwt_alg alg = JWT_ALG_HS512;
    char *out = GARBAGE;
    static const jwt_alg algs[] = {JWT_ALG_HS256, JWT_ALG_HS384, JWT_ALG_HS512};
    size_t i;

    expect("jwt_key_new empty secret", jwt_key_new(JWT_ALG_HS256, KEY, 0, &k),
           JWT_ERR_INVALID_KEY);
    if (k != NULL)
        failed("jwt_key_new empty secret", "*out is not NULL%s%s", "", "");
    k = (jwt_key *)GARBAGE;
    expect("jwt_key_new NULL secret, len 0", jwt_key_new(JWT_ALG_HS256, NULL, 0, &k),
           JWT_ERR_INVALID_KEY);
    k = (jwt_key *)GARBAGE;
    expect("jwt_key_new alg 14", jwt_key_new((jwt_alg)14, KEY, SECRET_LEN, &k),
           JWT_ERR_UNSUPPORTED_ALGORITHM);
    if (k != NULL)
        failed("jwt_key_new alg 14", "*out is not NULL%s%s", "", "");
    k = (jwt_key *)GARBAGE;
    /* RS256 exists, but a raw secret is an HMAC key only. */
    expect("jwt_key_new RS256", jwt_key_new(JWT_ALG_RS256, KEY, SECRET_LEN, &k),
           JWT_ERR_INVALID_KEY);
    if (k != NULL)
        failed("jwt_key_new RS256", "*out is not NULL%s%s", "", "");
    k = (jwt_key *)GARBAGE;
    expect("jwt_key_new alg 99", jwt_key_new((jwt_alg)99, KEY, SECRET_LEN, &k),
           JWT_ERR_UNSUPPORTED_ALGORITHM);
    k = (jwt_key *)GARBAGE;
    expect("jwt_key_new alg -1", jwt_key_new((jwt_alg)-1, KEY, SECRET_LEN, &k),
           JWT_ERR_UNSUPPORTED_ALGORITHM);
    k = NULL;
    for (i = 0; i < 3; i++) {
        if (expect("jwt_key_new", jwt_key_new(algs[i], KEY, SECRET_LEN, &k), JWT_OK) &&
            expect("jwt_key_alg", jwt_key_alg(k, &alg), JWT_OK) && alg != algs[i])
            failed("jwt_key_alg", "the key's algorithm is not the one it was made for%s%s", "",
                   "");
        jwt_key_free(k);
        k = NULL;
    }
    /* A one-byte secret, and a secret longer than a hash block, are both keys. */
    expect("jwt_key_new 1-byte secret", jwt_key_new(JWT_ALG_HS512, KEY, 1, &k), JWT_OK);
    jwt_key_free(k);
    k = NULL;

    expect("jwt_encode empty secret", jwt_encode("{}", KEY, 0, &out), JWT_ERR_INVALID_KEY);
    expect_out("jwt_encode empty secret", JWT_ERR_INVALID_KEY, out);
    decode_case("jwt_decode_with_secret empty secret", GOOD_TOKEN, KEY, 0, NULL, JWT_ERR_INVALID_KEY);
    decode_case("jwt_decode_with_secret NULL secret, len 0", GOOD_TOKEN, NULL, 0, NULL, JWT_ERR_INVALID_KEY);

    if (expect("jwt_validation_new", jwt_validation_new(&v), JWT_OK)) {
        expect("jwt_validation_allow_alg 14", jwt_validation_allow_alg(v, (jwt_alg)14),
               JWT_ERR_UNSUPPORTED_ALGORITHM);
        expect("jwt_validation_set_check 0", jwt_validation_set_check(v, (jwt_check)0, false),
               JWT_ERR_INVALID_ARGUMENT);
        expect("jwt_validation_set_check 3 (two bits)",
               jwt_validation_set_check(v, (jwt_check)3, false), JWT_ERR_INVALID_ARGUMENT);
        expect("jwt_validation_set_check 128", jwt_validation_set_check(v, (jwt_check)128, true),
               JWT_ERR_INVALID_ARGUMENT);
        expect("jwt_validation_set_check JTI", jwt_validation_set_check(v, JWT_CHECK_JTI, true),
               JWT_OK);
        expect("jwt_validation_set_audience not UTF-8",
               jwt_validation_set_audience(v, "caf\xe9"), JWT_ERR_INVALID_UTF8);
        expect("jwt_validation_set_issuer not UTF-8", jwt_validation_set_issuer(v, "\xc3\x28"),
               JWT_ERR_INVALID_UTF8);
        expect("jwt_validation_require_claim not UTF-8",
               jwt_validation_require_claim(v, "\xff"), JWT_ERR_INVALID_UTF8);
        {
            char name[24];
            int n;
            for (n = 0; n < 64; n++) {
                snprintf(name, sizeof name, "claim%d", n);
                if (!expect("jwt_validation_require_claim 1..64",
                            jwt_validation_require_claim(v, name), JWT_OK))
                    break;
            }
            expect("jwt_validation_require_claim, the same name again",
                   jwt_validation_require_claim(v, "claim0"), JWT_OK);
            expect("jwt_validation_require_claim, a 65th name",
                   jwt_validation_require_claim(v, "claim64"), JWT_ERR_INVALID_ARGUMENT);
        }
    }
    jwt_validation_free(v);

    /* Status strings: never NULL, distinct, and a fallback for unknown values. */
    {
        int s, t;
        for (s = 0; s <= (int)JWT_ERR_INVALID_ARGUMENT; s++) {
            const char *a = jwt_status_str((jwt_status)s);
            n_cases++;
            if (a == NULL || a[0] == '\0' || strcmp(a, "unknown status") == 0)
                failed("jwt_status_str", "no text for a status%s%s", "", "");
            for (t = 0; a != NULL && t < s; t++)
                if (strcmp(a, jwt_status_str((jwt_status)t)) == 0)
                    failed("jwt_status_str", "two statuses share the text \"%s\"%s", a, "");
        }
        n_cases++;
        if (strcmp(jwt_status_str((jwt_status)999), "unknown status") != 0)
            failed("jwt_status_str 999", "is \"%s\"%s", jwt_status_str((jwt_status)999), "");
        n_cases++;
        if (strcmp(jwt_version(), JWT_FFI_VERSION) != 0)
            failed("jwt_version", "library %s, header %s", jwt_version(), JWT_FFI_VERSION);
    }
}

static void encoding(const jwt_key *key)
{
    char *deep = NULL, *deep_ok = NULL, *nested = NULL;
    size_t i;

    encode_case("an object", key, "{\"a\":1}", JWT_OK);
    encode_case("an empty object", key, "{}", JWT_OK);
    encode_case("an object with all JSON types", key,
                " {\"s\":\"\\u00e9\\n\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,"
                "\"a\":[],\"o\":{}} ",
                JWT_OK);
    encode_case("not UTF-8 (\\xff)", key, "{\"a\":\"\xff\"}", JWT_ERR_INVALID_UTF8);
    encode_case("not UTF-8 (overlong '/')", key, "{\"a\":\"\xc0\xaf\"}", JWT_ERR_INVALID_UTF8);
    encode_case("not UTF-8 (a UTF-16 surrogate)", key, "{\"a\":\"\xed\xa0\x80\"}",
                JWT_ERR_INVALID_UTF8);
    encode_case("not UTF-8 (truncated sequence)", key, "{\"a\":\"\xe2\x82\"}",
                JWT_ERR_INVALID_UTF8);
    encode_case("invalid JSON: missing value", key, "{\"a\":}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: unclosed", key, "{\"a\":1", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: trailing comma", key, "{\"a\":1,}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: single quotes", key, "{'a':1}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: trailing garbage", key, "{\"a\":1} x", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: two objects", key, "{}{}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: bad escape", key, "{\"a\":\"\\x41\"}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: raw newline in a string", key, "{\"a\":\"x\ny\"}",
                JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: leading zero", key, "{\"a\":01}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: NaN", key, "{\"a\":NaN}", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: empty string", key, "", JWT_ERR_INVALID_JSON);
    encode_case("invalid JSON: only whitespace", key, " \n\t", JWT_ERR_INVALID_JSON);
    encode_case("not an object: array", key, "[1,2]", JWT_ERR_NOT_AN_OBJECT);
    encode_case("not an object: string", key, "\"x\"", JWT_ERR_NOT_AN_OBJECT);
    encode_case("not an object: number", key, "123", JWT_ERR_NOT_AN_OBJECT);
    encode_case("not an object: null", key, "null", JWT_ERR_NOT_AN_OBJECT);
    encode_case("duplicate claim", key, "{\"a\":1,\"a\":2}", JWT_ERR_DUPLICATE_CLAIM);
    encode_case("duplicate claim, far apart", key, "{\"exp\":1,\"b\":{\"exp\":3},\"exp\":2}",
                JWT_ERR_DUPLICATE_CLAIM);
    encode_case("same name in nested objects only", key, "{\"a\":{\"x\":1},\"b\":{\"x\":1}}",
                JWT_OK);

    /* 100000 '[': refused, without exhausting the stack. */
    deep = repeat("{\"a\":", '[', 100000, "");
    if (deep != NULL)
        encode_case("nesting: 100000 unclosed '['", key, deep, JWT_ERR_INVALID_JSON);
    /* Balanced: {"a": then 100000 '[', 100000 ']', '}'. */
    nested = malloc(5 + 200000 + 2);
    if (nested != NULL) {
        memcpy(nested, "{\"a\":", 5);
        memset(nested + 5, '[', 100000);
        memset(nested + 5 + 100000, ']', 100000);
        memcpy(nested + 5 + 200000, "}", 2);
        encode_case("nesting: 100000 balanced '[' ']'", key, nested, JWT_ERR_INVALID_JSON);
    }
    /* 50 levels is ordinary. */
    deep_ok = malloc(5 + 100 + 2);
    if (deep_ok != NULL) {
        memcpy(deep_ok, "{\"a\":", 5);
        for (i = 0; i < 50; i++) {
            deep_ok[5 + i] = '[';
            deep_ok[5 + 50 + i] = ']';
        }
        memcpy(deep_ok + 105, "}", 2);
        encode_case("nesting: 50 levels", key, deep_ok, JWT_OK);
    }
    free(deep);
    free(nested);
    free(deep_ok);

    /* jwt_encode_with_header's own rules. */
    {
        char *out = GARBAGE;
#define HEADER_CASE(name, header, want)                                        \
    do {                                                                       \
        out = GARBAGE;                                                         \
        expect(name, jwt_encode_with_header(key, header, "{\"a\":1}", &out), want); \
        expect_out(name, want, out);                                           \
        if (out != GARBAGE)                                                    \
            jwt_string_free(out);                                              \
    } while (0)
        HEADER_CASE("header with kid", "{\"alg\":\"HS256\",\"kid\":\"k1\"}", JWT_OK);
        HEADER_CASE("header without alg", "{\"typ\":\"JWT\"}", JWT_ERR_ALGORITHM_NOT_ALLOWED);
        HEADER_CASE("header alg HS512 with an HS256 key", "{\"alg\":\"HS512\"}",
                    JWT_ERR_ALGORITHM_NOT_ALLOWED);
        HEADER_CASE("header alg none", "{\"alg\":\"none\"}", JWT_ERR_ALGORITHM_NOT_ALLOWED);
        HEADER_CASE("header is an array", "[\"HS256\"]", JWT_ERR_NOT_AN_OBJECT);
        HEADER_CASE("header is invalid JSON", "{\"alg\":\"HS256\"", JWT_ERR_INVALID_JSON);
        HEADER_CASE("header repeats alg", "{\"alg\":\"HS256\",\"alg\":\"HS256\"}",
                    JWT_ERR_DUPLICATE_CLAIM);
        HEADER_CASE("header not UTF-8", "{\"alg\":\"HS256\",\"x\":\"\xff\"}",
                    JWT_ERR_INVALID_UTF8);
#undef HEADER_CASE
    }

    /* jwt_encode_into: sizes around the exact one. */
    {
        char buf[256];
        size_t written = 0, needed;
        const char *claims = "{\"sub\":\"into\"}";
        expect("jwt_encode_into cap 0", jwt_encode_into(key, claims, buf, 0, &written),
               JWT_ERR_BUFFER_TOO_SMALL);
        needed = written;
        n_cases++;
        if (needed < 2 || needed > sizeof buf) {
            failed("jwt_encode_into cap 0", "implausible size needed%s%s", "", "");
        } else {
            expect("jwt_encode_into cap needed - 1",
                   jwt_encode_into(key, claims, buf, needed - 1, &written),
                   JWT_ERR_BUFFER_TOO_SMALL);
            if (written != needed)
                failed("jwt_encode_into cap needed - 1", "*written changed%s%s", "", "");
            expect("jwt_encode_into cap needed", jwt_encode_into(key, claims, buf, needed, &written),
                   JWT_OK);
            if (written + 1 != needed || strlen(buf) != written)
                failed("jwt_encode_into cap needed", "*written is not strlen%s%s", "", "");
        }
    }
}

/* Structural faults, as literal strings. */
static void structure(const jwt_key *key)
{
    static const struct {
        const char *name;
        const char *token;
        jwt_status want;
    } cases[] = {
        {"empty token", "", JWT_ERR_MALFORMED_TOKEN},
        {"1 segment", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", JWT_ERR_MALFORMED_TOKEN},
        {"2 segments", STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9", JWT_ERR_MALFORMED_TOKEN},
        {"2 segments and a dot (empty signature)", STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.",
         JWT_ERR_INVALID_SIGNATURE},
        {"4 segments", GOOD_TOKEN ".e30", JWT_ERR_MALFORMED_TOKEN},
        {"5 segments (JWE shape)", "a.b.c.d.e", JWT_ERR_MALFORMED_TOKEN},
        {"only dots", "..", JWT_ERR_MALFORMED_TOKEN},
        {"empty header", ".eyJ1c2VyX2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_MALFORMED_TOKEN},
        {"padding in the signature", GOOD_TOKEN "=", JWT_ERR_MALFORMED_TOKEN},
        {"padding in the header",
         "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9=.eyJ1c2VyX2lkIjoxMjN9."
         "u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_MALFORMED_TOKEN},
        {"padding in the payload",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9==.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_MALFORMED_TOKEN},
        {"standard base64 '+' and '/' instead of '-' and '_'",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.u+rx84yPaU/8Yjivd6GH83bmaUJd7Uy/hQp5mIMaMKU",
         JWT_ERR_MALFORMED_TOKEN},
        {"'*' in the payload",
         STD_HEADER_B64 ".eyJ1c2Vy*2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_MALFORMED_TOKEN},
        {"space in the signature",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83 bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_MALFORMED_TOKEN},
        {"trailing newline", GOOD_TOKEN "\n", JWT_ERR_MALFORMED_TOKEN},
        {"\"Bearer \" prefix", "Bearer " GOOD_TOKEN, JWT_ERR_MALFORMED_TOKEN},
        {"impossible base64 length (1 mod 4) in the signature",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKUAA",
         JWT_ERR_MALFORMED_TOKEN},
        {"non-canonical last character of the signature",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKV",
         JWT_ERR_MALFORMED_TOKEN},
        {"not UTF-8", STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.\xff\xfe", JWT_ERR_INVALID_UTF8},
        {"header segment is not base64 JSON", "e30x.eyJ1c2VyX2lkIjoxMjN9.c2ln",
         JWT_ERR_MALFORMED_TOKEN},
        /* Tampering: the same token with one part altered. */
        {"tampered header (typ JWS)",
         "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXUyJ9.eyJ1c2VyX2lkIjoxMjN9."
         "u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_INVALID_SIGNATURE},
        {"tampered payload (user_id 124)",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjR9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_INVALID_SIGNATURE},
        {"tampered signature (first character)",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.v-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU",
         JWT_ERR_INVALID_SIGNATURE},
        {"truncated signature (30 bytes)",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMa",
         JWT_ERR_INVALID_SIGNATURE},
        {"extended signature (35 bytes)",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKUAAAA",
         JWT_ERR_INVALID_SIGNATURE},
        {"a 300-character signature",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9."
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
         JWT_ERR_INVALID_SIGNATURE},
        {"the signature of another token",
         STD_HEADER_B64 ".eyJ1c2VyX2lkIjoxMjN9.z4PatIQTldFqe-Pn6yBvWcu05R6h_D7PD-d59Ff1hAo",
         JWT_ERR_INVALID_SIGNATURE},
    };
    size_t i;

    decode_case("the good token", GOOD_TOKEN, GOOD_SECRET, GOOD_SECRET_LEN, NULL, JWT_OK);
    decode_case("the good token, wrong secret", GOOD_TOKEN, KEY, SECRET_LEN, NULL,
                JWT_ERR_INVALID_SIGNATURE);
    decode_case("the good token, secret missing its last byte", GOOD_TOKEN, GOOD_SECRET,
                GOOD_SECRET_LEN - 1, NULL, JWT_ERR_INVALID_SIGNATURE);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        decode_case(cases[i].name, cases[i].token, GOOD_SECRET, GOOD_SECRET_LEN, NULL,
                    cases[i].want);

    /* Signed hostile tokens (expected/hostile_tokens.h): valid signatures, bad insides. */
    for (i = 0; i < sizeof HOSTILE_TOKENS / sizeof HOSTILE_TOKENS[0]; i++)
        decode_case(HOSTILE_TOKENS[i].name, HOSTILE_TOKENS[i].token,
                    (const uint8_t *)HOSTILE_SECRET, strlen(HOSTILE_SECRET), NULL,
                    HOSTILE_TOKENS[i].expected);

    /* Unsigned tokens: "none" is refused with or without a signature segment. */
    {
        char *none_sig = unsigned_token("{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"a\":1}", "c2ln");
        char *none_empty = unsigned_token("{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"a\":1}", "");
        char *none_upper = unsigned_token("{\"alg\":\"None\"}", "{\"a\":1}", "c2ln");
        if (none_sig != NULL && none_empty != NULL && none_upper != NULL) {
            decode_case("alg none with a signature", none_sig, KEY, SECRET_LEN, NULL,
                        JWT_ERR_ALGORITHM_NOT_ALLOWED);
            decode_case("alg None with a signature", none_upper, KEY, SECRET_LEN, NULL,
                        JWT_ERR_ALGORITHM_NOT_ALLOWED);
            /* The algorithm is judged before the (empty) signature, as PyJWT does. */
            decode_case("alg none, empty signature", none_empty, KEY, SECRET_LEN, NULL,
                        JWT_ERR_ALGORITHM_NOT_ALLOWED);
            decode_key_case("alg none with a signature [with_key]", key, none_sig, NULL,
                            JWT_ERR_ALGORITHM_NOT_ALLOWED, NULL);
            /* The insecure path ignores the algorithm and signature, as documented. */
            unverified_case("alg none, jwt_decode_unverified", none_sig, NULL, JWT_OK);
            unverified_case("alg none, empty signature, jwt_decode_unverified", none_empty, NULL,
                            JWT_OK);
        }
        free(none_sig);
        free(none_empty);
        free(none_upper);
    }

    header_case("jwt_decode_header, good token", GOOD_TOKEN, JWT_OK);
    header_case("jwt_decode_header, 2 segments", STD_HEADER_B64 ".e30", JWT_ERR_MALFORMED_TOKEN);
    header_case("jwt_decode_header, bad base64 in the signature", GOOD_TOKEN "*",
                JWT_ERR_MALFORMED_TOKEN);
    header_case("jwt_decode_header, not UTF-8", "\xff.e30.c2ln", JWT_ERR_INVALID_UTF8);
    for (i = 0; i < sizeof HOSTILE_TOKENS / sizeof HOSTILE_TOKENS[0]; i++) {
        /* The header's own faults show without a key; the rest pass. */
        jwt_status want = HOSTILE_TOKENS[i].expected;
        if (strncmp(HOSTILE_TOKENS[i].name, "header", 6) != 0 ||
            want == JWT_ERR_ALGORITHM_NOT_ALLOWED)
            want = JWT_OK;
        header_case(HOSTILE_TOKENS[i].name, HOSTILE_TOKENS[i].token, want);
    }
    {
        char *header = NULL;
        if (jwt_decode_header(GOOD_TOKEN, &header) == JWT_OK &&
            strcmp(header, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}") != 0)
            failed("jwt_decode_header", "header %s%s", header, "");
        jwt_string_free(header);
    }
}

/* Sizes: a 10 MB token, deeply nested headers and payloads, a large valid payload. */
static void sizes(const jwt_key *key)
{
    const size_t ten_mb = 10u * 1024 * 1024;
    char *huge = repeat(STD_HEADER_B64 ".", 'A', ten_mb, ".c2ln");
    char *nested_header = NULL, *nested_payload = NULL, *t = NULL;
    char *big_claims = NULL, *big_token = NULL;
    jwt_validation *roomy = NULL;

    if (huge != NULL) {
        decode_case("10 MB token", huge, KEY, SECRET_LEN, NULL, JWT_ERR_MALFORMED_TOKEN);
        expect_message("10 MB token", "longer than the limit");
        decode_key_case("10 MB token [with_key]", key, huge, NULL, JWT_ERR_MALFORMED_TOKEN, NULL);
        unverified_case("10 MB token [unverified]", huge, NULL, JWT_ERR_MALFORMED_TOKEN);
        header_case("10 MB token [header]", huge, JWT_ERR_MALFORMED_TOKEN);
        if (expect("jwt_validation_new", jwt_validation_new(&roomy), JWT_OK) &&
            expect("jwt_validation_set_max_token_len 20 MB",
                   jwt_validation_set_max_token_len(roomy, 2 * ten_mb), JWT_OK))
            /* Past the length limit it is refused by the signature, still unparsed. */
            decode_case("10 MB token, limit raised to 20 MB", huge, KEY, SECRET_LEN, roomy,
                        JWT_ERR_INVALID_SIGNATURE);
    }

    /* 100000 '[' in the header, which is read before the signature is checked. */
    nested_header = repeat("{\"alg\":\"HS256\",\"x\":", '[', 100000, "");
    nested_payload = repeat("{\"x\":", '[', 100000, "");
    if (nested_header != NULL && (t = unsigned_token(nested_header, "{}", "c2ln")) != NULL) {
        decode_case("header nesting 100000 '['", t, KEY, SECRET_LEN, NULL,
                    JWT_ERR_MALFORMED_TOKEN);
        header_case("header nesting 100000 '[' [header]", t, JWT_ERR_MALFORMED_TOKEN);
    }
    free(t);
    t = NULL;
    if (nested_payload != NULL &&
        (t = unsigned_token("{\"alg\":\"HS256\"}", nested_payload, "c2ln")) != NULL) {
        /* A payload is never parsed before its signature is verified. */
        decode_case("payload nesting 100000 '[', unsigned", t, KEY, SECRET_LEN, NULL,
                    JWT_ERR_INVALID_SIGNATURE);
        unverified_case("payload nesting 100000 '[' [unverified]", t, NULL,
                        JWT_ERR_MALFORMED_TOKEN);
    }
    free(t);
    t = NULL;

    /* 1 MiB of claims: signs, is refused at the default 256 KiB limit, passes when
     * the limit allows it, and comes back byte for byte. */
    big_claims = repeat("{\"data\":\"", 'x', 1024 * 1024, "\"}");
    if (big_claims != NULL &&
        expect("1 MiB payload, jwt_encode_with_key", jwt_encode_with_key(key, big_claims, &big_token),
               JWT_OK)) {
        decode_key_case("1 MiB payload, default limit", key, big_token, NULL,
                        JWT_ERR_MALFORMED_TOKEN, NULL);
        if (roomy != NULL)
            decode_key_case("1 MiB payload, limit 20 MB", key, big_token, roomy, JWT_OK,
                            big_claims);
    }

    /* The limit is inclusive: a token of exactly max_token_len bytes passes. */
    if (roomy != NULL) {
        size_t n = strlen(GOOD_TOKEN);
        if (expect("set_max_token_len len", jwt_validation_set_max_token_len(roomy, n), JWT_OK))
            decode_case("token of exactly max_token_len bytes", GOOD_TOKEN, GOOD_SECRET,
                        GOOD_SECRET_LEN, roomy, JWT_OK);
        if (expect("set_max_token_len len - 1", jwt_validation_set_max_token_len(roomy, n - 1),
                   JWT_OK))
            decode_case("token one byte over max_token_len", GOOD_TOKEN, GOOD_SECRET,
                        GOOD_SECRET_LEN, roomy, JWT_ERR_MALFORMED_TOKEN);
    }

    jwt_string_free(big_token);
    free(big_claims);
    free(nested_header);
    free(nested_payload);
    jwt_validation_free(roomy);
    free(huge);
}

/* Algorithms between a token and a key or validation. */
static void algorithms(const jwt_key *key256)
{
    jwt_key *key384 = NULL;
    jwt_validation *only384 = NULL, *only256 = NULL;
    char *tok384 = NULL;

    if (!expect("HS384 key", jwt_key_new(JWT_ALG_HS384, KEY, SECRET_LEN, &key384), JWT_OK) ||
        !expect("HS384 token", jwt_encode_with_key(key384, "{\"a\":1}", &tok384), JWT_OK) ||
        !expect("validation", jwt_validation_new(&only384), JWT_OK) ||
        !expect("allow HS384", jwt_validation_allow_alg(only384, JWT_ALG_HS384), JWT_OK) ||
        !expect("validation", jwt_validation_new(&only256), JWT_OK) ||
        !expect("allow HS256", jwt_validation_allow_alg(only256, JWT_ALG_HS256), JWT_OK))
        goto cleanup;

    decode_key_case("HS384 token, HS256 key", key256, tok384, NULL,
                    JWT_ERR_ALGORITHM_NOT_ALLOWED, NULL);
    decode_key_case("HS384 token, HS256 key, HS384 allowed", key256, tok384, only384,
                    JWT_ERR_ALGORITHM_NOT_ALLOWED, NULL);
    decode_case("HS384 token, secret, default algorithms", tok384, KEY, SECRET_LEN, NULL,
                JWT_ERR_ALGORITHM_NOT_ALLOWED);
    decode_case("HS384 token, secret, HS256 allowed", tok384, KEY, SECRET_LEN, only256,
                JWT_ERR_ALGORITHM_NOT_ALLOWED);
    decode_case("HS384 token, secret, HS384 allowed", tok384, KEY, SECRET_LEN, only384, JWT_OK);
    decode_key_case("HS384 token, HS384 key", key384, tok384, NULL, JWT_OK, "{\"a\":1}");
    decode_key_case("HS384 token, HS384 key, only HS256 allowed", key384, tok384, only256,
                    JWT_ERR_ALGORITHM_NOT_ALLOWED, NULL);
    decode_case("HS256 token, HS384 allowed only", GOOD_TOKEN, GOOD_SECRET, GOOD_SECRET_LEN,
                only384, JWT_ERR_ALGORITHM_NOT_ALLOWED);

cleanup:
    jwt_string_free(tok384);
    jwt_validation_free(only256);
    jwt_validation_free(only384);
    jwt_key_free(key384);
}

/* Claim checks against a fixed clock, at and around the leeway boundaries. */
static void claims(const jwt_key *key)
{
    jwt_validation *v0 = NULL, *v10 = NULL, *aud = NULL, *iss = NULL, *sub = NULL,
                   *req = NULL, *no_exp = NULL;
    char c[256];
#define CLAIM(name, v, want, ...)                                              \
    do {                                                                       \
        snprintf(c, sizeof c, __VA_ARGS__);                                    \
        claims_case(name, key, c, v, want);                                    \
    } while (0)

    if (!expect("v0", jwt_validation_new(&v0), JWT_OK) ||
        !expect("v0 now", jwt_validation_set_now(v0, NOW), JWT_OK) ||
        !expect("v10", jwt_validation_new(&v10), JWT_OK) ||
        !expect("v10 now", jwt_validation_set_now(v10, NOW), JWT_OK) ||
        !expect("v10 leeway", jwt_validation_set_leeway(v10, 10), JWT_OK) ||
        !expect("aud", jwt_validation_new(&aud), JWT_OK) ||
        !expect("aud now", jwt_validation_set_now(aud, NOW), JWT_OK) ||
        !expect("aud web", jwt_validation_set_audience(aud, "web"), JWT_OK) ||
        !expect("iss", jwt_validation_new(&iss), JWT_OK) ||
        !expect("iss me", jwt_validation_set_issuer(iss, "me"), JWT_OK) ||
        !expect("iss also", jwt_validation_add_issuer(iss, "also-me"), JWT_OK) ||
        !expect("sub", jwt_validation_new(&sub), JWT_OK) ||
        !expect("sub alice", jwt_validation_set_subject(sub, "alice"), JWT_OK) ||
        !expect("req", jwt_validation_new(&req), JWT_OK) ||
        !expect("req now", jwt_validation_set_now(req, NOW), JWT_OK) ||
        !expect("req exp", jwt_validation_require_claim(req, "exp"), JWT_OK) ||
        !expect("no_exp", jwt_validation_new(&no_exp), JWT_OK) ||
        !expect("no_exp now", jwt_validation_set_now(no_exp, NOW), JWT_OK) ||
        !expect("no_exp off", jwt_validation_set_check(no_exp, JWT_CHECK_EXP, false), JWT_OK))
        goto cleanup;

    /* exp: expired when exp <= now - leeway. */
    CLAIM("exp = now - 1", v0, JWT_ERR_EXPIRED, "{\"exp\":%lld}", NOW - 1);
    CLAIM("exp = now", v0, JWT_ERR_EXPIRED, "{\"exp\":%lld}", NOW);
    expect_message("exp = now", "token expired at 1700000000, now is 1700000000, leeway 0 s");
    CLAIM("exp = now + 1", v0, JWT_OK, "{\"exp\":%lld}", NOW + 1);
    CLAIM("exp = now - 10, leeway 10", v10, JWT_ERR_EXPIRED, "{\"exp\":%lld}", NOW - 10);
    CLAIM("exp = now - 9, leeway 10", v10, JWT_OK, "{\"exp\":%lld}", NOW - 9);
    CLAIM("exp = now + 0.9 (truncated, as PyJWT's int())", v0, JWT_ERR_EXPIRED,
          "{\"exp\":%lld.9}", NOW);
    CLAIM("exp = now + 1.5", v0, JWT_OK, "{\"exp\":%lld.5}", NOW + 1);
    CLAIM("exp as exponent 1.7e9 (< now)", v0, JWT_ERR_EXPIRED, "{\"exp\":1.7e9}");
    CLAIM("exp is a string", v0, JWT_ERR_INVALID_CLAIM, "{\"exp\":\"%lld\"}", NOW + 100);
    CLAIM("exp is null", v0, JWT_ERR_INVALID_CLAIM, "{\"exp\":null}");
    CLAIM("exp is true", v0, JWT_ERR_INVALID_CLAIM, "{\"exp\":true}");
    CLAIM("exp expired, check turned off", no_exp, JWT_OK, "{\"exp\":%lld}", NOW - 1);
    CLAIM("exp a string, check turned off", no_exp, JWT_OK, "{\"exp\":\"soon\"}");

    /* nbf: not yet valid when nbf > now + leeway. */
    CLAIM("nbf = now", v0, JWT_OK, "{\"nbf\":%lld}", NOW);
    CLAIM("nbf = now + 1", v0, JWT_ERR_NOT_YET_VALID, "{\"nbf\":%lld}", NOW + 1);
    CLAIM("nbf = now + 10, leeway 10", v10, JWT_OK, "{\"nbf\":%lld}", NOW + 10);
    CLAIM("nbf = now + 11, leeway 10", v10, JWT_ERR_NOT_YET_VALID, "{\"nbf\":%lld}", NOW + 11);
    CLAIM("nbf is an array", v0, JWT_ERR_INVALID_CLAIM, "{\"nbf\":[1]}");

    /* iat: issued in the future when iat > now + leeway. */
    CLAIM("iat = now", v0, JWT_OK, "{\"iat\":%lld}", NOW);
    CLAIM("iat = now + 1", v0, JWT_ERR_ISSUED_IN_FUTURE, "{\"iat\":%lld}", NOW + 1);
    CLAIM("iat = now + 10, leeway 10", v10, JWT_OK, "{\"iat\":%lld}", NOW + 10);
    CLAIM("iat = now + 11, leeway 10", v10, JWT_ERR_ISSUED_IN_FUTURE, "{\"iat\":%lld}", NOW + 11);
    CLAIM("iat is a string", v0, JWT_ERR_INVALID_CLAIM, "{\"iat\":\"x\"}");
    expect_message("iat is a string", "claim \"iat\" must be a number, found a string \"x\"");

    /* Order (as PyJWT): required, iat, nbf, exp, iss, aud, sub, jti. */
    CLAIM("order: iat future before exp expired", v0, JWT_ERR_ISSUED_IN_FUTURE,
          "{\"exp\":%lld,\"iat\":%lld}", NOW - 1, NOW + 1);
    CLAIM("order: nbf future before exp expired", v0, JWT_ERR_NOT_YET_VALID,
          "{\"exp\":%lld,\"nbf\":%lld}", NOW - 1, NOW + 1);
    CLAIM("order: iat future before nbf future", v0, JWT_ERR_ISSUED_IN_FUTURE,
          "{\"nbf\":%lld,\"iat\":%lld}", NOW + 1, NOW + 1);
    CLAIM("order: required missing before iat future", req, JWT_ERR_MISSING_CLAIM,
          "{\"iat\":%lld}", NOW + 1);
    expect_message("order: required missing", "token has no \"exp\" claim, which is required");
    CLAIM("order: exp expired before wrong audience", aud, JWT_ERR_EXPIRED,
          "{\"aud\":\"api\",\"exp\":%lld}", NOW - 1);

    /* Audience. */
    CLAIM("aud present, none expected", v0, JWT_ERR_INVALID_AUDIENCE, "{\"aud\":\"api\"}");
    CLAIM("aud web == web", aud, JWT_OK, "{\"aud\":\"web\"}");
    CLAIM("aud [api, web] contains web", aud, JWT_OK, "{\"aud\":[\"api\",\"web\"]}");
    CLAIM("aud [api], expected web", aud, JWT_ERR_INVALID_AUDIENCE, "{\"aud\":[\"api\"]}");
    expect_message("aud [api], expected web", "audience \"web\" not in token's aud [\"api\"]");
    CLAIM("aud WEB (case differs)", aud, JWT_ERR_INVALID_AUDIENCE, "{\"aud\":\"WEB\"}");
    CLAIM("aud missing, web expected", aud, JWT_ERR_MISSING_CLAIM, "{\"sub\":\"x\"}");
    CLAIM("aud is a number", aud, JWT_ERR_INVALID_AUDIENCE, "{\"aud\":5}");
    CLAIM("aud array with a number", aud, JWT_ERR_INVALID_AUDIENCE, "{\"aud\":[\"web\",5]}");

    /* Issuer. */
    CLAIM("iss me", iss, JWT_OK, "{\"iss\":\"me\"}");
    CLAIM("iss also-me (second accepted)", iss, JWT_OK, "{\"iss\":\"also-me\"}");
    CLAIM("iss you", iss, JWT_ERR_INVALID_ISSUER, "{\"iss\":\"you\"}");
    CLAIM("iss missing", iss, JWT_ERR_MISSING_CLAIM, "{\"sub\":\"x\"}");
    CLAIM("iss is a number", iss, JWT_ERR_INVALID_ISSUER, "{\"iss\":1}");
    CLAIM("iss not checked when none expected", v0, JWT_OK, "{\"iss\":1}");

    /* Subject. */
    CLAIM("sub alice", sub, JWT_OK, "{\"sub\":\"alice\"}");
    CLAIM("sub bob", sub, JWT_ERR_INVALID_SUBJECT, "{\"sub\":\"bob\"}");
    CLAIM("sub missing passes (as PyJWT)", sub, JWT_OK, "{\"a\":1}");
    CLAIM("sub is a number, none expected", v0, JWT_ERR_INVALID_SUBJECT, "{\"sub\":5}");

    /* jti. */
    CLAIM("jti a string", v0, JWT_OK, "{\"jti\":\"x\"}");
    CLAIM("jti a number", v0, JWT_ERR_INVALID_CLAIM, "{\"jti\":5}");

    /* Required. */
    CLAIM("required exp present", req, JWT_OK, "{\"exp\":%lld}", NOW + 1);
    CLAIM("required exp missing", req, JWT_ERR_MISSING_CLAIM, "{\"a\":1}");
    CLAIM("required exp only nested", req, JWT_ERR_MISSING_CLAIM, "{\"a\":{\"exp\":%lld}}",
          NOW + 1);

    /* The insecure path still checks claims. */
    {
        char *tok = NULL;
        snprintf(c, sizeof c, "{\"exp\":%lld}", NOW - 1);
        if (expect("sign expired", jwt_encode_with_key(key, c, &tok), JWT_OK)) {
            unverified_case("jwt_decode_unverified, expired", tok, v0, JWT_ERR_EXPIRED);
            unverified_case("jwt_decode_unverified, exp check off", tok, no_exp, JWT_OK);
        }
        jwt_string_free(tok);
    }
#undef CLAIM

cleanup:
    jwt_validation_free(no_exp);
    jwt_validation_free(req);
    jwt_validation_free(sub);
    jwt_validation_free(iss);
    jwt_validation_free(aud);
    jwt_validation_free(v10);
    jwt_validation_free(v0);
}

int main(void)
{
    jwt_key *key = NULL;
    jwt_validation *v = NULL;
    jwt_status st;
    int rc = 1;

    st = jwt_key_new(JWT_ALG_HS256, KEY, SECRET_LEN, &key);
    if (st == JWT_OK)
        st = jwt_validation_new(&v);
    if (st != JWT_OK) {
        printf("FAIL setup: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }

    null_arguments(key, v);
    keys_and_algorithms();
    encoding(key);
    structure(key);
    sizes(key);
    algorithms(key);
    claims(key);

    printf("bad_inputs: %d cases, %d failed\n", n_cases, n_failures);
    rc = n_failures == 0 ? 0 : 1;

cleanup:
    jwt_validation_free(v);
    jwt_key_free(key);
    return rc;
}
