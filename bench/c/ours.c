/* This library through its C ABI, timed as bench/compare.py compares it:
 * sign and verify P1 and P2 with a prepared key (jwt_key_new once), and the same
 * with the raw secret on every call (jwt_encode / jwt_decode_with_secret). Verification of
 * P2 checks exp and iat against the real clock, aud and iss.
 * With $BENCH_KEYS (bench/keys.sh), also RS256, PS256, ES256, ES384, ES512 and
 * EdDSA: the keys parsed once (jwt_key_from_pem: the private PEM signs, the
 * public PEM verifies), then jwt_encode_with_key / jwt_decode_with_key. */
#include "harness.h"
#include "jwt.h"
#include "keys.h"
#include "payloads.h"

#define SECRET_LEN (sizeof BENCH_SECRET - 1)

struct ctx {
  const char *json;
  const char *token;
  jwt_key *key;
  jwt_validation *v;
};

static void encode_with_key(void *p) {
  struct ctx *c = p;
  char *out;
  if (jwt_encode_with_key(c->key, c->json, &out) != JWT_OK) bench_die(jwt_last_error());
  jwt_string_free(out);
}

static void decode_with_key(void *p) {
  struct ctx *c = p;
  char *out;
  if (jwt_decode_with_key(c->key, c->token, c->v, &out) != JWT_OK) bench_die(jwt_last_error());
  jwt_string_free(out);
}

static void encode_secret(void *p) {
  struct ctx *c = p;
  char *out;
  if (jwt_encode(c->json, (const uint8_t *)BENCH_SECRET, SECRET_LEN, &out) != JWT_OK)
    bench_die(jwt_last_error());
  jwt_string_free(out);
}

static void decode_secret(void *p) {
  struct ctx *c = p;
  char *out;
  if (jwt_decode_with_secret(c->token, (const uint8_t *)BENCH_SECRET, SECRET_LEN, c->v, &out) != JWT_OK)
    bench_die(jwt_last_error());
  jwt_string_free(out);
}

static char buf[4096];
static void encode_into(void *p) {
  struct ctx *c = p;
  size_t n;
  if (jwt_encode_into(c->key, c->json, buf, sizeof buf, &n) != JWT_OK) bench_die(jwt_last_error());
}

static const jwt_alg ASYM_ALGS[BENCH_ASYM_N] = {
    JWT_ALG_RS256, JWT_ALG_PS256, JWT_ALG_ES256, JWT_ALG_ES384, JWT_ALG_ES512, JWT_ALG_EDDSA,
};

static jwt_key *asym_key(size_t i, const char *suffix) {
  size_t len;
  char *pem = bench_read_key(BENCH_ASYM[i].file, suffix, &len);
  jwt_key *key;
  if (jwt_key_from_pem(ASYM_ALGS[i], pem, len, &key) != JWT_OK) bench_die(jwt_last_error());
  free(pem);
  return key;
}

static void asym(jwt_validation *v2) {
  const char *names[2] = {"P1", "P2"};
  const char *json[2] = {BENCH_P1, BENCH_P2};
  jwt_validation *vs[2] = {NULL, v2};
  for (size_t a = 0; a < BENCH_ASYM_N; a++) {
    jwt_key *signer = asym_key(a, ".pem"), *verifier = asym_key(a, ".pub.pem");
    for (int i = 0; i < 2; i++) {
      char *token, *payload;
      if (jwt_encode_with_key(signer, json[i], &token) != JWT_OK) bench_die(jwt_last_error());
      if (jwt_decode_with_key(verifier, token, vs[i], &payload) != JWT_OK) bench_die(jwt_last_error());
      if (strcmp(payload, json[i]) != 0) bench_die("the verified payload differs from the signed one");
      jwt_string_free(payload);
      struct ctx sign = {json[i], token, signer, vs[i]}, verify = {json[i], token, verifier, vs[i]};
      char op[32];
      snprintf(op, sizeof op, "%s %s encode", BENCH_ASYM[a].alg, names[i]);
      bench_report("jwt-ffi", op, encode_with_key, &sign);
      snprintf(op, sizeof op, "%s %s verify", BENCH_ASYM[a].alg, names[i]);
      bench_report("jwt-ffi", op, decode_with_key, &verify);
      jwt_string_free(token);
    }
    jwt_key_free(signer);
    jwt_key_free(verifier);
  }
}

int main(void) {
  jwt_key *key;
  if (jwt_key_new(JWT_ALG_HS256, (const uint8_t *)BENCH_SECRET, SECRET_LEN, &key) != JWT_OK)
    bench_die(jwt_last_error());
  jwt_validation *v2;
  if (jwt_validation_new(&v2) != JWT_OK || jwt_validation_set_audience(v2, BENCH_AUDIENCE) != JWT_OK ||
      jwt_validation_set_issuer(v2, BENCH_ISSUER) != JWT_OK)
    bench_die(jwt_last_error());

  const char *names[2] = {"P1", "P2"};
  const char *json[2] = {BENCH_P1, BENCH_P2};
  jwt_validation *vs[2] = {NULL, v2}; /* P1: the defaults */
  for (int i = 0; i < 2; i++) {
    char *token;
    if (jwt_encode_with_key(key, json[i], &token) != JWT_OK) bench_die(jwt_last_error());
    char *payload;
    if (jwt_decode_with_key(key, token, vs[i], &payload) != JWT_OK) bench_die(jwt_last_error());
    if (strcmp(payload, json[i]) != 0) bench_die("the verified payload differs from the signed one");
    jwt_string_free(payload);
    struct ctx c = {json[i], token, key, vs[i]};
    char op[32];
    snprintf(op, sizeof op, "%s encode", names[i]);
    bench_report("jwt-ffi", op, encode_with_key, &c);
    bench_report("jwt-ffi (raw secret per call)", op, encode_secret, &c);
    bench_report("jwt-ffi (jwt_encode_into)", op, encode_into, &c);
    snprintf(op, sizeof op, "%s verify", names[i]);
    bench_report("jwt-ffi", op, decode_with_key, &c);
    bench_report("jwt-ffi (raw secret per call)", op, decode_secret, &c);
    jwt_string_free(token);
  }
  if (bench_keys_dir() != NULL) asym(v2);
  jwt_validation_free(v2);
  jwt_key_free(key);
  return 0;
}
