//! Python's `repr(float)`: the shortest digits that read back as the same double
//! (Rust's `{:e}` finds the same digits), laid out as CPython's `float_repr_style
//! = 'short'` does: positional with `.0` when the decimal exponent is in
//! [-4, 16), else `d.ddde±XX` with at least two exponent digits.

use std::io::Write;

use super::small::Out;

/// Writes finite `x` as Python's `repr` does: `1.0`, `1e+16`, `1.5e-07`, `-0.0`.
pub fn write_f64(out: &mut impl Out, x: f64) {
    debug_assert!(x.is_finite());
    if x == 0.0 {
        out.extend_from_slice(if x.is_sign_negative() {
            b"-0.0"
        } else {
            b"0.0"
        });
        return;
    }
    // "d.ddde-N": at most 17 digits, a point, 'e', a sign and 3 exponent digits.
    let mut buf = [0u8; 32];
    let mut cur = std::io::Cursor::new(&mut buf[..]);
    write!(cur, "{:e}", x.abs()).expect("fits");
    let n = cur.position() as usize;
    let s = &buf[..n];
    let e_at = s.iter().position(|&b| b == b'e').expect("an exponent");
    let exp: i32 = std::str::from_utf8(&s[e_at + 1..])
        .expect("ASCII")
        .parse()
        .expect("an integer");
    let mut digits = [0u8; 20];
    let mut nd = 0;
    for &b in &s[..e_at] {
        if b != b'.' {
            digits[nd] = b;
            nd += 1;
        }
    }
    if digits[nd - 1] % 2 == 1 && is_tie_rounded_up(x.abs(), &digits[..nd], exp) {
        digits[nd - 1] -= 1;
    }
    let digits = &digits[..nd];
    // The point sits after `decpt` digits: 0.d1d2... × 10^decpt.
    let decpt = exp + 1;
    if x < 0.0 {
        out.push(b'-');
    }
    if !(-4 < decpt && decpt <= 16) {
        out.push(digits[0]);
        if digits.len() > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        out.push(b'e');
        out.push(if exp < 0 { b'-' } else { b'+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push(b'0');
        }
        // At most 3 digits (a double's exponent is below 400).
        if e >= 100 {
            out.push(b'0' + (e / 100) as u8);
        }
        if e >= 10 {
            out.push(b'0' + (e / 10 % 10) as u8);
        }
        out.push(b'0' + (e % 10) as u8);
    } else if decpt <= 0 {
        out.extend_from_slice(b"0.");
        for _ in 0..-decpt {
            out.push(b'0');
        }
        out.extend_from_slice(digits);
    } else if decpt as usize >= digits.len() {
        out.extend_from_slice(digits);
        for _ in digits.len()..decpt as usize {
            out.push(b'0');
        }
        out.extend_from_slice(b".0");
    } else {
        let (int, frac) = digits.split_at(decpt as usize);
        out.extend_from_slice(int);
        out.push(b'.');
        out.extend_from_slice(frac);
    }
}

/// Whether `digits` (×10^exp, point after the first) came from rounding an exact
/// half up: `x` lies exactly between them and the same digits with the last one
/// less, which reads back as `x` too. Rust's shortest form rounds such ties up;
/// CPython's (David Gay's dtoa) rounds them to even, so the caller then takes the
/// lower, even, digits. Rare (17-digit doubles), so the exact check may be slow.
#[cold]
fn is_tie_rounded_up(x: f64, digits: &[u8], exp: i32) -> bool {
    let mut lower = digits.to_vec();
    *lower.last_mut().expect("a digit") -= 1;
    let sci = |d: &[u8]| {
        let d = std::str::from_utf8(d).expect("digits");
        format!("{}.{}e{exp}", &d[..1], &d[1..])
    };
    if sci(&lower).parse::<f64>() != Ok(x) {
        return false;
    }
    // A double's exact decimal expansion has at most 767 significant digits.
    let exact = format!("{x:.800e}");
    let (mantissa, e) = exact.split_once('e').expect("an exponent");
    if e.parse::<i32>() != Ok(exp) {
        return false;
    }
    let exact_digits: Vec<u8> = mantissa.bytes().filter(|&b| b != b'.').collect();
    let end = exact_digits
        .iter()
        .rposition(|&b| b != b'0')
        .map_or(0, |i| i + 1);
    lower.push(b'5');
    exact_digits[..end] == lower[..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr(x: f64) -> String {
        let mut out = Vec::new();
        write_f64(&mut out, x);
        String::from_utf8(out).unwrap()
    }

    /// Values as CPython 3.11 writes them (the generated cases of
    /// tests/claims_python.rs ask Python itself).
    #[test]
    fn python_repr_forms() {
        for (x, want) in [
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-2.5e100, "-2.5e+100"),
            (9007199254740993.0, "9007199254740992.0"),
            // Exact halves: CPython rounds the 17th digit to even.
            (167522974993726.0 + 0.125, "167522974993726.12"),
            (167522974993726.0 + 0.375, "167522974993726.38"),
            (167522974993726.0 + 0.625, "167522974993726.62"),
            (167522974993726.0 + 0.875, "167522974993726.88"),
        ] {
            assert_eq!(repr(x), want, "{x:e}");
        }
    }
}
