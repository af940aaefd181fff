/* Must NOT compile with -Werror: jwt_decode's status is ignored (JWT_MUST_USE). */
#include "jwt.h"

void ignore(const char *token, char **payload)
{
    jwt_decode(token, (const uint8_t *)"k", 1, NULL, payload);
}
