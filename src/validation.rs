//! What a verifier accepts: algorithms, clock and leeway, audiences, issuers,
//! subject, required claims, and the claim checks themselves.

use crate::alg::Alg;
use crate::error::{Error, Result};
use crate::json::{Kind, Member};

/// One bit per claim check that can be turned off (PyJWT's `verify_*` options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Exp = 1,
    Nbf = 2,
    Iat = 4,
    Aud = 8,
    Iss = 16,
    Sub = 32,
    Jti = 64,
}

impl Check {
    pub const ALL: u32 = 127;
    /// The claim each check reads, in bit order.
    pub const NAMES: [&'static str; 7] = ["exp", "nbf", "iat", "aud", "iss", "sub", "jti"];

    pub fn from_bits(v: u32) -> Option<Check> {
        [
            Check::Exp,
            Check::Nbf,
            Check::Iat,
            Check::Aud,
            Check::Iss,
            Check::Sub,
            Check::Jti,
        ]
        .into_iter()
        .find(|c| *c as u32 == v)
    }
}

pub const DEFAULT_MAX_TOKEN_LEN: usize = 256 * 1024;

/// Validation settings. Built once, then shared read-only by any number of threads.
#[derive(Clone, Debug)]
pub struct Validation {
    algs: u16,
    algs_chosen: bool,
    pub leeway: i64,
    pub now: Option<i64>,
    audiences: Vec<String>,
    strict_audience: bool,
    issuers: Vec<String>,
    subject: Option<String>,
    required: Vec<String>,
    checks: u32,
    pub max_token_len: usize,
}

impl Default for Validation {
    fn default() -> Self {
        Validation {
            algs: Alg::Hs256.bit(),
            algs_chosen: false,
            leeway: 0,
            now: None,
            audiences: Vec::new(),
            strict_audience: false,
            issuers: Vec::new(),
            subject: None,
            required: Vec::new(),
            checks: Check::ALL,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
        }
    }
}

/// At most this many required claims (they are tracked in a bit set).
pub const MAX_REQUIRED: usize = 64;

impl Validation {
    /// The first call replaces the default `{HS256}`; later calls add.
    pub fn allow_alg(&mut self, alg: Alg) {
        if !self.algs_chosen {
            self.algs = 0;
            self.algs_chosen = true;
        }
        self.algs |= alg.bit();
    }

    pub fn allows(&self, alg: Alg) -> bool {
        self.algs & alg.bit() != 0
    }

    /// Whether the caller chose algorithms (with a key handle, the key's own
    /// algorithm is then also required to be among them).
    pub fn algs_chosen(&self) -> bool {
        self.algs_chosen
    }

    pub fn allowed_names(&self) -> String {
        let names: Vec<&str> = Alg::ALL
            .into_iter()
            .filter(|a| self.allows(*a))
            .map(Alg::name)
            .collect();
        format!("[{}]", names.join(", "))
    }

    pub fn set_audience(&mut self, aud: &str) {
        self.audiences = vec![aud.to_owned()];
    }
    pub fn set_strict_audience(&mut self, strict: bool) {
        self.strict_audience = strict;
    }
    pub fn add_audience(&mut self, aud: &str) {
        self.audiences.push(aud.to_owned());
    }
    pub fn set_issuer(&mut self, iss: &str) {
        self.issuers = vec![iss.to_owned()];
    }
    pub fn add_issuer(&mut self, iss: &str) {
        self.issuers.push(iss.to_owned());
    }
    pub fn set_subject(&mut self, sub: &str) {
        self.subject = Some(sub.to_owned());
    }

    pub fn require_claim(&mut self, name: &str) -> Result<()> {
        if self.required.iter().any(|r| r == name) {
            return Ok(());
        }
        if self.required.len() == MAX_REQUIRED {
            return Err(Error::InvalidArgument(format!(
                "at most {MAX_REQUIRED} claims can be required"
            )));
        }
        self.required.push(name.to_owned());
        Ok(())
    }

    pub fn set_check(&mut self, check: Check, enabled: bool) {
        if enabled {
            self.checks |= check as u32;
        } else {
            self.checks &= !(check as u32);
        }
    }

    fn on(&self, check: Check) -> bool {
        self.checks & check as u32 != 0
    }

