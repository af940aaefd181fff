/*
 * encode_into.c: sign into a buffer of your own, without any heap allocation.
 *
 * jwt_encode_into writes the token and its NUL into `buf`. When `cap` is too
 * small it returns JWT_ERR_BUFFER_TOO_SMALL and sets `written` to the capacity
 * needed, NUL included, so a second call with that much room succeeds.
 */
#include <stdio.h>
#include <string.h>

#include "jwt.h"

#define SECRET "encode-into-example-secret-32+bytes"

int main(void)
{
    const char *claims = "{\"sub\":\"alice\",\"role\":\"admin\"}";
    jwt_key *key = NULL;
    char small[16];
    char big[512]; /* plenty for this token; only `needed` bytes are offered */
    size_t written = 0;
    size_t needed;
    jwt_status st;
    int rc = 1;

    st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)SECRET, strlen(SECRET), &key);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_key_new: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }

    st = jwt_encode_into(key, claims, small, sizeof small, &written);
    if (st != JWT_ERR_BUFFER_TOO_SMALL) {
        fprintf(stderr, "expected JWT_ERR_BUFFER_TOO_SMALL, got %s\n", jwt_status_str(st));
        goto cleanup;
    }
    needed = written;
    printf("%zu-byte buffer: %s; %zu bytes needed (NUL included)\n", sizeof small,
           jwt_status_str(st), needed);
    printf("  jwt_last_error(): %s\n", jwt_last_error());

    if (needed > sizeof big) {
        fprintf(stderr, "the token needs %zu bytes, more than the example's buffer\n", needed);
        goto cleanup;
    }
    st = jwt_encode_into(key, claims, big, needed, &written);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_encode_into: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    if (written != strlen(big) || written + 1 != needed) {
        fprintf(stderr, "written = %zu, strlen = %zu, needed = %zu\n", written, strlen(big), needed);
        goto cleanup;
    }
    printf("%zu-byte buffer: %zu characters written\n", needed, written);
    printf("%s\n", big);
    rc = 0;

cleanup:
    jwt_key_free(key);
    return rc;
}
