/*
 * claims.c (a test): the claims-object API from C, run plain, under valgrind and
 * with ASan + UBSan by run-tests.sh: every allocation freed, every borrowed
 * pointer read inside its lifetime, the compaction path (many replacements),
 * NULs inside strings, and the failure paths. Prints one line per failed check;
 * exit status 1 on any.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jwt.h"

static int failures = 0;

#define EXPECT(cond)                                                                     \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            failures++;                                                                  \
            printf("FAIL line %d: %s (last error: %s)\n", __LINE__, #cond, jwt_last_error()); \
        }                                                                                \
    } while (0)

static void check_json(const jwt_claims *c, const char *want)
{
    char *json = NULL;
    EXPECT(jwt_claims_to_json(c, &json) == JWT_OK);
    EXPECT(json != NULL && strcmp(json, want) == 0);
    if (json != NULL && strcmp(json, want) != 0)
        printf("  got  %s\n  want %s\n", json, want);
    jwt_string_free(json);
}

int main(void)
{
    static const char *const roles[] = {"admin", "editor"};
    const char *secret = "claims-c-test-secret";
    jwt_key *key = NULL;
    jwt_claims *c = NULL, *back = NULL, *copy = NULL, *p = NULL;
    jwt_validation *v = NULL;
    char *token = NULL;
    const char *s = NULL;
    size_t len = 0, n = 0, i;
    int64_t iv = 0;
    double d = 0;
    bool b = true;
    char name[32];

    EXPECT(jwt_key_new(JWT_ALG_HS256, (const uint8_t *)secret, strlen(secret), &key) == JWT_OK);
    EXPECT(jwt_claims_new(&c) == JWT_OK);
    /* The injection of the issue stays one string value. */
    EXPECT(jwt_claims_set_string(c, "sub", "alice\",\"admin\":true,\"x\":\"") == JWT_OK);
    EXPECT(jwt_claims_set_string_n(c, "bin", "a\0b", 3) == JWT_OK);
    EXPECT(jwt_claims_set_int(c, "exp", INT64_MAX) == JWT_OK);
    EXPECT(jwt_claims_set_double(c, "f", 1.5e-7) == JWT_OK);
    EXPECT(jwt_claims_set_bool(c, "t", true) == JWT_OK);
    EXPECT(jwt_claims_set_null(c, "n") == JWT_OK);
    EXPECT(jwt_claims_set_string_array(c, "roles", roles, 2) == JWT_OK);
    EXPECT(jwt_claims_set_json(c, "o", "{\"k\": [1E2, \"\\u00E9\"], \"k\": -0}") == JWT_OK);
    EXPECT(jwt_claims_set_string(c, "u", "\xc3\xa9\xf0\x9f\x98\x80\x7f\n") == JWT_OK);
    check_json(c, "{\"sub\":\"alice\\\",\\\"admin\\\":true,\\\"x\\\":\\\"\",\"bin\":\"a\\u0000b\","
                  "\"exp\":9223372036854775807,\"f\":1.5e-07,\"t\":true,\"n\":null,"
                  "\"roles\":[\"admin\",\"editor\"],\"o\":{\"k\":0},"
                  "\"u\":\"\\u00e9\\ud83d\\ude00\\u007f\\n\"}");
    EXPECT(!jwt_claims_has(c, "admin"));
    EXPECT(jwt_claims_count(c) == 9);

    /* Borrowed texts: NUL-terminated, lengths count inner NULs. */
    EXPECT(jwt_claims_get_string(c, "bin", &s, &len) == JWT_OK);
    EXPECT(len == 3 && memcmp(s, "a\0b", 4) == 0);
    EXPECT(jwt_claims_get_string_at(c, "roles", 1, &s, &len) == JWT_OK);
    EXPECT(len == 6 && strcmp(s, "editor") == 0);
    EXPECT(jwt_claims_get_json(c, "o", &s, NULL) == JWT_OK && strcmp(s, "{\"k\":0}") == 0);

    /* Failures reset the outputs and say what was found. */
    EXPECT(jwt_claims_get_int(c, "sub", &iv) == JWT_ERR_INVALID_CLAIM && iv == 0);
    EXPECT(strcmp(jwt_last_error(), "claim \"sub\" is a string, not an integer") == 0);
    EXPECT(jwt_claims_get_bool(c, "zz", &b) == JWT_ERR_MISSING_CLAIM && !b);
    EXPECT(jwt_claims_get_string(c, "t", &s, &len) == JWT_ERR_INVALID_CLAIM && s == NULL);
    EXPECT(jwt_claims_get_double(c, "f", &d) == JWT_OK && d == 1.5e-7);
    EXPECT(jwt_claims_array_len(c, "n", &n) == JWT_ERR_INVALID_CLAIM && n == 0);
    EXPECT(jwt_claims_set_double(c, "x", 1.0 / 0.0) == JWT_ERR_INVALID_ARGUMENT);
    EXPECT(jwt_claims_set_json(c, "x", "[1,") == JWT_ERR_INVALID_JSON);
    EXPECT(strstr(jwt_last_error(), "line 1 column 4") != NULL);
    EXPECT(jwt_claims_set_string(c, "x", "\xed\xa0\x80") == JWT_ERR_INVALID_UTF8);
    EXPECT(jwt_claims_set_string(c, NULL, "v") == JWT_ERR_NULL_ARGUMENT);
    EXPECT(!jwt_claims_has(c, "x"));

    /* Sign, verify into claims, read back. */
    EXPECT(jwt_claims_set_int(c, "exp", 4102444800) == JWT_OK);
    EXPECT(jwt_claims_encode(c, key, &token) == JWT_OK);
    EXPECT(jwt_validation_new(&v) == JWT_OK);
    EXPECT(jwt_claims_decode_with_key(key, token, v, &back) == JWT_OK);
    EXPECT(jwt_claims_get_int(back, "exp", &iv) == JWT_OK && iv == 4102444800);
    EXPECT(jwt_claims_get_string(back, "sub", &s, NULL) == JWT_OK &&
           strcmp(s, "alice\",\"admin\":true,\"x\":\"") == 0);
    EXPECT(!jwt_claims_has(back, "admin"));

    /* Many replacements and names: the arena compacts, lookups stay right. */
    EXPECT(jwt_claims_clone(back, &copy) == JWT_OK);
    for (i = 0; i < 3000; i++) {
        snprintf(name, sizeof name, "k%u", (unsigned)(i % 300));
        EXPECT(jwt_claims_set_string(copy, name, "a value long enough to make garbage") == JWT_OK);
        EXPECT(jwt_claims_set_int(copy, "exp", (int64_t)i) == JWT_OK);
    }
    EXPECT(jwt_claims_count(copy) == jwt_claims_count(back) + 300);
    EXPECT(jwt_claims_get_int(copy, "exp", &iv) == JWT_OK && iv == 2999);
    EXPECT(jwt_claims_name_at(copy, 9, &s, &len) == JWT_OK && strcmp(s, "k0") == 0);
    EXPECT(jwt_claims_remove(copy, "k0") == JWT_OK);
    EXPECT(jwt_claims_remove(copy, "k0") == JWT_ERR_MISSING_CLAIM);
    EXPECT(jwt_claims_name_at(copy, 9, &s, &len) == JWT_OK && strcmp(s, "k1") == 0);

    /* Parse refuses what decoding refuses. */
    EXPECT(jwt_claims_parse("{\"a\":1,\"a\":2}", &p) == JWT_ERR_DUPLICATE_CLAIM && p == NULL);
    EXPECT(jwt_claims_parse("[]", &p) == JWT_ERR_NOT_AN_OBJECT && p == NULL);
    EXPECT(jwt_claims_parse("{\"aud\":\"api\"}", &p) == JWT_OK);
    EXPECT(jwt_claims_array_len(p, "aud", &n) == JWT_OK && n == 1);
    EXPECT(jwt_claims_get_string_at(p, "aud", 0, &s, &len) == JWT_OK && strcmp(s, "api") == 0);
    EXPECT(jwt_claims_get_string_at(p, "aud", 1, &s, &len) == JWT_ERR_INVALID_ARGUMENT);

    jwt_claims_free(NULL);
    jwt_claims_free(p);
    jwt_claims_free(copy);
    jwt_claims_free(back);
    jwt_validation_free(v);
    jwt_string_free(token);
    jwt_claims_free(c);
    jwt_key_free(key);
    if (failures == 0)
        printf("claims: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
