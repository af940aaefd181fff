/* One process, both libraries: the migration this library must survive. A program
 * still on libjwt 1.x (with_libjwt.c, compiled against libjwt's /usr/include/jwt.h)
 * gains a module built on jwt-ffi (with_ours.c, compiled against jwt_ffi/jwt.h), and
 * is linked with -ljwt before -ljwt_ffi. Each side signs, the other verifies; a
 * tampered token is refused by both. Exit status 0 when everything held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coexist.h"

int main(void)
{
    int failures = 0;
    char *ours = ours_sign(COEXIST_SECRET, "{\"sub\":\"coexist\",\"n\":1}");
    char *theirs = libjwt_sign(COEXIST_SECRET, "coexist");
    if (ours == NULL || theirs == NULL) {
        fprintf(stderr, "signing failed\n");
        return 1;
    }

    if (libjwt_verify_sub(ours, COEXIST_SECRET, "coexist") != 0) {
        fprintf(stderr, "libjwt did not verify jwt-ffi's token\n");
        failures++;
    } else {
        printf("libjwt's jwt_decode verified jwt-ffi's token\n");
    }
    char *payload = ours_verify(theirs, COEXIST_SECRET);
    if (payload == NULL || strstr(payload, "\"sub\":\"coexist\"") == NULL) {
        fprintf(stderr, "jwt-ffi did not verify libjwt's token: %s\n", payload ? payload : "(none)");
        failures++;
    } else {
        printf("jwt-ffi's jwt_decode_with_secret verified libjwt's token: %s\n", payload);
    }
    free(payload);

    /* One changed signature character: both must refuse. */
    size_t n = strlen(ours);
    ours[n - 2] = ours[n - 2] == 'A' ? 'B' : 'A';
    n = strlen(theirs);
    theirs[n - 2] = theirs[n - 2] == 'A' ? 'B' : 'A';
    if (libjwt_verify_sub(ours, COEXIST_SECRET, "coexist") == 0) {
        fprintf(stderr, "libjwt accepted a tampered token\n");
        failures++;
    }
    payload = ours_verify(theirs, COEXIST_SECRET);
    if (payload != NULL) {
        fprintf(stderr, "jwt-ffi accepted a tampered token\n");
        free(payload);
        failures++;
    }
    if (failures == 0) printf("both refused a tampered token\n");
    free(ours);
    free(theirs);
    return failures == 0 ? 0 : 1;
}
