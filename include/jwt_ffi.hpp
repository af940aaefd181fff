// jwt_ffi.hpp: a header-only C++17 RAII layer over jwt.h.
//
//   const jwt_ffi::Key key(jwt_ffi::Alg::HS256, secret);
//   std::string token = key.encode(R"({"sub":"alice"})");
//   auto v = jwt_ffi::Validation().audience("api").leeway(30);
//   std::string claims = key.decode(token, v);          // throws jwt_ffi::Error
//   jwt_ffi::Claims c;                                   // claims without JSON text
//   c.set_string("sub", "alice").expires_in(600);
//   auto verified = jwt_ffi::Claims::decode(key, c.encode(key), v);
//
// - jwt_ffi::Claims owns its handle too; it copies (jwt_claims_clone) and moves.
//   const auto rsa = jwt_ffi::Key::from_pem(jwt_ffi::Alg::RS256, public_pem);
//   const jwt_ffi::KeySet jwks(jwks_json);              // an identity provider's set
//   std::string claims2 = jwks.decode(token2, v);       // the token's kid picks the key
//
// - jwt_ffi::Key and jwt_ffi::Validation own their C handle and are move-only. A
//   moved-from object holds no handle; using it throws jwt_ffi::Error
//   (JWT_ERR_NULL_ARGUMENT).
// - Every string the library returns is held by a std::unique_ptr whose deleter
//   calls jwt_string_free, and handed out as a std::string.
// - Failures throw jwt_ffi::Error, which carries the jwt_status and the calling
//   thread's jwt_last_error() message (what()).
// - Results are [[nodiscard]]: ignoring a decode result is a compiler warning.
// - Thread-safety is the C library's: a const Key, KeySet or Validation may be
//   used by many threads at once; configure a Validation before sharing it. To
//   rotate keys, build a new KeySet and swap a std::shared_ptr<const KeySet>.
#ifndef JWT_FFI_HPP
#define JWT_FFI_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jwt.h"

namespace jwt_ffi {

enum class Alg : int {
    HS256 = JWT_ALG_HS256,
    HS384 = JWT_ALG_HS384,
    HS512 = JWT_ALG_HS512,
    RS256 = JWT_ALG_RS256,
    RS384 = JWT_ALG_RS384,
    RS512 = JWT_ALG_RS512,
    PS256 = JWT_ALG_PS256,
    PS384 = JWT_ALG_PS384,
    PS512 = JWT_ALG_PS512,
    ES256 = JWT_ALG_ES256,
    ES384 = JWT_ALG_ES384,
    ES512 = JWT_ALG_ES512,
    EdDSA = JWT_ALG_EDDSA,
    ES256K = JWT_ALG_ES256K,
};

/// A failed library call: the status and the detailed message.
class Error : public std::runtime_error {
public:
    Error(jwt_status status, const std::string& message)
        : std::runtime_error(message), status_(status)
    {
    }

    [[nodiscard]] jwt_status status() const noexcept { return status_; }

