/* The jwt-ffi half: compiled with pkg-config's --cflags jwt_ffi, so <jwt.h> is ours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jwt.h>

#include "coexist.h"

#ifndef JWT_FFI_VERSION
#error "this file must see jwt-ffi's jwt.h"
#endif

static char *copy(const char *s)
{
    char *c = malloc(strlen(s) + 1);
    if (c != NULL) strcpy(c, s);
    return c;
}

char *ours_sign(const char *secret, const char *claims)
{
    char *token = NULL;
    jwt_status st = jwt_encode(claims, (const uint8_t *)secret, strlen(secret), &token);
    if (st != JWT_OK) {
        fprintf(stderr, "jwt_encode: %s: %s\n", jwt_status_str(st), jwt_last_error());
        return NULL;
    }
    char *c = copy(token);
    jwt_string_free(token);
    return c;
}

char *ours_verify(const char *token, const char *secret)
{
    char *payload = NULL;
    jwt_status st =
        jwt_decode_with_secret(token, (const uint8_t *)secret, strlen(secret), NULL, &payload);
    if (st != JWT_OK) return NULL;
    char *c = copy(payload);
    jwt_string_free(payload);
    return c;
}
