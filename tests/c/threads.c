/*
 * threads.c (a test): one jwt_key and one jwt_validation shared by 8 threads.
 *
 *   ./threads [ITERATIONS_PER_THREAD]      (default 5000)
 *
 * Part 1: every thread signs and verifies its own distinct payloads with the
 * shared key and validation, alternating jwt_encode_with_key and
 * jwt_encode_into, and checks that each payload comes back byte for byte.
 *
 * Part 2: jwt_last_error() is per thread. Barriers make the calls interleave:
 * thread A fails (expired), then B fails differently (bad signature), then C
 * succeeds; each then checks its own message, and A checks again at the end.
 *
 * Exit status 0 when everything held; one line on stderr per problem.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jwt.h"

#define N_THREADS 8
#define SECRET "threads-test-secret-of-32+bytes!"
#define NOW 1700000000

struct shared {
    const jwt_key *key;
    const jwt_validation *validation;
    long iterations;
};

struct worker {
    const struct shared *shared;
    int id;
    long failures;
    long verified;
};

static void *round_trips(void *arg)
{
    struct worker *w = arg;
    const struct shared *s = w->shared;
    char claims[192];
    char buf[512];
    char *token = NULL;
    char *payload = NULL;
    size_t written;
    jwt_status st;
    long i;

    for (i = 0; i < s->iterations; i++) {
        int len = snprintf(claims, sizeof claims,
                           "{\"iss\":\"threads\",\"aud\":\"test\",\"sub\":\"t%d-%ld\","
                           "\"thread\":%d,\"i\":%ld,\"exp\":%d}",
                           w->id, i, w->id, i, NOW + 60);
        const char *tok;
        if (len < 0 || (size_t)len >= sizeof claims) {
            w->failures++;
            break;
        }
        if (i % 2 == 0) {
            st = jwt_encode_with_key(s->key, claims, &token);
            tok = token;
        } else {
            st = jwt_encode_into(s->key, claims, buf, sizeof buf, &written);
            tok = buf;
        }
        if (st != JWT_OK) {
            fprintf(stderr, "thread %d, iteration %ld: encode: %s: %s\n", w->id, i,
                    jwt_status_str(st), jwt_last_error());
            w->failures++;
            goto next;
        }
        st = jwt_decode_with_key(s->key, tok, s->validation, &payload);
        if (st != JWT_OK) {
            fprintf(stderr, "thread %d, iteration %ld: decode: %s: %s\n", w->id, i,
                    jwt_status_str(st), jwt_last_error());
            w->failures++;
        } else if (strcmp(payload, claims) != 0) {
            fprintf(stderr, "thread %d, iteration %ld: payload %s, expected %s\n", w->id, i,
                    payload, claims);
            w->failures++;
        } else if (jwt_last_error()[0] != '\0') {
            fprintf(stderr, "thread %d: jwt_last_error() not empty after a success\n", w->id);
            w->failures++;
        } else {
            w->verified++;
        }
    next:
        jwt_string_free(payload);
        payload = NULL;
        jwt_string_free(token);
        token = NULL;
    }
    return NULL;
}

/* ---- part 2: per-thread last error ---------------------------------------- */

struct errs {
    const struct shared *shared;
    pthread_barrier_t step;
    char *expired_token;  /* validly signed, exp in the past */
    char *tampered_token; /* signature altered */
    char *good_token;
    long failures;        /* written only by the thread that owns each check */
    long failures_b;
    long failures_c;
};

static int expect_message(const char *who, const char *want_substring, long *failures)
{
    const char *msg = jwt_last_error();
    if (want_substring[0] == '\0' ? msg[0] != '\0' : strstr(msg, want_substring) == NULL) {
        fprintf(stderr, "thread %s: jwt_last_error() is \"%s\", expected \"%s\"\n", who, msg,
                want_substring);
        (*failures)++;
        return 0;
    }
    return 1;
}

static void expect_status(const char *who, jwt_status got, jwt_status want, long *failures)
{
    if (got != want) {
        fprintf(stderr, "thread %s: status %d (%s), expected %d (%s)\n", who, (int)got,
                jwt_status_str(got), (int)want, jwt_status_str(want));
        (*failures)++;
    }
}

static void *thread_a(void *arg)
{
    struct errs *e = arg;
    char *payload = NULL;
    jwt_status st = jwt_decode_with_key(e->shared->key, e->expired_token, e->shared->validation,
                                        &payload);
    expect_status("A", st, JWT_ERR_EXPIRED, &e->failures);
    pthread_barrier_wait(&e->step); /* 1: A has failed; B now fails */
    pthread_barrier_wait(&e->step); /* 2: B has failed; C now succeeds */
    pthread_barrier_wait(&e->step); /* 3: all check their own message */
    expect_message("A", "token expired at 1700000000", &e->failures);
    pthread_barrier_wait(&e->step); /* 4: B succeeds now */
    pthread_barrier_wait(&e->step); /* 5 */
    expect_message("A", "token expired at 1700000000", &e->failures);
    jwt_string_free(payload);
    return NULL;
}

static void *thread_b(void *arg)
{
    struct errs *e = arg;
    char *payload = NULL;
    jwt_status st;
    pthread_barrier_wait(&e->step); /* 1 */
    st = jwt_decode_with_key(e->shared->key, e->tampered_token, e->shared->validation, &payload);
    expect_status("B", st, JWT_ERR_INVALID_SIGNATURE, &e->failures_b);
    pthread_barrier_wait(&e->step); /* 2 */
    pthread_barrier_wait(&e->step); /* 3 */
    expect_message("B", "signature verification failed", &e->failures_b);
    pthread_barrier_wait(&e->step); /* 4 */
    st = jwt_decode_with_key(e->shared->key, e->good_token, e->shared->validation, &payload);
    expect_status("B", st, JWT_OK, &e->failures_b);
    expect_message("B", "", &e->failures_b);
    pthread_barrier_wait(&e->step); /* 5 */
    jwt_string_free(payload);
    return NULL;
}