    /// The short, static description of status(), e.g. "the token has expired".
    [[nodiscard]] const char* status_str() const noexcept { return jwt_status_str(status_); }

private:
    jwt_status status_;
};

namespace detail {

struct StringFree {
    void operator()(char* s) const noexcept { jwt_string_free(s); }
};
struct KeyFree {
    void operator()(jwt_key* k) const noexcept { jwt_key_free(k); }
};
struct ValidationFree {
    void operator()(jwt_validation* v) const noexcept { jwt_validation_free(v); }
};
struct ClaimsFree {
    void operator()(jwt_claims* c) const noexcept { jwt_claims_free(c); }
};
struct KeySetFree {
    void operator()(jwt_keyset* s) const noexcept { jwt_keyset_free(s); }
};

/// A string the library returned, freed with jwt_string_free.
using String = std::unique_ptr<char, StringFree>;

/// Throws on failure. Reads jwt_last_error() first thing, before any other call
/// into the library can replace it.
inline void check(jwt_status status)
{
    if (status != JWT_OK)
        throw Error(status, jwt_last_error());
}

/// A C string of `s`. C strings end at the first NUL, so a std::string holding
/// one would be silently cut short: refuse it instead.
inline const char* c_str(const std::string& s, const char* what)
{
    if (s.find('\0') != std::string::npos)
        throw Error(JWT_ERR_INVALID_ARGUMENT, std::string(what) + " contains a NUL byte");
    return s.c_str();
}

inline const std::uint8_t* bytes(std::string_view s) noexcept
{
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

/// Runs `call(char** out)` and returns the string it produced, freed in all cases.
template <class Call>
[[nodiscard]] std::string returned_string(Call&& call)
{
    char* out = nullptr;
    const jwt_status status = std::forward<Call>(call)(&out);
    const String owned(out); // NULL after a failure, which the deleter accepts
    check(status);
    return std::string(owned.get());
}

} // namespace detail

/// What jwt decode calls accept. Configure it, then share it (const) freely.
class Validation {
public:
    /// The defaults of jwt_validation_new: HS256 only, exp/nbf/iat checked against
    /// the clock, no audience, issuer or subject expected.
    Validation()
    {
        jwt_validation* v = nullptr;
        detail::check(jwt_validation_new(&v));
        v_.reset(v);
    }

    Validation(Validation&&) noexcept = default;
    Validation& operator=(Validation&&) noexcept = default;
    Validation(const Validation&) = delete;
    Validation& operator=(const Validation&) = delete;
    ~Validation() = default;

    // Builders: each returns *this, so calls chain. The && overloads let a
    // temporary be configured and moved into place in one expression.

    /// Accepts `alg`; the first call replaces the default {HS256}.
    Validation& allow(Alg alg) &
    {
        detail::check(jwt_validation_allow_alg(v_.get(), static_cast<jwt_alg>(alg)));
        return *this;
    }
    Validation&& allow(Alg alg) && { return std::move(allow(alg)); }

    Validation& leeway(std::int64_t seconds) &
    {
        detail::check(jwt_validation_set_leeway(v_.get(), seconds));
        return *this;
    }
    Validation&& leeway(std::int64_t seconds) && { return std::move(leeway(seconds)); }

    /// Checks times as of `unix_seconds` instead of the clock.
    Validation& now(std::int64_t unix_seconds) &
    {
        detail::check(jwt_validation_set_now(v_.get(), unix_seconds));
        return *this;
    }
    Validation&& now(std::int64_t unix_seconds) && { return std::move(now(unix_seconds)); }

    /// Expects this audience, replacing any set before.
    Validation& audience(const std::string& aud) &
    {
        detail::check(jwt_validation_set_audience(v_.get(), detail::c_str(aud, "audience")));
        return *this;
    }
    Validation&& audience(const std::string& aud) && { return std::move(audience(aud)); }

    Validation& add_audience(const std::string& aud) &
    {
        detail::check(jwt_validation_add_audience(v_.get(), detail::c_str(aud, "audience")));
        return *this;
    }
    Validation&& add_audience(const std::string& aud) && { return std::move(add_audience(aud)); }

    /// Expects this issuer, replacing any set before.
    Validation& issuer(const std::string& iss) &
    {
        detail::check(jwt_validation_set_issuer(v_.get(), detail::c_str(iss, "issuer")));
        return *this;
    }
    Validation&& issuer(const std::string& iss) && { return std::move(issuer(iss)); }

    Validation& add_issuer(const std::string& iss) &
    {
        detail::check(jwt_validation_add_issuer(v_.get(), detail::c_str(iss, "issuer")));
        return *this;
    }
    Validation&& add_issuer(const std::string& iss) && { return std::move(add_issuer(iss)); }

