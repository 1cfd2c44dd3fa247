//! The tag pages' data: the tags in use, one tag's entries, and moderators' renames.

use super::*;

/// Tags `/tags` lists at most.
#[cfg(feature = "ssr")]
const TAGS_LISTED: i64 = 500;

/// Entries of each kind a tag's page lists before linking to the rest.
#[cfg(feature = "ssr")]
const TAG_PAGE_ENTRIES: i64 = 25;

/// Tags the forms suggest.
pub const SUGGESTED_TAGS: i64 = 300;

/// What `/tags/{tag}` shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TagPage {
    /// The tag in its one spelling.
    pub tag: String,
    /// The visitor may rename tags (moderators and above).
    pub may_rename: bool,
    /// Things, stories and guides carrying it: the first few and the total.
    pub tagged: Vec<(EntityKind, Vec<EntitySummary>, i64)>,
}

/// Tags in use with their counts, most used first; `q` keeps those starting with it.
#[server(prefix = "/sfn", endpoint = "tags")]
pub async fn load_tags(q: Option<String>) -> Result<Vec<(String, i64)>, ServerFnError> {
    use backend::*;
    knowledge()?
        .tags(q.as_deref().unwrap_or_default(), TAGS_LISTED)
        .await
        .map_err(internal)
}

#[server(prefix = "/sfn", endpoint = "tag")]
pub async fn load_tag(tag: String, lang: String) -> Result<TagPage, ServerFnError> {
    use backend::*;
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    let k = knowledge()?;
    let may_rename = session::authorize(domain::policy::Action::RenameTags)
        .await?
        .is_ok();
    let tag = domain::tags::normalize(&tag);
    let expected = k.tag_count(&tag).await.map_err(internal)?;
    let mut tagged = Vec::new();
    for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
        let filter = service::knowledge::ListFilter {
            tag: Some(tag.clone()),
            expected: Some(expected),
            ..Default::default()
        };
        let (items, total) = k
            .list(kind, &filter, 0, TAG_PAGE_ENTRIES)
            .await
            .map_err(internal)?;
        tagged.push((
            kind,
            k.summaries_of(&items, lang).await.map_err(internal)?,
            total,
        ));
    }
    Ok(TagPage {
        tag,
        may_rename,
        tagged,
    })
}

/// Renames tag `from` to `to` everywhere (moderators), then shows the new tag with how
/// many entries changed and how many are left for another round.
#[server(prefix = "/sfn", endpoint = "rename_tag")]
pub async fn rename_tag(from: String, to: Option<String>) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let back = format!("/tags/{}", escaped_tag(&domain::tags::normalize(&from)));
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::RenameTags, &back).await?
    else {
        return Ok(());
    };
    let to = to.unwrap_or_default();
    match knowledge()?.rename_tag(&from, &to, &author).await {
        Ok((renamed, left)) => {
            let target = escaped_tag(&domain::tags::normalize(&to));
            redirect(&format!("/tags/{target}?renamed={renamed}&left={left}"));
        }
        Err(ServiceError::Invalid(_)) => redirect(&format!("{back}?rename_error=tag")),
        Err(e) if service_notice(&e).is_some() => redirect(&format!("{back}?rename_error=stale")),
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

/// A tag written for a URL: in a path a `+` is no space, so spaces become `%20`.
pub fn escaped_tag(tag: &str) -> String {
    url::form_urlencoded::byte_serialize(tag.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
