/* Must NOT compile with -Werror: jwt_decode_with_secret's status is ignored (JWT_MUST_USE). */
#include "jwt.h"

void ignore(const char *token, char **payload)
{
    jwt_decode_with_secret(token, (const uint8_t *)"k", 1, NULL, payload);
}
