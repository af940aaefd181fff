/*
 * verify.c: verify a token and read its payload; see what a failure looks like.
 *
 *   ./verify [TOKEN]
 *
 * Without an argument it verifies the token encode.c prints (payload
 * {"user_id": 123}, secret "mysecret"; PyJWT makes the same one). Then it shows
 * the status and message for a tampered copy of it and for an expired token,
 * checked against a fixed clock so the output never changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"

#define SECRET "mysecret"
#define EXAMPLE_TOKEN                                                          \
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"                                     \
    ".eyJ1c2VyX2lkIjoxMjN9"                                                    \
    ".u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU"

static void show_failure(const char *what, jwt_status st)
{
    /* Decide by status; the message is for people (logs), its wording may change. */
    printf("%s: status %d (%s)\n", what, (int)st, jwt_status_str(st));
    printf("  jwt_last_error(): %s\n", jwt_last_error());
}

int main(int argc, char **argv)
{
    const uint8_t *key = (const uint8_t *)SECRET;
    const size_t key_len = strlen(SECRET);
    const char *token = argc > 1 ? argv[1] : EXAMPLE_TOKEN;
    char *payload = NULL;
    char *tampered = NULL;
    char *tampered_payload = NULL;
    char *expired = NULL;
    char *expired_payload = NULL;
    jwt_validation *at_fixed_time = NULL;
    jwt_status st;
    int rc = 1;

    /* NULL validation: the defaults (HS256 only; exp/nbf/iat checked against the clock). */
    st = jwt_decode_with_secret(token, key, key_len, NULL, &payload);
    if (st != JWT_OK) {
        show_failure("verify", st);
        goto cleanup;
    }
    printf("verified payload: %s\n", payload);

    /* 1. Change one character of the payload segment: the signature no longer matches. */
    tampered = malloc(strlen(token) + 1);
    if (tampered == NULL)
        goto cleanup;
    strcpy(tampered, token);
    {
        char *dot = strchr(tampered, '.');
        if (dot == NULL || dot[1] == '\0' || dot[2] == '\0') {
            fprintf(stderr, "verify: the token has no payload segment\n");
            goto cleanup;
        }
        dot[2] = dot[2] == 'A' ? 'B' : 'A'; /* stays inside the base64url alphabet */
    }
    st = jwt_decode_with_secret(tampered, key, key_len, NULL, &tampered_payload);
    if (st == JWT_OK) {
        fprintf(stderr, "verify: a tampered token was accepted\n");
        goto cleanup;
    }
    show_failure("tampered token", st);

    /* 2. A correctly signed token whose exp has passed, checked as of a fixed "now". */
    st = jwt_encode("{\"user_id\":123,\"exp\":1700000000}", key, key_len, &expired);
    if (st != JWT_OK) {
        show_failure("encode", st);
        goto cleanup;
    }
    st = jwt_validation_new(&at_fixed_time);
    if (st != JWT_OK) {
        show_failure("jwt_validation_new", st);
        goto cleanup;
    }
    st = jwt_validation_set_now(at_fixed_time, 1700000100);
    if (st != JWT_OK) {
        show_failure("jwt_validation_set_now", st);
        goto cleanup;
    }
    st = jwt_decode_with_secret(expired, key, key_len, at_fixed_time, &expired_payload);
    if (st == JWT_OK) {
        fprintf(stderr, "verify: an expired token was accepted\n");
        goto cleanup;
    }
    show_failure("expired token", st);

    rc = 0;

cleanup:
    jwt_validation_free(at_fixed_time);
    jwt_string_free(expired_payload);
    jwt_string_free(expired);
    jwt_string_free(tampered_payload);
    free(tampered);
    jwt_string_free(payload);
    return rc;
}
