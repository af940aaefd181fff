// cpp_include.cpp (a test): jwt.h as a C++17 program sees it, with -Wall -Wextra
// -Werror -pedantic: the extern "C" block, the enums and the prototypes.
#include <cstdio>
#include <cstring>

#include "jwt.h"

int main()
{
    const char secret[] = "cpp-include-secret";
    char* token = nullptr;
    char* payload = nullptr;
    int rc = 1;

    jwt_status st = jwt_encode("{\"a\":1}", reinterpret_cast<const uint8_t*>(secret),
                               std::strlen(secret), &token);
    if (st != JWT_OK) {
        std::fprintf(stderr, "jwt_encode: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    st = jwt_decode_with_secret(token, reinterpret_cast<const uint8_t*>(secret), std::strlen(secret), nullptr,
                    &payload);
    if (st != JWT_OK || std::strcmp(payload, "{\"a\":1}") != 0) {
        std::fprintf(stderr, "jwt_decode_with_secret: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    if (std::strcmp(jwt_version(), JWT_FFI_VERSION) != 0) {
        std::fprintf(stderr, "library %s, header %s\n", jwt_version(), JWT_FFI_VERSION);
        goto cleanup;
    }
    {
        // style = "both": the enum and struct tags work as C++ type names too.
        enum jwt_status tagged = JWT_ERR_EXPIRED;
        jwt_alg alg = JWT_ALG_HS512;
        struct jwt_key* none = nullptr;
        jwt_key_free(none);
        if (tagged != 11 || alg != 2)
            goto cleanup;
    }
    std::printf("cpp_include: jwt.h %s works from C++17\n", JWT_FFI_VERSION);
    rc = 0;

cleanup:
    jwt_string_free(payload);
    jwt_string_free(token);
    return rc;
}
