/*
 * key_reuse.c: prepare a key once, then sign and verify many tokens with it.
 *
 * jwt_encode and jwt_decode_with_secret hash the secret on every call. A jwt_key does that
 * once (jwt_key_new) and is immutable afterwards, so one key can serve every
 * request of a server, from any number of threads.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jwt.h"

/* RFC 7518 §3.2: an HS256 secret should have at least 256 bits. */
#define SECRET "key-reuse-example-secret-of-32+bytes"

int main(void)
{
    static const char *const users[] = {"alice", "bob", "carol"};
    const size_t n_users = sizeof users / sizeof users[0];
    jwt_key *key = NULL;
    jwt_validation *validation = NULL;
    char *token = NULL;
    char *payload = NULL;
    jwt_claims *claims = NULL;
    jwt_claims *verified = NULL;
    const char *sub = NULL;
    jwt_status st;
    size_t i;
    int rc = 1;

    st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)SECRET, strlen(SECRET), &key);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_key_new: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    /* One validation, like the key, is built once and then only read. */
    st = jwt_validation_new(&validation);
    if (st == JWT_OK)
        st = jwt_validation_set_issuer(validation, "example.com");
    if (st != JWT_OK) {
        fprintf(stderr, "validation: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }

    for (i = 0; i < n_users; i++) {
        /* The claims of one token; a user name holding quotes stays one string. */
        st = jwt_claims_new(&claims);
        if (st == JWT_OK)
            st = jwt_claims_set_string(claims, "iss", "example.com");
        if (st == JWT_OK)
            st = jwt_claims_set_string(claims, "sub", users[i]);
        if (st == JWT_OK)
            st = jwt_claims_set_int(claims, "user_id", (int64_t)(i + 1));
        if (st == JWT_OK)
            st = jwt_claims_encode(claims, key, &token);
        if (st != JWT_OK) {
            fprintf(stderr, "encode %s: %s: %s\n", users[i], jwt_status_str(st), jwt_last_error());
            goto cleanup;
        }
        st = jwt_claims_decode_with_key(key, token, validation, &verified);
        if (st == JWT_OK)
            st = jwt_claims_get_string(verified, "sub", &sub, NULL);
        if (st != JWT_OK) {
            fprintf(stderr, "verify %s: %s: %s\n", users[i], jwt_status_str(st), jwt_last_error());
            goto cleanup;
        }
        if (strcmp(sub, users[i]) != 0) {
            fprintf(stderr, "verify %s: sub is %s\n", users[i], sub);
            goto cleanup;
        }
        st = jwt_claims_to_json(verified, &payload);
        if (st != JWT_OK) {
            fprintf(stderr, "to_json %s: %s: %s\n", users[i], jwt_status_str(st), jwt_last_error());
            goto cleanup;
        }
        printf("%s: %s\n", users[i], token);
        printf("  verified: %s\n", payload);

        /* Free each result before its variable is reused (sub was borrowed from
         * `verified` and goes with it). */
        jwt_string_free(payload);
        payload = NULL;
        jwt_string_free(token);
        token = NULL;
        jwt_claims_free(verified);
        verified = NULL;
        jwt_claims_free(claims);
        claims = NULL;
    }
    rc = 0;

cleanup:
    jwt_claims_free(verified);
    jwt_claims_free(claims);
    jwt_string_free(payload);
    jwt_string_free(token);
    jwt_validation_free(validation);
    jwt_key_free(key);
    return rc;
}
