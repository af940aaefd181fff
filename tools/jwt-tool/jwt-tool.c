/*
 * jwt-tool: make, verify and inspect HMAC JSON Web Tokens from a shell.
 *
 *   jwt-tool encode --secret-file key.bin --exp-in 3600 --iat '{"sub":"alice"}'
 *   jwt-tool decode --secret-file key.bin --aud api "$TOKEN"
 *   jwt-tool inspect "$TOKEN"
 *
 * Run `jwt-tool --help` for every option and the exit statuses. Each command is
 * one function with one exit path (`cleanup:`), which frees whatever was made.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jwt.h"

#define EXIT_USAGE 64   /* sysexits.h EX_USAGE: bad command line */
#define EXIT_DATAERR 65 /* EX_DATAERR: input holds a NUL byte */
#define EXIT_NOINPUT 66 /* EX_NOINPUT: a file or stdin could not be read */
#define EXIT_IOERR 74   /* EX_IOERR: stdout could not be written */
#define EXIT_LIBRARY 10 /* plus the jwt_status of the failed call */

static const char USAGE[] =
    "usage:\n"
    "  jwt-tool encode [--alg HS256|HS384|HS512] (--secret S | --secret-file F)\n"
    "                  [--exp-in SECONDS] [--iat] [--now T] [--header JSON] JSON\n"
    "  jwt-tool decode (--secret S | --secret-file F) [--alg A]... [--aud A]...\n"
    "                  [--iss I]... [--sub S] [--leeway N] [--now T] [--require NAME]...\n"
    "                  TOKEN\n"
    "  jwt-tool inspect TOKEN\n"
    "  jwt-tool --help | --version\n";

static const char HELP[] =
    "\n"
    "encode   signs the JSON object JSON and prints the token.\n"
    "  --alg A          HS256 (default), HS384 or HS512\n"
    "  --secret S       the HMAC secret, as the bytes of S (visible to `ps`;\n"
    "                   prefer --secret-file)\n"
    "  --secret-file F  the HMAC secret: every byte of file F, a final newline included\n"
    "  --exp-in N       adds \"exp\": now + N seconds\n"
    "  --iat            adds \"iat\": now\n"
    "  --now T          \"now\" for --exp-in and --iat, in Unix seconds (default: the clock)\n"
    "  --header JSON    the header to sign instead of {\"alg\":...,\"typ\":\"JWT\"};\n"
    "                   it must contain \"alg\" naming the algorithm of --alg\n"
    "\n"
    "decode   verifies TOKEN (structure, algorithm, signature, then exp, nbf, iat\n"
    "         and the claims asked for below) and prints its payload.\n"
    "  --alg A          accept this algorithm; repeat for more (default: HS256 only)\n"
    "  --aud A          accept audience A; repeat for more. Without --aud a token\n"
    "                   that has an \"aud\" claim is rejected\n"
    "  --iss I          require \"iss\" to be I; repeat to accept several issuers\n"
    "  --sub S          a token with a \"sub\" must have S\n"
    "  --leeway N       seconds of clock skew allowed for exp, nbf, iat (default 0)\n"
    "  --now T          check the times as of T, in Unix seconds (default: the clock)\n"
    "  --require NAME   the claim NAME must be present; repeat for more\n"
    "\n"
    "inspect  prints the header and the payload of TOKEN, one JSON object per line,\n"
    "         WITHOUT verifying its signature or claims: never trust what it shows.\n"
    "\n"
    "A JSON or TOKEN of \"-\" is read from standard input. Options may be written\n"
    "--name VALUE or --name=VALUE; \"--\" ends the options.\n"
    "\n"
    "exit status:\n"
    "   0  success\n"
    "  64  usage error (the command line is wrong)\n"
    "  65  standard input holds a NUL byte\n"
    "  66  the secret file or standard input cannot be read\n"
    "  74  the output cannot be written\n"
    "  10 + jwt_status when the library refuses, on stderr as\n"
    "      \"jwt-tool: <status>: <details>\":\n";

