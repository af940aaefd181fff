//! jwt_decode_with_secret* and jwt_validation_* called as a C program calls them: a table of
//! hostile tokens with the exact status each must get, claim checks at their
//! boundaries, the RFC 7515 vector, and threads.

use std::ptr;

use crate::common::*;
use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_check::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;

const NOW: i64 = 1_700_000_000;
const KEY: &[u8] = b"secret";

fn fixed_clock() -> *mut jwt_validation {
    validation(|v| unsafe {
        assert_eq!(jwt_validation_set_now(v, NOW), JWT_OK);
    })
}

fn hs256(payload: &str) -> String {
    token("HS256", KEY, payload)
}

/// Replaces one segment of a token.
fn with_segment(token: &str, i: usize, seg: &str) -> String {
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[i] = seg;
    parts.join(".")
}

/// Changes one character of a segment to another base64url character.
fn flip(token: &str, seg: usize) -> String {
    let s = token.split('.').nth(seg).unwrap();
    let mut chars: Vec<char> = s.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = if chars[mid] == 'A' { 'B' } else { 'A' };
    with_segment(token, seg, &chars.into_iter().collect::<String>())
}

#[test]
fn hostile_and_malformed_tokens() {
    let good = hs256("{\"sub\":\"u1\",\"exp\":1700000100}");
    let hdr = |h: &str| sign("HS256", KEY, h, "{\"a\":1}");
    let payload = |p: &[u8]| {
        let input = format!("{}.{}", b64(b"{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), b64(p));
        format!("{input}.{}", b64(&mac("HS256", KEY, input.as_bytes())))
    };
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(5000), "]".repeat(5000));
    let none_sig = with_segment(&good, 0, &b64(b"{\"alg\":\"none\",\"typ\":\"JWT\"}"));
    let cases: Vec<(&str, String, jwt_status)> = vec![
        ("the good token", good.clone(), JWT_OK),
        ("empty", String::new(), JWT_ERR_MALFORMED_TOKEN),
        ("one segment", "abc".into(), JWT_ERR_MALFORMED_TOKEN),
        (
            "two segments",
            good.rsplit_once('.').unwrap().0.into(),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "four segments",
            format!("{good}.AAAA"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "empty header",
            with_segment(&good, 0, ""),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "empty signature",
            with_segment(&good, 2, ""),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "padded payload",
            with_segment(&good, 1, &format!("{}=", good.split('.').nth(1).unwrap())),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "standard-alphabet char",
            good.replacen('J', "+", 1),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "space in signature",
            with_segment(&good, 2, "abc def"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "impossible length",
            with_segment(&good, 2, "AAAAA"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "non-canonical last char",
            with_segment(
                &good,
                2,
                &format!("{}B", &good.split('.').nth(2).unwrap()[..42]),
            ),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        ("header not JSON", hdr("alg=HS256"), JWT_ERR_MALFORMED_TOKEN),
        (
            "header an array",
            hdr("[\"HS256\"]"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "header trailing junk",
            hdr("{\"alg\":\"HS256\"}x"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "header not UTF-8",
            sign("HS256", KEY, "{\"alg\":\"HS256\",\"x\":\"\u{e9}\"}", "{}").replacen(
                &b64("{\"alg\":\"HS256\",\"x\":\"\u{e9}\"}".as_bytes()),
                &b64(b"{\"alg\":\"HS256\",\"x\":\"\xe9\"}"),
                1,
            ),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "header alg twice",
            hdr("{\"alg\":\"HS256\",\"alg\":\"HS256\"}"),
            JWT_ERR_DUPLICATE_CLAIM,
        ),
        (
            "header alg a number",
            hdr("{\"alg\":256}"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "header alg missing",
            hdr("{\"typ\":\"JWT\"}"),
            JWT_ERR_ALGORITHM_NOT_ALLOWED,
        ),
        (
            "alg none, signed anyway",
            none_sig,
            JWT_ERR_ALGORITHM_NOT_ALLOWED,
        ),
        (
            "alg none, unsigned (alg is judged before the empty signature, as PyJWT)",
            format!("{}.{}.", b64(b"{\"alg\":\"none\"}"), b64(b"{}")),
            JWT_ERR_ALGORITHM_NOT_ALLOWED,
        ),
        (
            "alg None spelled oddly",
            hdr("{\"alg\":\"None\"}"),
            JWT_ERR_ALGORITHM_NOT_ALLOWED,
        ),
        (
            "alg RS256",
            hdr("{\"alg\":\"RS256\"}"),
            JWT_ERR_ALGORITHM_NOT_ALLOWED,
        ),
        (
            "alg HS384 not allowed by default",
            token("HS384", KEY, "{}"),
            JWT_ERR_ALGORITHM_NOT_ALLOWED,
        ),
        (
            "crit names an extension",
            hdr("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "crit empty",
            hdr("{\"alg\":\"HS256\",\"crit\":[]}"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "kid a number",
            hdr("{\"alg\":\"HS256\",\"kid\":7}"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "escaped header alg is still HS256",
            hdr("{\"\\u0061lg\":\"HS\\u00325\\u0036\"}"),
            JWT_OK,
        ),
        (
            "tampered header",
            with_segment(&good, 0, &b64(b"{\"alg\":\"HS256\",\"typ\":\"JWS\"}")),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "tampered payload",
            flip(&good, 1),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "tampered signature",
            flip(&good, 2),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "truncated signature",
            with_segment(&good, 2, &good.split('.').nth(2).unwrap()[..40]),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "longer signature",
            with_segment(
                &good,
                2,
                &format!("{}AAAA", good.split('.').nth(2).unwrap()),
            ),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "huge signature",
            with_segment(&good, 2, &"A".repeat(4000)),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "wrong key",
            token("HS256", b"other", "{}"),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "unsigned garbage payload",
            with_segment(&good, 1, &b64(b"not json")),
            JWT_ERR_INVALID_SIGNATURE,
        ),
        (
            "signed payload not JSON",
            payload(b"not json"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "signed payload an array",
            payload(b"[1]"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "signed payload empty",
            payload(b""),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "signed payload not UTF-8",
            payload(b"{\"a\":\"\xff\"}"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "signed duplicate claims",
            payload(b"{\"exp\":1,\"exp\":9999999999}"),
            JWT_ERR_DUPLICATE_CLAIM,
        ),
        (
            "signed duplicate via escape",
            payload(b"{\"sub\":\"a\",\"\\u0073ub\":\"b\"}"),
            JWT_ERR_DUPLICATE_CLAIM,
        ),
        (
            "signed deeply nested payload",
            payload(deep.as_bytes()),
            JWT_ERR_MALFORMED_TOKEN,
        ),
        (
            "over the length limit",
            format!("{}.{}.{}", "A".repeat(200_000), "A".repeat(100_000), "A"),
            JWT_ERR_MALFORMED_TOKEN,
        ),
    ];
    let v = fixed_clock();
    for (what, token, want) in &cases {
        let (st, payload) = decode(token, KEY, v);
        expect_status(st, *want, what);
        if *want == JWT_OK {
            assert!(payload.is_some());
        }
    }
    unsafe { jwt_validation_free(v) };
}

#[test]
fn messages_say_which_part_failed() {
    let v = fixed_clock();
    let good = hs256("{}");
    let check = |token: &str, needle: &str| {
        let (st, _) = decode(token, KEY, v);
        assert_ne!(st, JWT_OK);
        assert!(
            last_error().contains(needle),
            "{:?} lacks {needle:?}",
            last_error()
        );
    };
    check("a.b", "token has 2 segments, expected 3");
    check(
        &good.replacen('.', ".=", 1),
        "payload segment is not valid base64url: invalid '=' at offset 37",
    );
    check(
        &sign("HS256", KEY, "{\"alg\":\"HS256\"", "{}"),
        "header is not valid JSON",
    );
    check(
        &token("HS512", KEY, "{}"),
        "token alg HS512 is not among the allowed algorithms [HS256]",
    );
    check(&sign("HS256", KEY, "{\"alg\":\"none\"}", "{}"), "\"none\"");
    check(&flip(&good, 2), "signature verification failed");
    check(
        &hs256("{\"exp\":1700000000}"),
        "token expired at 1700000000, now is 1700000000, leeway 0 s",
    );
    unsafe { jwt_validation_free(v) };
}

#[test]
fn invalid_utf8_and_null_arguments() {
    let v = fixed_clock();
    let mut out = ptr::null_mut();
    let bad = std::ffi::CString::new(b"eyJ\xff.e30.AAAA".to_vec()).unwrap();
    let good = cs(&hs256("{}"));
    let k = key(JWT_ALG_HS256, KEY);
    unsafe {
        expect_status(
            jwt_decode_with_secret(bad.as_ptr(), KEY.as_ptr(), KEY.len(), v, &mut out),
            JWT_ERR_INVALID_UTF8,
            "token",
        );
        expect_status(
            jwt_decode_with_secret(ptr::null(), KEY.as_ptr(), KEY.len(), v, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "token",
        );
        expect_status(
            jwt_decode_with_secret(good.as_ptr(), ptr::null(), 3, v, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "key",
        );
        expect_status(
            jwt_decode_with_secret(good.as_ptr(), KEY.as_ptr(), 0, v, &mut out),
            JWT_ERR_INVALID_KEY,
            "empty key",
        );
        expect_status(
            jwt_decode_with_secret(good.as_ptr(), KEY.as_ptr(), KEY.len(), v, ptr::null_mut()),
            JWT_ERR_NULL_ARGUMENT,
            "out",
        );
        expect_status(
            jwt_decode_with_key(ptr::null(), good.as_ptr(), v, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "key",
        );
        expect_status(
            jwt_decode_with_key(k, ptr::null(), v, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "token",
        );
        expect_status(
            jwt_decode_unverified(ptr::null(), v, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "token",
        );
        expect_status(
            jwt_decode_header(ptr::null(), &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "token",
        );
        expect_status(
            jwt_decode_header(good.as_ptr(), ptr::null_mut()),
            JWT_ERR_NULL_ARGUMENT,
            "out",
        );
        assert!(out.is_null());
        // A NULL validation means the defaults: the system clock, HS256 only.
        expect_status(
            jwt_decode_with_secret(
                good.as_ptr(),
                KEY.as_ptr(),
                KEY.len(),
                ptr::null(),
                &mut out,
            ),
            JWT_OK,
            "defaults",
        );
        jwt_string_free(out);

        let s = cs("x");
        expect_status(
            jwt_validation_new(ptr::null_mut()),
            JWT_ERR_NULL_ARGUMENT,
            "new",
        );
        expect_status(
            jwt_validation_set_audience(ptr::null_mut(), s.as_ptr()),
            JWT_ERR_NULL_ARGUMENT,
            "v",
        );
        expect_status(
            jwt_validation_set_audience(v, ptr::null()),
            JWT_ERR_NULL_ARGUMENT,
            "aud",
        );
        expect_status(
            jwt_validation_set_issuer(v, ptr::null()),
            JWT_ERR_NULL_ARGUMENT,
            "iss",
        );
        expect_status(
            jwt_validation_set_subject(v, ptr::null()),
            JWT_ERR_NULL_ARGUMENT,
            "sub",
        );
        expect_status(
            jwt_validation_require_claim(v, ptr::null()),
            JWT_ERR_NULL_ARGUMENT,
            "name",
        );
        expect_status(
            jwt_validation_set_leeway(ptr::null_mut(), 1),
            JWT_ERR_NULL_ARGUMENT,
            "v",
        );
        expect_status(
            jwt_validation_allow_alg(v, jwt_alg_arg(14)),
            JWT_ERR_UNSUPPORTED_ALGORITHM,
            "alg 14",
        );
        expect_status(
            jwt_validation_set_check(v, jwt_check_arg(3), false),
            JWT_ERR_INVALID_ARGUMENT,
            "check 3",
        );
        let bad_utf8 = std::ffi::CString::new(b"\xc3".to_vec()).unwrap();
        expect_status(
            jwt_validation_set_audience(v, bad_utf8.as_ptr()),
            JWT_ERR_INVALID_UTF8,
            "aud",
        );
        jwt_key_free(k);
        jwt_validation_free(v);
    }
}

/// Decodes `payload` (signed HS256 with KEY) with a validation built by `setup`
/// on the fixed clock.
fn claims(payload: &str, setup: impl FnOnce(*mut jwt_validation)) -> jwt_status {
    let v = validation(|v| unsafe {
        assert_eq!(jwt_validation_set_now(v, NOW), JWT_OK);
        setup(v);
    });
    let (st, _) = decode(&hs256(payload), KEY, v);
    unsafe { jwt_validation_free(v) };
    st
}

fn leeway(s: i64) -> impl FnOnce(*mut jwt_validation) {
    move |v| assert_eq!(unsafe { jwt_validation_set_leeway(v, s) }, JWT_OK)
}

#[test]
fn time_claims_at_and_around_the_leeway_boundaries() {
    let t = |claim: &str, at: i64| format!("{{\"{claim}\":{at}}}");
    // exp: expired when exp <= now - leeway.
    assert_eq!(claims(&t("exp", NOW), |_| {}), JWT_ERR_EXPIRED);
    assert_eq!(claims(&t("exp", NOW + 1), |_| {}), JWT_OK);
    assert_eq!(claims(&t("exp", NOW - 9), leeway(10)), JWT_OK);
    assert_eq!(claims(&t("exp", NOW - 10), leeway(10)), JWT_ERR_EXPIRED);
    // nbf: not yet valid when nbf > now + leeway.
    assert_eq!(claims(&t("nbf", NOW), |_| {}), JWT_OK);
    assert_eq!(claims(&t("nbf", NOW + 1), |_| {}), JWT_ERR_NOT_YET_VALID);
    assert_eq!(claims(&t("nbf", NOW + 10), leeway(10)), JWT_OK);
    assert_eq!(
        claims(&t("nbf", NOW + 11), leeway(10)),
        JWT_ERR_NOT_YET_VALID
    );
    // iat: issued in the future when iat > now + leeway.
    assert_eq!(claims(&t("iat", NOW), |_| {}), JWT_OK);
    assert_eq!(claims(&t("iat", NOW + 1), |_| {}), JWT_ERR_ISSUED_IN_FUTURE);
    assert_eq!(claims(&t("iat", NOW + 10), leeway(10)), JWT_OK);
    assert_eq!(
        claims(&t("iat", NOW + 11), leeway(10)),
        JWT_ERR_ISSUED_IN_FUTURE
    );
    // Fractions are truncated as PyJWT's int() does; non-numbers are refused.
    assert_eq!(claims("{\"exp\":1700000000.9}", |_| {}), JWT_ERR_EXPIRED);
    assert_eq!(claims("{\"exp\":1700000001.5}", |_| {}), JWT_OK);
    assert_eq!(claims("{\"exp\":1.7000001e9}", |_| {}), JWT_OK);
    for bad in ["\"1700000100\"", "null", "true", "[1]", "{}"] {
        assert_eq!(
            claims(&format!("{{\"exp\":{bad}}}"), |_| {}),
            JWT_ERR_INVALID_CLAIM,
            "exp {bad}"
        );
        assert!(
            last_error().contains("claim \"exp\" must be a number"),
            "{}",
            last_error()
        );
        assert_eq!(
            claims(&format!("{{\"iat\":{bad}}}"), |_| {}),
            JWT_ERR_INVALID_CLAIM,
            "iat {bad}"
        );
    }
    // Huge values neither overflow nor wrap.
    assert_eq!(claims("{\"exp\":1e300}", |_| {}), JWT_OK);
    // Beyond f64 is no instant at all (PyJWT's int() overflows): refused, not "never".
    assert_eq!(claims("{\"exp\":1e400}", |_| {}), JWT_ERR_INVALID_CLAIM);
    assert_eq!(claims("{\"nbf\":-1e400}", |_| {}), JWT_ERR_INVALID_CLAIM);
    assert_eq!(claims("{\"exp\":-1e300}", |_| {}), JWT_ERR_EXPIRED);
    assert_eq!(
        claims("{\"exp\":99999999999999999999999}", leeway(i64::MAX)),
        JWT_OK
    );
    assert_eq!(
        claims("{\"nbf\":-99999999999999999999999}", leeway(i64::MIN)),
        JWT_OK
    );
    // An escaped spelling of the name is the same claim.
    assert_eq!(claims("{\"\\u0065xp\":1}", |_| {}), JWT_ERR_EXPIRED);
    // PyJWT's order: iat before nbf before exp.
    assert_eq!(
        claims(
            &format!("{{\"exp\":1,\"nbf\":{},\"iat\":{}}}", NOW + 5, NOW + 5),
            |_| {}
        ),
        JWT_ERR_ISSUED_IN_FUTURE
    );
    assert_eq!(
        claims(&format!("{{\"exp\":1,\"nbf\":{}}}", NOW + 5), |_| {}),
        JWT_ERR_NOT_YET_VALID
    );
}

#[test]
fn checks_can_be_turned_off_one_by_one() {
    let off = |c: jwt_check| {
        move |v| {
            assert_eq!(
                unsafe { jwt_validation_set_check(v, c.into(), false) },
                JWT_OK
            )
        }
    };
    assert_eq!(claims("{\"exp\":1}", off(JWT_CHECK_EXP)), JWT_OK);
    assert_eq!(claims("{\"exp\":\"x\"}", off(JWT_CHECK_EXP)), JWT_OK);
    assert_eq!(claims("{\"exp\":1}", off(JWT_CHECK_NBF)), JWT_ERR_EXPIRED);
    assert_eq!(claims("{\"nbf\":9999999999}", off(JWT_CHECK_NBF)), JWT_OK);
    assert_eq!(claims("{\"iat\":9999999999}", off(JWT_CHECK_IAT)), JWT_OK);
    assert_eq!(claims("{\"aud\":\"api\"}", off(JWT_CHECK_AUD)), JWT_OK);
    assert_eq!(claims("{\"sub\":5}", off(JWT_CHECK_SUB)), JWT_OK);
    assert_eq!(claims("{\"jti\":5}", off(JWT_CHECK_JTI)), JWT_OK);
    assert_eq!(claims("{\"jti\":5}", |_| {}), JWT_ERR_INVALID_CLAIM);
    let iss_off = |v| unsafe {
        assert_eq!(jwt_validation_set_issuer(v, cs("a").as_ptr()), JWT_OK);
        assert_eq!(
            jwt_validation_set_check(v, JWT_CHECK_ISS.into(), false),
            JWT_OK
        );
    };
    assert_eq!(claims("{\"iss\":\"b\"}", iss_off), JWT_OK);
    // Turning a check back on restores it.
    assert_eq!(
        claims("{\"exp\":1}", |v| unsafe {
            assert_eq!(
                jwt_validation_set_check(v, JWT_CHECK_EXP.into(), false),
                JWT_OK
            );
            assert_eq!(
                jwt_validation_set_check(v, JWT_CHECK_EXP.into(), true),
                JWT_OK
            );
        }),
        JWT_ERR_EXPIRED
    );
}

fn set(
    f: unsafe extern "C" fn(*mut jwt_validation, *const std::ffi::c_char) -> jwt_status,
    values: &'static [&'static str],
) -> impl FnOnce(*mut jwt_validation) {
    move |v| {
        for s in values {
            assert_eq!(unsafe { f(v, cs(s).as_ptr()) }, JWT_OK);
        }
    }
}

#[test]
fn audience() {
    let aud = |vals| set(jwt_validation_add_audience, vals);
    // None expected: a token that names an audience is refused, an empty aud is not (PyJWT).
    assert_eq!(
        claims("{\"aud\":\"api\"}", |_| {}),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(
        claims("{\"aud\":[\"api\"]}", |_| {}),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(claims("{\"aud\":\"\"}", |_| {}), JWT_OK);
    assert_eq!(claims("{\"aud\":[]}", |_| {}), JWT_OK);
    assert_eq!(claims("{}", aud(&["api"])), JWT_ERR_MISSING_CLAIM);
    assert!(last_error().contains("\"aud\""));
    assert_eq!(claims("{\"aud\":[]}", aud(&["api"])), JWT_ERR_MISSING_CLAIM);
    assert_eq!(claims("{\"aud\":\"api\"}", aud(&["api"])), JWT_OK);
    assert_eq!(claims("{\"aud\":\"\\u0061pi\"}", aud(&["api"])), JWT_OK);
    assert_eq!(claims("{\"aud\":[\"x\",\"api\"]}", aud(&["api"])), JWT_OK);
    assert_eq!(
        claims("{\"aud\":[\"api\"]}", aud(&["web"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(
        last_error(),
        "audience \"web\" not in token's aud [\"api\"]"
    );
    assert_eq!(claims("{\"aud\":\"api\"}", aud(&["web", "api"])), JWT_OK);
    assert_eq!(
        claims("{\"aud\":\"app\"}", aud(&["web", "api"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert!(
        last_error().contains("[\"web\",\"api\"]"),
        "{}",
        last_error()
    );
    assert_eq!(
        claims("{\"aud\":5}", aud(&["api"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(
        claims("{\"aud\":[\"api\",5]}", aud(&["api"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(
        claims("{\"aud\":\"API\"}", aud(&["api"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    // Strict mode (PyJWT's strict_aud): one audience, a string aud equal to it.
    let strict = |vals: &'static [&'static str]| {
        move |v| {
            set(jwt_validation_add_audience, vals)(v);
            assert_eq!(
                unsafe { jwt_validation_set_strict_audience(v, true) },
                JWT_OK
            );
        }
    };
    assert_eq!(claims("{\"aud\":\"api\"}", strict(&["api"])), JWT_OK);
    assert_eq!(
        claims("{\"aud\":[\"api\"]}", strict(&["api"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(
        claims("{\"aud\":\"web\"}", strict(&["api"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(
        claims("{\"aud\":\"api\"}", strict(&["api", "web"])),
        JWT_ERR_INVALID_AUDIENCE
    );
    assert_eq!(claims("{}", strict(&["api"])), JWT_ERR_MISSING_CLAIM);
    // set_ replaces what add_ accumulated.
    let replaced = |v| unsafe {
        assert_eq!(jwt_validation_add_audience(v, cs("api").as_ptr()), JWT_OK);
        assert_eq!(jwt_validation_set_audience(v, cs("web").as_ptr()), JWT_OK);
    };
    assert_eq!(
        claims("{\"aud\":\"api\"}", replaced),
        JWT_ERR_INVALID_AUDIENCE
    );
}

#[test]
fn issuer_subject_required_claims() {
    let iss = |vals| set(jwt_validation_add_issuer, vals);
    assert_eq!(claims("{\"iss\":\"anyone\"}", |_| {}), JWT_OK);
    assert_eq!(claims("{\"iss\":\"a\"}", iss(&["a"])), JWT_OK);
    assert_eq!(claims("{\"iss\":\"b\"}", iss(&["a", "b"])), JWT_OK);
    assert_eq!(
        claims("{\"iss\":\"c\"}", iss(&["a"])),
        JWT_ERR_INVALID_ISSUER
    );
    assert_eq!(
        last_error(),
        "issuer \"a\" does not match token's iss \"c\""
    );
    assert_eq!(
        claims("{\"iss\":[\"a\"]}", iss(&["a"])),
        JWT_ERR_INVALID_ISSUER
    );
    assert_eq!(claims("{}", iss(&["a"])), JWT_ERR_MISSING_CLAIM);
    assert_eq!(
        claims("{\"iss\":\"a\"}", set(jwt_validation_set_issuer, &["b"])),
        JWT_ERR_INVALID_ISSUER
    );

    let sub = |vals| set(jwt_validation_set_subject, vals);
    assert_eq!(claims("{\"sub\":\"u1\"}", sub(&["u1"])), JWT_OK);
    assert_eq!(
        claims("{\"sub\":\"u2\"}", sub(&["u1"])),
        JWT_ERR_INVALID_SUBJECT
    );
    assert_eq!(
        claims("{}", sub(&["u1"])),
        JWT_OK,
        "as PyJWT: absent sub passes unless required"
    );
    assert_eq!(claims("{\"sub\":5}", |_| {}), JWT_ERR_INVALID_SUBJECT);

    let req = |vals| set(jwt_validation_require_claim, vals);
    assert_eq!(
        claims("{\"exp\":9999999999,\"sub\":\"x\"}", req(&["exp", "sub"])),
        JWT_OK
    );
    assert_eq!(
        claims("{\"exp\":9999999999}", req(&["exp", "sub"])),
        JWT_ERR_MISSING_CLAIM
    );
    assert_eq!(
        last_error(),
        "token has no \"sub\" claim, which is required"
    );
    assert_eq!(claims("{\"custom\":false}", req(&["custom"])), JWT_OK);
    // As PyJWT: a required claim that is null is missing.
    assert_eq!(
        claims("{\"custom\":null}", req(&["custom"])),
        JWT_ERR_MISSING_CLAIM
    );
    assert_eq!(claims("{}", sub(&["u1"])), JWT_OK);
    // Required is checked before anything else (PyJWT's order).
    assert_eq!(claims("{\"exp\":1}", req(&["sub"])), JWT_ERR_MISSING_CLAIM);
    let v = validation(|_| {});
    for i in 0..64 {
        assert_eq!(
            unsafe { jwt_validation_require_claim(v, cs(&format!("c{i}")).as_ptr()) },
            JWT_OK
        );
    }
    assert_eq!(
        unsafe { jwt_validation_require_claim(v, cs("c64").as_ptr()) },
        JWT_ERR_INVALID_ARGUMENT
    );
    unsafe { jwt_validation_free(v) };
}

#[test]
fn algorithms_keys_and_allow_lists() {
    let t384 = cs(&token("HS384", KEY, "{}"));
    let t256 = cs(&token("HS256", KEY, "{}"));
    let k256 = key(JWT_ALG_HS256, KEY);
    let k384 = key(JWT_ALG_HS384, KEY);
    let only384 = validation(|v| {
        assert_eq!(
            unsafe { jwt_validation_allow_alg(v, JWT_ALG_HS384.into()) },
            JWT_OK
        )
    });
    let both = validation(|v| unsafe {
        assert_eq!(jwt_validation_allow_alg(v, JWT_ALG_HS384.into()), JWT_OK);
        assert_eq!(jwt_validation_allow_alg(v, JWT_ALG_HS256.into()), JWT_OK);
    });
    let mut out = ptr::null_mut();
    let dec = |k: *const jwt_key,
               t: &std::ffi::CString,
               v: *const jwt_validation,
               out: &mut *mut std::ffi::c_char| unsafe {
        let st = jwt_decode_with_key(k, t.as_ptr(), v, out);
        jwt_string_free(*out);
        st
    };
    let raw = |t: &std::ffi::CString, v: *const jwt_validation, out: &mut *mut std::ffi::c_char| unsafe {
        let st = jwt_decode_with_secret(t.as_ptr(), KEY.as_ptr(), KEY.len(), v, out);
        jwt_string_free(*out);
        st
    };
    // The first allow_alg replaces {HS256}; later ones add.
    expect_status(raw(&t384, only384, &mut out), JWT_OK, "384 allowed");
    expect_status(
        raw(&t256, only384, &mut out),
        JWT_ERR_ALGORITHM_NOT_ALLOWED,
        "256 no longer allowed",
    );
    expect_status(raw(&t256, both, &mut out), JWT_OK, "both");
    expect_status(raw(&t384, both, &mut out), JWT_OK, "both");
    // A key handle accepts its own alg without allow_alg, and only its own.
    expect_status(dec(k384, &t384, ptr::null(), &mut out), JWT_OK, "key alg");
    expect_status(
        dec(k256, &t384, ptr::null(), &mut out),
        JWT_ERR_ALGORITHM_NOT_ALLOWED,
        "HS384 token, HS256 key",
    );
    assert!(last_error().contains("does not match the key's algorithm HS256"));
    expect_status(
        dec(k256, &t256, only384, &mut out),
        JWT_ERR_ALGORITHM_NOT_ALLOWED,
        "key alg not in chosen set",
    );
    expect_status(
        dec(k384, &t384, both, &mut out),
        JWT_OK,
        "chosen set has it",
    );
    unsafe {
        jwt_key_free(k256);
        jwt_key_free(k384);
        jwt_validation_free(only384);
        jwt_validation_free(both);
    }
}

#[test]
fn rfc7515_appendix_a1_verifies_before_its_exp() {
    // RFC 7515 A.1: the example JWS and its JWK "k", published in the RFC.
    let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    use base64::Engine;
    let k = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
        .unwrap();
    let at = |now: i64| {
        validation(move |v| assert_eq!(unsafe { jwt_validation_set_now(v, now) }, JWT_OK))
    };
    let before = at(1_300_819_379);
    let (st, payload) = decode(token, &k, before);
    expect_status(st, JWT_OK, "RFC 7515 A.1");
    assert_eq!(
        payload.unwrap(),
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
    );
    let after = at(1_300_819_380);
    assert_eq!(decode(token, &k, after).0, JWT_ERR_EXPIRED);
    assert_eq!(decode(token, b"wrong", before).0, JWT_ERR_INVALID_SIGNATURE);
    // The header is returned as written, unverified.
    let mut h = ptr::null_mut();
    expect_status(
        unsafe { jwt_decode_header(cs(token).as_ptr(), &mut h) },
        JWT_OK,
        "header",
    );
    assert_eq!(
        unsafe { take(h) },
        "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"
    );
    unsafe {
        jwt_validation_free(before);
        jwt_validation_free(after);
    }
}

#[test]
fn unverified_decoding_and_headers() {
    let forged = cs(&flip(&hs256("{\"admin\":true}"), 2));
    let none = cs(&format!(
        "{}.{}.AAAA",
        b64(b"{\"alg\":\"none\"}"),
        b64(b"{\"a\":1}")
    ));
    let mut out = ptr::null_mut();
    unsafe {
        expect_status(
            jwt_decode_unverified(forged.as_ptr(), ptr::null(), &mut out),
            JWT_OK,
            "forged",
        );
        assert_eq!(take(out), "{\"admin\":true}");
        expect_status(
            jwt_decode_unverified(none.as_ptr(), ptr::null(), &mut out),
            JWT_OK,
            "none",
        );
        jwt_string_free(out);
        // Claims still apply unless turned off.
        let expired = cs(&hs256("{\"exp\":1}"));
        expect_status(
            jwt_decode_unverified(expired.as_ptr(), ptr::null(), &mut out),
            JWT_ERR_EXPIRED,
            "exp",
        );
        let broken = cs("a.b");
        expect_status(
            jwt_decode_unverified(broken.as_ptr(), ptr::null(), &mut out),
            JWT_ERR_MALFORMED_TOKEN,
            "shape",
        );
        expect_status(
            jwt_decode_header(forged.as_ptr(), &mut out),
            JWT_OK,
            "header",
        );
        assert_eq!(take(out), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        let dup = cs(&sign(
            "HS256",
            KEY,
            "{\"kid\":\"a\",\"kid\":\"b\",\"alg\":\"HS256\"}",
            "{}",
        ));
        expect_status(
            jwt_decode_header(dup.as_ptr(), &mut out),
            JWT_ERR_DUPLICATE_CLAIM,
            "dup",
        );
        let bad_payload = cs(&format!("{}.*.AAAA", b64(b"{\"alg\":\"HS256\"}")));
        expect_status(
            jwt_decode_header(bad_payload.as_ptr(), &mut out),
            JWT_ERR_MALFORMED_TOKEN,
            "payload b64",
        );
        assert!(out.is_null());
    }
}

#[test]
fn length_limit_refuses_a_10_mb_token_before_parsing() {
    let huge = format!(
        "{}.{}.{}",
        b64(b"{\"alg\":\"HS256\"}"),
        "A".repeat(10 * 1024 * 1024),
        "AAAA"
    );
    let (st, _) = decode(&huge, KEY, ptr::null());
    assert_eq!(st, JWT_ERR_MALFORMED_TOKEN);
    assert!(
        last_error().contains("longer than the limit of 262144 bytes"),
        "{}",
        last_error()
    );
    let good = hs256("{\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}");
    let tight = validation(|v| {
        assert_eq!(
            unsafe { jwt_validation_set_max_token_len(v, good.len() - 1) },
            JWT_OK
        )
    });
    assert_eq!(decode(&good, KEY, tight).0, JWT_ERR_MALFORMED_TOKEN);
    let exact = validation(|v| {
        assert_eq!(
            unsafe { jwt_validation_set_max_token_len(v, good.len()) },
            JWT_OK
        )
    });
    assert_eq!(decode(&good, KEY, exact).0, JWT_OK);
    unsafe {
        jwt_validation_free(tight);
        jwt_validation_free(exact);
    }
}

#[test]
fn one_key_and_one_validation_shared_by_threads() {
    let k = key(JWT_ALG_HS256, KEY) as usize;
    let v = validation(|v| unsafe {
        assert_eq!(jwt_validation_set_audience(v, cs("api").as_ptr()), JWT_OK);
        assert_eq!(jwt_validation_set_now(v, NOW), JWT_OK);
    }) as usize;
    let threads: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                let (k, v) = (k as *const jwt_key, v as *const jwt_validation);
                for i in 0..300 {
                    let payload = format!(
                        "{{\"aud\":\"api\",\"t\":{t},\"i\":{i},\"exp\":{}}}",
                        NOW + 60
                    );
                    let (json, mut tok, mut out) = (cs(&payload), ptr::null_mut(), ptr::null_mut());
                    assert_eq!(
                        unsafe { jwt_encode_with_key(k, json.as_ptr(), &mut tok) },
                        JWT_OK
                    );
                    assert_eq!(unsafe { jwt_decode_with_key(k, tok, v, &mut out) }, JWT_OK);
                    assert_eq!(unsafe { take(out) }, payload);
                    unsafe { jwt_string_free(tok) };
                    if i % 50 == 0 {
                        let bad = cs("x.y");
                        assert_eq!(
                            unsafe { jwt_decode_with_key(k, bad.as_ptr(), v, &mut out) },
                            JWT_ERR_MALFORMED_TOKEN
                        );
                        assert!(last_error().contains("2 segments"));
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    unsafe {
        jwt_key_free(k as *mut jwt_key);
        jwt_validation_free(v as *mut jwt_validation);
    }
}

/// RFC 7797's `"b64": false` header: refused by every decoder (the MAC is valid, so
/// only the header rule stops it) and by jwt_encode_with_header, with the status
/// of a malformed token and a message that names it.
#[test]
fn unencoded_payload_header_is_refused() {
    let k = key(JWT_ALG_HS256, KEY);
    let v = fixed_clock();
    let header = "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}";
    let bare = "{\"alg\":\"HS256\",\"b64\":false}";
    for h in [header, bare] {
        for token in [sign("HS256", KEY, h, "{\"a\":1}"), {
            // the payload as RFC 7797 sends it: the bytes themselves
            let input = format!("{}.{{\"a\":1}}", b64(h.as_bytes()));
            format!("{input}.{}", b64(&mac("HS256", KEY, input.as_bytes())))
        }] {
            let t = cs(&token);
            let mut out = ptr::null_mut();
            let st = unsafe { jwt_decode_with_key(k, t.as_ptr(), v, &mut out) };
            expect_status(st, JWT_ERR_MALFORMED_TOKEN, h);
            assert!(out.is_null());
            let st = unsafe { jwt_decode_unverified(t.as_ptr(), v, &mut out) };
            expect_status(st, JWT_ERR_MALFORMED_TOKEN, h);
            let st = unsafe { jwt_decode_header(t.as_ptr(), &mut out) };
            expect_status(st, JWT_ERR_MALFORMED_TOKEN, h);
        }
    }
    let (h, p) = (cs(bare), cs("{\"a\":1}"));
    let mut out = ptr::null_mut();
    let st = unsafe { jwt_encode_with_header(k, h.as_ptr(), p.as_ptr(), &mut out) };
    expect_status(st, JWT_ERR_MALFORMED_TOKEN, "encode b64 false");
    assert!(out.is_null());
    assert!(last_error().contains("RFC 7797"), "{}", last_error());
    let h = cs("{\"alg\":\"HS256\",\"b64\":true}");
    let st = unsafe { jwt_encode_with_header(k, h.as_ptr(), p.as_ptr(), &mut out) };
    assert_eq!(st, JWT_OK);
    let mut claims = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_decode_with_key(k, out, v, &mut claims) },
        JWT_OK
    );
    assert_eq!(unsafe { take(claims) }, "{\"a\":1}");
    unsafe {
        jwt_string_free(out);
        jwt_key_free(k);
        jwt_validation_free(v);
    }
}
