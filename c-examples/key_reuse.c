/*
 * key_reuse.c: prepare a key once, then sign and verify many tokens with it.
 *
 * jwt_encode and jwt_decode_with_secret hash the secret on every call. A jwt_key does that
 * once (jwt_key_new) and is immutable afterwards, so one key can serve every
 * request of a server, from any number of threads.
 */
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
    char claims[128];
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
        int len = snprintf(claims, sizeof claims,
                           "{\"iss\":\"example.com\",\"sub\":\"%s\",\"user_id\":%u}",
                           users[i], (unsigned)(i + 1));
        if (len < 0 || (size_t)len >= sizeof claims)
            goto cleanup;

        st = jwt_encode_with_key(key, claims, &token);
        if (st != JWT_OK) {
            fprintf(stderr, "encode %s: %s: %s\n", users[i], jwt_status_str(st), jwt_last_error());
            goto cleanup;
        }
        st = jwt_decode_with_key(key, token, validation, &payload);
        if (st != JWT_OK) {
            fprintf(stderr, "verify %s: %s: %s\n", users[i], jwt_status_str(st), jwt_last_error());
            goto cleanup;
        }
        if (strcmp(payload, claims) != 0) {
            fprintf(stderr, "verify %s: payload %s differs from %s\n", users[i], payload, claims);
            goto cleanup;
        }
        printf("%s: %s\n", users[i], token);
        printf("  verified: %s\n", payload);

        /* Free each result before its variable is reused. */
        jwt_string_free(payload);
        payload = NULL;
        jwt_string_free(token);
        token = NULL;
    }
    rc = 0;

cleanup:
    jwt_string_free(payload);
    jwt_string_free(token);
    jwt_validation_free(validation);
    jwt_key_free(key);
    return rc;
}