    /// Turns the registered claims found while scanning a verified payload into a
    /// verdict. PyJWT's order: required, iat, nbf, exp, iss, aud, sub, jti.
    /// `now` is called only when a time claim is there to be checked (a payload
    /// without one never reads the clock).
    pub fn check_claims(&self, claims: &Claims<'_>, now: impl FnOnce() -> i64) -> Result<()> {
        if let Some(i) = (0..self.required.len()).find(|i| claims.required_seen & (1 << i) == 0) {
            return Err(Error::MissingClaim(self.required[i].clone()));
        }
        // A token without registered claims, checked for no issuer or audience
        // (P1's case), passes every check below: iss and aud are then only
        // refused when present, sub and jti only when malformed.
        if self.issuers.is_empty()
            && self.audiences.is_empty()
            && claims.found.iter().all(Option::is_none)
        {
            return Ok(());
        }
        let timed = [Check::Iat, Check::Nbf, Check::Exp]
            .into_iter()
            .any(|c| self.on(c) && claims.get(c).is_some());
        if !timed {
            return self.check_names(claims);
        }
        let now = now();
        let (lo, hi) = (
            now as i128 - self.leeway as i128,
            now as i128 + self.leeway as i128,
        );
        if let (true, Some(m)) = (self.on(Check::Iat), claims.get(Check::Iat)) {
            let iat = seconds("iat", m)?;
            if iat as i128 > hi {
                return Err(Error::IssuedInFuture {
                    iat,
                    now,
                    leeway: self.leeway,
                });
            }
        }
        if let (true, Some(m)) = (self.on(Check::Nbf), claims.get(Check::Nbf)) {
            let nbf = seconds("nbf", m)?;
            if nbf as i128 > hi {
                return Err(Error::NotYetValid {
                    nbf,
                    now,
                    leeway: self.leeway,
                });
            }
        }
        if let (true, Some(m)) = (self.on(Check::Exp), claims.get(Check::Exp)) {
            let exp = seconds("exp", m)?;
            if exp as i128 <= lo {
                return Err(Error::Expired {
                    exp,
                    now,
                    leeway: self.leeway,
                });
            }
        }
        self.check_names(claims)
    }

    /// The checks after the time claims: iss, aud, sub, jti.
    fn check_names(&self, claims: &Claims<'_>) -> Result<()> {
        if self.on(Check::Iss) {
            self.check_iss(claims.get(Check::Iss))?;
        }
        if self.on(Check::Aud) {
            self.check_aud(claims.get(Check::Aud))?;
        }
        if self.on(Check::Sub) {
            self.check_sub(claims.get(Check::Sub))?;
        }
        if let (true, Some(m)) = (self.on(Check::Jti), claims.get(Check::Jti)) {
            if m.kind != Kind::String {
                return Err(Error::InvalidClaim(format!(
                    "claim \"jti\" must be a string, found {}",
                    shown(m)
                )));
            }
        }
        Ok(())
    }

    fn check_iss(&self, iss: Option<&Member<'_>>) -> Result<()> {
        if self.issuers.is_empty() {
            return Ok(());
        }
        let iss = iss.ok_or_else(|| Error::MissingClaim("iss".into()))?;
        let s = iss.as_str().ok_or_else(|| {
            Error::InvalidIssuer(format!(
                "token's iss must be a string, found {}",
                shown(iss)
            ))
        })?;
        if self.issuers.iter().any(|want| s.eq_str(want)) {
            return Ok(());
        }
        Err(Error::InvalidIssuer(match self.issuers.as_slice() {
            [one] => format!(
                "issuer {} does not match token's iss {}",
                quote(one),
                iss.value
            ),
            many => format!(
                "token's iss {} is not one of the accepted issuers {}",
                iss.value,
                quote_list(many)
            ),
        }))
    }

    fn check_aud(&self, aud: Option<&Member<'_>>) -> Result<()> {
        let present = aud.filter(|m| !m.is_falsy());
        if self.audiences.is_empty() {
            return match present {
                None => Ok(()),
                Some(m) => Err(Error::InvalidAudience(format!(
                    "token has aud {} but no audience is expected; accept one with jwt_validation_set_audience",
                    clip(m.value)
                ))),
            };
        }
        let m = present.ok_or_else(|| Error::MissingClaim("aud".into()))?;
        if self.strict_audience {
            return self.check_aud_strict(m);
        }
        let bad_format = || {
            Error::InvalidAudience(format!(
                "token's aud must be a string or an array of strings, found {}",
                shown(m)
            ))
        };
        let matches =
            |s: crate::json::JsonStr<'_>| self.audiences.iter().any(|want| s.eq_str(want));
        let found = match m.kind {
            Kind::String => matches(m.as_str().expect("a string")),
            Kind::Array => {
                let mut found = false;
                for item in m.array_items().expect("an array") {
                    let s = item.as_str().ok_or_else(bad_format)?;
                    found |= matches(s);
                }
                found
            }
            _ => return Err(bad_format()),
        };
        if found {
            return Ok(());
        }
        Err(Error::InvalidAudience(match self.audiences.as_slice() {
            [one] => format!(
                "audience {} not in token's aud {}",
                quote(one),
                clip(m.value)
            ),
            many => format!(
                "none of the accepted audiences {} is in token's aud {}",
                quote_list(many),
                clip(m.value)
            ),
        }))
    }

