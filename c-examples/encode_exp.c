/*
 * encode_exp.c: a token that expires in 30 minutes, signed with a prepared key.
 *
 * Sets the registered claims sub, iat (issued at: now) and exp (expires: now +
 * 30 min) on a claims object, signs it, then verifies the token into a second
 * claims object with jwt_claims_decode_with_key: by default exp, nbf and iat
 * are checked against the system clock whenever they are present. The verified
 * claims are read back with the typed getters, not by searching the JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jwt.h"

#define SECRET "encode-exp-example-secret-of-32+bytes"
#define LIFETIME_S 1800 /* 30 minutes */

int main(void)
{
    jwt_key *key = NULL;
    jwt_claims *claims = NULL;
    jwt_claims *verified = NULL;
    char *token = NULL;
    char *header = NULL;
    char *signed_json = NULL;
    char *verified_json = NULL;
    int64_t iat = 0, exp = 0;
    jwt_alg alg;
    jwt_status st;
    int rc = 1;

    st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)SECRET, strlen(SECRET), &key);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_key_new: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }

    /* iat = now, then exp = iat + LIFETIME_S from that same instant (two calls that each
     * read the clock, set_issued_now and set_expires_in, may straddle a second). */
    st = jwt_claims_new(&claims);
    if (st == JWT_OK)
        st = jwt_claims_set_string(claims, "sub", "alice");
    if (st == JWT_OK)
        st = jwt_claims_set_issued_now(claims);
    if (st == JWT_OK)
        st = jwt_claims_get_int(claims, "iat", &iat);
    if (st == JWT_OK)
        st = jwt_claims_set_int(claims, "exp", iat + LIFETIME_S);
    if (st == JWT_OK)
        st = jwt_claims_encode(claims, key, &token);
    if (st != JWT_OK) {
        fprintf(stderr, "claims: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("token: %s\n", token);

    /* NULL validation: the defaults, which check exp/nbf/iat against the clock. */
    st = jwt_claims_decode_with_key(key, token, NULL, &verified);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_claims_decode_with_key: %s: %s\n", jwt_status_str(st),
                jwt_last_error());
        goto cleanup;
    }
    st = jwt_claims_to_json(claims, &signed_json);
    if (st == JWT_OK)
        st = jwt_claims_to_json(verified, &verified_json);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_claims_to_json: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    if (strcmp(signed_json, verified_json) != 0) {
        fprintf(stderr, "verified %s differs from the claims %s\n", verified_json, signed_json);
        goto cleanup;
    }
    printf("verified: the payload is the claims as signed\n");

    st = jwt_key_alg(key, &alg);
    if (st == JWT_OK)
        st = jwt_decode_header(token, &header);
    if (st != JWT_OK) {
        fprintf(stderr, "header: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("verified: key algorithm %s, header %s\n", alg == JWT_ALG_HS256 ? "HS256" : "other",
           header);

    st = jwt_claims_get_int(verified, "iat", &iat);
    if (st == JWT_OK)
        st = jwt_claims_get_int(verified, "exp", &exp);
    if (st != JWT_OK) {
        /* e.g. JWT_ERR_INVALID_CLAIM: claim "exp" is a string, not an integer */
        fprintf(stderr, "get_int: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("verified: exp - iat = %lld\n", (long long)(exp - iat));
    rc = 0;

cleanup:
    jwt_string_free(verified_json);
    jwt_string_free(signed_json);
    jwt_string_free(header);
    jwt_string_free(token);
    jwt_claims_free(verified);
    jwt_claims_free(claims);
    jwt_key_free(key);
    return rc;
}
