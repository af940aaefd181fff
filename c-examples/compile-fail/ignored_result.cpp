// Must NOT compile with -Werror: a decoded payload is ignored ([[nodiscard]]).
#include "../jwt.hpp"

void ignore(const jwt::Key& key, const std::string& token)
{
    key.decode(token);
}