    Validation& subject(const std::string& sub) &
    {
        detail::check(jwt_validation_set_subject(v_.get(), detail::c_str(sub, "subject")));
        return *this;
    }
    Validation&& subject(const std::string& sub) && { return std::move(subject(sub)); }

    /// The claim `name` must be present.
    Validation& require(const std::string& name) &
    {
        detail::check(jwt_validation_require_claim(v_.get(), detail::c_str(name, "claim name")));
        return *this;
    }
    Validation&& require(const std::string& name) && { return std::move(require(name)); }

    /// Turns one claim check (JWT_CHECK_EXP, ...) on or off.
    Validation& check(jwt_check which, bool enabled) &
    {
        detail::check(jwt_validation_set_check(v_.get(), which, enabled));
        return *this;
    }
    Validation&& check(jwt_check which, bool enabled) &&
    {
        return std::move(check(which, enabled));
    }

    Validation& max_token_len(std::size_t bytes) &
    {
        detail::check(jwt_validation_set_max_token_len(v_.get(), bytes));
        return *this;
    }
    Validation&& max_token_len(std::size_t bytes) && { return std::move(max_token_len(bytes)); }

    /// The C handle, still owned by this object.
    [[nodiscard]] const jwt_validation* get() const noexcept { return v_.get(); }

private:
    std::unique_ptr<jwt_validation, detail::ValidationFree> v_;
};

/// A prepared key bound to one algorithm: an HMAC secret (hashed once), or an
/// RSA, EC or Ed25519 key parsed once from PEM, DER or a JWK. Immutable and
/// thread-safe.
class Key {
public:
    /// A PEM key for `alg` (RS*, PS*, ES*, EdDSA): PRIVATE KEY, RSA PRIVATE KEY,
    /// EC PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE (not validated).
    [[nodiscard]] static Key from_pem(Alg alg, std::string_view pem)
    {
        jwt_key* k = nullptr;
        detail::check(jwt_key_from_pem(static_cast<jwt_alg>(alg), pem.data(), pem.size(), &k));
        return Key(k);
    }

    /// A DER key for `alg`: SubjectPublicKeyInfo, PKCS#8, PKCS#1, SEC1 or a certificate.
    [[nodiscard]] static Key from_der(Alg alg, std::string_view der)
    {
        jwt_key* k = nullptr;
        detail::check(
            jwt_key_from_der(static_cast<jwt_alg>(alg), detail::bytes(der), der.size(), &k));
        return Key(k);
    }

    /// One JWK object; its algorithm is its "alg", else inferred from kty and crv.
    [[nodiscard]] static Key from_jwk(const std::string& jwk)
    {
        jwt_key* k = nullptr;
        detail::check(jwt_key_from_jwk(detail::c_str(jwk, "jwk"), &k));
        return Key(k);
    }

    /// Throws jwt_ffi::Error(JWT_ERR_INVALID_KEY) for an empty secret.
    Key(Alg alg, std::string_view secret)
    {
        jwt_key* k = nullptr;
        detail::check(
            jwt_key_new(static_cast<jwt_alg>(alg), detail::bytes(secret), secret.size(), &k));
        key_.reset(k);
    }

    Key(Key&&) noexcept = default;
    Key& operator=(Key&&) noexcept = default;
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;
    ~Key() = default;

    [[nodiscard]] Alg alg() const
    {
        jwt_alg a = JWT_ALG_HS256;
        detail::check(jwt_key_alg(key_.get(), &a));
        return static_cast<Alg>(a);
    }

    /// Whether the key can sign (an HMAC secret or a private key).
    [[nodiscard]] bool is_private() const
    {
        bool b = false;
        detail::check(jwt_key_is_private(key_.get(), &b));
        return b;
    }

    /// The public JWK (never private members); throws for an HMAC key.
    [[nodiscard]] std::string to_jwk() const
    {
        return detail::returned_string([&](char** out) { return jwt_key_to_jwk(key_.get(), out); });
    }

