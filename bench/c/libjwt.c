/* libjwt (Debian's libjwt-dev, 1.10 API) on the same operations as ours.c.
 * Signing: jwt_new, jwt_set_alg(HS256, secret), jwt_add_grants_json, jwt_encode_str.
 * Verifying: jwt_decode with the secret (signature and alg), then the claim
 * checks its 1.10 API leaves to the caller: exp against the real clock, iss
 * and aud for P2.
 * With $BENCH_KEYS (bench/keys.sh), the same for each asymmetric algorithm this
 * libjwt knows (jwt_str_alg; 1.10 has RS256 and ES256/384/512, no PS256 or
 * EdDSA): jwt_set_alg with the private PEM to sign, jwt_decode with the public
 * PEM to verify. Its API takes the PEM text on every call and parses it then. */
#include <errno.h>
#include <jwt.h>
#include <time.h>

#include "harness.h"
#include "keys.h"
#include "payloads.h"

#define SECRET_LEN ((int)(sizeof BENCH_SECRET - 1))

struct ctx {
  const char *json;
  const char *token;
  int p2;
  jwt_alg_t alg;                  /* asymmetric cells; HS256 otherwise */
  const unsigned char *key;       /* the PEM text, or the secret */
  int key_len;
};

static void check_claims(jwt_t *jwt, const struct ctx *c) {
  errno = 0;
  long exp = jwt_get_grant_int(jwt, "exp"); /* errno ENOENT: no exp */
  if (errno != ENOENT && exp <= (long)time(NULL)) bench_die("expired");
  if (c->p2) {
    const char *iss = jwt_get_grant(jwt, "iss"), *aud = jwt_get_grant(jwt, "aud");
    if (iss == NULL || strcmp(iss, BENCH_ISSUER) != 0) bench_die("iss");
    if (aud == NULL || strcmp(aud, BENCH_AUDIENCE) != 0) bench_die("aud");
  }
}

static void asym_encode(void *p) {
  struct ctx *c = p;
  jwt_t *jwt;
  if (jwt_new(&jwt) != 0) bench_die("jwt_new");
  if (jwt_set_alg(jwt, c->alg, c->key, c->key_len) != 0) bench_die("jwt_set_alg");
  if (jwt_add_grants_json(jwt, c->json) != 0) bench_die("jwt_add_grants_json");
  char *s = jwt_encode_str(jwt);
  if (s == NULL) bench_die("jwt_encode_str");
  free(s);
  jwt_free(jwt);
}

static void asym_verify(void *p) {
  struct ctx *c = p;
  jwt_t *jwt;
  if (jwt_decode(&jwt, c->token, c->key, c->key_len) != 0) bench_die("jwt_decode");
  if (jwt_get_alg(jwt) != c->alg) bench_die("alg");
  check_claims(jwt, c);
  jwt_free(jwt);
}

static void asym(void) {
  const char *names[2] = {"P1", "P2"};
  const char *json[2] = {BENCH_P1, BENCH_P2};
  for (size_t a = 0; a < BENCH_ASYM_N; a++) {
    jwt_alg_t alg = jwt_str_alg(BENCH_ASYM[a].alg);
    if (alg == JWT_ALG_INVAL) {
      printf("SKIP\tlibjwt " LIBJWT_VERSION "\t%s: not an algorithm of this libjwt\n",
             BENCH_ASYM[a].alg);
      continue;
    }
    size_t priv_len, pub_len;
    char *priv = bench_read_key(BENCH_ASYM[a].file, ".pem", &priv_len);
    char *pub = bench_read_key(BENCH_ASYM[a].file, ".pub.pem", &pub_len);
    for (int i = 0; i < 2; i++) {
      struct ctx sign = {json[i], NULL, i == 1, alg, (const unsigned char *)priv, (int)priv_len};
      jwt_t *jwt;
      if (jwt_new(&jwt) != 0 || jwt_set_alg(jwt, alg, sign.key, sign.key_len) != 0 ||
          jwt_add_grants_json(jwt, json[i]) != 0)
        bench_die("setup");
      char *token = jwt_encode_str(jwt);
      if (token == NULL) bench_die("jwt_encode_str");
      jwt_free(jwt);
      struct ctx verify = {json[i], token, i == 1, alg, (const unsigned char *)pub, (int)pub_len};
      asym_verify(&verify); /* dies unless it verifies */
      char op[32];
      snprintf(op, sizeof op, "%s %s encode", BENCH_ASYM[a].alg, names[i]);
      bench_report("libjwt " LIBJWT_VERSION, op, asym_encode, &sign);
      snprintf(op, sizeof op, "%s %s verify", BENCH_ASYM[a].alg, names[i]);
      bench_report("libjwt " LIBJWT_VERSION, op, asym_verify, &verify);
      free(token);
    }
    free(priv);
    free(pub);
  }
}

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
  check_claims(jwt, c);
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
    struct ctx c = {json[i], token, i == 1, JWT_ALG_HS256, NULL, 0};
    char op[32];
    snprintf(op, sizeof op, "%s encode", names[i]);
    bench_report("libjwt " LIBJWT_VERSION, op, encode, &c);
    snprintf(op, sizeof op, "%s verify", names[i]);
    bench_report("libjwt " LIBJWT_VERSION, op, verify, &c);
    free(token);
  }
  if (bench_keys_dir() != NULL) asym();
  return 0;
}
