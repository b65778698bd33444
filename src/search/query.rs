//! The query language reporters type, checked before tantivy sees it.
//!
//! tantivy's parser reports problems in its own terms ("Syntax Error"), or
//! silently reads a typo as something else. This module lexes the query
//! itself so that a malformed one is refused with what is wrong and at which
//! column, and so that the words to highlight are known. The query string is
//! then handed to tantivy's `QueryParser` unchanged.

/// Fields a reporter may name in a query.
pub const QUERY_FIELDS: &[&str] = &["title", "body", "url"];

/// A malformed query: what is wrong, and the 1-based column where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad query: {message} at column {column}")]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// 1-based column (in characters).
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Phrase(String),
    Open,
    Close,
    Field(String),
    And,
    Or,
    Not,
}

#[derive(Debug, Clone)]
struct Lexed {
    token: Token,
    column: usize,
    negated: bool,
}

/// What the query asks for, as far as highlighting needs to know.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedQuery {
    /// Words the matches should contain (not under NOT or `-`), as typed.
    pub positive_words: Vec<String>,
    /// True when the query is empty: every article matches.
    pub match_all: bool,
}

/// Lexes and checks `query`.
pub fn check(query: &str) -> Result<CheckedQuery, QueryError> {
    let tokens = lex(query)?;
    if tokens.is_empty() {
        return Ok(CheckedQuery {
            positive_words: Vec::new(),
            match_all: true,
        });
    }
    let mut depth: Vec<usize> = Vec::new();
    let mut positive_words = Vec::new();
    let mut any_positive = false;
    let mut previous: Option<&Lexed> = None;
    let mut negate_next = false;
    for (i, lexed) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1);
        match &lexed.token {
            Token::Open => depth.push(lexed.column),
            Token::Close => {
                if depth.pop().is_none() {
                    return Err(err("unmatched ')'", lexed.column));
                }
                if matches!(previous.map(|p| &p.token), Some(Token::Open)) {
                    return Err(err("empty parentheses", lexed.column));
                }
            }
            Token::And | Token::Or => {
                let name = if lexed.token == Token::And {
                    "AND"
                } else {
                    "OR"
                };
                let left_ok = matches!(
                    previous.map(|p| &p.token),
                    Some(Token::Word(_) | Token::Phrase(_) | Token::Close)
                );
                let right_ok = matches!(
                    next.map(|n| &n.token),
                    Some(
                        Token::Word(_)
                            | Token::Phrase(_)
                            | Token::Open
                            | Token::Field(_)
                            | Token::Not
                    )
                );
                if !left_ok || !right_ok {
                    return Err(err(
                        &format!("'{name}' needs a term on each side"),
                        lexed.column,
                    ));
                }
            }
            Token::Not => {
                if !matches!(
                    next.map(|n| &n.token),
                    Some(Token::Word(_) | Token::Phrase(_) | Token::Open | Token::Field(_))
                ) {
                    return Err(err("'NOT' needs a term after it", lexed.column));
                }
                negate_next = true;
                previous = Some(lexed);
                continue;
            }
            Token::Field(name) => {
                if !QUERY_FIELDS.contains(&name.as_str()) {
                    return Err(err(
                        &format!(
                            "unknown field '{name}' (fields: {})",
                            QUERY_FIELDS.join(", ")
                        ),
                        lexed.column,
                    ));
                }
                if !matches!(
                    next.map(|n| &n.token),
                    Some(Token::Word(_) | Token::Phrase(_) | Token::Open)
                ) {
                    return Err(err(&format!("field '{name}:' needs a value"), lexed.column));
                }
                if lexed.negated {
                    negate_next = true;
                }
                previous = Some(lexed);
                continue;
            }
            Token::Word(w) | Token::Phrase(w) => {
                if matches!(&lexed.token, Token::Phrase(p) if p.trim().is_empty()) {
                    return Err(err("empty quotes", lexed.column));
                }
                let negated = lexed.negated || negate_next;
                if !negated && depth_is_positive(&tokens, i) {
                    any_positive = true;
                    positive_words.extend(w.split_whitespace().map(str::to_string));
                }
            }
        }
        negate_next = false;
        previous = Some(lexed);
    }
    if let Some(column) = depth.pop() {
        return Err(err("unclosed '('", column));
    }
    if !any_positive {
        return Err(err(
            "the query only excludes terms; add a term to look for",
            1,
        ));
    }
    Ok(CheckedQuery {
        positive_words,
        match_all: false,
    })
}

