/* Key rotation with a JWK Set: threads verify tokens against the current set
 * while the main thread reloads the JWKS file and swaps in a new set.
 *
 * A jwt_keyset never changes, so verifying needs no lock; the only shared
 * state is which set is current. A mutex guards that pointer and a reference
 * count per set, held only to take or drop a reference: a verifying thread
 * takes one, verifies without any lock, and drops it; the last reference frees
 * the set, so an old set lives exactly as long as someone still uses it. The
 * new set is built outside the lock: a slow or broken JWKS never blocks
 * verification, and a set that fails to import leaves the old one in place.
 *
 * The keys here are HMAC (oct) keys so that the example needs no key files; an
 * identity provider's RS256 or ES256 set is used the same way.
 *
 *   cc -Iinclude c-examples/keyset_rotation.c -Ltarget/release -ljwt_ffi -lpthread
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jwt.h"

#define THREADS 4

/* A set and the number of references to it (the "current" slot holds one). */
struct shared_set { jwt_keyset *set; int refs; };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct shared_set *current; /* guarded by lock */
static int stop;                   /* guarded by lock */
static char *tokens[2];     /* signed with k1 and k2; read-only while threads run */

struct counts { long ok, not_found, other; };

/* Takes a reference to the current set (NULL once told to stop). */
static struct shared_set *acquire(void) {
    pthread_mutex_lock(&lock);
    struct shared_set *s = stop ? NULL : current;
    if (s) s->refs++;
    pthread_mutex_unlock(&lock);
    return s;
}

/* Drops a reference; the last one frees the set. */
static void release(struct shared_set *s) {
    pthread_mutex_lock(&lock);
    int last = s && --s->refs == 0;
    pthread_mutex_unlock(&lock);
    if (last) {
        jwt_keyset_free(s->set);
        free(s);
    }
}

static void *verifier(void *arg) {
    struct counts *c = arg;
    for (long i = 0;; i++) {
        char *payload = NULL;
        struct shared_set *s = acquire();
        if (!s) return NULL;
        jwt_status st = jwt_decode_with_keyset(s->set, tokens[i % 2], NULL, &payload);
        release(s);
        if (st == JWT_OK) c->ok++;
        else if (st == JWT_ERR_KEY_NOT_FOUND) c->not_found++; /* cue to refresh */
        else c->other++;
        jwt_string_free(payload);
    }
}

/* Writes a JWKS document to path (what a JWKS endpoint would serve). */
static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int bad = fputs(text, f) < 0;
    return (fclose(f) != 0 || bad) ? -1 : 0;
}

/* Reads path, builds a new set and makes it current; the old one is freed by
 * its last user. */
static jwt_status reload(const char *path) {
    static char buf[1 << 20]; /* jwt_keyset_from_jwks refuses more than 1 MiB */
    FILE *f = fopen(path, "r");
    if (!f) return JWT_ERR_INVALID_ARGUMENT;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    struct shared_set *fresh = malloc(sizeof *fresh), *old;
    if (!fresh) return JWT_ERR_INTERNAL;
    fresh->refs = 1;
    jwt_status st = jwt_keyset_from_jwks(buf, &fresh->set);
    if (st != JWT_OK) { /* keep verifying with the old set */
        free(fresh);
        return st;
    }
    pthread_mutex_lock(&lock);
    old = current;
    current = fresh;
    pthread_mutex_unlock(&lock);
    release(old); /* the current slot's reference */
    return JWT_OK;
}

static void pause_ms(long ms) {
    struct timespec t = {0, ms * 1000000L};
    nanosleep(&t, NULL);
}

int main(void) {
    /* k: base64url of the two secrets below. */
    const char *k1 = "{\"kty\":\"oct\",\"alg\":\"HS256\",\"kid\":\"k1\","
                     "\"k\":\"Zmlyc3Qgc2VjcmV0IG9mIHRoZSByb3RhdGlvbiBleGFtcGxl\"}";
    const char *k2 = "{\"kty\":\"oct\",\"alg\":\"HS256\",\"kid\":\"k2\","
                     "\"k\":\"c2Vjb25kIHNlY3JldCBvZiB0aGUgcm90YXRpb24gZXhhbXBsZQ\"}";
    char path[] = "/tmp/jwks-XXXXXX", doc[1024];
    pthread_t threads[THREADS];
    struct counts counts[THREADS] = {{0, 0, 0}};
    int started = 0, fd = mkstemp(path), rc = 1;
    jwt_key *signer = NULL;
    char *payload = NULL;
    if (fd < 0) { perror("mkstemp"); return 1; }
    close(fd);

    /* The issuer signs with k1 now, and will sign with k2 after the rotation. */
    if (jwt_key_new(JWT_ALG_HS256, (const uint8_t *)"first secret of the rotation example", 36, &signer) ||
        jwt_encode_with_header(signer, "{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{\"sub\":\"alice\"}", &tokens[0]))
        goto cleanup;
    jwt_key_free(signer);
    signer = NULL;
    if (jwt_key_new(JWT_ALG_HS256, (const uint8_t *)"second secret of the rotation example", 37, &signer) ||
        jwt_encode_with_header(signer, "{\"alg\":\"HS256\",\"kid\":\"k2\"}", "{\"sub\":\"bob\"}", &tokens[1]))
        goto cleanup;

    /* 1. The endpoint publishes k1 only. */
    snprintf(doc, sizeof doc, "{\"keys\":[%s]}", k1);
    if (write_file(path, doc) || reload(path)) goto cleanup;
    for (; started < THREADS; started++)
        if (pthread_create(&threads[started], NULL, verifier, &counts[started])) goto cleanup;
    pause_ms(50);
    /* 2. It adds k2 ahead of use, then 3. retires k1. */
    snprintf(doc, sizeof doc, "{\"keys\":[%s,%s]}", k1, k2);
    if (write_file(path, doc) || reload(path)) goto cleanup;
    pause_ms(50);
    snprintf(doc, sizeof doc, "{\"keys\":[%s]}", k2);
    if (write_file(path, doc) || reload(path)) goto cleanup;
    pause_ms(50);
    /* A broken document changes nothing: the set in use stays. */
    if (write_file(path, "{\"keys\":[\"not a key\"]}")) goto cleanup;
    printf("broken JWKS refused: %s\n", reload(path) == JWT_OK ? "no" : jwt_last_error());
    rc = 0;

cleanup:
    pthread_mutex_lock(&lock);
    stop = 1;
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        printf("thread %d: %s\n", i, counts[i].other ? "unexpected failures" : "ok");
        if (counts[i].other) rc = 1;
    }
    if (rc == 0) {
        /* Now: k1's token names an unknown kid (refresh, or refuse), k2's verifies. */
        jwt_status st = jwt_decode_with_keyset(current->set, tokens[0], NULL, &payload);
        printf("k1 token: %s (%s)\n", jwt_status_str(st), jwt_last_error());
        st = jwt_decode_with_keyset(current->set, tokens[1], NULL, &payload);
        printf("k2 token: %s %s\n", jwt_status_str(st), payload ? payload : "");
        if (st != JWT_OK) rc = 1;
    } else {
        fprintf(stderr, "failed: %s\n", jwt_last_error());
    }
    jwt_string_free(payload);
    jwt_string_free(tokens[0]);
    jwt_string_free(tokens[1]);
    jwt_key_free(signer);
    release(current);
    unlink(path);
    return rc;
}
