/*
 * encode.c: build the claims of a token and sign it as HS256.
 *
 * A claims object holds the payload: each setter is one claim, so no JSON is
 * written by hand and no value can break out of its string. The key is
 * prepared once; jwt_claims_encode signs. Build (from the repository root,
 * after `make`, which also makes the soname link target/release/libjwt_ffi.so.0.2
 * the program needs at run time):
 *
 *   cc -std=c99 -Iinclude c-examples/encode.c -Ltarget/release -ljwt_ffi \
 *      -Wl,-rpath,$PWD/target/release -o encode
 *
 * Prints the same token as PyJWT's jwt.encode({"user_id": 123}, "mysecret").
 */
#include <stdio.h>
#include <string.h>

#include "jwt.h"

int main(void)
{
    const char *secret = "mysecret";
    jwt_key *key = NULL;       /* freed with jwt_key_free */
    jwt_claims *claims = NULL; /* freed with jwt_claims_free */
    char *token = NULL;        /* freed with jwt_string_free */
    int rc = 1;

    jwt_status st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)secret, strlen(secret), &key);
    if (st == JWT_OK)
        st = jwt_claims_new(&claims);
    if (st == JWT_OK)
        st = jwt_claims_set_int(claims, "user_id", 123);
    if (st == JWT_OK)
        st = jwt_claims_encode(claims, key, &token);
    if (st != JWT_OK) {
        /* jwt_last_error() is this thread's detailed message for the failed call. */
        fprintf(stderr, "encode: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    if (printf("%s\n", token) < 0)
        goto cleanup;
    rc = 0;

cleanup:
    /* Each free accepts NULL. */
    jwt_string_free(token);
    jwt_claims_free(claims);
    jwt_key_free(key);
    return rc;
}
