/* The consumer program of the install test (tests/install/run.sh): the `app.c` of the
 * README's "Use it from your build" snippets, built from an installed jwt-ffi with
 * pkg-config (shared and static), plain make and CMake.
 *
 * Prints the library version, an HS256 token for a fixed payload and secret, the payload
 * that jwt_decode_with_secret hands back, and the status for the same token with one signature
 * character changed. run.sh derives the expected lines with Python's hmac/base64.
 * Exits 1, with a message, when jwt.h's version macros disagree with the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jwt.h>

#define STR_(x) #x
#define STR(x) STR_(x)

int main(void) {
    static const char secret[] = "install-test secret";
    static const char claims[] = "{\"sub\":\"install-test\",\"n\":1}";
    const size_t secret_len = sizeof secret - 1;
    char *token = NULL;
    char *payload = NULL;
    char *tampered = NULL;
    jwt_validation *v = NULL;
    int rc = 1;

    /* The header this was compiled with and the library it runs with are one release. */
    const char *macros =
        STR(JWT_FFI_VERSION_MAJOR) "." STR(JWT_FFI_VERSION_MINOR) "." STR(JWT_FFI_VERSION_PATCH);
    if (strcmp(macros, JWT_FFI_VERSION) != 0 || strcmp(jwt_version(), JWT_FFI_VERSION) != 0) {
        fprintf(stderr, "version mismatch: macros %s, JWT_FFI_VERSION %s, jwt_version() %s\n",
                macros, JWT_FFI_VERSION, jwt_version());
        goto cleanup;
    }
    printf("version %s\n", jwt_version());

    jwt_status st = jwt_encode(claims, (const uint8_t *)secret, secret_len, &token);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_encode: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("token %s\n", token);

    st = jwt_validation_new(&v);
    if (st == JWT_OK) st = jwt_validation_set_subject(v, "install-test");
    if (st != JWT_OK) {
        fprintf(stderr, "validation: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    st = jwt_decode_with_secret(token, (const uint8_t *)secret, secret_len, v, &payload);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_decode_with_secret: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    printf("payload %s\n", payload);

    /* One changed character in the signature must be refused. */
    size_t len = strlen(token);
    char *copy = malloc(len + 1);
    if (copy == NULL) goto cleanup;
    memcpy(copy, token, len + 1);
    copy[len - 2] = copy[len - 2] == 'A' ? 'B' : 'A';
    st = jwt_decode_with_secret(copy, (const uint8_t *)secret, secret_len, v, &tampered);
    free(copy);
    printf("tampered %d %s\n", (int)st, tampered == NULL ? "no payload" : tampered);
    if (st == JWT_OK) goto cleanup;

    rc = 0;
cleanup:
    jwt_string_free(tampered);
    jwt_string_free(payload);
    jwt_string_free(token);
    jwt_validation_free(v);
    return rc;
}
