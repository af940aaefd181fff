/* A tiny timing harness shared by the C benchmark programs (ours and libjwt),
 * with the method every contender of `make bench-compare` uses:
 *   warm up for 0.1 s; find a batch size whose batch lasts >= 5 ms; time 21
 *   batches; report the median batch time divided by the batch size.
 * Output lines are machine-readable for bench/compare.py:
 *   RESULT <tab> contender <tab> operation <tab> median ns per call
 * With BENCH_QUICK=1 in the environment each operation runs a few times and no
 * timing is printed: CI uses that to check the programs work.
 * Not a test: nothing here asserts a duration. */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_SAMPLES 21

static inline double bench_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static inline int bench_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static inline int bench_quick(void) {
  const char *q = getenv("BENCH_QUICK");
  return q != NULL && *q != '\0' && strcmp(q, "0") != 0;
}

typedef void (*bench_fn)(void *ctx);

/* Median ns per call of fn(ctx). */
static inline double bench_median_ns(bench_fn fn, void *ctx) {
  double start = bench_now_ns();
  while (bench_now_ns() - start < 1e8) fn(ctx);
  long batch = 1;
  for (;;) {
    double t0 = bench_now_ns();
    for (long i = 0; i < batch; i++) fn(ctx);
    if (bench_now_ns() - t0 >= 5e6) break;
    batch *= 2;
  }
  double samples[BENCH_SAMPLES];
  for (int s = 0; s < BENCH_SAMPLES; s++) {
    double t0 = bench_now_ns();
    for (long i = 0; i < batch; i++) fn(ctx);
    samples[s] = (bench_now_ns() - t0) / (double)batch;
  }
  qsort(samples, BENCH_SAMPLES, sizeof samples[0], bench_cmp);
  return samples[BENCH_SAMPLES / 2];
}

static inline void bench_report(const char *contender, const char *op, bench_fn fn, void *ctx) {
  if (bench_quick()) {
    for (int i = 0; i < 3; i++) fn(ctx);
    printf("ok\t%s\t%s\n", contender, op);
    return;
  }
  printf("RESULT\t%s\t%s\t%.1f\n", contender, op, bench_median_ns(fn, ctx));
  fflush(stdout);
}

static inline void bench_die(const char *what) {
  fprintf(stderr, "bench: %s\n", what);
  exit(1);
}

#endif