static void *thread_c(void *arg)
{
    struct errs *e = arg;
    char *payload = NULL;
    jwt_status st;
    pthread_barrier_wait(&e->step); /* 1 */
    pthread_barrier_wait(&e->step); /* 2 */
    st = jwt_decode_with_key(e->shared->key, e->good_token, e->shared->validation, &payload);
    expect_status("C", st, JWT_OK, &e->failures_c);
    pthread_barrier_wait(&e->step); /* 3 */
    expect_message("C", "", &e->failures_c);
    pthread_barrier_wait(&e->step); /* 4 */
    pthread_barrier_wait(&e->step); /* 5 */
    jwt_string_free(payload);
    return NULL;
}

int main(int argc, char **argv)
{
    struct shared shared = {NULL, NULL, 5000};
    struct worker workers[N_THREADS];
    pthread_t ids[N_THREADS];
    pthread_t abc[3];
    struct errs errs;
    jwt_key *key = NULL;
    jwt_validation *validation = NULL;
    int started = 0, barrier = 0, n_abc = 0;
    long failures = 0, verified = 0;
    jwt_status st;
    int i, rc = 1;

    memset(&errs, 0, sizeof errs);
    if (argc > 1) {
        char *end;
        shared.iterations = strtol(argv[1], &end, 10);
        if (*end != '\0' || shared.iterations < 1) {
            fprintf(stderr, "usage: threads [ITERATIONS_PER_THREAD]\n");
            goto cleanup;
        }
    }

    st = jwt_key_new(JWT_ALG_HS256, (const uint8_t *)SECRET, strlen(SECRET), &key);
    if (st == JWT_OK)
        st = jwt_validation_new(&validation);
    if (st == JWT_OK)
        st = jwt_validation_set_now(validation, NOW);
    if (st == JWT_OK)
        st = jwt_validation_set_audience(validation, "test");
    if (st == JWT_OK)
        st = jwt_validation_set_issuer(validation, "threads");
    if (st == JWT_OK)
        st = jwt_validation_require_claim(validation, "exp");
    if (st != JWT_OK) {
        fprintf(stderr, "setup: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    /* From here on, the key and the validation are only read, by every thread. */
    shared.key = key;
    shared.validation = validation;

    for (i = 0; i < N_THREADS; i++) {
        workers[i].shared = &shared;
        workers[i].id = i;
        workers[i].failures = 0;
        workers[i].verified = 0;
        if (pthread_create(&ids[i], NULL, round_trips, &workers[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            break;
        }
        started++;
    }
    for (i = 0; i < started; i++) {
        pthread_join(ids[i], NULL);
        failures += workers[i].failures;
        verified += workers[i].verified;
    }
    if (started < N_THREADS)
        goto cleanup;
    if (verified != N_THREADS * shared.iterations) {
        fprintf(stderr, "%ld of %ld round trips verified\n", verified,
                N_THREADS * shared.iterations);
        failures++;
    }

    /* Part 2. */
    errs.shared = &shared;
    st = jwt_encode_with_key(key,
                             "{\"iss\":\"threads\",\"aud\":\"test\",\"exp\":1700000000}",
                             &errs.expired_token);
    if (st == JWT_OK)
        st = jwt_encode_with_key(key, "{\"iss\":\"threads\",\"aud\":\"test\",\"exp\":1800000000}",
                                 &errs.good_token);
    if (st == JWT_OK)
        st = jwt_encode_with_key(key, "{\"iss\":\"threads\",\"aud\":\"test\",\"exp\":1800000001}",
                                 &errs.tampered_token);
    if (st != JWT_OK) {
        fprintf(stderr, "part 2 setup: %s: %s\n", jwt_status_str(st), jwt_last_error());
        goto cleanup;
    }
    {
        /* Alter the first character of the signature (any base64url change will do). */
        char *sig = strrchr(errs.tampered_token, '.') + 1;
        sig[0] = sig[0] == 'A' ? 'B' : 'A';
    }
    if (pthread_barrier_init(&errs.step, NULL, 3) != 0) {
        fprintf(stderr, "pthread_barrier_init failed\n");
        goto cleanup;
    }
    barrier = 1;
    if (pthread_create(&abc[0], NULL, thread_a, &errs) == 0)
        n_abc++;
    if (n_abc == 1 && pthread_create(&abc[1], NULL, thread_b, &errs) == 0)
        n_abc++;
    if (n_abc == 2 && pthread_create(&abc[2], NULL, thread_c, &errs) == 0)
        n_abc++;
    if (n_abc < 3) {
        /* The barrier would never open; nothing sensible is left to do. */
        fprintf(stderr, "pthread_create failed\n");
        exit(1);
    }
    for (i = 0; i < n_abc; i++)
        pthread_join(abc[i], NULL);
    failures += errs.failures + errs.failures_b + errs.failures_c;

    if (failures == 0) {
        printf("threads: %d threads, %ld tokens signed and verified with one key and one "
               "validation; jwt_last_error() is per thread\n",
               N_THREADS, verified);
        rc = 0;
    } else {
        fprintf(stderr, "threads: %ld failures\n", failures);
    }

cleanup:
    if (barrier)
        pthread_barrier_destroy(&errs.step);
    jwt_string_free(errs.expired_token);
    jwt_string_free(errs.good_token);
    jwt_string_free(errs.tampered_token);
    jwt_validation_free(validation);
    jwt_key_free(key);
    return rc;
}
