//! One member of a set's `keys` array: whether it is a key to verify with, and
//! the key it holds.
//!
//! A member is used when its `use` (if any) is `sig`, its `key_ops` (if any)
//! include `verify`, and the asymmetric-key JWK import (`key::jwk`) accepts its
//! public members. Anything else skips it, with the reason. Only the public
//! members (`kty`, `alg`, `crv`, `n`, `e`, `x`, `y`) reach the import, and `k`
//! for an oct key: private members (`d`, `p`, `q`, ...) are never parsed, so a
//! set holds no private key and an RSA member costs a public-key parse, never a
//! private key's consistency checks.

use std::borrow::Cow;

use crate::json::{Kind, Member};
use crate::key::Key;
use crate::key::jwk;

/// The members the key import reads, copied as written.
const KEY_MEMBERS: [&str; 8] = ["kty", "alg", "crv", "n", "e", "x", "y", "k"];

/// A member that holds a key to verify with.
pub struct Usable {
    pub key: Key,
    pub kid: Option<String>,
}

/// Why a member is skipped, for the set's diagnostics.
pub struct Skip {
    pub kid: Option<String>,
    pub reason: String,
}

fn find<'m, 'a>(members: &'m [Member<'a>], name: &str) -> Option<&'m Member<'a>> {
    members.iter().find(|m| m.name.eq_str(name))
}

/// A string member, unescaped; Err names the member and what it holds instead.
fn text<'a>(members: &[Member<'a>], name: &str) -> Result<Option<Cow<'a, str>>, String> {
    let Some(m) = find(members, name) else {
        return Ok(None);
    };
    let s = m
        .as_str()
        .ok_or_else(|| format!("\"{name}\" must be a string, found {}", m.kind.describe()))?;
    s.unescaped()
        .map(Some)
        .ok_or_else(|| format!("\"{name}\" holds a lone UTF-16 surrogate"))
}

/// Reads one member (an object already checked for repeated names).
pub fn read(members: &[Member<'_>]) -> Result<Usable, Skip> {
    let kid = text(members, "kid").map_err(|reason| Skip { kid: None, reason })?;
    let kid = kid.map(Cow::into_owned);
    let skip = |reason: String| Skip {
        kid: kid.clone(),
        reason,
    };
    match text(members, "use").map_err(skip)? {
        Some(u) if u != "sig" => return Err(skip(format!("\"use\" is {u:?}, not \"sig\""))),
        _ => {}
    }
    if let Some(ops) = find(members, "key_ops") {
        let items = ops.array_items().ok_or_else(|| {
            skip(format!(
                "\"key_ops\" must be an array, found {}",
                ops.kind.describe()
            ))
        })?;
        let mut verify = false;
        for op in items {
            let op = op
                .as_str()
                .filter(|_| op.kind == Kind::String)
                .ok_or_else(|| skip(format!("\"key_ops\" holds {}", op.kind.describe())))?;
            verify |= op.eq_str("verify");
        }
        if !verify {
            return Err(skip(format!("\"key_ops\" {} lacks \"verify\"", ops.value)));
        }
    }
    let mut public =
        String::with_capacity(64 + members.iter().map(|m| m.value.len()).sum::<usize>());
    public.push('{');
    for name in KEY_MEMBERS {
        if let Some(m) = find(members, name) {
            if public.len() > 1 {
                public.push(',');
            }
            public.push('"');
            public.push_str(name);
            public.push_str("\":");
            public.push_str(m.value);
        }
    }
    public.push('}');
    let key = jwk::parse(&public)
        .and_then(jwk::Parsed::into_key)
        .map_err(|e| {
            let text = e.to_string();
            let text = text.strip_prefix("invalid key: ").unwrap_or(&text);
            skip(text.strip_prefix("JWK: ").unwrap_or(text).to_owned())
        })?;
    Ok(Usable { key, kid })
}
