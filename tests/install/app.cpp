// The C++ consumer of the install test (tests/install/run.sh): the `app.cpp` of the
// README's C++ snippets, built from an installed jwt-ffi with CMake
// (jwt_ffi::jwt_ffi_cpp) and with pkg-config. It prints the same lines as app.c,
// which run.sh derives with Python's hmac/base64, through the C++ wrapper.
#include <iostream>
#include <string>

#include <jwt_ffi.hpp>

int main()
{
    try {
        const jwt_ffi::Key key(jwt_ffi::Alg::HS256, "install-test secret");
        const std::string token = key.encode(R"({"sub":"install-test","n":1})");
        const auto v = jwt_ffi::Validation().subject("install-test");
        std::cout << "version " << jwt_ffi::version() << '\n';
        std::cout << "token " << token << '\n';
        std::cout << "payload " << jwt_ffi::decode(token, "install-test secret", v) << '\n';

        std::string tampered = token;
        char& c = tampered[tampered.size() - 2];
        c = c == 'A' ? 'B' : 'A';
        try {
            const std::string claims = key.decode(tampered, v);
            std::cerr << "a tampered token was accepted: " << claims << '\n';
            return 1;
        } catch (const jwt_ffi::Error& e) {
            std::cout << "tampered " << static_cast<int>(e.status()) << " no payload\n";
        }
    } catch (const jwt_ffi::Error& e) {
        std::cerr << "jwt_ffi::Error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
