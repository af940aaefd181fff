/* The two halves of the coexistence program; each .c file sees one library's jwt.h. */
#ifndef COEXIST_H
#define COEXIST_H

#define COEXIST_SECRET "coexistence-secret-of-32-bytes!!"

/* with_ours.c (jwt-ffi). Results are malloc'ed copies, NULL on failure. */
char *ours_sign(const char *secret, const char *claims);
char *ours_verify(const char *token, const char *secret);

/* with_libjwt.c (libjwt 1.x). */
char *libjwt_sign(const char *secret, const char *sub);
int libjwt_verify_sub(const char *token, const char *secret, const char *sub);

#endif
