// cpp_example.cpp: the C++ wrapper (jwt.hpp) in use: sign, verify, and catch
// an expired token as a jwt::Error. Everything is freed by destructors.
#include <iostream>
#include <string>

#include "jwt.hpp"

int main()
{
    try {
        const jwt::Key key(jwt::Alg::HS256, "mysecret");

        // The same token as encode.c and PyJWT's jwt.encode({"user_id": 123}, "mysecret").
        const std::string token = key.encode(R"({"user_id": 123})");
        std::cout << "token: " << token << '\n';
        std::cout << "payload: " << key.decode(token) << '\n';

        // A token that expired at 1700000000, checked as of 100 s later.
        const std::string expired = key.encode(R"({"user_id":123,"exp":1700000000})");
        const auto at_fixed_time = jwt::Validation().now(1700000100);
        try {
            const std::string claims = key.decode(expired, at_fixed_time);
            std::cerr << "an expired token was accepted: " << claims << '\n';
            return 1;
        } catch (const jwt::Error& e) {
            std::cout << "expired: jwt::Error status " << e.status() << " (" << e.status_str()
                      << "): " << e.what() << '\n';
        }

        try {
            const jwt::Key empty(jwt::Alg::HS256, "");
            std::cerr << "an empty secret was accepted\n";
            return 1;
        } catch (const jwt::Error& e) {
            std::cout << "bad key: jwt::Error status " << e.status() << " (" << e.status_str()
                      << ")\n";
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "cpp_example: " << e.what() << '\n';
        return 1;
    }
}
