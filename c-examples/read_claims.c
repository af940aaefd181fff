/*
 * read_claims.c: verify a token, then read its sub, exp and every aud.
 *
 * jwt_claims_decode_with_key verifies the token (signature, algorithm, exp,
 * aud, ...) and hands back its claims as an object with typed getters: no JSON
 * parser needed. RFC 7519 lets aud be one string or an array of strings;
 * jwt_claims_array_len and jwt_claims_get_string_at read both forms the same
 * way (a string is a one-element array). The two tokens here are signed with a
 * claims object too, and checked as of a fixed "now" so the output never
 * changes.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jwt.h"

#define SECRET "read-claims-example-secret-32+bytes"
#define NOW 1700000000

static jwt_status print_claims(const jwt_key *key, const jwt_validation *v, const char *token)
{
    jwt_claims *claims = NULL;
    const char *sub = NULL; /* borrowed from claims: valid until it is freed */
    int64_t exp = 0;
    size_t n_aud = 0, i;
    jwt_status st;

    st = jwt_claims_decode_with_key(key, token, v, &claims);
    if (st == JWT_OK)
        st = jwt_claims_get_string(claims, "sub", &sub, NULL);
    if (st == JWT_OK)
        st = jwt_claims_get_int(claims, "exp", &exp);
    if (st == JWT_OK)
        st = jwt_claims_array_len(claims, "aud", &n_aud);
    if (st != JWT_OK)
        goto cleanup;
    printf("sub: %s\n", sub);
    printf("exp: %" PRId64 " (in %" PRId64 " s)\n", exp, exp - NOW);
    for (i = 0; i < n_aud; i++) {
        const char *aud = NULL;
        size_t len = 0; /* the length counts any NUL inside the string */
        st = jwt_claims_get_string_at(claims, "aud", i, &aud, &len);
        if (st != JWT_OK)
            goto cleanup;
        printf("aud[%zu]: %s (%zu bytes)\n", i, aud, len);
    }

    /* A claim of another type is an error that says what was found. */
    st = jwt_claims_get_string(claims, "exp", &sub, NULL);
    printf("exp as a string: %s: %s\n", jwt_status_str(st), jwt_last_error());
    st = JWT_OK;

cleanup:
    jwt_claims_free(claims);
    return st;
}

/* Signs {"sub": sub, "exp": NOW + 3600, "aud": ...} with aud an array when
 * n_aud > 1, else a string. */
static jwt_status sign(const jwt_key *key, const char *sub, const char *const *aud,
                       size_t n_aud, char **token)
{
    jwt_claims *claims = NULL;
    jwt_status st = jwt_claims_new(&claims);
    if (st == JWT_OK)
        st = jwt_claims_set_string(claims, "sub", sub);
    if (st == JWT_OK)
        st = jwt_claims_set_int(claims, "exp", NOW + 3600);
    if (st == JWT_OK)
        st = n_aud > 1 ? jwt_claims_set_string_array(claims, "aud", aud, n_aud)
                       : jwt_claims_set_string(claims, "aud", aud[0]);
    if (st == JWT_OK)
        st = jwt_claims_encode(claims, key, token);
    jwt_claims_free(claims);
    return st;
}

int main(void)
{
    static const char *const audiences[] = {"api", "billing"};
    jwt_key *key = NULL;
    jwt_validation *v = NULL;
    char *token = NULL;
    jwt_status st;
    int rc = 1;

    st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)SECRET, strlen(SECRET), &key);
    if (st == JWT_OK)
        st = jwt_validation_new(&v);
    if (st == JWT_OK)
        st = jwt_validation_set_audience(v, "api"); /* this service is "api" */
    if (st == JWT_OK)
        st = jwt_validation_set_now(v, NOW);
    if (st != JWT_OK)
        goto fail;

    /* aud as an array, then as a single string: read the same way. */
    st = sign(key, "alice", audiences, 2, &token);
    if (st == JWT_OK)
        st = print_claims(key, v, token);
    if (st != JWT_OK)
        goto fail;
    jwt_string_free(token);
    token = NULL;

    st = sign(key, "bob", audiences, 1, &token);
    if (st == JWT_OK)
        st = print_claims(key, v, token);
    if (st != JWT_OK)
        goto fail;
    rc = 0;
    goto cleanup;

fail:
    fprintf(stderr, "read_claims: %s: %s\n", jwt_status_str(st), jwt_last_error());
cleanup:
    jwt_string_free(token);
    jwt_validation_free(v);
    jwt_key_free(key);
    return rc;
}
