/* Calls one operation N times (argv: operation, N) so that valgrind's heap
 * summary over N and 2N calls gives the allocations per call as the difference
 * divided by N (bench/alloc-count.sh). Operations, all on P2 with a prepared key:
 *   encode_into, encode_with_key, decode_with_key (validation: aud, iss). */
#include "harness.h"
#include "jwt.h"
#include "payloads.h"

int main(int argc, char **argv) {
  if (argc != 3) bench_die("usage: alloc_count OPERATION N");
  const char *op = argv[1];
  long n = atol(argv[2]);
  jwt_key *key;
  jwt_validation *v;
  if (jwt_key_new(JWT_ALG_HS256, (const uint8_t *)BENCH_SECRET, sizeof BENCH_SECRET - 1, &key) != JWT_OK ||
      jwt_validation_new(&v) != JWT_OK || jwt_validation_set_audience(v, BENCH_AUDIENCE) != JWT_OK ||
      jwt_validation_set_issuer(v, BENCH_ISSUER) != JWT_OK)
    bench_die(jwt_last_error());
  char *token;
  if (jwt_encode_with_key(key, BENCH_P2, &token) != JWT_OK) bench_die(jwt_last_error());
  static char buf[1024];
  for (long i = 0; i < n; i++) {
    char *out = NULL;
    size_t written;
    jwt_status st;
    if (strcmp(op, "encode_into") == 0)
      st = jwt_encode_into(key, BENCH_P2, buf, sizeof buf, &written);
    else if (strcmp(op, "encode_with_key") == 0)
      st = jwt_encode_with_key(key, BENCH_P2, &out);
    else if (strcmp(op, "decode_with_key") == 0)
      st = jwt_decode_with_key(key, token, v, &out);
    else
      bench_die("unknown operation");
    if (st != JWT_OK) bench_die(jwt_last_error());
    jwt_string_free(out);
  }
  jwt_string_free(token);
  jwt_validation_free(v);
  jwt_key_free(key);
  return 0;
}
