//! What the fuzz targets share (a module, not a target: fuzz.sh runs fuzz_targets/*.rs).

/// Whether `json` holds a `\uXXXX` escape of a lone UTF-16 surrogate: a leading one
/// (D800–DBFF) not followed by a `\u` escape of a trailing one (DC00–DFFF), or a
/// trailing one on its own. JSON's grammar allows them, as Python's json and this
/// library do; serde_json refuses them, with "lone leading surrogate in hex escape"
/// or "unexpected end of hex escape", the second also its message for a truncated
/// escape, so its message alone cannot tell.
pub fn has_lone_surrogate(json: &[u8]) -> bool {
    let hex4 = |at: usize| -> Option<u16> {
        let digits = std::str::from_utf8(json.get(at..at + 4)?).ok()?;
        u16::from_str_radix(digits, 16).ok()
    };
    let (mut i, mut in_string) = (0, false);
    while i < json.len() {
        match (in_string, json[i]) {
            (false, b'"') => in_string = true,
            (true, b'"') => in_string = false,
            (true, b'\\') if json.get(i + 1) == Some(&b'u') => {
                let Some(unit) = hex4(i + 2) else {
                    return false;
                };
                i += 6;
                match unit {
                    0xD800..=0xDBFF => {
                        let trail = (json.get(i..i + 2) == Some(b"\\u"))
                            .then(|| hex4(i + 2))
                            .flatten();
                        match trail {
                            Some(0xDC00..=0xDFFF) => i += 6,
                            _ => return true,
                        }
                    }
                    0xDC00..=0xDFFF => return true,
                    _ => {}
                }
                continue;
            }
            // Any other escape: its character cannot end the string.
            (true, b'\\') => i += 1,
            _ => {}
        }
        i += 1;
    }
    false
}
