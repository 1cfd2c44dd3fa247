//! The search box's small query language: words (all must match), `"exact phrases"`,
//! `-excluded` words or phrases, and `a OR b` for alternatives.

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most words and phrases in one query.
pub const MAX_TERMS: usize = 32;

/// One word or quoted phrase as typed; analyzers split and normalize it per language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub phrase: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every group must match; a group matches when any of its terms does.
    pub required: Vec<Vec<Term>>,
    pub excluded: Vec<Term>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
    }
}

/// Why a query cannot be run. `code` is stable (pages translate it); the message is
/// for API clients.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxError {
    #[error("a quotation mark is not closed")]
    UnclosedQuote,
    #[error("the query is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error("the query has more than {MAX_TERMS} words")]
    TooManyTerms,
    #[error("OR needs a word or phrase on each side")]
    DanglingOr,
    #[error("a minus sign must be followed by the word or phrase to leave out")]
    DanglingMinus,
}

impl SyntaxError {
    pub fn code(&self) -> &'static str {
        match self {
            SyntaxError::UnclosedQuote => "unclosed_quote",
            SyntaxError::TooLong => "query_too_long",
            SyntaxError::TooManyTerms => "too_many_terms",
            SyntaxError::DanglingOr => "dangling_or",
            SyntaxError::DanglingMinus => "dangling_minus",
        }
    }
}

enum Token {
    Term { term: Term, excluded: bool },
    Or,
}

fn tokens(q: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut excluded = false;
        if c == '-' || c == '+' {
            chars.next();
            excluded = c == '-';
            if chars.peek().is_none_or(|n| n.is_whitespace()) {
                if excluded {
                    return Err(SyntaxError::DanglingMinus);
                }
                continue;
            }
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut text = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                text.push(c);
            }
            if !closed {
                return Err(SyntaxError::UnclosedQuote);
            }
            if !text.trim().is_empty() {
                out.push(Token::Term {
                    term: Term {
                        text: text.trim().to_string(),
                        phrase: true,
                    },
                    excluded,
                });
            }
            continue;
        }
        let mut text = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            text.push(c);
            chars.next();
        }
        if text == "OR" && !excluded {
            out.push(Token::Or);
        } else {
            out.push(Token::Term {
                term: Term {
                    text,
                    phrase: false,
                },
                excluded,
            });
        }
    }
    Ok(out)
}

pub fn parse(q: &str) -> Result<Parsed, SyntaxError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(SyntaxError::TooLong);
    }
    let tokens = tokens(q)?;
    let terms = tokens
        .iter()
        .filter(|t| matches!(t, Token::Term { .. }))
        .count();
    if terms > MAX_TERMS {
        return Err(SyntaxError::TooManyTerms);
    }
    let mut parsed = Parsed::default();
    let mut joining = false;
    for token in tokens {
        match token {
            Token::Or => {
                if joining || parsed.required.is_empty() {
                    return Err(SyntaxError::DanglingOr);
                }
                joining = true;
            }
            Token::Term {
                term,
                excluded: true,
            } => {
                if joining {
                    return Err(SyntaxError::DanglingOr);
                }
                parsed.excluded.push(term);
            }
            Token::Term {
                term,
                excluded: false,
            } => match parsed.required.last_mut() {
                Some(group) if joining => {
                    group.push(term);
                    joining = false;
                }
                _ => parsed.required.push(vec![term]),
            },
        }
    }
    if joining {
        return Err(SyntaxError::DanglingOr);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Term {
        Term {
            text: t.into(),
            phrase: false,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_alternatives() {
        let p = parse(r#"pump "drip tray" -kettle hinge OR hinges +fan"#).unwrap_or_default();
        assert_eq!(
            p.required,
            vec![
                vec![word("pump")],
                vec![Term {
                    text: "drip tray".into(),
                    phrase: true
                }],
                vec![word("hinge"), word("hinges")],
                vec![word("fan")],
            ]
        );
        assert_eq!(p.excluded, vec![word("kettle")]);
    }

    #[test]
    fn empty_and_punctuation_only_queries_are_fine() {
        assert!(parse("   ").map(|p| p.is_empty()).unwrap_or(false));
        assert!(parse("\"\"").map(|p| p.is_empty()).unwrap_or(false));
        assert!(parse("- ").is_err());
        assert!(parse("a + b")
            .map(|p| p.required.len() == 2)
            .unwrap_or(false));
    }

    #[test]
    fn bad_syntax_is_reported() {
        assert_eq!(parse("\"open"), Err(SyntaxError::UnclosedQuote));
        assert_eq!(parse("OR pump"), Err(SyntaxError::DanglingOr));
        assert_eq!(parse("pump OR"), Err(SyntaxError::DanglingOr));
        assert_eq!(parse("pump OR OR fan"), Err(SyntaxError::DanglingOr));
        assert_eq!(parse("pump -"), Err(SyntaxError::DanglingMinus));
        assert_eq!(parse(&"a ".repeat(40)), Err(SyntaxError::TooManyTerms));
        assert_eq!(parse(&"x".repeat(501)), Err(SyntaxError::TooLong));
    }
}