/* ---- error reporting -------------------------------------------------- */

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("jwt-tool: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    fputs(USAGE, stderr);
    fputs("Try 'jwt-tool --help' for more.\n", stderr);
    return EXIT_USAGE;
}

/* Reports a failed library call; must run before any other call into the library
 * on this thread, which would replace jwt_last_error(). */
static int library_error(jwt_status st)
{
    fprintf(stderr, "jwt-tool: %s: %s\n", jwt_status_str(st), jwt_last_error());
    return EXIT_LIBRARY + (int)st;
}

static void print_help(void)
{
    int st;
    fputs(USAGE, stdout);
    fputs(HELP, stdout);
    for (st = 1; st <= (int)JWT_ERR_INVALID_ARGUMENT; st++)
        printf("  %2d  %s\n", EXIT_LIBRARY + st, jwt_status_str((jwt_status)st));
    printf("      (e.g. 19: the signature is invalid, 21: the token has expired)\n");
}

/* ---- input ------------------------------------------------------------ */

/* Reads all of `f` into a new NUL-terminated buffer; 0 on success. */
static int read_all(FILE *f, char **out, size_t *out_len)
{
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    if (buf == NULL)
        return -1;
    for (;;) {
        if (cap - len < 2) {
            char *bigger = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return -1;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

/* Overwrites a secret before its memory is released. */
static void wipe(void *p, size_t n)
{
    volatile unsigned char *b = p;
    while (n--)
        *b++ = 0;
}

/* `arg`, or standard input when `arg` is "-". `*owned` is what to free. For a
 * token, surrounding whitespace (e.g. the newline of `echo`) is dropped. */
static int text_arg(const char *arg, int is_token, const char **text, char **owned)
{
    size_t len;
    char *buf;
    *owned = NULL;
    if (strcmp(arg, "-") != 0) {
        *text = arg;
        return 0;
    }
    if (read_all(stdin, &buf, &len) != 0) {
        fprintf(stderr, "jwt-tool: cannot read standard input: %s\n", strerror(errno));
        return EXIT_NOINPUT;
    }
    if (strlen(buf) != len) {
        fprintf(stderr, "jwt-tool: standard input holds a NUL byte\n");
        free(buf);
        return EXIT_DATAERR;
    }
    *owned = buf;
    *text = buf;
    if (is_token) {
        while (len > 0 && strchr(" \t\r\n", buf[len - 1]) != NULL)
            buf[--len] = '\0';
        while (*buf != '\0' && strchr(" \t\r\n", *buf) != NULL)
            buf++;
        *text = buf;
    }
    return 0;
}

/* The secret of --secret or --secret-file, in a new buffer (wiped and freed by
 * the caller); a secret file is used byte for byte. */
static int load_secret(const char *secret, const char *secret_file, char **out, size_t *len)
{
    FILE *f;
    int rc;
    if (secret != NULL) {
        *len = strlen(secret);
        *out = malloc(*len + 1);
        if (*out == NULL)
            return EXIT_NOINPUT;
        memcpy(*out, secret, *len + 1);
        return 0;
    }
    f = fopen(secret_file, "rb");
    if (f == NULL) {
        fprintf(stderr, "jwt-tool: cannot open the secret file %s: %s\n", secret_file,
                strerror(errno));
        return EXIT_NOINPUT;
    }
    rc = read_all(f, out, len);
    if (rc != 0)
        fprintf(stderr, "jwt-tool: cannot read the secret file %s: %s\n", secret_file,
                strerror(errno));
    fclose(f);
    return rc == 0 ? 0 : EXIT_NOINPUT;
}

/* ---- command-line parsing ---------------------------------------------- */

struct args {
    int argc;
    char **argv;
    int i;            /* next argument */
    int options_done; /* after "--" */
};

/* If argv[i] is the option `name`, consumes it and sets *value (NULL for a flag).
 * Returns 1 when matched, 0 when not, -1 on a missing or unexpected value. */
static int take_option(struct args *a, const char *name, int has_value, const char **value)
{
    const char *arg = a->argv[a->i];
    size_t n = strlen(name);
    if (a->options_done || strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        if (!has_value)
            return -1;
        *value = arg + n + 1;
        a->i++;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    a->i++;
    if (!has_value) {
        *value = NULL;
        return 1;
    }
    if (a->i >= a->argc)
        return -1;
    *value = a->argv[a->i++];
    return 1;
}

static int parse_alg(const char *name, jwt_alg *alg)
{
    if (strcmp(name, "HS256") == 0)
        *alg = JWT_ALG_HS256;
    else if (strcmp(name, "HS384") == 0)
        *alg = JWT_ALG_HS384;
    else if (strcmp(name, "HS512") == 0)
        *alg = JWT_ALG_HS512;
    else
        return -1;
    return 0;
}

static int parse_int64(const char *s, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(s, &end, 10);
    return (errno != 0 || end == s || *end != '\0') ? -1 : 0;
}

/* A positional argument, or a usage problem. `what` names it for messages. */
static int positional(struct args *a, const char **out)
{
    const char *arg = a->argv[a->i];
    if (!a->options_done && strcmp(arg, "--") == 0) {
        a->options_done = 1;
        a->i++;
        return 0;
    }
    if (!a->options_done && arg[0] == '-' && arg[1] != '\0')
        return -1; /* an unknown option */
    if (*out != NULL)
        return -2; /* a second positional argument */
    *out = arg;
    a->i++;
    return 0;
}

/* --secret S and --secret-file F, which encode and decode share. Returns 1 when
 * the next argument was one of them, 0 when not, -1 after a usage error. */
static int take_secret_option(struct args *a, const char **secret_arg, const char **secret_file)
{
    const char *value = NULL;
    int m;

    if ((m = take_option(a, "--secret", 1, &value)) != 0) {
        if (m < 0)
            return usage_error("--secret takes a value"), -1;
        *secret_arg = value;
        return 1;
    }
    if ((m = take_option(a, "--secret-file", 1, &value)) != 0) {
        if (m < 0)
            return usage_error("--secret-file takes a file name"), -1;
        *secret_file = value;
        return 1;
    }
    return 0;
}

/* ---- encode ------------------------------------------------------------ */

/* `json` with `extra` (e.g. "\"iat\":1,\"exp\":2") appended as members, when
 * `json` looks like an object; otherwise a copy, for the library to refuse. */
static char *with_claims(const char *json, const char *extra)
{
    const char *start = json, *end = json + strlen(json);
    const char *p;
    int empty = 1;
    size_t head, size;
    char *out;

    while (*start != '\0' && strchr(" \t\r\n", *start) != NULL)
        start++;
    while (end > start && strchr(" \t\r\n", end[-1]) != NULL)
        end--;
    if (*extra == '\0' || end - start < 2 || *start != '{' || end[-1] != '}') {
        out = malloc(strlen(json) + 1);
        if (out != NULL)
            strcpy(out, json);
        return out;
    }
    for (p = start + 1; p < end - 1; p++)
        if (strchr(" \t\r\n", *p) == NULL)
            empty = 0;
    head = (size_t)(end - 1 - json); /* everything before the final '}' */
    size = head + 1 + strlen(extra) + 2;
    out = malloc(size);
    if (out != NULL)
        snprintf(out, size, "%.*s%s%s}", (int)head, json, empty ? "" : ",", extra);
    return out;
}

static int cmd_encode(struct args *a)
{
    const char *secret_arg = NULL, *secret_file = NULL, *header = NULL, *json_arg = NULL;
    const char *json = NULL, *value = NULL;
    char *json_owned = NULL, *claims = NULL, *secret = NULL, *token = NULL, *check = NULL;
    size_t secret_len = 0;
    jwt_alg alg = JWT_ALG_HS256;
    jwt_key *key = NULL;
    jwt_status st;
    long long exp_in = 0, now = (long long)time(NULL);
    int has_exp = 0, has_iat = 0, m, rc = EXIT_USAGE;
    char extra[64] = "";

    while (a->i < a->argc) {
        if ((m = take_option(a, "--alg", 1, &value)) != 0) {
            if (m < 0 || parse_alg(value, &alg) != 0) {
                rc = usage_error("--alg takes HS256, HS384 or HS512");
                goto cleanup;
            }
        } else if ((m = take_secret_option(a, &secret_arg, &secret_file)) != 0) {
            if (m < 0) {
                rc = EXIT_USAGE;
                goto cleanup;
            }
        } else if ((m = take_option(a, "--exp-in", 1, &value)) != 0) {
            if (m < 0 || parse_int64(value, &exp_in) != 0) {
                rc = usage_error("--exp-in takes a number of seconds");
                goto cleanup;
            }
            has_exp = 1;
        } else if ((m = take_option(a, "--iat", 0, &value)) != 0) {
            if (m < 0) {
                rc = usage_error("--iat takes no value");
                goto cleanup;
            }
            has_iat = 1;
        } else if ((m = take_option(a, "--now", 1, &value)) != 0) {
            if (m < 0 || parse_int64(value, &now) != 0) {
                rc = usage_error("--now takes Unix seconds");
                goto cleanup;
            }
        } else if ((m = take_option(a, "--header", 1, &value)) != 0) {
            if (m < 0) {
                rc = usage_error("--header takes a JSON object");
                goto cleanup;
            }
            header = value;
        } else if ((m = positional(a, &json_arg)) != 0) {
            rc = usage_error(m == -1 ? "encode: unknown option '%s'"
                                     : "encode: one JSON argument expected, also got '%s'",
                             a->argv[a->i]);
            goto cleanup;
        }
    }
    if (json_arg == NULL) {
        rc = usage_error("encode: the JSON payload is missing");
        goto cleanup;
    }
    if ((secret_arg == NULL) == (secret_file == NULL)) {
        rc = usage_error("encode: give exactly one of --secret and --secret-file");
        goto cleanup;
    }
    if (has_exp && ((exp_in > 0 && now > LLONG_MAX - exp_in) ||
                    (exp_in < 0 && now < LLONG_MIN - exp_in))) {
        rc = usage_error("--exp-in %lld is out of range", exp_in);
        goto cleanup;
    }

    if ((rc = text_arg(json_arg, 0, &json, &json_owned)) != 0)
        goto cleanup;
    if ((rc = load_secret(secret_arg, secret_file, &secret, &secret_len)) != 0)
        goto cleanup;
    st = jwt_key_new(alg, (const uint8_t *)secret, secret_len, &key);
    if (st != JWT_OK) {
        rc = library_error(st);
        goto cleanup;
    }

    if (has_iat || has_exp) {
        /* Check the caller's JSON first, so that errors point into their text. */
        st = jwt_encode_with_key(key, json, &check);
        if (st != JWT_OK) {
            rc = library_error(st);
            goto cleanup;
        }
        if (has_iat && has_exp)
            snprintf(extra, sizeof extra, "\"iat\":%lld,\"exp\":%lld", now, now + exp_in);
        else if (has_iat)
            snprintf(extra, sizeof extra, "\"iat\":%lld", now);
        else
            snprintf(extra, sizeof extra, "\"exp\":%lld", now + exp_in);
    }
    claims = with_claims(json, extra);
    if (claims == NULL) {
        fprintf(stderr, "jwt-tool: out of memory\n");
        rc = EXIT_LIBRARY + (int)JWT_ERR_INTERNAL;
        goto cleanup;
    }

    if (header != NULL)
        st = jwt_encode_with_header(key, header, claims, &token);
    else
        st = jwt_encode_with_key(key, claims, &token);
    if (st != JWT_OK) {
        rc = library_error(st);
        goto cleanup;
    }
    printf("%s\n", token);
    rc = 0;

cleanup:
    jwt_string_free(token);
    jwt_string_free(check);
    jwt_key_free(key);
    free(claims);
    if (secret != NULL)
        wipe(secret, secret_len);
    free(secret);
    free(json_owned);
    return rc;
}

/* ---- decode ------------------------------------------------------------ */

static int cmd_decode(struct args *a)
{
    const char *secret_arg = NULL, *secret_file = NULL, *token_arg = NULL, *token = NULL;
    const char *value = NULL;
    char *token_owned = NULL, *secret = NULL, *payload = NULL;
    size_t secret_len = 0;
    jwt_validation *v = NULL;
    jwt_status st = JWT_OK;
    jwt_alg alg;
    long long n;
    int m, rc = EXIT_USAGE;

    st = jwt_validation_new(&v);
    if (st != JWT_OK) {
        rc = library_error(st);
        goto cleanup;
    }
    /* Each option goes straight into the validation; `st` keeps the first failure. */
    while (a->i < a->argc) {
        if ((m = take_option(a, "--alg", 1, &value)) != 0) {
            if (m < 0 || parse_alg(value, &alg) != 0) {
                rc = usage_error("--alg takes HS256, HS384 or HS512");
                goto cleanup;
            }
            st = jwt_validation_allow_alg(v, alg);
        } else if ((m = take_secret_option(a, &secret_arg, &secret_file)) != 0) {
            if (m < 0) {
                rc = EXIT_USAGE;
                goto cleanup;
            }
        } else if ((m = take_option(a, "--aud", 1, &value)) != 0) {
            if (m < 0) {
                rc = usage_error("--aud takes an audience");
                goto cleanup;
            }
            st = jwt_validation_add_audience(v, value);
        } else if ((m = take_option(a, "--iss", 1, &value)) != 0) {
            if (m < 0) {
                rc = usage_error("--iss takes an issuer");
                goto cleanup;
            }
            st = jwt_validation_add_issuer(v, value);
        } else if ((m = take_option(a, "--sub", 1, &value)) != 0) {
            if (m < 0) {
                rc = usage_error("--sub takes a subject");
                goto cleanup;
            }
            st = jwt_validation_set_subject(v, value);
        } else if ((m = take_option(a, "--leeway", 1, &value)) != 0) {
            if (m < 0 || parse_int64(value, &n) != 0 || n < 0) {
                rc = usage_error("--leeway takes a number of seconds, 0 or more");
                goto cleanup;
            }
            st = jwt_validation_set_leeway(v, (int64_t)n);
        } else if ((m = take_option(a, "--now", 1, &value)) != 0) {
            if (m < 0 || parse_int64(value, &n) != 0) {
                rc = usage_error("--now takes Unix seconds");
                goto cleanup;
            }
            st = jwt_validation_set_now(v, (int64_t)n);
        } else if ((m = take_option(a, "--require", 1, &value)) != 0) {
            if (m < 0) {
                rc = usage_error("--require takes a claim name");
                goto cleanup;
            }
            st = jwt_validation_require_claim(v, value);
        } else if ((m = positional(a, &token_arg)) != 0) {
            rc = usage_error(m == -1 ? "decode: unknown option '%s'"
                                     : "decode: one TOKEN argument expected, also got '%s'",
                             a->argv[a->i]);
            goto cleanup;
        }
        if (st != JWT_OK) {
            rc = library_error(st);
            goto cleanup;
        }
    }
    if (token_arg == NULL) {
        rc = usage_error("decode: the TOKEN is missing");
        goto cleanup;
    }
    if ((secret_arg == NULL) == (secret_file == NULL)) {
        rc = usage_error("decode: give exactly one of --secret and --secret-file");
        goto cleanup;
    }

    if ((rc = text_arg(token_arg, 1, &token, &token_owned)) != 0)
        goto cleanup;
    if ((rc = load_secret(secret_arg, secret_file, &secret, &secret_len)) != 0)
        goto cleanup;
    st = jwt_decode_with_secret(token, (const uint8_t *)secret, secret_len, v, &payload);
    if (st != JWT_OK) {
        rc = library_error(st);
        goto cleanup;
    }
    printf("%s\n", payload);
    rc = 0;

cleanup:
    jwt_string_free(payload);
    if (secret != NULL)
        wipe(secret, secret_len);
    free(secret);
    free(token_owned);
    jwt_validation_free(v);
    return rc;
}

/* ---- inspect ----------------------------------------------------------- */

static int cmd_inspect(struct args *a)
{
    static const jwt_check all_checks[] = {JWT_CHECK_EXP, JWT_CHECK_NBF, JWT_CHECK_IAT,
                                           JWT_CHECK_AUD, JWT_CHECK_ISS, JWT_CHECK_SUB,
                                           JWT_CHECK_JTI};
    const char *token_arg = NULL, *token = NULL;
    char *token_owned = NULL, *header = NULL, *payload = NULL;
    jwt_validation *nothing_checked = NULL;
    jwt_status st;
    size_t i;
    int m, rc = EXIT_USAGE;

    while (a->i < a->argc) {
        if ((m = positional(a, &token_arg)) != 0) {
            rc = usage_error(m == -1 ? "inspect: unknown option '%s'"
                                     : "inspect: one TOKEN argument expected, also got '%s'",
                             a->argv[a->i]);
            goto cleanup;
        }
    }
    if (token_arg == NULL) {
        rc = usage_error("inspect: the TOKEN is missing");
        goto cleanup;
    }
    if ((rc = text_arg(token_arg, 1, &token, &token_owned)) != 0)
        goto cleanup;

    st = jwt_decode_header(token, &header);
    if (st != JWT_OK) {
        rc = library_error(st);
        goto cleanup;
    }
    /* Only the structure is checked: no signature, no algorithm, no claims. */
    st = jwt_validation_new(&nothing_checked);
    for (i = 0; st == JWT_OK && i < sizeof all_checks / sizeof all_checks[0]; i++)
        st = jwt_validation_set_check(nothing_checked, all_checks[i], false);
    if (st == JWT_OK)
        st = jwt_decode_unverified(token, nothing_checked, &payload);
    if (st != JWT_OK) {
        rc = library_error(st);
        goto cleanup;
    }
    fprintf(stderr, "jwt-tool: NOT VERIFIED: the signature and claims were not checked; "
                    "use 'jwt-tool decode' before trusting them\n");
    printf("%s\n%s\n", header, payload);
    rc = 0;

cleanup:
    jwt_validation_free(nothing_checked);
    jwt_string_free(payload);
    jwt_string_free(header);
    free(token_owned);
    return rc;
}

int main(int argc, char **argv)
{
    struct args a = {0, NULL, 2, 0};
    const char *cmd = argc > 1 ? argv[1] : "";
    int rc;

    a.argc = argc;
    a.argv = argv;
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        print_help();
        rc = 0;
    } else if (strcmp(cmd, "--version") == 0) {
        printf("jwt-tool (libjwt_ffi %s, header %s)\n", jwt_version(), JWT_FFI_VERSION);
        rc = 0;
    } else if (strcmp(cmd, "encode") == 0) {
        rc = cmd_encode(&a);
    } else if (strcmp(cmd, "decode") == 0) {
        rc = cmd_decode(&a);
    } else if (strcmp(cmd, "inspect") == 0) {
        rc = cmd_inspect(&a);
    } else {
        rc = usage_error(argc > 1 ? "unknown command '%s'" : "a command is missing", cmd);
    }
    if (fflush(stdout) != 0 && rc == 0) {
        fprintf(stderr, "jwt-tool: cannot write the output: %s\n", strerror(errno));
        rc = EXIT_IOERR;
    }
    return rc;
}
