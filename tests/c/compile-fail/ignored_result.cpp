// Must NOT compile with -Werror: a decoded payload is ignored ([[nodiscard]]).
#include "jwt_ffi.hpp"

void ignore(const jwt_ffi::Key& key, const std::string& token)
{
    key.decode(token);
}
