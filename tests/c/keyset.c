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
static const char *A1 =
    "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiT"
    "o7Tu6KPAqv7D4\",\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\",\"use\""
    ":\"enc\",\"kid\":\"1\"},{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXE"
    "ps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiF"
    "V4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0"
    "_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbIS"
    "D08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF"
    "44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-"
    "29\"}]}";
static const char *A2_RSA =
    "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
    "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_"
    "2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMic"
    "AtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhA"
    "I4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awa"
    "pJzKnqDKgw\",\"e\":\"AQAB\",\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJ"
    "oVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YS"
    "fqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_c"
    "PVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK"
    "66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6"
    "mqnOYtqc0X4jfcKoAC8Q\",\"p\":\"83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWU"
    "QyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuVI"
    "YQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs\",\"q\":\"3dfOR"
    "9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIrdwgTnCdpYzB"
    "cOfW5r370AFXjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDE"
    "gfAITAG9LUnADun4vIcb6yelxk\",\"dp\":\"G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VT"
    "kS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhFo5t"
    "AA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0\",\"dq"
    "\":\"s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMfBcMpn8lqeW6"
    "vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonuj"
    "TYN1xCaP6TO61jvWrX-L18txXw494Q_cgk\",\"qi\":\"GyM_p6JrXySiz1toFgKbWV-JdI3j"
    "Q4ypu9rbMWx3rQJBfmt0FoYzgUIZEVFEcOqwemRN81zoDAaa-Bk0KWNGDjJHZDdDmFhW3A"
    "N7lI-puxk_mHZGJ11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhA"
    "VRU\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

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
