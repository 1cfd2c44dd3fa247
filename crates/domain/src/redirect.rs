//! Where a user may be sent after signing in or choosing a language: only a path on
//! this site, parsed the way a browser would resolve it.

use url::Url;

/// An origin no real request has: a target that resolves elsewhere is refused.
const BASE: &str = "https://thingdata.invalid/";

/// The target as a path (with query and fragment) on this site, or `None` when a
/// browser could resolve it to another site or it cannot be a header value.
///
/// Browsers drop tabs and newlines from URLs and treat `\` as `/`, so `/\t/evil.example`
/// and `/\evil.example` mean `//evil.example`; any control character or backslash is
/// refused outright rather than cleaned.
pub fn local_target(raw: &str) -> Option<String> {
    if !raw.starts_with('/')
        || raw.starts_with("//")
        || raw.len() > 2000
        || raw.chars().any(|c| c.is_control() || c == '\\')
    {
        return None;
    }
    let base = Url::parse(BASE).ok()?;
    let url = base.join(raw).ok()?;
    if url.origin() != base.origin() {
        return None;
    }
    let mut out = url.path().to_string();
    if let Some(q) = url.query() {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = url.fragment() {
        out.push('#');
        out.push_str(f);
    }
    // Dot segments can leave an empty first segment (`/..//evil.example` is the path
    // `//evil.example`), which a browser reads as another host. The serialized URL is
    // percent-encoded; the byte check is a last guard for header use.
    (!out.starts_with("//") && out.bytes().all(|b| b.is_ascii_graphic())).then_some(out)
}

/// [`local_target`], or the home page.
pub fn local_or_home(raw: Option<&str>) -> String {
    raw.and_then(local_target)
        .unwrap_or_else(|| "/".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_local_paths() {
        assert_eq!(
            local_target("/things/1?x=a b").as_deref(),
            Some("/things/1?x=a%20b")
        );
        assert_eq!(
            local_target("/account#top").as_deref(),
            Some("/account#top")
        );
        assert_eq!(local_target("/a/../b").as_deref(), Some("/b"));
        assert_eq!(local_target("/é").as_deref(), Some("/%C3%A9"));
    }

    #[test]
    fn refuses_everything_that_leaves_the_site_or_breaks_a_header() {
        for bad in [
            "//evil.example",
            "/..//evil.example",
            "/a/../..//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\u{0}x",
            "/%0aX\n",
        ] {
            assert_eq!(local_target(bad), None, "{bad:?}");
        }
        assert_eq!(local_or_home(Some("//evil.example")), "/");
        assert_eq!(local_or_home(None), "/");
    }

    #[test]
    fn encoded_forms_stay_paths_on_this_site() {
        // Percent-encoded slashes and controls are not decoded by browsers before
        // resolving, so they remain a path here.
        assert_eq!(
            local_target("/%2F%2Fevil.example").as_deref(),
            Some("/%2F%2Fevil.example")
        );
        assert_eq!(
            local_target("/%09/evil.example").as_deref(),
            Some("/%09/evil.example")
        );
    }
}
