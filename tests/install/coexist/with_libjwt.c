/* The libjwt 1.x half: compiled against /usr/include/jwt.h, libjwt's own. */
#include <stdlib.h>
#include <string.h>

#include <jwt.h>

#include "coexist.h"

#ifdef JWT_FFI_VERSION
#error "this file must see libjwt's jwt.h"
#endif

char *libjwt_sign(const char *secret, const char *sub)
{
    jwt_t *jwt = NULL;
    char *token = NULL;
    if (jwt_new(&jwt) != 0) return NULL;
    if (jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)secret, (int)strlen(secret)) == 0 &&
        jwt_add_grant(jwt, "sub", sub) == 0)
        token = jwt_encode_str(jwt);
    jwt_free(jwt);
    return token;
}

int libjwt_verify_sub(const char *token, const char *secret, const char *sub)
{
    jwt_t *jwt = NULL;
    int rc = jwt_decode(&jwt, token, (const unsigned char *)secret, (int)strlen(secret));
    if (rc == 0) {
        const char *got = jwt_get_grant(jwt, "sub");
        rc = (jwt_get_alg(jwt) == JWT_ALG_HS256 && got != NULL && strcmp(got, sub) == 0) ? 0 : 1;
    }
    jwt_free(jwt);
    return rc == 0 ? 0 : 1;
}