    /// The RFC 7638 SHA-256 thumbprint, base64url (usable as a kid).
    [[nodiscard]] std::string thumbprint() const
    {
        return detail::returned_string(
            [&](char** out) { return jwt_key_thumbprint(key_.get(), out); });
    }

    /// Signs the JSON object `claims` with the standard header.
    [[nodiscard]] std::string encode(const std::string& claims) const
    {
        const char* json = detail::c_str(claims, "claims");
        return detail::returned_string(
            [&](char** out) { return jwt_encode_with_key(key_.get(), json, out); });
    }

    /// Signs `claims` under the caller's header, which must name this key's alg.
    [[nodiscard]] std::string encode(const std::string& header, const std::string& claims) const
    {
        const char* h = detail::c_str(header, "header");
        const char* json = detail::c_str(claims, "claims");
        return detail::returned_string(
            [&](char** out) { return jwt_encode_with_header(key_.get(), h, json, out); });
    }

    /// Verifies `token` (default validation) and returns its payload JSON.
    [[nodiscard]] std::string decode(const std::string& token) const
    {
        return decode_with(token, nullptr);
    }

    [[nodiscard]] std::string decode(const std::string& token, const Validation& v) const
    {
        return decode_with(token, v.get());
    }

    /// The C handle, still owned by this object.
    [[nodiscard]] const jwt_key* get() const noexcept { return key_.get(); }

private:
    explicit Key(jwt_key* k) noexcept : key_(k) {}

    std::string decode_with(const std::string& token, const jwt_validation* v) const
    {
        const char* t = detail::c_str(token, "token");
        return detail::returned_string(
            [&](char** out) { return jwt_decode_with_key(key_.get(), t, v, out); });
    }

    std::unique_ptr<jwt_key, detail::KeyFree> key_;
};

/// A claims object: the payload a token signs or a verified token's claims, with
/// the rules of a Python dict (jwt.h, jwt_claims_*). Setting a name again keeps
/// its position; to_json() is exactly json.dumps(d, separators=(",", ":")).
///
///   jwt_ffi::Claims c;
///   c.set_string("sub", user).set_strings("aud", {"api", "web"}).expires_in(600);
///   std::string token = c.encode(key);
///   auto verified = jwt_ffi::Claims::decode(key, token, v);   // throws jwt_ffi::Error
///   std::int64_t exp = verified.get_int("exp");
///
/// Copyable (a copy is jwt_claims_clone) and movable; a moved-from object holds
/// no handle and every call on it throws JWT_ERR_NULL_ARGUMENT. Getters return
/// copies (std::string may hold NUL). Thread-safety is the C library's: a const
/// Claims may be read and encoded by many threads at once.
class Claims {
public:
    /// An empty object, {}.
    Claims()
    {
        jwt_claims* c = nullptr;
        detail::check(jwt_claims_new(&c));
        c_.reset(c);
    }

    /// json.loads of a payload (what decoding accepts: an object, no repeated names).
    [[nodiscard]] static Claims parse(const std::string& payload_json)
    {
        jwt_claims* c = nullptr;
        detail::check(jwt_claims_parse(detail::c_str(payload_json, "payload"), &c));
        return Claims(c);
    }

    /// Verifies `token` with `key` (default validation) and returns its claims.
    [[nodiscard]] static Claims decode(const Key& key, const std::string& token)
    {
        return decode_with(key, token, nullptr);
    }

    [[nodiscard]] static Claims decode(const Key& key, const std::string& token,
                                       const Validation& v)
    {
        return decode_with(key, token, v.get());
    }

    Claims(const Claims& other)
    {
        jwt_claims* c = nullptr;
        detail::check(jwt_claims_clone(other.c_.get(), &c));
        c_.reset(c);
    }
    Claims& operator=(const Claims& other)
    {
        if (this != &other)
            *this = Claims(other);
        return *this;
    }
    Claims(Claims&&) noexcept = default;
    Claims& operator=(Claims&&) noexcept = default;
    ~Claims() = default;

