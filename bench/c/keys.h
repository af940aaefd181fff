/* The asymmetric cells of `make bench-compare`: each algorithm and the files of
 * its key in $BENCH_KEYS (bench/keys.sh writes them: NAME.pem, a PKCS#8 private
 * key, and NAME.pub.pem, its SubjectPublicKeyInfo). Every contender signs with
 * the private PEM and verifies with the public one. */
#ifndef BENCH_KEYS_H
#define BENCH_KEYS_H

#include <stdio.h>
#include <stdlib.h>

struct bench_asym {
  const char *alg;  /* the JWS name, as RESULT lines carry it */
  const char *file; /* the key's base name in $BENCH_KEYS */
};

static const struct bench_asym BENCH_ASYM[] = {
    {"RS256", "rsa"},  {"PS256", "rsa"},  {"ES256", "p256"},
    {"ES384", "p384"}, {"ES512", "p521"}, {"EdDSA", "ed25519"},
};
#define BENCH_ASYM_N (sizeof BENCH_ASYM / sizeof BENCH_ASYM[0])

/* $BENCH_KEYS, or NULL: then the programs time HMAC only. */
static inline const char *bench_keys_dir(void) {
  const char *d = getenv("BENCH_KEYS");
  return d != NULL && *d != '\0' ? d : NULL;
}

/* The text of $BENCH_KEYS/<file><suffix> (malloc'd, NUL-terminated); *len its
 * length. Exits if it cannot be read. */
static inline char *bench_read_key(const char *file, const char *suffix, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s%s", bench_keys_dir(), file, suffix);
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "bench: cannot open %s\n", path);
    exit(1);
  }
  char *text = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n + 1024 + 1 > cap) {
      cap = cap ? cap * 2 : 4096;
      char *grown = realloc(text, cap);
      if (grown == NULL) exit(1);
      text = grown;
    }
    size_t got = fread(text + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  text[n] = '\0';
  *len = n;
  return text;
}

#endif
