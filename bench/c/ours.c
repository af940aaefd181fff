/* This library through its C ABI, timed as bench/compare.py compares it:
 * sign and verify P1 and P2 with a prepared key (jwt_key_new once), and the same
 * with the raw secret on every call (jwt_encode / jwt_decode_with_secret). Verification of
 * P2 checks exp and iat against the real clock, aud and iss. */
#include "harness.h"
#include "jwt.h"
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
  jwt_validation_free(v2);
  jwt_key_free(key);
  return 0;
}