    /// PyJWT's `strict_aud`: exactly one accepted audience, and the token's `aud`
    /// a single string equal to it (no array).
    fn check_aud_strict(&self, m: &Member<'_>) -> Result<()> {
        let [want] = self.audiences.as_slice() else {
            return Err(Error::InvalidAudience(format!(
                "strict audience checking needs exactly one accepted audience, not {}",
                quote_list(&self.audiences)
            )));
        };
        let s = m.as_str().ok_or_else(|| {
            Error::InvalidAudience(format!(
                "token's aud must be a single string (strict), found {}",
                shown(m)
            ))
        })?;
        if s.eq_str(want) {
            return Ok(());
        }
        Err(Error::InvalidAudience(format!(
            "audience {} does not equal token's aud {} (strict)",
            quote(want),
            clip(m.value)
        )))
    }

    fn check_sub(&self, sub: Option<&Member<'_>>) -> Result<()> {
        // As PyJWT: a token without `sub` passes; require it with require_claim("sub").
        let Some(m) = sub else { return Ok(()) };
        let s = m.as_str().ok_or_else(|| {
            Error::InvalidSubject(format!("token's sub must be a string, found {}", shown(m)))
        })?;
        match &self.subject {
            Some(want) if !s.eq_str(want) => Err(Error::InvalidSubject(format!(
                "subject {} does not match token's sub {}",
                quote(want),
                clip(m.value)
            ))),
            _ => Ok(()),
        }
    }
}

/// The registered claims of a payload, found in one scan.
#[derive(Default)]
pub struct Claims<'a> {
    /// Indexed like `Check::NAMES`.
    found: [Option<Member<'a>>; 7],
    required_seen: u64,
}

impl<'a> Claims<'a> {
    pub fn record(&mut self, m: &Member<'a>, v: &Validation) {
        if let Some(i) = registered(m) {
            self.found[i] = Some(*m);
        }
        // As PyJWT (`payload.get(claim) is None`), a required claim set to null is missing.
        if m.kind == Kind::Null || v.required.is_empty() {
            return;
        }
        if let Some(i) = v.required.iter().position(|r| m.name.eq_str(r)) {
            self.required_seen |= 1 << i;
        }
    }

    fn get(&self, c: Check) -> Option<&Member<'a>> {
        self.found[(c as u32).trailing_zeros() as usize].as_ref()
    }
}

/// The index in `Check::NAMES` of a registered claim's name. Every registered
/// name has three letters, so a name written without escapes is one integer
/// match on its bytes; an escaped one is compared by value.
#[inline]
fn registered(m: &Member<'_>) -> Option<usize> {
    const fn key(name: &[u8]) -> u32 {
        u32::from_le_bytes([name[0], name[1], name[2], 0])
    }
    const EXP: u32 = key(b"exp");
    const NBF: u32 = key(b"nbf");
    const IAT: u32 = key(b"iat");
    const AUD: u32 = key(b"aud");
    const ISS: u32 = key(b"iss");
    const SUB: u32 = key(b"sub");
    const JTI: u32 = key(b"jti");
    let Some(raw) = m.name.plain() else {
        return Check::NAMES.iter().position(|n| m.name.eq_str(n));
    };
    if raw.len() != 3 {
        return None;
    }
    match key(raw.as_bytes()) {
        EXP => Some(0),
        NBF => Some(1),
        IAT => Some(2),
        AUD => Some(3),
        ISS => Some(4),
        SUB => Some(5),
        JTI => Some(6),
        _ => None,
    }
}

fn seconds(name: &str, m: &Member<'_>) -> Result<i64> {
    m.as_seconds().ok_or_else(|| {
        Error::InvalidClaim(format!(
            "claim \"{name}\" must be a number, found {}",
            shown(m)
        ))
    })
}

/// A token value for a message: its kind and, clipped, its text.
fn shown(m: &Member<'_>) -> String {
    format!("{} {}", m.kind.describe(), clip(m.value))
}

fn clip(s: &str) -> &str {
    match s.char_indices().nth(80) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A caller's string, quoted as JSON so it reads like the token's values beside it.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c if (c as u32) < 0x20 => q.push_str(&format!("\\u{:04x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

fn quote_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(",")
    )
}
