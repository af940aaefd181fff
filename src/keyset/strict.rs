//! Strict JSON for key sets: no member name repeated in any object, at any depth.
//!
//! The scanner (`json::scan_object`) refuses repeated names at the top level of
//! the object it is given; nested objects are only checked for syntax. A key
//! set is checked here by scanning every nested object again as an object of
//! its own. Each level rescans what lies below it, so the cost is at most
//! `MAX_DEPTH` times the document's length; nesting deeper than that is refused
//! (a JWK needs three levels: the set, its `keys` array, the key).

use crate::error::{Error, Part, Result};
use crate::json::{Discard, Kind, Member, scan_object};

/// The deepest nesting accepted in a key set document (the set object is level 1).
pub const MAX_DEPTH: usize = 16;

/// Checks the members of an object already validated by `scan_object`, and
/// everything nested in them; `depth` is the object's own, `at` names it.
pub fn check_members(members: &[Member<'_>], depth: usize, at: &str) -> Result<()> {
    for m in members
        .iter()
        .filter(|m| matches!(m.kind, Kind::Object | Kind::Array))
    {
        check_value(m, depth + 1, &format!("{at}.{}", m.name.raw))?;
    }
    Ok(())
}

fn check_value(value: &Member<'_>, depth: usize, at: &str) -> Result<()> {
    match value.kind {
        Kind::Object | Kind::Array if depth > MAX_DEPTH => Err(Error::KeyRejected(format!(
            "JWKS: {at} is nested deeper than {MAX_DEPTH} levels"
        ))),
        Kind::Object => {
            let members = object_members(value.value, at)?;
            check_members(&members, depth, at)
        }
        Kind::Array => {
            let items = value.array_items().expect("an array");
            for (i, item) in items.enumerate() {
                if matches!(item.kind, Kind::Object | Kind::Array) {
                    check_value(&item, depth + 1, &format!("{at}[{i}]"))?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The members of an object nested in a validated document; a repeated name is
/// an error that says where.
pub fn object_members<'a>(json: &'a str, at: &str) -> Result<Vec<Member<'a>>> {
    let mut members = Vec::new();
    scan_object(json, Part::Header, &mut Discard, |m| members.push(*m)).map_err(|e| match e {
        Error::DuplicateClaim { name, .. } => {
            Error::KeyRejected(format!("JWKS: {at} has the member {name} more than once"))
        }
        other => Error::KeyRejected(format!("JWKS: {at}: {other}")),
    })?;
    Ok(members)
}
