/*
 * encode.c: sign a claims object as an HS256 token.
 *
 * The smallest use of the library: one call makes the token, one call frees it.
 * Build (from the repository root, after `make`, which also makes the soname link
 * target/release/libjwt_ffi.so.0.2 the program needs at run time):
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
    const char *payload = "{\"user_id\": 123}";
    const char *secret = "mysecret";
    char *token = NULL; /* set by jwt_encode; freed with jwt_string_free */
    int rc = 1;

    jwt_status st = jwt_encode(payload, (const uint8_t *)secret, strlen(secret), &token);
    if (st != JWT_OK) {
        /* jwt_last_error() is this thread's detailed message for the failed call. */
        fprintf(stderr, "encode: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    if (printf("%s\n", token) < 0)
        goto cleanup;
    rc = 0;

cleanup:
    jwt_string_free(token); /* NULL is fine */
    return rc;
}
