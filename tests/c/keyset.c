/*
 * keyset.c (a test): the key-set API as a C caller uses it, for valgrind and
 * ASan: RFC 7517 A.1's set imports (its EC key is for encryption: skipped); A.2's
 * RSA private key signs RS256 tokens that the set verifies by kid; the RFC 7638
 * thumbprint; an oct (HMAC) set; unknown kid, wrong alg, missing kid, broken and
 * hostile documents, NULL arguments; and every string freed.
 *
 * Exit status 0 when everything held; one line on stderr per problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"

static int failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: %s (last error: %s)\n", __FILE__, __LINE__, \
                    #cond, jwt_last_error());                                    \
            failures++;                                                          \
        }                                                                        \
    } while (0)

/* RFC 7517 A.1 (public keys) and the RSA key of A.2 (its private key). */
#include "rfc7517.h"

static jwt_status decode(const jwt_keyset *set, const char *token, char **payload)
{
    return jwt_decode_with_keyset(set, token, NULL, payload);
}

static void rsa_set(void)
{
    jwt_keyset *set = NULL;
    jwt_key *signer = NULL;
    char *token = NULL, *payload = NULL, *jwk = NULL, *tp = NULL;
    const char *reasons = NULL, *kid = NULL;
    size_t n = 0;
    jwt_alg alg = JWT_ALG_HS256;

    CHECK(jwt_keyset_from_jwks(A1, &set) == JWT_OK);
    CHECK(jwt_keyset_len(set, &n) == JWT_OK && n == 1);
    CHECK(jwt_keyset_skipped(set, &n) == JWT_OK && n == 1);
    CHECK(jwt_keyset_skipped_reasons(set, &reasons) == JWT_OK &&
          strcmp(reasons, "keys[0] (kid \"1\"): \"use\" is \"enc\", not \"sig\"\n") == 0);
    CHECK(jwt_keyset_kid(set, 0, &kid) == JWT_OK && kid && strcmp(kid, "2011-04-29") == 0);
    CHECK(jwt_keyset_alg(set, 0, &alg) == JWT_OK && alg == JWT_ALG_RS256);
    CHECK(jwt_keyset_thumbprint(set, 0, &tp) == JWT_OK &&
          strcmp(tp, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs") == 0);
    jwt_string_free(tp);
    tp = NULL;

    CHECK(jwt_key_from_jwk(A2_RSA, &signer) == JWT_OK);
    CHECK(jwt_key_thumbprint(signer, &tp) == JWT_OK &&
          strcmp(tp, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs") == 0);
    CHECK(jwt_key_to_jwk(signer, &jwk) == JWT_OK && strstr(jwk, "\"kty\":\"RSA\"") &&
          !strstr(jwk, "\"d\"") && !strstr(jwk, "\"p\""));

    /* Signed by kid: verifies. */
    CHECK(jwt_encode_with_header(signer, "{\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}",
                                 "{\"sub\":\"alice\"}", &token) == JWT_OK);
    CHECK(decode(set, token, &payload) == JWT_OK && payload &&
          strcmp(payload, "{\"sub\":\"alice\"}") == 0);
    jwt_string_free(payload);
    payload = NULL;
    jwt_string_free(token);
    token = NULL;
    /* Without kid: the set's only RS256 key. */
    CHECK(jwt_encode_with_key(signer, "{\"sub\":\"bob\"}", &token) == JWT_OK);
    CHECK(decode(set, token, &payload) == JWT_OK);
    jwt_string_free(payload);
    payload = NULL;
    jwt_string_free(token);
    token = NULL;
    /* An unknown kid: KEY_NOT_FOUND, naming it. */
    CHECK(jwt_encode_with_header(signer, "{\"alg\":\"RS256\",\"kid\":\"2031-01-01\"}",
                                 "{}", &token) == JWT_OK);
    CHECK(decode(set, token, &payload) == JWT_ERR_KEY_NOT_FOUND && payload == NULL &&
          strstr(jwt_last_error(), "\"2031-01-01\""));
    jwt_string_free(token);
    jwt_string_free(jwk);
    jwt_string_free(tp);
    jwt_key_free(signer);
    jwt_keyset_free(set);
}

static void oct_set(void)
{
    jwt_keyset *set = NULL;
    jwt_key *k = NULL, *wrong = NULL;
    char *token = NULL, *payload = NULL;
    /* k: base64url of "keyset test secret" */
    const char *doc = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"alg\":\"HS384\","
                      "\"k\":\"a2V5c2V0IHRlc3Qgc2VjcmV0\"}]}";
    CHECK(jwt_keyset_from_jwks(doc, &set) == JWT_OK);
    CHECK(jwt_key_new(JWT_ALG_HS384, (const uint8_t *)"keyset test secret", 18, &k) == JWT_OK);
    CHECK(jwt_key_new(JWT_ALG_HS256, (const uint8_t *)"keyset test secret", 18, &wrong) == JWT_OK);
    CHECK(jwt_encode_with_header(k, "{\"alg\":\"HS384\",\"kid\":\"h\"}", "{\"n\":1}", &token) == JWT_OK);
    CHECK(decode(set, token, &payload) == JWT_OK);
    jwt_string_free(payload);
    payload = NULL;
    jwt_string_free(token);
    token = NULL;
    /* The kid's key is HS384: an HS256 token under that kid is refused. */
    CHECK(jwt_encode_with_header(wrong, "{\"alg\":\"HS256\",\"kid\":\"h\"}", "{}", &token) == JWT_OK);
    CHECK(decode(set, token, &payload) == JWT_ERR_ALGORITHM_NOT_ALLOWED && payload == NULL);
    jwt_string_free(token);
    token = NULL;
    /* A public key cannot be published for an HMAC key. */
    CHECK(jwt_key_to_jwk(k, &token) == JWT_ERR_INVALID_KEY && token == NULL);
    jwt_key_free(k);
    jwt_key_free(wrong);
    jwt_keyset_free(set);
}

static void refused(const char *doc, const char *why)
{
    jwt_keyset *set = (jwt_keyset *)&failures; /* must become NULL */
    CHECK(jwt_keyset_from_jwks(doc, &set) == JWT_ERR_INVALID_KEY && set == NULL);
    if (!strstr(jwt_last_error(), why)) {
        fprintf(stderr, "expected \"%s\" in: %s\n", why, jwt_last_error());
        failures++;
    }
}

static void hostile(void)
{
    size_t big = (1u << 20) + 16, i;
    char *doc = malloc(big + 1), *p;
    CHECK(doc != NULL);
    if (!doc) return;
    /* 1 MiB + 16 of padding: refused by its length. */
    memset(doc, ' ', big);
    memcpy(doc, "{\"keys\":[]}", 11);
    doc[big] = '\0';
    refused(doc, "more than the limit of 1048576");
    /* 20000 empty members: refused by their count. */
    strcpy(doc, "{\"keys\":[");
    p = doc + strlen(doc);
    for (i = 0; i < 20000; i++) {
        memcpy(p, i ? ",{}" : "{}", i ? 3 : 2);
        p += i ? 3 : 2;
    }
    strcpy(p, "]}");
    refused(doc, "more than 10000 members");
    free(doc);
    refused("{\"keys\":[\"x\"]}", "keys[0] must be an object, found a string");
    refused("{\"keys\":{}}", "\"keys\" must be an array");
    refused("{}", "no \"keys\" member");
    refused("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\",\"k\":\"AQ\"}]}", "more than once");
    refused("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AA\",\"e\":\"AQAB\"}]}", "RSA key of 0 bits");
    refused("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
            "\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}", "rejected by the EC parser");
    refused("{\"keys\":[", "not valid JSON");
}

static void nulls(void)
{
    jwt_keyset *set = NULL;
    size_t n = 7;
    char *s = NULL;
    const char *c = NULL;
    CHECK(jwt_keyset_from_jwks(NULL, &set) == JWT_ERR_NULL_ARGUMENT && set == NULL);
    CHECK(jwt_keyset_from_jwks(A1, NULL) == JWT_ERR_NULL_ARGUMENT);
    CHECK(jwt_keyset_len(NULL, &n) == JWT_ERR_NULL_ARGUMENT && n == 0);
    CHECK(jwt_keyset_skipped(NULL, &n) == JWT_ERR_NULL_ARGUMENT);
    CHECK(jwt_keyset_skipped_reasons(NULL, &c) == JWT_ERR_NULL_ARGUMENT && c == NULL);
    CHECK(jwt_decode_with_keyset(NULL, "a.b.c", NULL, &s) == JWT_ERR_NULL_ARGUMENT && s == NULL);
    CHECK(jwt_key_to_jwk(NULL, &s) == JWT_ERR_NULL_ARGUMENT);
    CHECK(jwt_key_thumbprint(NULL, &s) == JWT_ERR_NULL_ARGUMENT);
    CHECK(jwt_keyset_from_jwks(A1, &set) == JWT_OK);
    CHECK(jwt_keyset_kid(set, 1, &c) == JWT_ERR_INVALID_ARGUMENT && c == NULL);
    CHECK(jwt_decode_with_keyset(set, NULL, NULL, &s) == JWT_ERR_NULL_ARGUMENT);
    CHECK(jwt_decode_with_keyset(set, "a.b.c", NULL, NULL) == JWT_ERR_NULL_ARGUMENT);
    jwt_keyset_free(set);
    jwt_keyset_free(NULL);
    CHECK(strcmp(jwt_status_str(JWT_ERR_KEY_NOT_FOUND), "no key in the set for the token") == 0);
}

int main(void)
{
    rsa_set();
    oct_set();
    hostile();
    nulls();
    if (failures) fprintf(stderr, "keyset: %d failures\n", failures);
    return failures != 0;
}