    // Setters: d[name] = value; each returns *this, so calls chain.

    /// A string value; it may hold NUL (written \u0000) and never breaks out of
    /// its string, whatever it holds.
    Claims& set_string(const std::string& name, std::string_view value)
    {
        detail::check(jwt_claims_set_string_n(c_.get(), detail::c_str(name, "claim name"),
                                              value.data(), value.size()));
        return *this;
    }

    Claims& set_int(const std::string& name, std::int64_t value)
    {
        detail::check(jwt_claims_set_int(c_.get(), detail::c_str(name, "claim name"), value));
        return *this;
    }

    /// Throws JWT_ERR_INVALID_ARGUMENT for NaN and infinities.
    Claims& set_double(const std::string& name, double value)
    {
        detail::check(jwt_claims_set_double(c_.get(), detail::c_str(name, "claim name"), value));
        return *this;
    }

    Claims& set_bool(const std::string& name, bool value)
    {
        detail::check(jwt_claims_set_bool(c_.get(), detail::c_str(name, "claim name"), value));
        return *this;
    }

    Claims& set_null(const std::string& name)
    {
        detail::check(jwt_claims_set_null(c_.get(), detail::c_str(name, "claim name")));
        return *this;
    }

    /// Any JSON value, stored as json.loads reads it. Throws JWT_ERR_INVALID_JSON.
    Claims& set_json(const std::string& name, const std::string& json)
    {
        detail::check(jwt_claims_set_json(c_.get(), detail::c_str(name, "claim name"),
                                          detail::c_str(json, "json")));
        return *this;
    }

    /// An array of strings (aud, roles).
    Claims& set_strings(const std::string& name, const std::vector<std::string>& values)
    {
        std::vector<const char*> ptrs;
        ptrs.reserve(values.size());
        for (const std::string& v : values)
            ptrs.push_back(detail::c_str(v, "array element"));
        detail::check(jwt_claims_set_string_array(c_.get(), detail::c_str(name, "claim name"),
                                                  ptrs.data(), ptrs.size()));
        return *this;
    }

    /// exp = now + seconds.
    Claims& expires_in(std::int64_t seconds)
    {
        detail::check(jwt_claims_set_expires_in(c_.get(), seconds));
        return *this;
    }

    /// iat = now.
    Claims& issued_now()
    {
        detail::check(jwt_claims_set_issued_now(c_.get()));
        return *this;
    }

    /// del d[name]; throws JWT_ERR_MISSING_CLAIM when absent.
    Claims& remove(const std::string& name)
    {
        detail::check(jwt_claims_remove(c_.get(), detail::c_str(name, "claim name")));
        return *this;
    }

    // Getters: absent throws JWT_ERR_MISSING_CLAIM, another type JWT_ERR_INVALID_CLAIM
    // (what() says what was found: claim "exp" is a string, not an integer).

    [[nodiscard]] bool has(const std::string& name) const
    {
        return jwt_claims_has(c_.get(), detail::c_str(name, "claim name"));
    }

    [[nodiscard]] std::size_t size() const noexcept { return jwt_claims_count(c_.get()); }

    [[nodiscard]] std::string get_string(const std::string& name) const
    {
        return borrowed([&](const char** v, std::size_t* len) {
            return jwt_claims_get_string(c_.get(), detail::c_str(name, "claim name"), v, len);
        });
    }

    [[nodiscard]] std::int64_t get_int(const std::string& name) const
    {
        std::int64_t v = 0;
        detail::check(jwt_claims_get_int(c_.get(), detail::c_str(name, "claim name"), &v));
        return v;
    }

    [[nodiscard]] double get_double(const std::string& name) const
    {
        double v = 0;
        detail::check(jwt_claims_get_double(c_.get(), detail::c_str(name, "claim name"), &v));
        return v;
    }

    [[nodiscard]] bool get_bool(const std::string& name) const
    {
        bool v = false;
        detail::check(jwt_claims_get_bool(c_.get(), detail::c_str(name, "claim name"), &v));
        return v;
    }

