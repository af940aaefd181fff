/* header_only.c: a translation unit with nothing but jwt.h, compiled as
 * -std=c99 and -std=c11 with -pedantic -Wall -Wextra -Werror (make check). */
#include "jwt.h"