/// A word inside a parenthesised group preceded by NOT or `-` is negative.
fn depth_is_positive(tokens: &[Lexed], at: usize) -> bool {
    let mut level = 0i32;
    for i in (0..at).rev() {
        match tokens[i].token {
            Token::Close => level += 1,
            Token::Open => {
                if level == 0 {
                    let negated_group =
                        tokens[i].negated || (i > 0 && tokens[i - 1].token == Token::Not);
                    if negated_group {
                        return false;
                    }
                } else {
                    level -= 1;
                }
            }
            _ => {}
        }
    }
    true
}

fn err(message: &str, column: usize) -> QueryError {
    QueryError {
        message: message.to_string(),
        column,
    }
}

fn lex(query: &str) -> Result<Vec<Lexed>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let column = i + 1;
        let mut negated = false;
        let mut start = i;
        if (c == '-' || c == '+') && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            negated = c == '-';
            start = i + 1;
        }
        match chars[start] {
            '(' => {
                tokens.push(Lexed {
                    token: Token::Open,
                    column,
                    negated,
                });
                i = start + 1;
            }
            ')' => {
                tokens.push(Lexed {
                    token: Token::Close,
                    column,
                    negated,
                });
                i = start + 1;
            }
            '"' => {
                let Some(end) = chars[start + 1..].iter().position(|&c| c == '"') else {
                    return Err(err("unclosed quote", start + 1));
                };
                let phrase: String = chars[start + 1..start + 1 + end].iter().collect();
                i = start + 1 + end + 1;
                // A proximity suffix (`"a b"~5`) belongs to the phrase.
                if chars.get(i) == Some(&'~') {
                    i += 1;
                    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
                        i += 1;
                    }
                }
                tokens.push(Lexed {
                    token: Token::Phrase(phrase),
                    column,
                    negated,
                });
            }
            _ => {
                let mut end = start;
                while end < chars.len()
                    && !chars[end].is_whitespace()
                    && !matches!(chars[end], '(' | ')' | '"')
                {
                    if chars[end] == ':' {
                        break;
                    }
                    end += 1;
                }
                let word: String = chars[start..end].iter().collect();
                if chars.get(end) == Some(&':')
                    && word.chars().next().is_some_and(char::is_alphabetic)
                    && word.chars().all(|c| c.is_alphanumeric() || c == '_')
                {
                    tokens.push(Lexed {
                        token: Token::Field(word.to_lowercase()),
                        column,
                        negated,
                    });
                    i = end + 1;
                    continue;
                }
                // A colon inside a word that is not a field (`10:30`) is
                // kept as part of the word.
                while end < chars.len()
                    && !chars[end].is_whitespace()
                    && !matches!(chars[end], '(' | ')' | '"')
                {
                    end += 1;
                }
                let word: String = chars[start..end].iter().collect();
                i = end;
                let token = match word.as_str() {
                    "AND" if !negated => Token::And,
                    "OR" if !negated => Token::Or,
                    "NOT" if !negated => Token::Not,
                    _ => Token::Word(word),
                };
                tokens.push(Lexed {
                    token,
                    column,
                    negated,
                });
            }
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_queries_pass_and_list_their_words() {
        let q = check("Osiris Luna").unwrap();
        assert_eq!(q.positive_words, vec!["Osiris", "Luna"]);
        let q = check("\"osiris luna\" AND (prisons OR cárceles) -truce NOT tregua").unwrap();
        assert_eq!(
            q.positive_words,
            vec!["osiris", "luna", "prisons", "cárceles"]
        );
        let q = check("title:bukele body:\"state of exception\"").unwrap();
        assert_eq!(q.positive_words, vec!["bukele", "state", "of", "exception"]);
        assert!(check("").unwrap().match_all);
    }

    #[test]
    fn malformed_queries_name_the_problem_and_column() {
        assert_eq!(
            check("\"unclosed").unwrap_err().to_string(),
            "bad query: unclosed quote at column 1"
        );
        assert_eq!(check("luna \"abc").unwrap_err().column, 6);
        assert!(check("title:")
            .unwrap_err()
            .message
            .contains("needs a value"));
        assert!(check("author:x")
            .unwrap_err()
            .message
            .contains("unknown field 'author'"));
        assert!(check("(a OR b")
            .unwrap_err()
            .message
            .contains("unclosed '('"));
        assert!(check("a)").unwrap_err().message.contains("unmatched ')'"));
        assert!(check("a AND").unwrap_err().message.contains("'AND'"));
        assert!(check("OR a").unwrap_err().message.contains("'OR'"));
        assert!(check("-a").unwrap_err().message.contains("only excludes"));
        assert!(check("a NOT").unwrap_err().message.contains("'NOT'"));
    }

    #[test]
    fn colons_inside_words_are_not_fields() {
        assert!(check("10:30").is_ok());
    }
}
