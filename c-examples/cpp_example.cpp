// cpp_example.cpp: the C++ wrapper (jwt_ffi.hpp) in use: sign, verify, and catch
// an expired token as a jwt_ffi::Error. Everything is freed by destructors.
#include <iostream>
#include <string>

#include "jwt_ffi.hpp"

int main()
{
    try {
        const jwt_ffi::Key key(jwt_ffi::Alg::HS256, "mysecret");

        // The same token as encode.c and PyJWT's jwt.encode({"user_id": 123}, "mysecret").
        const std::string token = key.encode(R"({"user_id": 123})");
        std::cout << "token: " << token << '\n';
        std::cout << "payload: " << key.decode(token) << '\n';

        // A token that expired at 1700000000, checked as of 100 s later.
        const std::string expired = key.encode(R"({"user_id":123,"exp":1700000000})");
        const auto at_fixed_time = jwt_ffi::Validation().now(1700000100);
        try {
            const std::string claims = key.decode(expired, at_fixed_time);
            std::cerr << "an expired token was accepted: " << claims << '\n';
            return 1;
        } catch (const jwt_ffi::Error& e) {
            std::cout << "expired: jwt_ffi::Error status " << e.status() << " (" << e.status_str()
                      << "): " << e.what() << '\n';
        }

        try {
            const jwt_ffi::Key empty(jwt_ffi::Alg::HS256, "");
            std::cerr << "an empty secret was accepted\n";
            return 1;
        } catch (const jwt_ffi::Error& e) {
            std::cout << "bad key: jwt_ffi::Error status " << e.status() << " (" << e.status_str()
                      << ")\n";
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "cpp_example: " << e.what() << '\n';
        return 1;
    }
}