    /// Any claim's value as JSON text.
    [[nodiscard]] std::string get_json(const std::string& name) const
    {
        return borrowed([&](const char** v, std::size_t* len) {
            return jwt_claims_get_json(c_.get(), detail::c_str(name, "claim name"), v, len);
        });
    }

    /// The strings of an array claim; a string claim is a one-element array
    /// (so aud reads the same in both of its forms).
    [[nodiscard]] std::vector<std::string> get_strings(const std::string& name) const
    {
        const char* n = detail::c_str(name, "claim name");
        std::size_t count = 0;
        detail::check(jwt_claims_array_len(c_.get(), n, &count));
        std::vector<std::string> out;
        out.reserve(count);
        for (std::size_t i = 0; i < count; ++i)
            out.push_back(borrowed([&](const char** v, std::size_t* len) {
                return jwt_claims_get_string_at(c_.get(), n, i, v, len);
            }));
        return out;
    }

    /// The names, in order.
    [[nodiscard]] std::vector<std::string> names() const
    {
        std::vector<std::string> out;
        for (std::size_t i = 0, n = size(); i < n; ++i)
            out.push_back(borrowed([&](const char** v, std::size_t* len) {
                return jwt_claims_name_at(c_.get(), i, v, len);
            }));
        return out;
    }

    /// The JSON this object signs.
    [[nodiscard]] std::string to_json() const
    {
        return detail::returned_string(
            [&](char** out) { return jwt_claims_to_json(c_.get(), out); });
    }

    /// Signs these claims with `key`: the token PyJWT makes for the same dict.
    [[nodiscard]] std::string encode(const Key& key) const
    {
        return detail::returned_string(
            [&](char** out) { return jwt_claims_encode(c_.get(), key.get(), out); });
    }

    /// The C handle, still owned by this object.
    [[nodiscard]] const jwt_claims* get() const noexcept { return c_.get(); }

private:
    explicit Claims(jwt_claims* c) noexcept : c_(c) {}

    static Claims decode_with(const Key& key, const std::string& token, const jwt_validation* v)
    {
        jwt_claims* c = nullptr;
        detail::check(
            jwt_claims_decode_with_key(key.get(), detail::c_str(token, "token"), v, &c));
        return Claims(c);
    }

    /// Copies a text a getter lends (valid until the object changes) into a std::string.
    template <class Call>
    static std::string borrowed(Call&& call)
    {
        const char* v = nullptr;
        std::size_t len = 0;
        detail::check(std::forward<Call>(call)(&v, &len));
        return std::string(v, len);
    }

    std::unique_ptr<jwt_claims, detail::ClaimsFree> c_;
};

/// A JWK Set (jwt_keyset_from_jwks): members that are not signature keys are
/// skipped (see skipped_reasons()); a token's kid and alg choose its key.
/// Immutable and thread-safe; to rotate, build a new one and swap a pointer.
class KeySet {
public:
    /// Throws jwt_ffi::Error(JWT_ERR_INVALID_KEY) for a broken or hostile set,
    /// or one without a usable key.
    explicit KeySet(const std::string& jwks)
    {
        jwt_keyset* s = nullptr;
        detail::check(jwt_keyset_from_jwks(detail::c_str(jwks, "jwks"), &s));
        set_.reset(s);
    }

    KeySet(KeySet&&) noexcept = default;
    KeySet& operator=(KeySet&&) noexcept = default;
    KeySet(const KeySet&) = delete;
    KeySet& operator=(const KeySet&) = delete;
    ~KeySet() = default;

    /// The number of usable keys (at least 1).
    [[nodiscard]] std::size_t size() const
    {
        std::size_t n = 0;
        detail::check(jwt_keyset_len(set_.get(), &n));
        return n;
    }

