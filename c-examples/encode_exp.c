/*
 * encode_exp.c: a token that expires in 30 minutes, signed with a prepared key.
 *
 * Sets the registered claims sub, iat (issued at) and exp (expires) to Unix
 * seconds, signs with jwt_encode_with_key, then verifies the token with
 * jwt_decode_with_key: by default exp, nbf and iat are checked against the
 * system clock whenever they are present.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jwt.h"

#define SECRET "encode-exp-example-secret-of-32+bytes"
#define LIFETIME_S 1800 /* 30 minutes */

/* The integer value of `"name":` in a compact payload, for this example's own
 * claims only (a real program would use a JSON parser). */
static int claim_int(const char *json, const char *name, long long *out)
{
    char pattern[32];
    const char *at;
    char *end;

    if (snprintf(pattern, sizeof pattern, "\"%s\":", name) >= (int)sizeof pattern)
        return 0;
    at = strstr(json, pattern);
    if (at == NULL)
        return 0;
    *out = strtoll(at + strlen(pattern), &end, 10);
    return end != at + strlen(pattern);
}

int main(void)
{
    jwt_key *key = NULL;
    char *token = NULL;
    char *header = NULL;
    char *payload = NULL;
    char claims[160];
    long long iat = 0, exp = 0;
    jwt_alg alg;
    jwt_status st;
    int len, rc = 1;
    const long long now = (long long)time(NULL);

    st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)SECRET, strlen(SECRET), &key);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_key_new: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }

    len = snprintf(claims, sizeof claims, "{\"sub\":\"alice\",\"iat\":%lld,\"exp\":%lld}", now,
                   now + LIFETIME_S);
    if (len < 0 || (size_t)len >= sizeof claims)
        goto cleanup;

    st = jwt_encode_with_key(key, claims, &token);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_encode_with_key: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("token: %s\n", token);

    /* NULL validation: the defaults, which check exp/nbf/iat against the clock. */
    st = jwt_decode_with_key(key, token, NULL, &payload);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_decode_with_key: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    if (strcmp(payload, claims) != 0) {
        fprintf(stderr, "payload %s differs from the claims %s\n", payload, claims);
        goto cleanup;
    }
    printf("verified: the payload is the claims as signed\n");

    st = jwt_key_alg(key, &alg);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_key_alg: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    st = jwt_decode_header(token, &header);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_decode_header: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("verified: key algorithm %s, header %s\n", alg == JWT_ALG_HS256 ? "HS256" : "other",
           header);

    if (!claim_int(payload, "iat", &iat) || !claim_int(payload, "exp", &exp)) {
        fprintf(stderr, "the payload lacks iat or exp: %s\n", payload);
        goto cleanup;
    }
    printf("verified: exp - iat = %lld\n", exp - iat);
    rc = 0;

cleanup:
    jwt_string_free(payload);
    jwt_string_free(header);
    jwt_string_free(token);
    jwt_key_free(key);
    return rc;
}
