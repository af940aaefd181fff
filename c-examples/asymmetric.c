/*
 * asymmetric.c: sign with a private key, verify with its public key (RS256, ES256).
 *
 * The keys are the published ones of RFC 7515 Appendix A.2 (RSA, 2048 bits) and
 * A.3 (EC P-256), as JWKs; each public key is the same JWK without its private
 * members. A real program reads its keys from files: jwt_key_from_pem takes a
 * PEM document (PKCS#8, SEC1, PKCS#1, SubjectPublicKeyInfo or a certificate).
 *
 * RS256 (RSASSA-PKCS1-v1_5) is deterministic, so its token is printed whole and
 * tests/c/expected/derive.py recomputes it; ES256 signatures are randomised, so
 * only the verification and the payload are printed for it.
 */
#include <stdbool.h>
#include <stdio.h>

#include "jwt.h"

/* RFC 7515 A.2: the RSA key. The public JWK is kty, e and n; the private one adds
 * d, p, q, dp, dq and qi. */
#define RSA_PUBLIC_MEMBERS \
    "\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" \
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp" \
    "-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOW" \
    "vG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUs" \
    "LA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9k" \
    "G4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2" \
    "PAcDTW9gb54h4FRWyuXpoQ" \
    "\""
#define RSA_PRIVATE_MEMBERS \
    ",\"d\":\"" \
    "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_G" \
    "Q5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKV" \
    "RUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9J" \
    "YanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoF" \
    "aFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjn" \
    "czT0QU91p1DhOVRuOopznQ" \
    "\"" \
    ",\"p\":\"" \
    "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBds" \
    "s1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ" \
    "5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc" \
    "\"" \
    ",\"q\":\"" \
    "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHA" \
    "jLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLt" \
    "XlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc" \
    "\"" \
    ",\"dp\":\"" \
    "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE" \
    "2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_" \
    "YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0" \
    "\"" \
    ",\"dq\":\"" \
    "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDo" \
    "RwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGN" \
    "pmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU" \
    "\"" \
    ",\"qi\":\"" \
    "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0Em" \
    "pScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1c" \
    "q9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U" \
    "\""
#define RSA_PUBLIC_JWK "{" RSA_PUBLIC_MEMBERS "}"
#define RSA_PRIVATE_JWK "{" RSA_PUBLIC_MEMBERS RSA_PRIVATE_MEMBERS "}"

/* RFC 7515 A.3: the P-256 key; the private JWK adds d. */
#define EC_PUBLIC_MEMBERS                                                      \
    "\"kty\":\"EC\",\"crv\":\"P-256\","                                        \
    "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","                   \
    "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\""
#define EC_PUBLIC_JWK "{" EC_PUBLIC_MEMBERS "}"
#define EC_PRIVATE_JWK                                                         \
    "{" EC_PUBLIC_MEMBERS ",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}"

static void show_failure(const char *what, jwt_status st)
{
    fprintf(stderr, "%s: %s: %s\n", what, jwt_status_str(st), jwt_last_error());
}

int main(void)
{
    jwt_key *rsa_private = NULL, *rsa_public = NULL;
    jwt_key *ec_private = NULL, *ec_public = NULL;
    jwt_claims *claims = NULL;
    char *rs256_token = NULL, *rs256_payload = NULL;
    char *es256_token = NULL, *es256_payload = NULL;
    char *wrong_payload = NULL;
    bool can_sign = true;
    jwt_status st;
    int rc = 1;

    /* The algorithm comes with the key: a JWK without "alg" is inferred as PyJWK
     * does (RSA: RS256, P-256: ES256). */
    st = jwt_key_from_jwk(RSA_PRIVATE_JWK, &rsa_private);
    if (st == JWT_OK)
        st = jwt_key_from_jwk(RSA_PUBLIC_JWK, &rsa_public);
    if (st == JWT_OK)
        st = jwt_key_from_jwk(EC_PRIVATE_JWK, &ec_private);
    if (st == JWT_OK)
        st = jwt_key_from_jwk(EC_PUBLIC_JWK, &ec_public);
    if (st != JWT_OK) {
        show_failure("jwt_key_from_jwk", st);
        goto cleanup;
    }
    /* A public key only verifies. */
    st = jwt_key_is_private(rsa_public, &can_sign);
    if (st != JWT_OK) {
        show_failure("jwt_key_is_private", st);
        goto cleanup;
    }
    printf("RSA public key can sign: %s\n", can_sign ? "yes" : "no");

    /* One claims object, signed with both private keys. */
    st = jwt_claims_new(&claims);
    if (st == JWT_OK)
        st = jwt_claims_set_string(claims, "iss", "example.com");
    if (st == JWT_OK)
        st = jwt_claims_set_string(claims, "sub", "alice");
    if (st == JWT_OK)
        st = jwt_claims_encode(claims, rsa_private, &rs256_token);
    if (st == JWT_OK)
        st = jwt_claims_encode(claims, ec_private, &es256_token);
    if (st != JWT_OK) {
        show_failure("claims", st);
        goto cleanup;
    }

    /* Verify each with the public key (NULL validation: the defaults; the token's
     * alg must be the key's). */
    printf("RS256 token: %s\n", rs256_token);
    st = jwt_decode_with_key(rsa_public, rs256_token, NULL, &rs256_payload);
    if (st != JWT_OK) {
        show_failure("RS256 verify", st);
        goto cleanup;
    }
    printf("RS256 token verified: yes\n  payload: %s\n", rs256_payload);

    st = jwt_decode_with_key(ec_public, es256_token, NULL, &es256_payload);
    if (st != JWT_OK) {
        show_failure("ES256 verify", st);
        goto cleanup;
    }
    printf("ES256 token verified: yes\n  payload: %s\n", es256_payload);

    /* The key decides the algorithm, never the token: an RS256 token is refused by
     * the EC key before any signature is checked. */
    st = jwt_decode_with_key(ec_public, rs256_token, NULL, &wrong_payload);
    if (st == JWT_OK) {
        fprintf(stderr, "asymmetric: the EC key accepted an RS256 token\n");
        goto cleanup;
    }
    printf("RS256 token with the ES256 key: status %d (%s)\n", (int)st, jwt_status_str(st));

    rc = 0;

cleanup:
    jwt_string_free(wrong_payload);
    jwt_string_free(es256_payload);
    jwt_string_free(es256_token);
    jwt_string_free(rs256_payload);
    jwt_string_free(rs256_token);
    jwt_claims_free(claims);
    jwt_key_free(ec_public);
    jwt_key_free(ec_private);
    jwt_key_free(rsa_public);
    jwt_key_free(rsa_private);
    return rc;
}
