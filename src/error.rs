//! The core's error type. Each variant is one failure a caller can act on; the
//! `Display` text is the detailed message that `jwt_last_error()` returns.

use std::fmt;

/// Which JSON document of a token an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
    /// A JSON value given for one claim (`jwt_claims_set_json`).
    Value,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Value => "claim value",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    InvalidUtf8 {
        what: &'static str,
        offset: usize,
    },
    /// JSON syntax error: `reason` (e.g. "expected ':'") at a 1-based line and column.
    InvalidJson {
        part: Part,
        reason: &'static str,
        line: usize,
        column: usize,
    },
    /// Valid JSON whose top-level value is not an object; `found` names what it is.
    NotAnObject {
        part: Part,
        found: &'static str,
    },
    /// A top-level member name appears twice (`name` as written in the JSON).
    DuplicateClaim {
        part: Part,
        name: String,
    },
    InvalidKey(&'static str),
    UnsupportedAlgorithm(String),
    MalformedToken(String),
    InvalidSignature,
    AlgorithmNotAllowed(String),
    Expired {
        exp: i64,
        now: i64,
        leeway: i64,
    },
    NotYetValid {
        nbf: i64,
        now: i64,
        leeway: i64,
    },
    IssuedInFuture {
        iat: i64,
        now: i64,
        leeway: i64,
    },
    InvalidAudience(String),
    InvalidIssuer(String),
    InvalidSubject(String),
    /// A claim that must be present is absent; the name is the claim's.
    MissingClaim(String),
    InvalidClaim(String),
    /// The output buffer holds fewer than `needed` bytes (the token, without NUL).
    BufferTooSmall {
        needed: usize,
    },
    /// A caller passed a value outside the documented range.
    InvalidArgument(String),
    OutOfMemory,
    /// A claims object has no member of that name; the message says which.
    ClaimAbsent(String),
    /// An unusable key, with figures (`RSA key of 1024 bits: at least 2048 are
    /// required`); same status as `InvalidKey`, for messages built at run time.
    KeyRejected(String),
    /// No key of a key set matches the token's kid (and alg); the message names
    /// the kid, the caller's cue to refresh the set.
    KeyNotFound(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUtf8 { what, offset } => {
                write!(
                    f,
                    "{what} is not valid UTF-8: invalid byte at offset {offset}"
                )
            }
            Error::InvalidJson {
                part,
                reason,
                line,
                column,
            } => {
                write!(
                    f,
                    "{part} is not valid JSON: {reason} at line {line} column {column}"
                )
            }
            Error::NotAnObject { part, found } => {
                write!(f, "{part} must be a JSON object, found {found}")
            }
            Error::DuplicateClaim { part, name } => {
                write!(f, "{part} has the member {name} more than once")
            }
            Error::InvalidKey(why) => write!(f, "invalid key: {why}"),
            Error::UnsupportedAlgorithm(m)
            | Error::MalformedToken(m)
            | Error::AlgorithmNotAllowed(m)
            | Error::InvalidAudience(m)
            | Error::InvalidIssuer(m)
            | Error::InvalidSubject(m)
            | Error::InvalidClaim(m)
            | Error::InvalidArgument(m)
            | Error::ClaimAbsent(m)
            | Error::KeyNotFound(m) => f.write_str(m),
            Error::InvalidSignature => {
                f.write_str("signature verification failed: the token was not signed with this key")
            }
            Error::Expired { exp, now, leeway } => {
                write!(f, "token expired at {exp}, now is {now}, leeway {leeway} s")
            }
            Error::NotYetValid { nbf, now, leeway } => {
                write!(
                    f,
                    "token not valid before {nbf} (nbf), now is {now}, leeway {leeway} s"
                )
            }
            Error::IssuedInFuture { iat, now, leeway } => {
                write!(
                    f,
                    "token issued in the future: iat {iat}, now is {now}, leeway {leeway} s"
                )
            }
            Error::OutOfMemory => f.write_str("out of memory"),
            Error::KeyRejected(why) => write!(f, "invalid key: {why}"),
            Error::MissingClaim(name) => {
                write!(f, "token has no \"{name}\" claim, which is required")
            }
            Error::BufferTooSmall { needed } => {
                write!(
                    f,
                    "buffer too small: the token needs {} bytes including the NUL",
                    needed + 1
                )
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
