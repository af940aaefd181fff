/*
 * jwt-tool: mint, inspect and verify JSON Web Tokens from a shell.
 *
 *   jwt-tool encode --secret-file key.txt --sub alice --aud api --exp-in 30m
 *   jwt-tool inspect "$TOKEN"
 *   jwt-tool verify --secret-file key.txt --aud api "$TOKEN"
 *
 * `jwt-tool --help`, `jwt-tool COMMAND --help` and `man jwt-tool` say everything.
 * Claims are built through the library's claims object (jwt_claims_*), so no value
 * given on the command line can inject JSON; the tool's own JSON code only reads
 * and re-indents JSON that the library has already validated.
 *
 * Each command is one function with one exit path (`cleanup:`) that frees what
 * was made; secrets are wiped before their memory is released.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "jwt.h"

/* Exit statuses besides 0; those of the library are EXIT_LIBRARY + jwt_status. */
#define EXIT_USAGE 64    /* sysexits.h EX_USAGE: the command line is wrong */
#define EXIT_DATAERR 65  /* EX_DATAERR: input text holds a NUL byte, or is too large */
#define EXIT_NOINPUT 66  /* EX_NOINPUT: a file, variable, terminal or stdin unreadable */
#define EXIT_IOERR 74    /* EX_IOERR: the output cannot be written */
#define EXIT_LIBRARY 10

#define INPUT_LIMIT ((size_t)64 << 20) /* bytes read from any file or stdin */
#define MAX_AUD 64                   /* --aud values per token */

/* Every status the tool can exit with, for --help (the man page lists the same). */
static const struct {
    int code;
    const char *meaning;
} EXIT_CODES[] = {
    {0, "success; verify: the token was accepted"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_UTF8, "a token, claims or header JSON is not UTF-8"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_JSON, "encode: the claims or --header JSON is not JSON"},
    {EXIT_LIBRARY + JWT_ERR_NOT_AN_OBJECT, "encode: the claims or --header JSON is not an object"},
    {EXIT_LIBRARY + JWT_ERR_DUPLICATE_CLAIM, "a member name repeats (claims, header or token)"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_KEY, "the key is unusable (e.g. an empty secret)"},
    {EXIT_LIBRARY + JWT_ERR_MALFORMED_TOKEN, "the token is malformed or longer than --max-len"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_SIGNATURE, "verify: the signature is invalid (wrong key?)"},
    {EXIT_LIBRARY + JWT_ERR_ALGORITHM_NOT_ALLOWED, "the algorithm is not allowed (--alg)"},
    {EXIT_LIBRARY + JWT_ERR_EXPIRED, "verify: expired (exp; --leeway, --now)"},
    {EXIT_LIBRARY + JWT_ERR_NOT_YET_VALID, "verify: not valid yet (nbf; --leeway, --now)"},
    {EXIT_LIBRARY + JWT_ERR_ISSUED_IN_FUTURE, "verify: issued in the future (iat; --leeway)"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_AUDIENCE, "verify: wrong or unexpected audience (--aud)"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_ISSUER, "verify: wrong issuer (--iss)"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_SUBJECT, "verify: wrong subject (--sub)"},
    {EXIT_LIBRARY + JWT_ERR_MISSING_CLAIM, "verify: a required claim is missing (--require)"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_CLAIM, "verify: exp/nbf/iat not a number, jti not a string"},
    {EXIT_LIBRARY + JWT_ERR_INTERNAL, "internal error or out of memory (please report)"},
    {EXIT_LIBRARY + JWT_ERR_INVALID_ARGUMENT, "verify: more than 64 --require names"},
    {EXIT_LIBRARY + JWT_ERR_KEY_NOT_FOUND, "verify --jwks: no key for the token's kid"},
    {EXIT_USAGE, "usage error: unknown option, missing or bad value"},
    {EXIT_DATAERR, "input text holds a NUL byte, or an input is over 64 MiB"},
    {EXIT_NOINPUT, "cannot read a file, --secret-env variable, terminal or stdin"},
    {EXIT_IOERR, "cannot write the output"},
};

/* ---- errors --------------------------------------------------------------- */

/* Writes `s` to stderr with control characters escaped, so that a message about
 * a hostile file name or token stays one line and cannot drive the terminal. */
static void put_safe(const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
}

static int verrf(int code, const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    fputs("jwt-tool: ", stderr);
    put_safe(line);
    fputc('\n', stderr);
    return code;
}

/* Prints "jwt-tool: MESSAGE" as one line on stderr and returns `code`. */
static int errf(int code, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = verrf(code, fmt, ap);
    va_end(ap);
    return rc;
}

static const char *current_command = NULL; /* for usage messages */

static int usage(const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (current_command != NULL)
        return errf(EXIT_USAGE, "%s: %s (see 'jwt-tool %s --help')", current_command, msg,
                    current_command);
    return errf(EXIT_USAGE, "%s (see 'jwt-tool --help')", msg);
}

/* A failed library call, as "WHAT: <status>: <detail>". Must run before any other
 * call into the library on this thread, which would replace jwt_last_error(). */
static int lib_error(jwt_status st, const char *what)
{
    return errf(EXIT_LIBRARY + (int)st, "%s: %s: %s", what, jwt_status_str(st), jwt_last_error());
}

static void out_of_memory(void)
{
    fputs("jwt-tool: out of memory\n", stderr);
    exit(EXIT_LIBRARY + (int)JWT_ERR_INTERNAL);
}

/* ---- growable buffers ------------------------------------------------------ */

struct buf {
    char *p;
    size_t len, cap;
    int secret; /* wipe the old memory when growing and when freed */
};

static void wipe(void *p, size_t n)
{
    volatile unsigned char *b = p;
    while (n--)
        *b++ = 0;
}

/* Room for `extra` more bytes plus a NUL. Exits on out of memory. */
static void buf_reserve(struct buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (extra > SIZE_MAX / 2 - b->len - 1)
        out_of_memory();
    need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    cap = b->cap < 256 ? 256 : b->cap;
    while (cap < need)
        cap *= 2;
    p = malloc(cap);
    if (p == NULL)
        out_of_memory();
    if (b->p != NULL) {
        memcpy(p, b->p, b->len + 1);
        if (b->secret)
            wipe(b->p, b->cap);
        free(b->p);
    } else {
        p[0] = '\0';
    }
    b->p = p;
    b->cap = cap;
}

