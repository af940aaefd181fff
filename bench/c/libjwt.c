/* libjwt (Debian's libjwt-dev, 1.10 API) on the same operations as ours.c.
 * Signing: jwt_new, jwt_set_alg(HS256, secret), jwt_add_grants_json, jwt_encode_str.
 * Verifying: jwt_decode with the secret (signature and alg), then the claim
 * checks its 1.10 API leaves to the caller: exp against the real clock, iss
 * and aud for P2. */
#include <errno.h>
#include <jwt.h>
#include <time.h>

#include "harness.h"
#include "payloads.h"

#define SECRET_LEN ((int)(sizeof BENCH_SECRET - 1))

struct ctx {
  const char *json;
  const char *token;
  int p2;
};

static void encode(void *p) {
  struct ctx *c = p;
  jwt_t *jwt;
  if (jwt_new(&jwt) != 0) bench_die("jwt_new");
  if (jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)BENCH_SECRET, SECRET_LEN) != 0)
    bench_die("jwt_set_alg");
  if (jwt_add_grants_json(jwt, c->json) != 0) bench_die("jwt_add_grants_json");
  char *s = jwt_encode_str(jwt);
  if (s == NULL) bench_die("jwt_encode_str");
  free(s);
  jwt_free(jwt);
}

static void verify(void *p) {
  struct ctx *c = p;
  jwt_t *jwt;
  if (jwt_decode(&jwt, c->token, (const unsigned char *)BENCH_SECRET, SECRET_LEN) != 0)
    bench_die("jwt_decode");
  if (jwt_get_alg(jwt) != JWT_ALG_HS256) bench_die("alg");
  errno = 0;
  long exp = jwt_get_grant_int(jwt, "exp"); /* errno ENOENT: no exp */
  if (errno != ENOENT && exp <= (long)time(NULL)) bench_die("expired");
  if (c->p2) {
    const char *iss = jwt_get_grant(jwt, "iss"), *aud = jwt_get_grant(jwt, "aud");
    if (iss == NULL || strcmp(iss, BENCH_ISSUER) != 0) bench_die("iss");
    if (aud == NULL || strcmp(aud, BENCH_AUDIENCE) != 0) bench_die("aud");
  }
  jwt_free(jwt);
}

int main(void) {
  const char *names[2] = {"P1", "P2"};
  const char *json[2] = {BENCH_P1, BENCH_P2};
  for (int i = 0; i < 2; i++) {
    jwt_t *jwt;
    if (jwt_new(&jwt) != 0 ||
        jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)BENCH_SECRET, SECRET_LEN) != 0 ||
        jwt_add_grants_json(jwt, json[i]) != 0)
      bench_die("setup");
    char *token = jwt_encode_str(jwt);
    jwt_free(jwt);
    struct ctx c = {json[i], token, i == 1};
    char op[32];
    snprintf(op, sizeof op, "%s encode", names[i]);
    bench_report("libjwt " LIBJWT_VERSION, op, encode, &c);
    snprintf(op, sizeof op, "%s verify", names[i]);
    bench_report("libjwt " LIBJWT_VERSION, op, verify, &c);
    free(token);
  }
  return 0;
}
