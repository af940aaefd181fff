use super::*;

#[test]
fn setters_behave_like_dict_assignment() {
    let mut c = Claims::new();
    c.set_str("sub", "alice");
    c.set_int("exp", 1700000000);
    c.set_bool("admin", false);
    c.set_null("n");
    c.set_f64("f", 1.0).unwrap();
    assert_eq!(
        c.to_json(),
        r#"{"sub":"alice","exp":1700000000,"admin":false,"n":null,"f":1.0}"#
    );
    // Setting a name again keeps its first position.
    c.set_str("exp", "soon");
    c.set_int("sub", -1);
    assert_eq!(
        c.to_json(),
        r#"{"sub":-1,"exp":"soon","admin":false,"n":null,"f":1.0}"#
    );
    assert_eq!(c.json_len(), c.to_json().len());
    assert_eq!(c.len(), 5);
    c.remove("admin").unwrap();
    assert!(matches!(c.remove("admin"), Err(Error::ClaimAbsent(_))));
    assert_eq!(c.to_json(), r#"{"sub":-1,"exp":"soon","n":null,"f":1.0}"#);
    assert_eq!(c.get_int("sub").unwrap(), -1);
    assert_eq!(Claims::new().to_json(), "{}");
}

#[test]
fn no_value_can_inject_json() {
    let mut c = Claims::new();
    c.set_str("sub", "alice\",\"admin\":true,\"x\":\"");
    c.set_str("a\"b", "\u{0}");
    let json = c.to_json();
    assert_eq!(
        json,
        r#"{"sub":"alice\",\"admin\":true,\"x\":\"","a\"b":"\u0000"}"#
    );
    let back = Claims::parse(&json).unwrap();
    assert_eq!(back.len(), 2);
    assert!(!back.contains("admin"));
    assert_eq!(back.get_str("a\"b").unwrap().as_bytes(), b"\0");
}

#[test]
fn parse_is_json_loads_and_to_json_is_json_dumps() {
    let c = Claims::parse(
        " {\"b\" : 1.50, \"a\":\"\\u00E9\\/\", \"n\": -0, \"o\": {\"x\":1, \"x\":2}, \"l\":[1E2, \"\\ud800\"]}\n",
    )
    .unwrap();
    assert_eq!(
        c.to_json(),
        r#"{"b":1.5,"a":"\u00e9/","n":0,"o":{"x":2},"l":[100.0,"\ud800"]}"#
    );
    assert_eq!(c.get_str("a").unwrap().as_bytes(), "é/".as_bytes());
    // Canonical text round-trips unchanged.
    let canonical = c.to_json();
    assert_eq!(Claims::parse(&canonical).unwrap().to_json(), canonical);
    assert!(matches!(
        Claims::parse("[1]"),
        Err(Error::NotAnObject { .. })
    ));
    assert!(matches!(
        Claims::parse("{\"a\":1,\"\\u0061\":2}"),
        Err(Error::DuplicateClaim { .. })
    ));
    let e = Claims::parse("{\"a\" 1}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "payload is not valid JSON: expected ':' after the member name at line 1 column 6"
    );
}

#[test]
fn getters_report_what_they_found() {
    let c = Claims::parse(
        r#"{"exp":"soon","i":1.5,"e":1e3,"big":9223372036854775808,"min":-9223372036854775808,"t":true,"s":"x\u0000y","lone":"\udc00","aud":["a",2,"\ud800"],"huge":1e400}"#,
    )
    .unwrap();
    let msg = |r: Result<i64>| r.unwrap_err().to_string();
    assert_eq!(
        msg(c.get_int("exp")),
        "claim \"exp\" is a string, not an integer"
    );
    assert_eq!(
        msg(c.get_int("i")),
        "claim \"i\" is a float, not an integer"
    );
    assert_eq!(
        msg(c.get_int("e")),
        "claim \"e\" is a float, not an integer"
    );
    assert!(matches!(c.get_int("big"), Err(Error::InvalidClaim(_))));
    assert_eq!(c.get_int("min").unwrap(), i64::MIN);
    assert!(matches!(c.get_int("nope"), Err(Error::ClaimAbsent(_))));
    assert_eq!(c.get_f64("e").unwrap(), 1000.0);
    assert_eq!(c.get_f64("big").unwrap(), 9223372036854775808.0);
    assert!(matches!(c.get_f64("huge"), Err(Error::InvalidClaim(_))));
    assert_eq!(c.get_json("huge").unwrap().as_bytes(), b"1e400");
    assert!(c.get_bool("t").unwrap());
    assert!(c.get_bool("s").is_err());
    assert_eq!(c.get_str("s").unwrap().as_bytes(), b"x\0y");
    assert!(
        c.get_str("lone")
            .unwrap_err()
            .to_string()
            .contains("lone surrogate")
    );
    assert_eq!(c.get_json("lone").unwrap().as_bytes(), br#""\udc00""#);
    assert_eq!(c.array_len("aud").unwrap(), 3);
    assert_eq!(c.get_str_at("aud", 0).unwrap().as_bytes(), b"a");
    assert_eq!(
        c.get_str_at("aud", 1).unwrap_err().to_string(),
        "claim \"aud\" element 1 is an integer, not a string"
    );
    assert!(matches!(
        c.get_str_at("aud", 2),
        Err(Error::InvalidClaim(_))
    ));
    assert!(matches!(
        c.get_str_at("aud", 3),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(c.array_len("s").unwrap(), 1);
    assert_eq!(c.get_str_at("s", 0).unwrap().as_bytes(), b"x\0y");
    assert!(matches!(
        c.get_str_at("s", 1),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(c.array_len("t"), Err(Error::InvalidClaim(_))));
}

#[test]
fn borrowed_texts_end_with_nul() {
    let mut c = Claims::new();
    c.set_str_array("roles", &["admin", "é"]);
    c.set_str("sub", "bob");
    for s in [
        c.get_str("sub").unwrap(),
        c.get_str_at("roles", 1).unwrap(),
        c.get_json("roles").unwrap(),
        c.name_at(0).unwrap(),
    ] {
        assert_eq!(s.with_nul().last(), Some(&0));
        assert_eq!(s.with_nul().len(), s.len() + 1);
    }
    assert_eq!(
        c.get_json("roles").unwrap().as_bytes(),
        br#"["admin","\u00e9"]"#
    );
    assert_eq!(c.name_at(1).unwrap().as_bytes(), b"sub");
    assert!(c.name_at(2).is_err());
}

#[test]
fn set_json_normalises_like_json_loads() {
    let mut c = Claims::new();
    c.set_json("v", " { \"k\" : [ 1.0e1 , true ] , \"k\" : null } ")
        .unwrap();
    c.set_json("s", "\"\\u0041\"").unwrap();
    c.set_json("aud", "[\"x\", \"y\"]").unwrap();
    assert_eq!(c.to_json(), r#"{"v":{"k":null},"s":"A","aud":["x","y"]}"#);
    assert_eq!(c.get_str("s").unwrap().as_bytes(), b"A");
    assert_eq!(c.get_str_at("aud", 1).unwrap().as_bytes(), b"y");
    let e = c.set_json("bad", "[1,\n 2,]").unwrap_err();
    assert_eq!(
        e.to_string(),
        "claim value is not valid JSON: expected a JSON value at line 2 column 4"
    );
    assert!(!c.contains("bad"));
    assert!(c.set_f64("x", f64::NAN).is_err());
    assert!(c.set_f64("x", f64::INFINITY).is_err());
    assert!(!c.contains("x"));
}

#[test]
fn lookups_stay_correct_with_many_names_and_replacements() {
    let mut c = Claims::new();
    for i in 0..1000 {
        c.set_int(&format!("k{i}"), i);
    }
    for round in 0..50 {
        for i in (0..1000).step_by(7) {
            c.set_str(&format!("k{i}"), &format!("v{round}-{i}"));
        }
    }
    assert!(c.garbage < 1 << 20, "compaction keeps garbage bounded");
    for i in 0..1000 {
        if i % 7 == 0 {
            assert_eq!(
                c.get_str(&format!("k{i}")).unwrap().as_bytes(),
                format!("v49-{i}").as_bytes()
            );
        } else {
            assert_eq!(c.get_int(&format!("k{i}")).unwrap(), i);
        }
    }
    assert_eq!(c.name_at(999).unwrap().as_bytes(), b"k999");
    let back = Claims::parse(&c.to_json()).unwrap();
    assert_eq!(back.to_json(), c.to_json());
    // The SipHash fallback gives the same answers.
    let mut s = c.clone();
    s.rehash_sip();
    for i in 0..1000 {
        assert!(s.contains(&format!("k{i}")));
    }
    assert!(!s.contains("k1000"));
}

#[test]
fn lone_surrogate_names_are_distinct_keys() {
    let c = Claims::parse(r#"{"\ud800":1,"\udc00":2,"\ud83d\ude00":3}"#).unwrap();
    assert_eq!(c.len(), 3);
    assert_eq!(c.get_int("😀").unwrap(), 3);
    assert!(c.name_at(0).is_err());
    assert_eq!(c.to_json(), r#"{"\ud800":1,"\udc00":2,"\ud83d\ude00":3}"#);
}

/// Everything a getter can tell about a claims object, in order.
fn observe(c: &Claims) -> Vec<String> {
    let mut seen = vec![c.to_json(), c.json_len().to_string()];
    for i in 0..c.len() {
        let name = match c.name_at(i) {
            Ok(n) => String::from_utf8(n.with_nul().to_vec()).unwrap(),
            Err(e) => {
                seen.push(e.to_string());
                continue;
            }
        };
        let name = name.trim_end_matches('\0').to_string();
        seen.push(format!("{name:?}"));
        seen.push(format!("{:?}", c.get_type(&name)));
        seen.push(format!(
            "{:?}",
            c.get_json(&name).map(|s| s.with_nul().to_vec())
        ));
        seen.push(format!(
            "{:?}",
            c.get_str(&name).map(|s| s.with_nul().to_vec())
        ));
        seen.push(format!("{:?}", c.get_int(&name)));
        seen.push(format!("{:?}", c.get_bool(&name)));
        let n = c.array_len(&name).unwrap_or(0);
        seen.push(format!("{:?}", c.array_len(&name)));
        for k in 0..=n {
            seen.push(format!(
                "{:?}",
                c.get_str_at(&name, k).map(|s| s.with_nul().to_vec())
            ));
        }
    }
    seen
}

/// A payload from `seed`: compact, plain strings, integers, literals and arrays
/// of them (the one-pass path's form), with now and then something it leaves
/// to the general path (whitespace, escapes, non-ASCII, floats, -0, nesting, a
/// repeated name, a syntax error). True when it has none of those.
fn payload(seed: u64) -> (String, bool) {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let scalars = [
        "\"\"",
        "\"a\"",
        "\"user-8f2c1e54\"",
        "\"https://auth.example.com/x?y=1\"",
        "0",
        "7",
        "-12",
        "1700000000",
        "-9223372036854775808",
        "123456789012345678901234567890",
        "true",
        "false",
        "null",
        "\"sp ace ~!\"",
    ];
    let odd = [
        " 1",
        "1.5",
        "1e3",
        "-0",
        "\"\\n\"",
        "\"é\"",
        "\"\\u0041\"",
        "{}",
        "{\"x\":1}",
        "[[1]]",
        "01",
        "tru",
        "\"\u{7f}\"",
        "[1,]",
        "[ 1]",
    ];
    let names = [
        "sub",
        "iss",
        "aud",
        "exp",
        "a",
        "",
        "roles",
        "long_name_over_8",
        "x y",
    ];
    let n = next(12);
    let mut canonical = true;
    let mut members = Vec::new();
    let mut used = std::collections::HashSet::new();
    for i in 0..n {
        let mut name = format!("{}{}", names[next(names.len() as u64) as usize], i % 3);
        if next(30) == 0 {
            name = "sub0".into(); // maybe repeated
        }
        if !used.insert(name.clone()) {
            if next(2) == 0 {
                continue;
            }
            canonical = false;
        }
        let value = match next(20) {
            0 => {
                canonical = false;
                odd[next(odd.len() as u64) as usize].to_string()
            }
            1..=4 => {
                let k = next(4);
                let items: Vec<&str> = (0..k)
                    .map(|_| scalars[next(scalars.len() as u64) as usize])
                    .collect();
                format!("[{}]", items.join(","))
            }
            _ => scalars[next(scalars.len() as u64) as usize].to_string(),
        };
        members.push(format!("\"{name}\":{value}"));
    }
    let mut doc = format!("{{{}}}", members.join(","));
    if next(25) == 0 {
        doc.push(' ');
        canonical = false;
    }
    (doc, canonical)
}

/// The one-pass parse of canonical payloads stores exactly what the general
/// path stores, and leaves everything else (valid or not) to it.
#[test]
fn one_pass_parse_agrees_with_the_general_path() {
    let mut fast_taken = 0;
    for seed in 0..20_000 {
        let (doc, canonical) = payload(seed);
        let slow = Claims::parse_slow(&doc);
        match fast::parse(doc.as_bytes()) {
            Some(fast) => {
                fast_taken += 1;
                let slow = slow.unwrap_or_else(|e| panic!("{doc}: one pass took what fails: {e}"));
                assert_eq!(observe(&fast), observe(&slow), "{doc}");
                assert_eq!(fast.to_json(), doc, "canonical text is kept as it is");
                // Both go on the same way after a change.
                let (mut f, mut s) = (fast.clone(), slow);
                for c in [&mut f, &mut s] {
                    c.set_int("sub0", 5);
                    c.set_str("new", "v");
                    let _ = c.remove("a0");
                }
                assert_eq!(observe(&f), observe(&s), "{doc}");
            }
            None => assert!(!canonical, "{doc}: canonical, yet left to the general path"),
        }
    }
    assert!(fast_taken > 10_000, "{fast_taken}");
    // Many names: the index takes over from the linear search, repeats still found.
    let many: Vec<String> = (0..300).map(|i| format!("\"k{i}\":{i}")).collect();
    let doc = format!("{{{}}}", many.join(","));
    let fast = fast::parse(doc.as_bytes()).unwrap();
    assert_eq!(observe(&fast), observe(&Claims::parse_slow(&doc).unwrap()));
    let dup = format!("{{{},\"k150\":1}}", many.join(","));
    assert!(fast::parse(dup.as_bytes()).is_none());
    assert!(matches!(
        Claims::parse(&dup),
        Err(Error::DuplicateClaim { .. })
    ));
}

#[test]
fn integers_are_written_as_python_does() {
    for v in [
        0,
        1,
        9,
        10,
        99,
        100,
        101,
        999,
        1000,
        -1,
        -10,
        -100,
        1700000000,
        i64::MAX,
        i64::MIN,
        i64::MIN + 1,
    ]
    .into_iter()
    .chain((0..2000).map(|i: i64| i.wrapping_mul(0x9e37_79b9_7f4a_7c15u64 as i64) >> (i % 64)))
    {
        let mut out = Vec::new();
        write_i64(&mut out, v);
        assert_eq!(String::from_utf8(out).unwrap(), v.to_string());
    }
}

/// The handle (arenas in place) stays within the sizes malloc serves from its
/// per-thread cache (requests up to 1032 bytes in glibc), which is what the
/// in-place arenas are for.
#[test]
fn the_handle_fits_mallocs_thread_cache() {
    let size = std::mem::size_of::<Claims>();
    assert!(size <= 1032, "{size}");
}

#[test]
fn tag_of_is_the_first_seven_bytes_and_the_length() {
    for n in 0..20 {
        let key: Vec<u8> = (1..=n as u8).collect();
        let mut t = (n as u64) << 56;
        for (i, &b) in key.iter().take(7).enumerate() {
            t |= (b as u64) << (8 * i);
        }
        assert_eq!(tag_of(&key), t, "{n}");
    }
}

/// The setters' one-pass appends store what the general path stores: the same
/// JSON, getters and texts, for strings, integers and string arrays.
#[test]
fn plain_appends_agree_with_the_general_path() {
    let values = ["", "a", "editor", "read:users write:users read:billing x"];
    for k in 0..=values.len() {
        let vals = &values[..k];
        let mut fast = Claims::new();
        fast.set_str("sub", "user-8f2c1e54");
        fast.set_int("iat", -9_223_372_036_854_775_808);
        fast.set_str_array("roles", vals);
        fast.set_int("exp", 4_102_444_800);
        let mut slow = Claims::new();
        slow.set_json("sub", "\"user-8f2c1e54\"").unwrap();
        slow.set_json("iat", "-9223372036854775808").unwrap();
        let list: Vec<String> = vals.iter().map(|v| format!("\"{v}\"")).collect();
        slow.set_json("roles", &format!("[{}]", list.join(",")))
            .unwrap();
        slow.set_json("exp", "4102444800").unwrap();
        assert_eq!(fast.to_json(), slow.to_json());
        for c in [&fast, &slow] {
            assert_eq!(c.get_str("sub").unwrap().as_bytes(), b"user-8f2c1e54");
            assert_eq!(c.get_int("iat").unwrap(), i64::MIN);
            assert_eq!(c.get_int("exp").unwrap(), 4_102_444_800);
            assert_eq!(c.array_len("roles").unwrap(), k);
            for (i, v) in vals.iter().enumerate() {
                let s = c.get_str_at("roles", i).unwrap();
                assert_eq!(s.as_bytes(), v.as_bytes());
                assert_eq!(s.with_nul().last(), Some(&0));
            }
            assert_eq!(c.name_at(2).unwrap().as_bytes(), b"roles");
            assert_eq!(
                c.get_json("roles").unwrap().as_bytes(),
                slow.get_json("roles").unwrap().as_bytes()
            );
        }
    }
}

/// The one-pass parser's integers, eight digits at a time, end where the
/// digits do, next to every byte that is not one.
#[test]
fn one_pass_integers_end_at_every_length() {
    for n in 1..30 {
        let digits: String = (0..n).map(|i| char::from(b'1' + (i % 9) as u8)).collect();
        for after in ["", ":", "/", "a", "0"] {
            let doc = format!("{{\"n\":{digits}{after}}}");
            match fast::parse(doc.as_bytes()) {
                Some(c) => {
                    assert!(after.is_empty() || after == "0", "{doc}");
                    assert_eq!(
                        c.get_json("n").unwrap().as_bytes(),
                        format!("{digits}{after}").as_bytes()
                    );
                }
                None => assert!(!after.is_empty() && after != "0", "{doc}"),
            }
        }
    }
}