    /// How many members were skipped, and why (one line each).
    [[nodiscard]] std::size_t skipped() const
    {
        std::size_t n = 0;
        detail::check(jwt_keyset_skipped(set_.get(), &n));
        return n;
    }
    [[nodiscard]] std::string skipped_reasons() const
    {
        const char* r = nullptr;
        detail::check(jwt_keyset_skipped_reasons(set_.get(), &r));
        return r;
    }

    /// Key `i`'s kid, if it has one.
    [[nodiscard]] std::optional<std::string> kid(std::size_t i) const
    {
        const char* k = nullptr;
        detail::check(jwt_keyset_kid(set_.get(), i, &k));
        return k ? std::optional<std::string>(k) : std::nullopt;
    }
    [[nodiscard]] Alg alg(std::size_t i) const
    {
        jwt_alg a = JWT_ALG_HS256;
        detail::check(jwt_keyset_alg(set_.get(), i, &a));
        return static_cast<Alg>(a);
    }
    [[nodiscard]] std::string thumbprint(std::size_t i) const
    {
        return detail::returned_string(
            [&](char** out) { return jwt_keyset_thumbprint(set_.get(), i, out); });
    }

    /// Verifies `token` with the key its kid (and alg) choose; returns the payload.
    /// An unknown kid throws Error with status JWT_ERR_KEY_NOT_FOUND: refresh.
    [[nodiscard]] std::string decode(const std::string& token) const
    {
        return decode_with(token, nullptr);
    }
    [[nodiscard]] std::string decode(const std::string& token, const Validation& v) const
    {
        return decode_with(token, v.get());
    }

    /// The C handle, still owned by this object.
    [[nodiscard]] const jwt_keyset* get() const noexcept { return set_.get(); }

private:
    std::string decode_with(const std::string& token, const jwt_validation* v) const
    {
        const char* t = detail::c_str(token, "token");
        return detail::returned_string(
            [&](char** out) { return jwt_decode_with_keyset(set_.get(), t, v, out); });
    }

    std::unique_ptr<jwt_keyset, detail::KeySetFree> set_;
};

/// Signs `claims` as HS256 with `secret` (hashing the secret on every call;
/// prefer a Key for many tokens).
[[nodiscard]] inline std::string encode(const std::string& claims, std::string_view secret)
{
    const char* json = detail::c_str(claims, "claims");
    return detail::returned_string([&](char** out) {
        return jwt_encode(json, detail::bytes(secret), secret.size(), out);
    });
}

/// Verifies `token` with `secret` and returns its payload JSON.
[[nodiscard]] inline std::string decode(const std::string& token, std::string_view secret,
                                        const Validation& v)
{
    const char* t = detail::c_str(token, "token");
    return detail::returned_string([&](char** out) {
        return jwt_decode_with_secret(t, detail::bytes(secret), secret.size(), v.get(), out);
    });
}

[[nodiscard]] inline std::string decode(const std::string& token, std::string_view secret)
{
    const char* t = detail::c_str(token, "token");
    return detail::returned_string([&](char** out) {
        return jwt_decode_with_secret(t, detail::bytes(secret), secret.size(), nullptr, out);
    });
}

/// INSECURE: the payload WITHOUT checking the signature or algorithm (claims are
/// still checked as `v` says). See jwt_decode_unverified.
[[nodiscard]] inline std::string decode_unverified(const std::string& token, const Validation& v)
{
    const char* t = detail::c_str(token, "token");
    return detail::returned_string(
        [&](char** out) { return jwt_decode_unverified(t, v.get(), out); });
}

/// The token's header JSON, unverified (e.g. to read "kid" and pick a key).
[[nodiscard]] inline std::string decode_header(const std::string& token)
{
    const char* t = detail::c_str(token, "token");
    return detail::returned_string([&](char** out) { return jwt_decode_header(t, out); });
}

[[nodiscard]] inline std::string version() { return jwt_version(); }

} // namespace jwt_ffi

#endif // JWT_FFI_HPP