static void buf_add(struct buf *b, const void *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_str(struct buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_fmt(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    char probe[1];
    int n;
    va_start(ap, fmt);
    n = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory();
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void buf_free(struct buf *b)
{
    if (b->p != NULL && b->secret)
        wipe(b->p, b->cap);
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* ---- input ----------------------------------------------------------------- */

static int stdin_taken = 0; /* stdin can feed one input only */

/* Reads `fd` to its end into `b`, NUL-terminated: 0, or an errno value (EFBIG past
 * INPUT_LIMIT). */
static int read_fd(int fd, struct buf *b)
{
    for (;;) {
        ssize_t n;
        buf_reserve(b, 65536);
        n = read(fd, b->p + b->len, b->cap - b->len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            break;
        b->len += (size_t)n;
        b->p[b->len] = '\0';
        if (b->len > INPUT_LIMIT)
            return EFBIG;
    }
    if (b->p == NULL)
        buf_reserve(b, 0);
    b->p[b->len] = '\0';
    return 0;
}

/* Reads file `path` ("-": standard input) into `b`. `what` names it in errors
 * ("the secret file"). Returns 0 or an exit status, the error reported. */
static int read_file(const char *path, const char *what, struct buf *b)
{
    struct stat st;
    int fd, e, from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "standard input" : path;

    if (from_stdin) {
        if (stdin_taken)
            return usage("standard input ('-') can be used for one input only");
        stdin_taken = 1;
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return errf(EXIT_NOINPUT, "cannot open %s %s: %s", what, name, strerror(errno));
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        e = EISDIR;
    } else {
        e = read_fd(fd, b);
    }
    if (!from_stdin)
        close(fd);
    if (e == EFBIG)
        return errf(EXIT_DATAERR, "%s %s is larger than %zu MiB", what, name, INPUT_LIMIT >> 20);
    if (e != 0)
        return errf(EXIT_NOINPUT, "cannot read %s %s: %s", what, name, strerror(e));
    return 0;
}

/* Text (JSON, a token) must not hold NUL, which C strings cannot carry. */
static int no_nul(const struct buf *b, const char *what)
{
    if (strlen(b->p) != b->len)
        return errf(EXIT_DATAERR, "%s holds a NUL byte at offset %zu", what, strlen(b->p));
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* strncasecmp for ASCII words, whatever the locale. */
static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
        int y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
        if (x != y || x == 0)
            return x - y;
    }
    return 0;
}

/* The token of an argument ("-": standard input), without surrounding whitespace
 * and an "Authorization:" or "Bearer " prefix, as copied from a log or a request.
 * `*token` points into `arg` or into `b`. */
static int read_token(const char *arg, struct buf *b, const char **token)
{
    const char *s = arg, *end;
    char *copy;
    int rc;
    if (strcmp(arg, "-") == 0) {
        if ((rc = read_file("-", "the token from", b)) != 0)
            return rc;
        if ((rc = no_nul(b, "the token on standard input")) != 0)
            return rc;
        s = b->p;
    }
    while (is_space(*s))
        s++;
    if (strncasecmp_ascii(s, "authorization:", 14) == 0) {
        s += 14;
        while (is_space(*s))
            s++;
    }
    if (strncasecmp_ascii(s, "bearer", 6) == 0 && is_space(s[6])) {
        s += 6;
        while (is_space(*s))
            s++;
    }
    end = s + strlen(s);
    while (end > s && is_space(end[-1]))
        end--;
    if (*end == '\0') {
        *token = s;
        return 0;
    }
    /* Trailing whitespace: keep a trimmed copy (in `b`, which may hold the input). */
    copy = malloc((size_t)(end - s) + 1);
    if (copy == NULL)
        out_of_memory();
    memcpy(copy, s, (size_t)(end - s));
    copy[end - s] = '\0';
    buf_free(b);
    b->p = copy;
    b->len = (size_t)(end - s);
    b->cap = b->len + 1;
    *token = b->p;
    return 0;
}

/* ---- algorithms ------------------------------------------------------------ */

static const struct {
    const char *name;
    jwt_alg alg;
} ALGS[] = {
    {"HS256", JWT_ALG_HS256},
    {"HS384", JWT_ALG_HS384},
    {"HS512", JWT_ALG_HS512},
    {"RS256", JWT_ALG_RS256},
    {"RS384", JWT_ALG_RS384},
    {"RS512", JWT_ALG_RS512},
    {"PS256", JWT_ALG_PS256},
    {"PS384", JWT_ALG_PS384},
    {"PS512", JWT_ALG_PS512},
    {"ES256", JWT_ALG_ES256},
    {"ES384", JWT_ALG_ES384},
    {"ES512", JWT_ALG_ES512},
    {"EdDSA", JWT_ALG_EDDSA},
    {"ES256K", JWT_ALG_ES256K},
};
#define N_ALGS (sizeof ALGS / sizeof ALGS[0])

static int alg_by_name(const char *name, jwt_alg *alg)
{
    size_t i;
    for (i = 0; i < N_ALGS; i++)
        if (strcmp(ALGS[i].name, name) == 0) {
            *alg = ALGS[i].alg;
            return 0;
        }
    return -1;
}

static const char *alg_name(jwt_alg alg)
{
    size_t i;
    for (i = 0; i < N_ALGS; i++)
        if (ALGS[i].alg == alg)
            return ALGS[i].name;
    return "?";
}

static int is_hmac(jwt_alg alg)
{
    return alg == JWT_ALG_HS256 || alg == JWT_ALG_HS384 || alg == JWT_ALG_HS512;
}

/* "HS256, HS384, ..." for messages. */
static const char *alg_list(void)
{
    static char list[256];
    size_t i;
    if (list[0] == '\0')
        for (i = 0; i < N_ALGS; i++) {
            if (i > 0)
                strcat(list, ", ");
            strcat(list, ALGS[i].name);
        }
    return list;
}

/* ---- secrets and keys ------------------------------------------------------- */

enum key_kind {
    KEY_NONE,
    KEY_SECRET,      /* --secret STRING */
    KEY_SECRET_ENV,  /* --secret-env VAR */
    KEY_SECRET_FILE, /* --secret-file FILE: one final newline dropped */
    KEY_SECRET_RAW,  /* --secret-file-raw FILE: every byte */
    KEY_SECRET_B64,  /* --secret-base64 B64 */
    KEY_SECRET_HEX,  /* --secret-hex HEX */
    KEY_SECRET_PROMPT,
    KEY_FILE, /* --key-file FILE: PEM or DER, for --alg */
    KEY_JWK,  /* --jwk FILE: one JWK, which names its algorithm */
    KEY_JWKS  /* --jwks FILE: a JWK Set; the token's kid picks the key (verify) */
};

struct keyspec {
    enum key_kind kind;
    const char *option; /* as written, for messages: "--secret-file" */
    const char *value;
};

/* Remembers one key option; a second one is a usage error. */
static int set_key(struct keyspec *k, enum key_kind kind, const char *option, const char *value)
{
    if (k->kind != KEY_NONE)
        return usage("give one key: %s and %s were both given", k->option, option);
    k->kind = kind;
    k->option = option;
    k->value = value;
    return 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int decode_hex(const char *s, struct buf *out)
{
    size_t n = strlen(s), i;
    if (n % 2 != 0)
        return usage("--secret-hex: an odd number of hex digits (%zu)", n);
    for (i = 0; i < n; i += 2) {
        int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
        char byte;
        if (hi < 0 || lo < 0)
            return usage("--secret-hex: '%c' at offset %zu is not a hex digit",
                         hi < 0 ? s[i] : s[i + 1], hi < 0 ? i : i + 1);
        byte = (char)(hi * 16 + lo);
        buf_add(out, &byte, 1);
    }
    return 0;
}

/* Standard or URL-safe base64, padding optional. */
static int decode_base64(const char *s, struct buf *out)
{
    unsigned long acc = 0;
    size_t i, n = strlen(s), bits = 0;
    while (n > 0 && s[n - 1] == '=')
        n--;
    if (strlen(s) - n > 2)
        return usage("--secret-base64: too much '=' padding");
    for (i = 0; i < n; i++) {
        char c = s[i], byte;
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '+' || c == '-')
            v = 62;
        else if (c == '/' || c == '_')
            v = 63;
        else
            return usage("--secret-base64: '%c' at offset %zu is not base64", c, i);
        acc = (acc << 6 | (unsigned long)v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            byte = (char)((acc >> bits) & 0xff);
            buf_add(out, &byte, 1);
        }
    }
    if (n % 4 == 1)
        return usage("--secret-base64: %zu characters cannot be base64", n);
    return 0;
}

/* The terminal state to restore if the user interrupts --secret-prompt. */
static int prompt_fd = -1;
static struct termios prompt_saved;

static void restore_tty_and_die(int sig)
{
    if (prompt_fd >= 0)
        tcsetattr(prompt_fd, TCSAFLUSH, &prompt_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Reads one line from the terminal with echo off. */
static int read_prompt(struct buf *out)
{
    static const char prompt[] = "Secret (input is not shown): ";
    struct termios quiet;
    struct sigaction sa, old_int, old_term;
    ssize_t n = 0;
    char c;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC), e = 0;

    if (fd < 0)
        return errf(EXIT_NOINPUT, "--secret-prompt needs a terminal: cannot open /dev/tty: %s",
                    strerror(errno));
    if (tcgetattr(fd, &prompt_saved) != 0) {
        e = errno;
        close(fd);
        return errf(EXIT_NOINPUT, "--secret-prompt needs a terminal: %s", strerror(e));
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = restore_tty_and_die;
    sigemptyset(&sa.sa_mask);
    prompt_fd = fd;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    quiet = prompt_saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
    quiet.c_lflag |= ICANON;
    /* Echo off before the prompt is shown (as getpass does): a secret typed or pasted
     * as soon as the prompt appears is then neither echoed nor discarded. */
    tcsetattr(fd, TCSAFLUSH, &quiet);
    if (write(fd, prompt, sizeof prompt - 1) < 0) {
        /* still readable without the prompt */
    }
    for (;;) {
        n = read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n' || c == '\r')
            break;
        buf_add(out, &c, 1);
    }
    if (n < 0)
        e = errno;
    tcsetattr(fd, TCSAFLUSH, &prompt_saved);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    prompt_fd = -1;
    if (write(fd, "\n", 1) < 0) {
        /* the newline is cosmetic */
    }
    close(fd);
    if (e != 0)
        return errf(EXIT_NOINPUT, "--secret-prompt: cannot read the terminal: %s", strerror(e));
    return 0;
}

/* The secret bytes of a secret option, into `out` (a secret buffer). */
static int load_secret(const struct keyspec *k, struct buf *out)
{
    const char *env;
    int rc;
    out->secret = 1;
    switch (k->kind) {
    case KEY_SECRET:
        buf_str(out, k->value);
        return 0;
    case KEY_SECRET_ENV:
        env = getenv(k->value);
        if (env == NULL)
            return errf(EXIT_NOINPUT, "--secret-env: the environment variable %s is not set",
                        k->value);
        buf_str(out, env);
        return 0;
    case KEY_SECRET_FILE:
    case KEY_SECRET_RAW:
        if ((rc = read_file(k->value, "the secret file", out)) != 0)
            return rc;
        /* `echo s > f` and `openssl rand -hex 32 > f` end the file with a newline
         * that is not part of the secret; --secret-file-raw keeps every byte. */
        if (k->kind == KEY_SECRET_FILE && out->len > 0 && out->p[out->len - 1] == '\n')
            out->p[--out->len] = '\0';
        return 0;
    case KEY_SECRET_B64:
        return decode_base64(k->value, out);
    case KEY_SECRET_HEX:
        return decode_hex(k->value, out);
    case KEY_SECRET_PROMPT:
        return read_prompt(out);
    case KEY_FILE:
    case KEY_JWK:
    case KEY_JWKS:
    case KEY_NONE:
        break;
    }
    return usage("a key is missing: give --secret-file FILE (or another key option)");
}

/* Describes where the key came from, for messages: "the secret of --secret-file k". */
static void key_origin(const struct keyspec *k, char *out, size_t cap)
{
    if (k->value != NULL && k->kind != KEY_SECRET && k->kind != KEY_SECRET_B64 &&
        k->kind != KEY_SECRET_HEX)
        snprintf(out, cap, "the key of %s %s", k->option, k->value);
    else
        snprintf(out, cap, "the key of %s", k->option);
}

/* Makes the key for `alg` from the key option (a JWK names its own algorithm). */
static int make_key(const struct keyspec *k, jwt_alg alg, jwt_key **key)
{
    struct buf secret = {NULL, 0, 0, 1};
    char origin[600];
    jwt_status st;
    int rc;

    *key = NULL;
    if (k->kind == KEY_FILE || k->kind == KEY_JWK) {
        if ((rc = read_file(k->value, k->kind == KEY_JWK ? "the JWK file" : "the key file",
                            &secret)) != 0) {
            buf_free(&secret);
            return rc;
        }
        if (k->kind == KEY_JWK)
            st = (rc = no_nul(&secret, "the JWK file")) != 0
                     ? JWT_OK
                     : jwt_key_from_jwk(secret.p, key);
        else if (secret.len >= 10 && memcmp(secret.p, "-----BEGIN", 10) == 0)
            st = jwt_key_from_pem(alg, secret.p, secret.len, key);
        else
            st = jwt_key_from_der(alg, (const uint8_t *)secret.p, secret.len, key);
        buf_free(&secret);
        if (rc != 0)
            return rc;
    } else {
        if ((rc = load_secret(k, &secret)) != 0) {
            buf_free(&secret);
            return rc;
        }
        st = jwt_key_new(alg, (const uint8_t *)secret.p, secret.len, key);
        buf_free(&secret);
    }
    if (st != JWT_OK) {
        key_origin(k, origin, sizeof origin);
        return lib_error(st, origin);
    }
    return 0;
}

/* Checks a key's kind against the algorithms asked for: a secret is for HMAC, a
 * --key-file needs --alg. `alg` is the first --alg (`given`: whether there was one). */
static int key_fits(const struct keyspec *k, int given, jwt_alg alg)
{
    if (k->kind == KEY_FILE && !given)
        return usage("--key-file needs --alg (%s)", alg_list());
    if (k->kind != KEY_FILE && k->kind != KEY_JWK && k->kind != KEY_JWKS && given &&
        !is_hmac(alg))
        return usage("--alg %s needs --key-file or --jwk; %s is an HMAC secret", alg_name(alg),
                     k->option);
    return 0;
}

/* The algorithm of a JWK's key, which must be --alg's when one was given. */
static int jwk_alg(const jwt_key *key, int given, jwt_alg *alg)
{
    jwt_alg own;
    jwt_status st = jwt_key_alg(key, &own);
    if (st != JWT_OK)
        return lib_error(st, "--jwk");
    if (given && own != *alg)
        return usage("the JWK is a key for %s, --alg says %s", alg_name(own), alg_name(*alg));
    *alg = own;
    return 0;
}

/* ---- reading JSON the library has validated ---------------------------------- */
/* These walk JSON that jwt_decode_header / jwt_decode_* returned, so it is valid;
 * every loop still stops at the NUL, whatever the text. */

static const char *skip_ws(const char *p)
{
    while (is_space(*p))
        p++;
    return p;
}

/* `p` at '"': returns the character after the closing quote. */
static const char *skip_string(const char *p)
{
    p++;
    while (*p != '\0' && *p != '"') {
        if (*p == '\\' && p[1] != '\0')
            p++;
        p++;
    }
    return *p == '"' ? p + 1 : p;
}

static const char *skip_value(const char *p)
{
    int depth = 0;
    p = skip_ws(p);
    if (*p == '"')
        return skip_string(p);
    if (*p != '{' && *p != '[') {
        while (*p != '\0' && strchr(",:]} \t\r\n", *p) == NULL)
            p++;
        return p;
    }
    while (*p != '\0') {
        if (*p == '"') {
            p = skip_string(p);
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if ((*p == '}' || *p == ']') && --depth == 0)
            return p + 1;
        p++;
    }
    return p;
}

/* Appends the UTF-8 of code point `cp` (valid, not a surrogate). */
static void put_utf8(struct buf *out, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    buf_add(out, u, n);
}

static long hex4(const char *p)
{
    long v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        int d = hex_digit(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The string at `p` ('"'), unescaped into `out` (replacing its contents). A lone
 * surrogate becomes U+FFFD. */
static void unescape(const char *p, struct buf *out)
{
    const char *end = skip_string(p) - 1;
    out->len = 0;
    buf_reserve(out, 0);
    out->p[0] = '\0';
    for (p++; p < end; p++) {
        long cp, lo;
        char c = *p;
        if (c != '\\') {
            buf_add(out, &c, 1);
            continue;
        }
        c = *++p;
        switch (c) {
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
            cp = hex4(p + 1);
            p += 4;
            if (cp >= 0xd800 && cp < 0xdc00 && p[1] == '\\' && p[2] == 'u' &&
                (lo = hex4(p + 3)) >= 0xdc00 && lo < 0xe000) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;
            } else if (cp < 0 || (cp >= 0xd800 && cp < 0xe000)) {
                cp = 0xfffd;
            }
            put_utf8(out, (unsigned long)cp);
            continue;
        default: break; /* '"', '\\', '/' stand for themselves */
        }
        buf_add(out, &c, 1);
    }
}

/* Finds the top-level member `name` of the object `obj`: its value's text in
 * [*val, *val + *len). Names are compared unescaped, as the library does. */
static int member(const char *obj, const char *name, const char **val, size_t *len)
{
    struct buf key = {NULL, 0, 0, 0};
    const char *p = skip_ws(obj);
    int found = 0;
    if (*p != '{')
        return 0;
    p = skip_ws(p + 1);
    while (*p == '"') {
        const char *v;
        unescape(p, &key);
        p = skip_ws(skip_string(p));
        if (*p != ':')
            break;
        v = skip_ws(p + 1);
        p = skip_value(v);
        if (key.len == strlen(name) && memcmp(key.p, name, key.len) == 0) {
            *val = v;
            *len = (size_t)(p - v);
            found = 1;
            break;
        }
        p = skip_ws(p);
        if (*p != ',')
            break;
        p = skip_ws(p + 1);
    }
    buf_free(&key);
    return found;
}

/* A member that is a string, unescaped into `out`. */
static int member_string(const char *obj, const char *name, struct buf *out)
{
    const char *v;
    size_t n;
    if (!member(obj, name, &v, &n) || *v != '"')
        return 0;
    unescape(v, out);
    return 1;
}

/* A member that is a number, truncated toward zero as the library reads exp/nbf/iat:
 * 1, or 0 when absent or not a number, or -1 for a number beyond +-9.2e18. */
static int member_number(const char *obj, const char *name, long long *out)
{
    const char *v;
    size_t n;
    double d;
    char *end;
    if (!member(obj, name, &v, &n) || (*v != '-' && (*v < '0' || *v > '9')))
        return 0;
    errno = 0;
    *out = strtoll(v, &end, 10);
    if (errno == 0 && (size_t)(end - v) == n)
        return 1;
    d = strtod(v, NULL);
    if (!(d > -9.2e18 && d < 9.2e18))
        return -1;
    *out = (long long)d;
    return 1;
}

/* ---- showing tokens ------------------------------------------------------------ */

struct style {
    const char *key, *str, *num, *lit, *label, *good, *bad, *off;
};
static const struct style PLAIN = {"", "", "", "", "", "", "", ""};
static const struct style COLOUR = {"\033[1;34m", "\033[32m", "\033[36m", "\033[35m",
                                    "\033[1m",    "\033[1;32m", "\033[1;31m", "\033[0m"};

/* Colour only for a terminal, never with NO_COLOR set (https://no-color.org) or
 * TERM=dumb. */
static const struct style *pick_style(void)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if ((no != NULL && no[0] != '\0') || !isatty(STDOUT_FILENO) ||
        (term != NULL && strcmp(term, "dumb") == 0))
        return &PLAIN;
    return &COLOUR;
}

static void indent(struct buf *out, int depth)
{
    int i;
    buf_add(out, "\n", 1);
    for (i = 0; i < depth; i++)
        buf_add(out, "  ", 2);
}

/* Appends `n` bytes of JSON string text with any raw control byte escaped (JSON
 * has none; this keeps the terminal safe whatever happens). */
static void put_json_text(struct buf *out, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            buf_fmt(out, "\\u%04x", c);
        else
            buf_add(out, s + i, 1);
    }
}

/* Re-indents valid JSON, two spaces per level, "name": value, coloured by kind. */
static void pretty(struct buf *out, const char *json, const struct style *s)
{
    const char *p = skip_ws(json);
    int depth = 0;
    while (*p != '\0') {
        char c = *p;
        if (c == '"') {
            const char *e = skip_string(p);
            buf_str(out, *skip_ws(e) == ':' ? s->key : s->str);
            put_json_text(out, p, (size_t)(e - p));
            buf_str(out, s->off);
            p = e;
        } else if (c == '{' || c == '[') {
            const char *next = skip_ws(p + 1);
            buf_add(out, &c, 1);
            if (*next == (c == '{' ? '}' : ']')) {
                buf_add(out, next, 1);
                p = next + 1;
            } else {
                indent(out, ++depth);
                p = next;
            }
        } else if (c == '}' || c == ']') {
            indent(out, --depth);
            buf_add(out, &c, 1);
            p++;
        } else if (c == ',') {
            buf_add(out, ",", 1);
            indent(out, depth);
            p = skip_ws(p + 1);
        } else if (c == ':') {
            buf_add(out, ": ", 2);
            p = skip_ws(p + 1);
        } else if (is_space(c)) {
            p++;
        } else {
            const char *e = p;
            while (*e != '\0' && strchr(",:]}[{\" \t\r\n", *e) == NULL)
                e++;
            buf_str(out, (c == '-' || (c >= '0' && c <= '9')) ? s->num : s->lit);
            put_json_text(out, p, (size_t)(e - p));
            buf_str(out, s->off);
            p = e;
        }
    }
}

/* "29 min", "2 h", "3 days": `secs` >= 0, rounded down. */
static void span(char *out, size_t cap, long long secs)
{
    if (secs < 120)
        snprintf(out, cap, "%lld s", secs);
    else if (secs < 2 * 3600)
        snprintf(out, cap, "%lld min", secs / 60);
    else if (secs < 2 * 86400)
        snprintf(out, cap, "%lld h", secs / 3600);
    else
        snprintf(out, cap, "%lld days", secs / 86400);
}

/* "2025-12-01 21:10:00 UTC" (or with `iso`, "2025-12-01T21:10:00Z"); 0 when the
 * value is no date gmtime can show. */
static int utc_date(long long t, int iso, char *out, size_t cap)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if ((long long)tt != t || gmtime_r(&tt, &tm) == NULL || tm.tm_year > 9999 - 1900 ||
        tm.tm_year < -1900)
        return 0;
    return strftime(out, cap, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S UTC", &tm) > 0;
}

/* t - now, saturated (no date anyone means is 2^62 s away). */
static long long seconds_from(long long now, long long t)
{
    if (t > 0 && now < 0 && t > LLONG_MAX + now)
        return LLONG_MAX;
    if (t < 0 && now > 0 && t < LLONG_MIN + 1 + now)
        return LLONG_MIN + 1;
    return t - now;
}

/* What a time claim means as of `now`: "expires in 29 min", "expired 5 min ago". */
static void reading(const char *name, long long t, long long now, char *out, size_t cap)
{
    char d[32];
    long long diff = seconds_from(now, t);
    span(d, sizeof d, diff < 0 ? -diff : diff);
    if (strcmp(name, "exp") == 0)
        snprintf(out, cap, diff > 0 ? "expires in %s" : "expired %s ago", d);
    else if (strcmp(name, "nbf") == 0)
        snprintf(out, cap, diff > 0 ? "not valid for another %s" : "valid since %s ago", d);
    else
        snprintf(out, cap, diff > 0 ? "issued %s in the future" : "issued %s ago", d);
}

/* The three segments' lengths in characters; 0 unless the token has 2 dots. */
static int segments(const char *token, size_t seg[3])
{
    const char *d1 = strchr(token, '.'), *d2;
    if (d1 == NULL || (d2 = strchr(d1 + 1, '.')) == NULL || strchr(d2 + 1, '.') != NULL)
        return 0;
    seg[0] = (size_t)(d1 - token);
    seg[1] = (size_t)(d2 - d1 - 1);
    seg[2] = strlen(d2 + 1);
    return 1;
}

static const char *const TIME_CLAIMS[] = {"exp", "nbf", "iat"};

/* What inspect and a successful verify print. `verified` is NULL for inspect, or
 * the line saying what was checked. */
static void show_human(struct buf *out, const char *token, const char *header,
                       const char *payload, long long now, const char *verified,
                       const struct style *s)
{
    struct buf str = {NULL, 0, 0, 0};
    size_t seg[3] = {0, 0, 0}, i;
    char date[64], rel[64];

    if (verified == NULL)
        buf_fmt(out, "%sNOT VERIFIED%s: no key was given, so the signature and the claims were "
                     "not checked; do not trust this content (check it with 'jwt-tool verify')\n",
                s->bad, s->off);
    else
        buf_fmt(out, "%sVERIFIED%s: %s\n", s->good, s->off, verified);
    buf_fmt(out, "%sheader%s\n", s->label, s->off);
    pretty(out, header, s);
    buf_fmt(out, "\n%spayload%s\n", s->label, s->off);
    pretty(out, payload, s);
    buf_add(out, "\n", 1);

    buf_fmt(out, "%salg%s ", s->label, s->off);
    if (member_string(header, "alg", &str)) {
        put_json_text(out, str.p, str.len);
        buf_add(out, "\n", 1);
    } else {
        buf_str(out, "(none)\n");
    }
    buf_fmt(out, "%skid%s ", s->label, s->off);
    if (member_string(header, "kid", &str)) {
        put_json_text(out, str.p, str.len);
        buf_add(out, "\n", 1);
    } else {
        buf_str(out, "(none)\n");
    }
    for (i = 0; i < sizeof TIME_CLAIMS / sizeof TIME_CLAIMS[0]; i++) {
        const char *name = TIME_CLAIMS[i], *v;
        size_t n;
        long long t;
        int num;
        if (!member(payload, name, &v, &n))
            continue;
        buf_fmt(out, "%s%s%s ", s->label, name, s->off);
        put_json_text(out, v, n);
        num = member_number(payload, name, &t);
        if (num == 0) {
            buf_str(out, " (not a number)\n");
        } else if (num < 0 || !utc_date(t, 0, date, sizeof date)) {
            buf_str(out, " (not a date)\n");
        } else {
            reading(name, t, now, rel, sizeof rel);
            buf_fmt(out, " (%s, %s)\n", date, rel);
        }
    }
    if (segments(token, seg))
        buf_fmt(out, "%ssize%s %zu bytes: header %zu, payload %zu, signature %zu\n", s->label,
                s->off, strlen(token), seg[0], seg[1], seg[2]);
    buf_free(&str);
}

/* One JSON object: {"verified":..., "alg", "kid", "header", "payload", "times",
 * "size"}. Header and payload are embedded as the library returned them. */
static void show_json(struct buf *out, const char *token, const char *header,
                      const char *payload, long long now, int verified)
{
    size_t seg[3] = {0, 0, 0}, i, n;
    const char *v;
    char date[64];
    int first = 1;

    buf_fmt(out, "{\"verified\":%s,\"alg\":", verified ? "true" : "false");
    if (member(header, "alg", &v, &n))
        buf_add(out, v, n);
    else
        buf_str(out, "null");
    buf_str(out, ",\"kid\":");
    if (member(header, "kid", &v, &n))
        buf_add(out, v, n);
    else
        buf_str(out, "null");
    buf_fmt(out, ",\"header\":%s,\"payload\":%s,\"now\":%lld,\"times\":{", header, payload, now);
    for (i = 0; i < sizeof TIME_CLAIMS / sizeof TIME_CLAIMS[0]; i++) {
        long long t;
        if (member_number(payload, TIME_CLAIMS[i], &t) != 1)
            continue;
        buf_fmt(out, "%s\"%s\":{\"value\":%lld,\"utc\":", first ? "" : ",", TIME_CLAIMS[i], t);
        if (utc_date(t, 1, date, sizeof date))
            buf_fmt(out, "\"%s\"", date);
        else
            buf_str(out, "null");
        buf_fmt(out, ",\"seconds_from_now\":%lld}", seconds_from(now, t));
        first = 0;
    }
    buf_str(out, "}");
    if (segments(token, seg))
        buf_fmt(out, ",\"size\":{\"token\":%zu,\"header\":%zu,\"payload\":%zu,\"signature\":%zu}",
                strlen(token), seg[0], seg[1], seg[2]);
    buf_str(out, "}\n");
}

/* Writes `out` to stdout; the exit status for a write error is set in main. */
static void emit(const struct buf *out)
{
    if (out->len > 0)
        fwrite(out->p, 1, out->len, stdout);
}

/* ---- command-line parsing ------------------------------------------------------ */

enum opt_id {
    OPT_HELP = 1,
    OPT_ALG,
    OPT_SECRET,
    OPT_SECRET_ENV,
    OPT_SECRET_FILE,
    OPT_SECRET_RAW,
    OPT_SECRET_B64,
    OPT_SECRET_HEX,
    OPT_SECRET_PROMPT,
    OPT_KEY_FILE,
    OPT_JWK,
    OPT_JWKS,
    OPT_CLAIM,
    OPT_SUB,
    OPT_AUD,
    OPT_ISS,
    OPT_JTI,
    OPT_IAT,
    OPT_EXP_IN,
    OPT_NBF_IN,
    OPT_NOW,
    OPT_HEADER,
    OPT_KID,
    OPT_REQUIRE,
    OPT_LEEWAY,
    OPT_MAX_LEN,
    OPT_NO_CHECK,
    OPT_STRICT_AUD,
    OPT_JSON,
    OPT_PAYLOAD
};

struct opt {
    const char *name;
    int has_value;
    enum opt_id id;
};

#define KEY_OPTIONS                                                                            \
    {"--secret", 1, OPT_SECRET}, {"--secret-env", 1, OPT_SECRET_ENV},                          \
        {"--secret-file", 1, OPT_SECRET_FILE}, {"--secret-file-raw", 1, OPT_SECRET_RAW},       \
        {"--secret-base64", 1, OPT_SECRET_B64}, {"--secret-hex", 1, OPT_SECRET_HEX},           \
        {"--secret-prompt", 0, OPT_SECRET_PROMPT}, {"--key-file", 1, OPT_KEY_FILE},          \
        {"--jwk", 1, OPT_JWK}

static const struct opt ENCODE_OPTS[] = {
    {"--help", 0, OPT_HELP}, {"-h", 0, OPT_HELP}, {"--alg", 1, OPT_ALG}, KEY_OPTIONS,
    {"--claim", 1, OPT_CLAIM}, {"-c", 1, OPT_CLAIM}, {"--sub", 1, OPT_SUB},
    {"--aud", 1, OPT_AUD}, {"--iss", 1, OPT_ISS}, {"--jti", 1, OPT_JTI},
    {"--iat", 0, OPT_IAT}, {"--exp-in", 1, OPT_EXP_IN}, {"--nbf-in", 1, OPT_NBF_IN},
    {"--now", 1, OPT_NOW}, {"--header", 1, OPT_HEADER}, {"--kid", 1, OPT_KID},
    {NULL, 0, OPT_HELP}};

static const struct opt VERIFY_OPTS[] = {
    {"--help", 0, OPT_HELP}, {"-h", 0, OPT_HELP}, {"--alg", 1, OPT_ALG}, KEY_OPTIONS,
    {"--jwks", 1, OPT_JWKS}, {"--aud", 1, OPT_AUD}, {"--iss", 1, OPT_ISS}, {"--sub", 1, OPT_SUB},
    {"--require", 1, OPT_REQUIRE}, {"--leeway", 1, OPT_LEEWAY}, {"--now", 1, OPT_NOW},
    {"--max-len", 1, OPT_MAX_LEN}, {"--no-check", 1, OPT_NO_CHECK},
    {"--strict-aud", 0, OPT_STRICT_AUD}, {"--json", 0, OPT_JSON}, {"--payload", 0, OPT_PAYLOAD},
    {NULL, 0, OPT_HELP}};

static const struct opt INSPECT_OPTS[] = {{"--help", 0, OPT_HELP}, {"-h", 0, OPT_HELP},
                                          {"--json", 0, OPT_JSON}, {"--now", 1, OPT_NOW},
                                          {NULL, 0, OPT_HELP}};

struct parser {
    int argc, i, done;
    char **argv;
    const struct opt *opts;
    const char *name; /* of the last option, as written */
};

/* The next argument: an option's id (its value in *value, NULL for a flag), 0 for
 * a positional argument (in *value), -1 at the end, -2 after a usage error. */
static int next_arg(struct parser *p, const char **value)
{
    const struct opt *o;
    const char *arg, *eq;
    size_t n;

    for (;;) {
        if (p->i >= p->argc)
            return -1;
        arg = p->argv[p->i++];
        if (p->done || arg[0] != '-' || arg[1] == '\0') {
            *value = arg;
            return 0;
        }
        if (strcmp(arg, "--") == 0) {
            p->done = 1;
            continue;
        }
        break;
    }
    if (arg[1] != '-') { /* -c NAME=VALUE, -cNAME=VALUE, -h */
        for (o = p->opts; o->name != NULL; o++)
            if (o->name[1] == arg[1] && o->name[2] == '\0')
                break;
        if (o->name == NULL || (arg[2] != '\0' && !o->has_value))
            return usage("unknown option '%s'", arg), -2;
        p->name = o->name;
        if (!o->has_value) {
            *value = NULL;
            return (int)o->id;
        }
        if (arg[2] != '\0') {
            *value = arg + 2;
            return (int)o->id;
        }
    } else {
        eq = strchr(arg, '=');
        n = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
        for (o = p->opts; o->name != NULL; o++)
            if (strlen(o->name) == n && strncmp(o->name, arg, n) == 0)
                break;
        if (o->name == NULL)
            return usage("unknown option '%.*s'", (int)(n > 60 ? 60 : n), arg), -2;
        p->name = o->name;
        if (!o->has_value) {
            if (eq != NULL)
                return usage("%s takes no value", o->name), -2;
            *value = NULL;
            return (int)o->id;
        }
        if (eq != NULL) {
            *value = eq + 1;
            return (int)o->id;
        }
    }
    if (p->i >= p->argc)
        return usage("%s needs a value", o->name), -2;
    *value = p->argv[p->i++];
    return (int)o->id;
}

static int parse_int64(const char *s, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return (errno != 0 || end == s || *end != '\0') ? -1 : 0;
}

/* "90", "90s", "30m", "2h", "7d", "1w", with a sign: seconds. */
static int parse_duration(const char *s, long long *out)
{
    static const struct {
        char unit;
        long long secs;
    } units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
    char *end;
    long long n;
    size_t i;
    errno = 0;
    n = strtoll(s, &end, 10);
    if (errno != 0 || end == s || (*s != '-' && *s != '+' && (*s < '0' || *s > '9')))
        return -1;
    if (*end == '\0') {
        *out = n;
        return 0;
    }
    if (end[1] != '\0')
        return -1;
    for (i = 0; i < sizeof units / sizeof units[0]; i++)
        if (*end == units[i].unit) {
            if (n > LLONG_MAX / units[i].secs || n < LLONG_MIN / units[i].secs)
                return -1;
            *out = n * units[i].secs;
            return 0;
        }
    return -1;
}

/* a + b, or -1 when it overflows. */
static int add_time(long long a, long long b, long long *out)
{
    if ((b > 0 && a > LLONG_MAX - b) || (b < 0 && a < LLONG_MIN - b))
        return -1;
    *out = a + b;
    return 0;
}

/* Key options shared by encode and verify; 1 when `id` was one. */
static int key_option(int id, const struct parser *p, const char *value, struct keyspec *k,
                      int *rc)
{
    enum key_kind kind;
    switch (id) {
    case OPT_SECRET: kind = KEY_SECRET; break;
    case OPT_SECRET_ENV: kind = KEY_SECRET_ENV; break;
    case OPT_SECRET_FILE: kind = KEY_SECRET_FILE; break;
    case OPT_SECRET_RAW: kind = KEY_SECRET_RAW; break;
    case OPT_SECRET_B64: kind = KEY_SECRET_B64; break;
    case OPT_SECRET_HEX: kind = KEY_SECRET_HEX; break;
    case OPT_SECRET_PROMPT: kind = KEY_SECRET_PROMPT; break;
    case OPT_KEY_FILE: kind = KEY_FILE; break;
    case OPT_JWK: kind = KEY_JWK; break;
    case OPT_JWKS: kind = KEY_JWKS; break;
    default: return 0;
    }
    *rc = set_key(k, kind, p->name, value);
    return 1;
}

/* ---- help ------------------------------------------------------------------------ */

static const char MAIN_HELP[] =
    "jwt-tool: mint, inspect and verify JSON Web Tokens\n"
    "\n"
    "usage:\n"
    "  jwt-tool encode  [OPTIONS] [CLAIMS]  sign a token with the claims given\n"
    "  jwt-tool inspect [OPTIONS] TOKEN     show what a token holds, verifying nothing\n"
    "  jwt-tool verify  [OPTIONS] TOKEN     check a token as a server would (alias: decode)\n"
    "  jwt-tool COMMAND --help              the options of COMMAND, with examples\n"
    "  jwt-tool --version                   the versions of jwt-tool and libjwt_ffi\n"
    "\n"
    "examples:\n"
    "  jwt-tool encode --secret-file key.txt --sub alice --aud api --exp-in 30m\n"
    "  jwt-tool inspect \"$TOKEN\"\n"
    "  jwt-tool verify --secret-file key.txt --aud api \"$TOKEN\"\n"
    "\n"
    "A TOKEN of \"-\" is read from standard input; surrounding whitespace and a\n"
    "\"Bearer \" prefix are dropped, so an Authorization header copied from a log works.\n"
    "Options may be written --name VALUE or --name=VALUE; \"--\" ends the options.\n"
    "Output is coloured on a terminal unless NO_COLOR is set. See also: man jwt-tool.\n";

static const char KEY_HELP[] =
    "key (exactly one):\n"
    "  --secret S          the bytes of S (S lands in your shell history and is\n"
    "                      visible in ps: prefer the options below)\n"
    "  --secret-env VAR    the value of the environment variable VAR\n"
    "  --secret-file F     the bytes of file F without one final newline, so that\n"
    "                      `echo s > F` or `openssl rand -hex 32 > F` gives the text\n"
    "                      on the line (\"-\": standard input)\n"
    "  --secret-file-raw F every byte of F, a final newline included (binary keys)\n"
    "  --secret-base64 B   the bytes that B encodes (standard or URL-safe base64)\n"
    "  --secret-hex H      the bytes that H encodes in hex\n"
    "  --secret-prompt     ask on the terminal, without echo\n"
    "  --key-file F        a PEM or DER key for the algorithm of --alg (RS*, PS*, ES*,\n"
    "                      EdDSA): private to sign; public, private or a certificate\n"
    "                      to verify\n"
    "  --jwk F             the JWK (RFC 7517) in file F; it names its own algorithm\n"
    "                      (its \"alg\", or its kind: RSA RS256, P-256 ES256, ...)\n";

static const char ENCODE_HELP[] =
    "usage: jwt-tool encode [OPTIONS] [CLAIMS]\n"
    "\n"
    "Signs a token and prints it. CLAIMS is a JSON object given as the argument, as\n"
    "@FILE to read it from FILE, or as - to read it from standard input; without it\n"
    "the claims start empty. The options below add claims in the order given; a\n"
    "claim set twice keeps its first place and takes the last value. Values are\n"
    "written by the library, so no value can add or change other claims.\n"
    "\n"
    "claims:\n"
    "  -c, --claim NAME=VALUE  claim NAME with VALUE as JSON when it parses as JSON\n"
    "                      (42, true, null, [\"a\",\"b\"], {\"k\":1}, \"\\\"quoted\\\"\"),\n"
    "                      else VALUE as a string\n"
    "  --sub S, --iss S, --jti S\n"
    "                      the registered string claims\n"
    "  --aud A             the audience; repeat for a list (\"aud\":[\"a\",\"b\"])\n"
    "  --iat               \"iat\": now\n"
    "  --exp-in D          \"exp\": now + D; D is seconds or 90s, 30m, 12h, 7d, 1w\n"
    "                      (negative for an expired token)\n"
    "  --nbf-in D          \"nbf\": now + D\n"
    "  --now T             now, in Unix seconds, for --iat, --exp-in and --nbf-in\n"
    "                      (default: the clock)\n"
    "\n"
    "header:\n"
    "  --alg A             HS256 (the default), HS384, HS512 with a secret; RS256,\n"
    "                      RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512,\n"
    "                      ES256K, EdDSA with --key-file (or --jwk, which names its\n"
    "                      own)\n"
    "  --kid K             \"kid\": K in the header\n"
    "  --header JSON       the header object to sign instead of\n"
    "                      {\"alg\":...,\"typ\":\"JWT\"}; \"alg\" is added when it is\n"
    "                      missing, and must name the algorithm of --alg\n"
    "\n"
    "%s"
    "\n"
    "examples:\n"
    "  jwt-tool encode --secret-file key.txt --sub alice --aud api --iat --exp-in 30m\n"
    "  jwt-tool encode --secret-env JWT_SECRET -c admin=true -c 'roles=[\"dev\",\"ops\"]'\n"
    "  jwt-tool encode --secret-prompt --alg HS512 --kid 2024-01 @claims.json\n"
    "  jwt-tool encode --alg ES256 --key-file private.pem --sub alice --exp-in 1h\n"
    "  echo '{\"sub\":\"alice\"}' | jwt-tool encode --secret-file key.txt -\n";

static const char VERIFY_HELP[] =
    "usage: jwt-tool verify [OPTIONS] TOKEN\n"
    "\n"
    "Checks TOKEN (\"-\": standard input) as a server would: its structure, its\n"
    "algorithm, its signature, then exp, nbf and iat against the clock and the\n"
    "claims asked for below. Accepted, it prints what inspect prints, marked\n"
    "VERIFIED. Refused, it prints one line naming the check that failed and the\n"
    "option that would change the outcome, and exits with 10 + the library status\n"
    "(e.g. 19: bad signature, 21: expired; see jwt-tool --help).\n"
    "\n"
    "checks:\n"
    "  --alg A             accept algorithm A (as for encode); repeat for more\n"
    "                      (default: HS256, or the algorithm of --jwk); \"none\" is\n"
    "                      never accepted. --key-file needs --alg\n"
    "  --aud A             accept audience A; repeat for more. Without --aud a token\n"
    "                      with an \"aud\" claim is refused\n"
    "  --strict-aud        \"aud\" must be one string, equal to the one --aud\n"
    "  --iss I             \"iss\" must be I; repeat to accept several issuers\n"
    "  --sub S             a token with a \"sub\" must have S\n"
    "  --require NAME      claim NAME must be present; repeat for more\n"
    "  --leeway D          clock skew allowed for exp, nbf and iat (default 0;\n"
    "                      D is seconds or 30s, 2m, 1h)\n"
    "  --now T             check as of T, in Unix seconds, to reproduce a past decision\n"
    "  --max-len N         refuse tokens longer than N bytes (default 262144)\n"
    "  --no-check C        skip check C: exp, nbf, iat, aud, iss, sub or jti;\n"
    "                      repeatable\n"
    "\n"
    "output:\n"
    "  --json              one JSON object, as inspect --json, with \"verified\":true\n"
    "  --payload           only the payload JSON, exactly as signed\n"
    "\n"
    "%s"
    "  --jwks F            the JWK Set (RFC 7517, {\"keys\":[...]}) in file F: the\n"
    "                      token's kid picks the key, whose algorithm the token must use\n"
    "\n"
    "examples:\n"
    "  jwt-tool verify --secret-file key.txt --aud api \"$TOKEN\"\n"
    "  jwt-tool verify --secret-env JWT_SECRET --alg HS512 --iss https://auth.example.com -\n"
    "  jwt-tool verify --secret-file key.txt --now 1764620000 --leeway 30s \"$TOKEN\"\n"
    "  jwt-tool verify --alg RS256 --key-file public.pem \"$TOKEN\"\n"
    "  jwt-tool verify --secret-file key.txt --payload \"$TOKEN\" | jq -r .sub\n";

static const char INSPECT_HELP[] =
    "usage: jwt-tool inspect [OPTIONS] TOKEN\n"
    "\n"
    "Shows what TOKEN (\"-\": standard input) holds WITHOUT verifying anything: no\n"
    "key is needed, and anyone can forge what it shows. Prints the header and the\n"
    "payload re-indented, alg and kid, exp, nbf and iat as UTC dates with how far\n"
    "they are from now, and the sizes of the token and its three segments.\n"
    "\n"
    "  --json              one JSON object: verified (false), alg, kid, header,\n"
    "                      payload, now, times (value, utc, seconds_from_now), size\n"
    "  --now T             relative times as of T, in Unix seconds\n"
    "\n"
    "examples:\n"
    "  jwt-tool inspect \"$TOKEN\"\n"
    "  jwt-tool inspect - < token.txt\n"
    "  jwt-tool inspect --json \"$TOKEN\" | jq .payload\n";

static void print_main_help(void)
{
    size_t i;
    fputs(MAIN_HELP, stdout);
    fputs("\nexit status:\n", stdout);
    for (i = 0; i < sizeof EXIT_CODES / sizeof EXIT_CODES[0]; i++)
        printf("  %3d  %s\n", EXIT_CODES[i].code, EXIT_CODES[i].meaning);
}

static int print_command_help(const char *cmd)
{
    if (strcmp(cmd, "encode") == 0)
        printf(ENCODE_HELP, KEY_HELP);
    else if (strcmp(cmd, "verify") == 0 || strcmp(cmd, "decode") == 0)
        printf(VERIFY_HELP, KEY_HELP);
    else if (strcmp(cmd, "inspect") == 0)
        fputs(INSPECT_HELP, stdout);
    else
        return usage("no command '%s': the commands are encode, inspect and verify", cmd);
    return 0;
}

/* ---- encode ------------------------------------------------------------------------ */

struct claim_op {
    enum opt_id id;
    const char *value;
};

/* Applies one claim option to `c`. `now` is for the time claims. */
static int apply_claim(jwt_claims *c, const struct claim_op *op, const char *const *aud,
                       size_t n_aud, long long now)
{
    struct buf name = {NULL, 0, 0, 0};
    char what[128];
    const char *eq;
    long long d = 0, t;
    jwt_status st = JWT_OK;
    int rc = 0;

    switch (op->id) {
    case OPT_CLAIM:
        eq = strchr(op->value, '=');
        buf_add(&name, op->value, (size_t)(eq - op->value));
        st = jwt_claims_set_json(c, name.p, eq + 1);
        if (st == JWT_ERR_INVALID_JSON) /* not JSON: the text itself */
            st = jwt_claims_set_string(c, name.p, eq + 1);
        snprintf(what, sizeof what, "-c %.60s=...", name.p);
        break;
    case OPT_SUB:
    case OPT_ISS:
    case OPT_JTI:
        st = jwt_claims_set_string(c, op->id == OPT_SUB ? "sub" : op->id == OPT_ISS ? "iss" : "jti",
                                   op->value);
        snprintf(what, sizeof what, "--%s", op->id == OPT_SUB ? "sub" : op->id == OPT_ISS ? "iss" : "jti");
        break;
    case OPT_AUD:
        if (n_aud == 1)
            st = jwt_claims_set_string(c, "aud", aud[0]);
        else
            st = jwt_claims_set_string_array(c, "aud", aud, n_aud);
        snprintf(what, sizeof what, "--aud");
        break;
    case OPT_IAT:
        st = jwt_claims_set_int(c, "iat", now);
        snprintf(what, sizeof what, "--iat");
        break;
    case OPT_EXP_IN:
    case OPT_NBF_IN:
        parse_duration(op->value, &d); /* checked while parsing */
        if (add_time(now, d, &t) != 0) {
            rc = usage("%s %s is out of range", op->id == OPT_EXP_IN ? "--exp-in" : "--nbf-in",
                       op->value);
            break;
        }
        st = jwt_claims_set_int(c, op->id == OPT_EXP_IN ? "exp" : "nbf", t);
        snprintf(what, sizeof what, "%s", op->id == OPT_EXP_IN ? "--exp-in" : "--nbf-in");
        break;
    default:
        break;
    }
    if (rc == 0 && st != JWT_OK)
        rc = lib_error(st, what);
    buf_free(&name);
    return rc;
}

/* The header to sign with --header and/or --kid: the caller's object (or
 * alg, kid, typ in PyJWT's sorted order), with alg and kid set. */
static int build_header(const char *header_arg, const char *kid, jwt_alg alg, char **out)
{
    jwt_claims *h = NULL;
    jwt_status st;
    int rc = 0;

    if (header_arg != NULL) {
        st = jwt_claims_parse(header_arg, &h);
        if (st == JWT_OK && !jwt_claims_has(h, "alg"))
            st = jwt_claims_set_string(h, "alg", alg_name(alg));
        if (st == JWT_OK && kid != NULL)
            st = jwt_claims_set_string(h, "kid", kid);
    } else {
        st = jwt_claims_new(&h);
        if (st == JWT_OK)
            st = jwt_claims_set_string(h, "alg", alg_name(alg));
        if (st == JWT_OK)
            st = jwt_claims_set_string(h, "kid", kid);
        if (st == JWT_OK)
            st = jwt_claims_set_string(h, "typ", "JWT");
    }
    if (st == JWT_OK)
        st = jwt_claims_to_json(h, out);
    if (st != JWT_OK)
        rc = lib_error(st, header_arg != NULL ? "--header" : "--kid");
    jwt_claims_free(h);
    return rc;
}

static int cmd_encode(struct parser *p)
{
    struct keyspec k = {KEY_NONE, NULL, NULL};
    struct claim_op *ops = NULL;
    size_t n_ops = 0, n_aud = 0, i;
    const char *aud[MAX_AUD];
    const char *claims_arg = NULL, *header_arg = NULL, *kid = NULL, *value = NULL, *json;
    const char *origin = "the claims argument";
    struct buf text = {NULL, 0, 0, 0};
    jwt_claims *c = NULL;
    jwt_key *key = NULL;
    char *token = NULL, *header_json = NULL, *payload_json = NULL;
    jwt_alg alg = JWT_ALG_HS256;
    jwt_status st;
    long long now = (long long)time(NULL), d;
    int id, rc = 0, alg_given = 0;

    ops = calloc((size_t)p->argc, sizeof *ops);
    if (ops == NULL)
        out_of_memory();
    while (rc == 0 && (id = next_arg(p, &value)) != -1) {
        switch (id) {
        case -2:
            rc = EXIT_USAGE;
            break;
        case 0:
            if (claims_arg != NULL)
                rc = usage("one CLAIMS argument expected, also got '%.60s'", value);
            claims_arg = value;
            break;
        case OPT_HELP:
            print_command_help("encode");
            goto cleanup;
        case OPT_ALG:
            if (alg_by_name(value, &alg) != 0)
                rc = usage("--alg takes %s, not '%.40s'", alg_list(), value);
            alg_given = 1;
            break;
        case OPT_NOW:
            if (parse_int64(value, &now) != 0)
                rc = usage("--now takes Unix seconds, not '%.40s'", value);
            break;
        case OPT_HEADER:
            header_arg = value;
            break;
        case OPT_KID:
            kid = value;
            break;
        case OPT_CLAIM:
            if (strchr(value, '=') == NULL || value[0] == '=')
                rc = usage("%s takes NAME=VALUE, not '%.60s'", p->name, value);
            else
                ops[n_ops++] = (struct claim_op){OPT_CLAIM, value};
            break;
        case OPT_AUD:
            if (n_aud == MAX_AUD)
                rc = usage("at most %d --aud values", MAX_AUD);
            else if (n_aud++ == 0)
                ops[n_ops++] = (struct claim_op){OPT_AUD, NULL};
            aud[n_aud - 1] = value;
            break;
        case OPT_EXP_IN:
        case OPT_NBF_IN:
            if (parse_duration(value, &d) != 0)
                rc = usage("%s takes a duration such as 3600, 90s, 30m, 12h, 7d, not '%.40s'",
                           p->name, value);
            ops[n_ops++] = (struct claim_op){(enum opt_id)id, value};
            break;
        case OPT_SUB:
        case OPT_ISS:
        case OPT_JTI:
        case OPT_IAT:
            ops[n_ops++] = (struct claim_op){(enum opt_id)id, value};
            break;
        default:
            key_option(id, p, value, &k, &rc);
            break;
        }
    }
    if (rc != 0)
        goto cleanup;
    if (k.kind == KEY_NONE) {
        rc = usage("a key is missing: give --secret-file FILE, --secret-env VAR, or another "
                   "key option");
        goto cleanup;
    }
    if ((rc = key_fits(&k, alg_given, alg)) != 0)
        goto cleanup;

    if (claims_arg != NULL && strcmp(claims_arg, "-") == 0 && k.value != NULL &&
        strcmp(k.value, "-") == 0 && (k.kind == KEY_SECRET_FILE || k.kind == KEY_SECRET_RAW)) {
        rc = usage("standard input ('-') can be used for one input only: the claims or %s",
                   k.option);
        goto cleanup;
    }
    /* The claims: the JSON object given, then each option in order. */
    if (claims_arg != NULL) {
        json = claims_arg;
        if (strcmp(claims_arg, "-") == 0 || claims_arg[0] == '@') {
            int from_stdin = claims_arg[0] == '-';
            origin = from_stdin ? "the claims on standard input" : "the claims file";
            rc = read_file(from_stdin ? "-" : claims_arg + 1,
                           from_stdin ? "the claims from" : "the claims file", &text);
            if (rc == 0)
                rc = no_nul(&text, origin);
            if (rc != 0)
                goto cleanup;
            json = text.p;
        }
        st = jwt_claims_parse(json, &c);
    } else {
        st = jwt_claims_new(&c);
    }
    if (st != JWT_OK) {
        rc = lib_error(st, origin);
        goto cleanup;
    }
    for (i = 0; i < n_ops; i++)
        if ((rc = apply_claim(c, &ops[i], aud, n_aud, now)) != 0)
            goto cleanup;

    if ((rc = make_key(&k, alg, &key)) != 0)
        goto cleanup;
    if (k.kind == KEY_JWK && (rc = jwk_alg(key, alg_given, &alg)) != 0)
        goto cleanup;
    if (header_arg != NULL || kid != NULL) {
        if ((rc = build_header(header_arg, kid, alg, &header_json)) != 0)
            goto cleanup;
        st = jwt_claims_to_json(c, &payload_json);
        if (st == JWT_OK)
            st = jwt_encode_with_header(key, header_json, payload_json, &token);
    } else {
        st = jwt_claims_encode(c, key, &token);
    }
    if (st != JWT_OK) {
        rc = lib_error(st, header_arg != NULL ? "--header" : "encode");
        goto cleanup;
    }
    printf("%s\n", token);

cleanup:
    jwt_string_free(token);
    jwt_string_free(payload_json);
    jwt_string_free(header_json);
    jwt_key_free(key);
    jwt_claims_free(c);
    buf_free(&text);
    free(ops);
    return rc;
}

/* ---- verify and inspect --------------------------------------------------------- */

/* A validation that checks nothing but the structure: what inspect needs. */
static jwt_status unchecked_validation(jwt_validation **v)
{
    static const jwt_check all[] = {JWT_CHECK_EXP, JWT_CHECK_NBF, JWT_CHECK_IAT, JWT_CHECK_AUD,
                                    JWT_CHECK_ISS, JWT_CHECK_SUB, JWT_CHECK_JTI};
    jwt_status st = jwt_validation_new(v);
    size_t i;
    for (i = 0; st == JWT_OK && i < sizeof all / sizeof all[0]; i++)
        st = jwt_validation_set_check(*v, all[i], false);
    return st;
}

/* The payload of `token` without any check, for explaining a refusal; NULL when
 * even that fails. Free with jwt_string_free. */
static char *unverified_payload(const char *token)
{
    jwt_validation *v = NULL;
    char *payload = NULL;
    if (unchecked_validation(&v) != JWT_OK ||
        jwt_validation_set_max_token_len(v, strlen(token)) != JWT_OK ||
        jwt_decode_unverified(token, v, &payload) != JWT_OK)
        payload = NULL;
    jwt_validation_free(v);
    return payload;
}

static const struct {
    const char *name;
    jwt_check check;
} CHECKS[] = {{"exp", JWT_CHECK_EXP}, {"nbf", JWT_CHECK_NBF}, {"iat", JWT_CHECK_IAT},
              {"aud", JWT_CHECK_AUD}, {"iss", JWT_CHECK_ISS}, {"sub", JWT_CHECK_SUB},
              {"jti", JWT_CHECK_JTI}};

struct verify_opts {
    size_t n_aud, n_iss, n_require, max_len;
    int has_sub, strict_aud;
    enum key_kind key_kind;
    jwt_alg key_alg;
    unsigned skipped; /* jwt_check bits turned off */
    long long leeway;
};

/* Says which check refused the token, in the tool's options, and how to change
 * that, with the library's detail. */
static int explain_refusal(jwt_status st, const char *detail, const char *token,
                           const char *token_alg, const struct verify_opts *o)
{
    char *payload = NULL;
    const char *check = "structure", *v;
    char hint[256];
    size_t n, i;
    int code = EXIT_LIBRARY + (int)st;

    hint[0] = '\0';
    switch (st) {
    case JWT_ERR_MALFORMED_TOKEN:
        if (strlen(token) > o->max_len) {
            check = "size";
            snprintf(hint, sizeof hint, "--max-len %zu would accept its length", strlen(token));
        } else {
            snprintf(hint, sizeof hint, "the token itself is damaged; no option accepts it");
        }
        break;
    case JWT_ERR_INVALID_UTF8:
    case JWT_ERR_DUPLICATE_CLAIM:
        snprintf(hint, sizeof hint, "the token itself is damaged; no option accepts it");
        break;
    case JWT_ERR_INVALID_SIGNATURE:
        check = "signature";
        snprintf(hint, sizeof hint,
                 "signed with another key, or altered; check the key option and the token");
        break;
    case JWT_ERR_KEY_NOT_FOUND: {
        struct buf kid = {NULL, 0, 0, 0};
        char *header = NULL;
        check = "kid";
        if (jwt_decode_header(token, &header) == JWT_OK && member_string(header, "kid", &kid))
            snprintf(hint, sizeof hint, "no key of --jwks has kid \"%.60s\"; a newer key set may",
                     kid.p);
        else
            snprintf(hint, sizeof hint,
                     "the token has no kid, and --jwks has not exactly one key of its alg");
        jwt_string_free(header);
        buf_free(&kid);
        break;
    }
    case JWT_ERR_ALGORITHM_NOT_ALLOWED: {
        jwt_alg a;
        check = "algorithm";
        if (o->key_kind == KEY_JWKS)
            snprintf(hint, sizeof hint,
                     "the key of --jwks that the token names is for another algorithm, or --alg "
                     "excludes it");
        else if (token_alg != NULL && alg_by_name(token_alg, &a) == 0 && o->key_kind == KEY_JWK &&
            a != o->key_alg)
            snprintf(hint, sizeof hint, "the key of --jwk is for %s, the token is %s",
                     alg_name(o->key_alg), token_alg);
        else if (token_alg != NULL && alg_by_name(token_alg, &a) == 0 && !is_hmac(a) &&
                 o->key_kind != KEY_FILE && o->key_kind != KEY_JWK)
            snprintf(hint, sizeof hint, "a %s token needs --key-file or --jwk, and --alg %s",
                     token_alg, token_alg);
        else if (token_alg != NULL && alg_by_name(token_alg, &a) == 0 && is_hmac(a) &&
                 o->key_kind == KEY_FILE)
            snprintf(hint, sizeof hint, "an %s token needs a secret (--secret-file ...), not --key-file",
                     token_alg);
        else if (token_alg != NULL && alg_by_name(token_alg, &a) == 0)
            snprintf(hint, sizeof hint, "--alg %s would allow the token's algorithm", token_alg);
        else
            snprintf(hint, sizeof hint, "no option allows the token's alg %s%.40s%s",
                     token_alg != NULL ? "\"" : "", token_alg != NULL ? token_alg : "(none)",
                     token_alg != NULL ? "\"" : "");
        break;
    }
    case JWT_ERR_EXPIRED:
    case JWT_ERR_NOT_YET_VALID:
    case JWT_ERR_ISSUED_IN_FUTURE:
        check = st == JWT_ERR_EXPIRED ? "exp" : st == JWT_ERR_NOT_YET_VALID ? "nbf" : "iat";
        snprintf(hint, sizeof hint, "--leeway or --now would change this; --no-check %s skips it",
                 check);
        break;
    case JWT_ERR_INVALID_AUDIENCE:
        check = "aud";
        if (o->n_aud == 0)
            snprintf(hint, sizeof hint,
                     "the token has an audience: accept it with --aud, or --no-check aud");
        else if (o->strict_aud)
            snprintf(hint, sizeof hint, "--strict-aud wants one string equal to --aud");
        else
            snprintf(hint, sizeof hint, "an --aud of one of the token's audiences would accept it");
        break;
    case JWT_ERR_INVALID_ISSUER:
        check = "iss";
        snprintf(hint, sizeof hint, "an --iss of the token's issuer would accept it");
        break;
    case JWT_ERR_INVALID_SUBJECT:
        check = "sub";
        snprintf(hint, sizeof hint, "--sub of the token's subject would accept it");
        break;
    case JWT_ERR_MISSING_CLAIM:
        payload = unverified_payload(token);
        check = "required claims";
        snprintf(hint, sizeof hint, "a --require asks for it");
        if (payload != NULL && o->n_aud > 0 && !member(payload, "aud", &v, &n)) {
            check = "aud";
            snprintf(hint, sizeof hint, "the token has no aud, which --aud asks for");
        } else if (payload != NULL && o->n_iss > 0 && !member(payload, "iss", &v, &n)) {
            check = "iss";
            snprintf(hint, sizeof hint, "the token has no iss, which --iss asks for");
        }
        break;
    case JWT_ERR_INVALID_CLAIM:
        payload = unverified_payload(token);
        check = "claim types";
        snprintf(hint, sizeof hint, "exp, nbf, iat must be numbers and jti a string");
        for (i = 0; payload != NULL && i < sizeof CHECKS / sizeof CHECKS[0]; i++) {
            long long t;
            const char *name = CHECKS[i].name;
            int bad = 0;
            if (i < 3)
                bad = member(payload, name, &v, &n) && member_number(payload, name, &t) == 0;
            else if (strcmp(name, "jti") == 0)
                bad = member(payload, name, &v, &n) && *v != '"';
            if (bad) {
                check = name;
                snprintf(hint, sizeof hint, "--no-check %s skips it", name);
                break;
            }
        }
        break;
    default:
        break;
    }
    jwt_string_free(payload);
    return errf(code, "REJECTED by the %s check: %s: %s (%s)", check, jwt_status_str(st), detail,
                hint);
}

/* The token's header "alg", when it is a string. */
static void header_alg(const char *token, struct buf *out)
{
    char *header = NULL;
    if (jwt_decode_header(token, &header) == JWT_OK && member_string(header, "alg", out))
        ;
    else
        buf_free(out);
    jwt_string_free(header);
}

static int cmd_verify(struct parser *p)
{
    struct keyspec k = {KEY_NONE, NULL, NULL};
    struct verify_opts o;
    struct buf tokbuf = {NULL, 0, 0, 0}, talg = {NULL, 0, 0, 0}, out = {NULL, 0, 0, 0},
               summary = {NULL, 0, 0, 0};
    const char *token_arg = NULL, *token = NULL, *value = NULL;
    jwt_validation *v = NULL;
    jwt_key *key = NULL;
    jwt_keyset *set = NULL;
    jwt_alg algs[N_ALGS], alg, key_alg = JWT_ALG_HS256;
    size_t n_algs = 0, i;
    char *payload = NULL, *header = NULL, *cut, detail[1024], date[64];
    long long now = (long long)time(NULL), n;
    jwt_status st;
    int id, rc = 0, json = 0, payload_only = 0, found;

    memset(&o, 0, sizeof o);
    o.max_len = 262144;
    if ((st = jwt_validation_new(&v)) != JWT_OK) {
        rc = lib_error(st, "verify");
        goto cleanup;
    }
    /* Each check option goes straight into the validation. */
    while (rc == 0 && (id = next_arg(p, &value)) != -1) {
        st = JWT_OK;
        switch (id) {
        case -2:
            rc = EXIT_USAGE;
            break;
        case 0:
            if (token_arg != NULL)
                rc = usage("one TOKEN argument expected, also got '%.60s'", value);
            token_arg = value;
            break;
        case OPT_HELP:
            print_command_help("verify");
            goto cleanup;
        case OPT_ALG:
            if (alg_by_name(value, &alg) != 0) {
                rc = usage("--alg takes %s, not '%.40s'", alg_list(), value);
                break;
            }
            for (found = 0, i = 0; i < n_algs; i++)
                found |= algs[i] == alg;
            if (!found)
                algs[n_algs++] = alg;
            st = jwt_validation_allow_alg(v, alg);
            break;
        case OPT_AUD:
            o.n_aud++;
            st = jwt_validation_add_audience(v, value);
            break;
        case OPT_STRICT_AUD:
            o.strict_aud = 1;
            st = jwt_validation_set_strict_audience(v, true);
            break;
        case OPT_ISS:
            o.n_iss++;
            st = jwt_validation_add_issuer(v, value);
            break;
        case OPT_SUB:
            o.has_sub = 1;
            st = jwt_validation_set_subject(v, value);
            break;
        case OPT_REQUIRE:
            o.n_require++;
            st = jwt_validation_require_claim(v, value);
            break;
        case OPT_LEEWAY:
            if (parse_duration(value, &n) != 0 || n < 0)
                rc = usage("--leeway takes a duration of 0 or more (30, 30s, 2m), not '%.40s'",
                           value);
            else
                st = jwt_validation_set_leeway(v, (int64_t)(o.leeway = n));
            break;
        case OPT_NOW:
            if (parse_int64(value, &now) != 0)
                rc = usage("--now takes Unix seconds, not '%.40s'", value);
            else
                st = jwt_validation_set_now(v, (int64_t)now);
            break;
        case OPT_MAX_LEN:
            if (parse_int64(value, &n) != 0 || n < 1)
                rc = usage("--max-len takes a number of bytes, 1 or more, not '%.40s'", value);
            else
                st = jwt_validation_set_max_token_len(v, o.max_len = (size_t)n);
            break;
        case OPT_NO_CHECK:
            for (i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++)
                if (strcmp(CHECKS[i].name, value) == 0)
                    break;
            if (i == sizeof CHECKS / sizeof CHECKS[0]) {
                rc = usage("--no-check takes exp, nbf, iat, aud, iss, sub or jti, not '%.40s'",
                           value);
                break;
            }
            o.skipped |= (unsigned)CHECKS[i].check;
            st = jwt_validation_set_check(v, CHECKS[i].check, false);
            break;
        case OPT_JSON:
            json = 1;
            break;
        case OPT_PAYLOAD:
            payload_only = 1;
            break;
        default:
            key_option(id, p, value, &k, &rc);
            break;
        }
        if (rc == 0 && st != JWT_OK)
            rc = lib_error(st, p->name);
    }
    if (rc != 0)
        goto cleanup;
    if (token_arg == NULL) {
        rc = usage("the TOKEN is missing (give it, or - to read it from standard input)");
        goto cleanup;
    }
    if (k.kind == KEY_NONE) {
        rc = usage("a key is missing: give --secret-file FILE, --secret-env VAR, or another "
                   "key option (or use 'jwt-tool inspect' to look without one)");
        goto cleanup;
    }
    if (json && payload_only) {
        rc = usage("--json and --payload exclude each other");
        goto cleanup;
    }
    if ((rc = key_fits(&k, n_algs > 0, n_algs > 0 ? algs[0] : JWT_ALG_HS256)) != 0)
        goto cleanup;
    for (i = 1; i < n_algs; i++)
        if ((rc = key_fits(&k, 1, algs[i])) != 0)
            goto cleanup;

    if ((rc = read_token(token_arg, &tokbuf, &token)) != 0)
        goto cleanup;
    /* The key is made for the token's algorithm when the caller allows it (one key
     * option, several --alg); otherwise for the first allowed one, and the library
     * refuses the token's. The token never chooses beyond what --alg allows. */
    header_alg(token, &talg);
    if (k.kind == KEY_JWKS) { /* the token's kid picks the key; --alg, if given, limits */
        struct buf jwks = {NULL, 0, 0, 0};
        char origin[600];
        rc = read_file(k.value, "the JWK Set file", &jwks);
        if (rc == 0)
            rc = no_nul(&jwks, "the JWK Set file");
        if (rc == 0 && (st = jwt_keyset_from_jwks(jwks.p, &set)) != JWT_OK) {
            key_origin(&k, origin, sizeof origin);
            rc = lib_error(st, origin);
        }
        buf_free(&jwks);
        if (rc != 0)
            goto cleanup;
        if (talg.p != NULL)
            alg_by_name(talg.p, &key_alg);
    } else if (k.kind == KEY_JWK) { /* the JWK's own algorithm, allowed when no --alg says otherwise */
        if ((rc = make_key(&k, JWT_ALG_HS256, &key)) != 0)
            goto cleanup;
        if ((st = jwt_key_alg(key, &key_alg)) == JWT_OK && n_algs == 0)
            st = jwt_validation_allow_alg(v, key_alg);
        if (st != JWT_OK) {
            rc = lib_error(st, "--jwk");
            goto cleanup;
        }
        if (n_algs == 0)
            algs[n_algs++] = key_alg;
    } else {
        if (n_algs == 0)
            algs[n_algs++] = JWT_ALG_HS256; /* the library's default set */
        key_alg = algs[0];
        if (talg.p != NULL && alg_by_name(talg.p, &alg) == 0)
            for (i = 0; i < n_algs; i++)
                if (algs[i] == alg)
                    key_alg = alg;
        if ((rc = make_key(&k, key_alg, &key)) != 0)
            goto cleanup;
    }

    o.key_kind = k.kind;
    o.key_alg = key_alg;
    if (set != NULL)
        st = jwt_decode_with_keyset(set, token, v, &payload);
    else
        st = jwt_decode_with_key(key, token, v, &payload);
    if (st != JWT_OK) {
        snprintf(detail, sizeof detail, "%s", jwt_last_error());
        /* The library's advice names C functions ("accept one with
         * jwt_validation_set_audience"); the tool gives its own flag instead. */
        if ((cut = strstr(detail, "; accept one with jwt_")) != NULL)
            *cut = '\0';
        rc = explain_refusal(st, detail, token, talg.p, &o);
        goto cleanup;
    }
    if (payload_only) {
        printf("%s\n", payload);
        goto cleanup;
    }
    if ((st = jwt_decode_header(token, &header)) != JWT_OK) {
        rc = lib_error(st, "verify");
        goto cleanup;
    }
    if (json) {
        show_json(&out, token, header, payload, now, 1);
    } else {
        if (!utc_date(now, 0, date, sizeof date))
            snprintf(date, sizeof date, "%lld", now);
        buf_fmt(&summary, "%s signature valid; claims checked as of %s (leeway %lld s)",
                alg_name(key_alg), date, o.leeway);
        if (o.skipped != 0) {
            buf_str(&summary, "; not checked:");
            for (i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++)
                if (o.skipped & (unsigned)CHECKS[i].check)
                    buf_fmt(&summary, " %s", CHECKS[i].name);
        }
        show_human(&out, token, header, payload, now, summary.p, pick_style());
    }
    emit(&out);

cleanup:
    jwt_string_free(header);
    jwt_string_free(payload);
    jwt_key_free(key);
    jwt_keyset_free(set);
    jwt_validation_free(v);
    buf_free(&summary);
    buf_free(&out);
    buf_free(&talg);
    buf_free(&tokbuf);
    return rc;
}

static int cmd_inspect(struct parser *p)
{
    struct buf tokbuf = {NULL, 0, 0, 0}, out = {NULL, 0, 0, 0};
    const char *token_arg = NULL, *token = NULL, *value = NULL;
    jwt_validation *v = NULL;
    char *header = NULL, *payload = NULL;
    long long now = (long long)time(NULL);
    jwt_status st;
    int id, rc = 0, json = 0;

    while (rc == 0 && (id = next_arg(p, &value)) != -1) {
        switch (id) {
        case -2:
            rc = EXIT_USAGE;
            break;
        case 0:
            if (token_arg != NULL)
                rc = usage("one TOKEN argument expected, also got '%.60s'", value);
            token_arg = value;
            break;
        case OPT_HELP:
            print_command_help("inspect");
            goto cleanup;
        case OPT_JSON:
            json = 1;
            break;
        case OPT_NOW:
            if (parse_int64(value, &now) != 0)
                rc = usage("--now takes Unix seconds, not '%.40s'", value);
            break;
        default:
            break;
        }
    }
    if (rc != 0)
        goto cleanup;
    if (token_arg == NULL) {
        rc = usage("the TOKEN is missing (give it, or - to read it from standard input)");
        goto cleanup;
    }
    if ((rc = read_token(token_arg, &tokbuf, &token)) != 0)
        goto cleanup;
    st = jwt_decode_header(token, &header);
    if (st == JWT_OK)
        st = unchecked_validation(&v);
    if (st == JWT_OK)
        st = jwt_decode_unverified(token, v, &payload);
    if (st != JWT_OK) {
        rc = lib_error(st, "inspect");
        goto cleanup;
    }
    if (json)
        show_json(&out, token, header, payload, now, 0);
    else
        show_human(&out, token, header, payload, now, NULL, pick_style());
    emit(&out);

cleanup:
    jwt_validation_free(v);
    jwt_string_free(payload);
    jwt_string_free(header);
    buf_free(&out);
    buf_free(&tokbuf);
    return rc;
}

/* ---- main ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    struct parser p;
    const char *cmd = argc > 1 ? argv[1] : NULL;
    int rc;

    memset(&p, 0, sizeof p);
    p.argc = argc;
    p.argv = argv;
    p.i = 2;
    if (cmd == NULL) {
        rc = usage("a command is missing: encode, inspect or verify");
    } else if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        print_main_help();
        rc = 0;
    } else if (strcmp(cmd, "help") == 0) {
        if (argc > 2)
            rc = print_command_help(argv[2]);
        else {
            print_main_help();
            rc = 0;
        }
    } else if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("jwt-tool %s (libjwt_ffi %s)\n", JWT_FFI_VERSION, jwt_version());
        rc = 0;
    } else if (strcmp(cmd, "encode") == 0) {
        current_command = "encode";
        p.opts = ENCODE_OPTS;
        rc = cmd_encode(&p);
    } else if (strcmp(cmd, "verify") == 0 || strcmp(cmd, "decode") == 0) {
        current_command = "verify";
        p.opts = VERIFY_OPTS;
        rc = cmd_verify(&p);
    } else if (strcmp(cmd, "inspect") == 0) {
        current_command = "inspect";
        p.opts = INSPECT_OPTS;
        rc = cmd_inspect(&p);
    } else {
        rc = usage("unknown command '%.40s': the commands are encode, inspect and verify", cmd);
    }
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0)
        rc = errf(EXIT_IOERR, "cannot write the output: %s", strerror(errno));
    return rc;
}
