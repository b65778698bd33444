//! The query language reporters type: lexing, parsing and checking.
//!
//! This module owns the syntax — words (AND'd), `OR`, `NOT`/`-word`,
//! parentheses, `"phrases"` and `"proximity"~N`, `word~N` fuzzy terms,
//! `title:`/`body:`/`url:` fields and the `gang:`, `official:` and `date:`
//! filters — and turns it into a [`Node`] tree. A malformed query is refused
//! with what is wrong and at which column. Turning the tree into a tantivy
//! query (analyzers, boosts, the registry) is `search::compile`'s job; what
//! to highlight is `search::snippet`'s.

/// Fields a reporter may name in a query.
pub const QUERY_FIELDS: &[&str] = &["title", "body", "url", "gang", "official", "date"];

/// Largest edit distance of a fuzzy term (`word~2`).
pub const MAX_FUZZY_DISTANCE: u8 = 2;

/// Largest proximity of a phrase (`"a b"~50`).
pub const MAX_SLOP: u32 = 50;

/// A malformed query: what is wrong, and the 1-based column where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad query: {message} at column {column}")]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// 1-based column (in characters).
    pub column: usize,
}

/// Which text fields a term or phrase is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The default fields: title and body.
    Default,
    /// `title:`.
    Title,
    /// `body:`.
    Body,
    /// `url:`.
    Url,
}

/// One node of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word, as typed.
    Term {
        /// Where to look.
        scope: Scope,
        /// The word.
        word: String,
        /// Matched as written (accents and case aside), never stemmed: set
        /// on words that spell a registry name (`search::names`).
        exact: bool,
        /// 1-based column.
        column: usize,
    },
    /// A word matched within an edit distance (`Marroquin~1`).
    Fuzzy {
        /// Where to look.
        scope: Scope,
        /// The word.
        word: String,
        /// Levenshtein distance (transpositions cost one).
        distance: u8,
        /// 1-based column.
        column: usize,
    },
    /// Words in order (`"osiris luna"`), or near each other (`"a b"~5`).
    Phrase {
        /// Where to look.
        scope: Scope,
        /// The words, as typed.
        text: String,
        /// How many positions the words may move (0: exact phrase).
        slop: u32,
        /// 1-based column.
        column: usize,
    },
    /// `gang:NAME` — same as `--gang NAME`.
    Gang {
        /// As typed.
        name: String,
        /// 1-based column.
        column: usize,
    },
    /// `official:NAME` — same as `--official NAME`.
    Official {
        /// As typed.
        name: String,
        /// 1-based column.
        column: usize,
    },
    /// `date:PERIOD`, `date:[FROM TO TO]` or `date:FROM..TO` — same as
    /// `--from`/`--to`.
    Date {
        /// Inclusive start (`None`: open).
        from: Option<String>,
        /// Inclusive end (`None`: open).
        to: Option<String>,
        /// 1-based column.
        column: usize,
    },
    /// Every child must match.
    And(Vec<Node>),
    /// Any child may match.
    Or(Vec<Node>),
    /// The child must not match.
    Not(Box<Node>),
}

impl Node {
    /// True if the node can match on its own (it is not a pure exclusion).
    pub fn has_positive(&self) -> bool {
        match self {
            Node::Not(_) => false,
            Node::And(children) => children.iter().any(Node::has_positive),
            Node::Or(children) => children.iter().all(Node::has_positive),
            _ => true,
        }
    }

    /// The column of an exclusion standing alone on one side of an OR
    /// (`truce OR -Funes`), if there is one: it would match every article
    /// without its term, seldom what was meant.
    fn exclusion_alone_in_or(&self) -> Option<usize> {
        match self {
            Node::Or(children) => children
                .iter()
                .find(|c| !c.has_positive())
                .map(Node::column)
                .or_else(|| children.iter().find_map(Node::exclusion_alone_in_or)),
            Node::And(children) => children.iter().find_map(Node::exclusion_alone_in_or),
            Node::Not(inner) => inner.exclusion_alone_in_or(),
            _ => None,
        }
    }

    /// The 1-based column where the node's first leaf was typed.
    fn column(&self) -> usize {
        match self {
            Node::Term { column, .. }
            | Node::Fuzzy { column, .. }
            | Node::Phrase { column, .. }
            | Node::Gang { column, .. }
            | Node::Official { column, .. }
            | Node::Date { column, .. } => *column,
            Node::And(children) | Node::Or(children) => children.first().map_or(1, Node::column),
            Node::Not(inner) => inner.column(),
        }
    }

    /// Calls `f` on every leaf that a match must or may contain (not under
    /// a NOT).
    pub fn positive_leaves<'a>(&'a self, f: &mut impl FnMut(&'a Node)) {
        match self {
            Node::Not(_) => {}
            Node::And(children) | Node::Or(children) => {
                for child in children {
                    child.positive_leaves(f);
                }
            }
            leaf => f(leaf),
        }
    }

    /// Calls `f` with every leaf, those under NOT too.
    pub fn leaves_mut(&mut self, f: &mut impl FnMut(&mut Node)) {
        match self {
            Node::Not(inner) => inner.leaves_mut(f),
            Node::And(children) | Node::Or(children) => {
                for child in children {
                    child.leaves_mut(f);
                }
            }
            leaf => f(leaf),
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The tree (`None`: the query is empty and matches every article).
    pub root: Option<Node>,
}

impl ParsedQuery {
    /// Whether the query only excludes (`-prison`): it then matches every
    /// article without its terms, which only makes sense within filters.
    pub fn only_excludes(&self) -> bool {
        self.root.as_ref().is_some_and(|root| !root.has_positive())
    }

    /// Words the matches should contain (not under NOT or `-`), as typed.
    pub fn positive_words(&self) -> Vec<String> {
        let mut words = Vec::new();
        if let Some(root) = &self.root {
            root.positive_leaves(&mut |leaf| match leaf {
                Node::Term { word, .. } | Node::Fuzzy { word, .. } => words.push(word.clone()),
                Node::Phrase { text, .. } => {
                    words.extend(text.split_whitespace().map(str::to_string))
                }
                _ => {}
            });
        }
        words
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word { text: String, fuzzy: Option<u8> },
    Phrase { text: String, slop: u32 },
    Range { from: String, to: String },
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

/// Parses and checks `query`, cleaned as typed text is
/// ([`crate::normalize::clean_typed`]; error columns count in the cleaned
/// text, which differs only where it held such characters).
pub fn parse(query: &str) -> Result<ParsedQuery, QueryError> {
    let tokens = lex(&crate::normalize::clean_typed(query))?;
    if tokens.is_empty() {
        return Ok(ParsedQuery { root: None });
    }
    let mut parser = Parser { tokens, at: 0 };
    let root = parser.or(Scope::Default)?;
    if let Some(extra) = parser.peek() {
        let message = match extra.token {
            Token::Close => "unmatched ')'",
            _ => "unexpected text",
        };
        return Err(err(message, extra.column));
    }
    if let Some(column) = root.exclusion_alone_in_or() {
        return Err(err(
            "an exclusion alone on one side of OR matches every article without \
             its term; put it outside the OR (`truce -Funes`)",
            column,
        ));
    }
    Ok(ParsedQuery { root: Some(root) })
}

struct Parser {
    tokens: Vec<Lexed>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Lexed> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Lexed> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn starts_operand(token: &Token) -> bool {
        matches!(
            token,
            Token::Word { .. } | Token::Phrase { .. } | Token::Open | Token::Field(_) | Token::Not
        )
    }

    fn or(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let mut children = vec![self.and(scope)?];
        while let Some(t) = self.peek() {
            if t.token != Token::Or {
                break;
            }
            let column = t.column;
            self.at += 1;
            if !self.peek().is_some_and(|n| Self::starts_operand(&n.token)) {
                return Err(err("'OR' needs a term on each side", column));
            }
            children.push(self.and(scope)?);
        }
        Ok(if children.len() == 1 {
            children.remove(0)
        } else {
            Node::Or(children)
        })
    }

    fn and(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let mut children = Vec::new();
        while let Some(t) = self.peek() {
            match &t.token {
                Token::And => {
                    let column = t.column;
                    self.at += 1;
                    let right = self.peek().is_some_and(|n| Self::starts_operand(&n.token));
                    if children.is_empty() || !right {
                        return Err(err("'AND' needs a term on each side", column));
                    }
                }
                Token::Or if children.is_empty() => {
                    return Err(err("'OR' needs a term on each side", t.column));
                }
                Token::Or | Token::Close => break,
                _ => children.push(self.unary(scope)?),
            }
        }
        match children.len() {
            0 => {
                let column = self.peek().map_or(1, |t| t.column);
                Err(err("expected a term", column))
            }
            1 => Ok(children.remove(0)),
            _ => Ok(Node::And(children)),
        }
    }

    fn unary(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let Some(t) = self.peek().cloned() else {
            return Err(err("expected a term", 1));
        };
        if t.token == Token::Not {
            self.at += 1;
            if !self
                .peek()
                .is_some_and(|n| Self::starts_operand(&n.token) && n.token != Token::Not)
            {
                return Err(err("'NOT' needs a term after it", t.column));
            }
            return Ok(Node::Not(Box::new(self.unary(scope)?)));
        }
        let node = self.primary(scope)?;
        Ok(if t.negated {
            Node::Not(Box::new(node))
        } else {
            node
        })
    }

    fn primary(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let Some(t) = self.next() else {
            return Err(err("expected a term", 1));
        };
        match t.token {
            Token::Open => {
                if self.peek().is_some_and(|n| n.token == Token::Close) {
                    return Err(err("empty parentheses", t.column));
                }
                if self.peek().is_none() {
                    return Err(err("unclosed '('", t.column));
                }
                let inner = self.or(scope)?;
                match self.next() {
                    Some(Lexed {
                        token: Token::Close,
                        ..
                    }) => Ok(inner),
                    _ => Err(err("unclosed '('", t.column)),
                }
            }
            Token::Word { text, fuzzy } => Ok(word_node(scope, text, fuzzy, t.column)),
            Token::Phrase { text, slop } => phrase_node(scope, text, slop, t.column),
            Token::Field(name) => self.field(&name, t.column),
            Token::Range { .. } => Err(err("a [FROM TO TO] range only follows 'date:'", t.column)),
            Token::Close => Err(err("unmatched ')'", t.column)),
            Token::And | Token::Or | Token::Not => Err(err("expected a term", t.column)),
        }
    }

    fn field(&mut self, name: &str, column: usize) -> Result<Node, QueryError> {
        let needs_value = || err(&format!("field '{name}:' needs a value"), column);
        let value = self.peek().cloned().ok_or_else(needs_value)?;
        let scope = match name {
            "title" => Scope::Title,
            "body" => Scope::Body,
            "url" => Scope::Url,
            "gang" | "official" => {
                let text = match value.token {
                    Token::Word { text, fuzzy: None } => text,
                    Token::Phrase { text, slop: 0 } => text,
                    _ => return Err(needs_value()),
                };
                self.at += 1;
                return Ok(if name == "gang" {
                    Node::Gang { name: text, column }
                } else {
                    Node::Official { name: text, column }
                });
            }
            "date" => {
                let (from, to) = match value.token {
                    Token::Word { text, fuzzy: None } => (Some(text.clone()), Some(text)),
                    Token::Range { from, to } => {
                        let open = |s: String| if s == "*" { None } else { Some(s) };
                        (open(from), open(to))
                    }
                    _ => return Err(needs_value()),
                };
                self.at += 1;
                return Ok(Node::Date { from, to, column });
            }
            other => {
                return Err(err(
                    &format!(
                        "unknown field '{other}' (fields: {})",
                        QUERY_FIELDS.join(", ")
                    ),
                    column,
                ))
            }
        };
        if !matches!(
            value.token,
            Token::Word { .. } | Token::Phrase { .. } | Token::Open
        ) {
            return Err(needs_value());
        }
        self.primary(scope)
    }
}

fn word_node(scope: Scope, word: String, fuzzy: Option<u8>, column: usize) -> Node {
    match fuzzy {
        Some(distance) => Node::Fuzzy {
            scope,
            word,
            distance,
            column,
        },
        None => Node::Term {
            scope,
            word,
            exact: false,
            column,
        },
    }
}

fn phrase_node(scope: Scope, text: String, slop: u32, column: usize) -> Result<Node, QueryError> {
    if text.trim().is_empty() {
        return Err(err("empty quotes", column));
    }
    Ok(Node::Phrase {
        scope,
        text,
        slop,
        column,
    })
}

fn err(message: &str, column: usize) -> QueryError {
    QueryError {
        message: message.to_string(),
        column,
    }
}

/// Reads the digits of a `~N` suffix at `chars[at]` (just after the `~`).
fn suffix_number(chars: &[char], at: usize, column: usize) -> Result<(u32, usize), QueryError> {
    let mut end = at;
    while chars.get(end).is_some_and(|c| c.is_ascii_digit()) {
        end += 1;
    }
    if end == at {
        return Err(err("'~' needs a number after it (like ~1 or ~5)", column));
    }
    let digits: String = chars[at..end].iter().collect();
    let n = digits
        .parse::<u32>()
        .map_err(|_| err(&format!("'~{digits}' is too large"), column))?;
    Ok((n, end))
}

fn ends_token(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')') || is_double_quote(c)
}

/// Whether `c` is a double quotation mark, as a keyboard or a word
/// processor types it: the straight `"`, and the typographic marks Word,
/// Google Docs, macOS and phones put in its place (`“…”` English, `„…“`
/// German, `«…»` Spanish and French, `»…«` and `”…”` elsewhere). A reporter
/// who pastes `“régimen de excepción”` from their notes means a phrase;
/// read as words, it found every article with the three words anywhere.
/// Any of them closes a phrase any of them opened, since pairs are mixed
/// freely in what is pasted (`"…”`, `„…”`). Single quotes are left alone:
/// `’` is also the apostrophe of `O’Neill` and `Bukele’s`.
fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}'
    )
}

fn lex(query: &str) -> Result<Vec<Lexed>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens: Vec<Lexed> = Vec::new();
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
        let after_date =
            matches!(tokens.last(), Some(Lexed { token: Token::Field(f), .. }) if f == "date");
        let push = |tokens: &mut Vec<Lexed>, token| {
            tokens.push(Lexed {
                token,
                column,
                negated,
            })
        };
        match chars[start] {
            '(' => {
                push(&mut tokens, Token::Open);
                i = start + 1;
            }
            ')' => {
                push(&mut tokens, Token::Close);
                i = start + 1;
            }
            '[' if after_date => {
                let Some(end) = chars[start + 1..].iter().position(|&c| c == ']') else {
                    return Err(err("unclosed '['", start + 1));
                };
                let inner: String = chars[start + 1..start + 1 + end].iter().collect();
                let parts: Vec<&str> = inner.split_whitespace().collect();
                let [from, "TO", to] = parts.as_slice() else {
                    return Err(err(
                        "a date range is written [FROM TO TO], like [2020-01 TO 2021-06] (* for open)",
                        start + 1,
                    ));
                };
                push(
                    &mut tokens,
                    Token::Range {
                        from: from.to_string(),
                        to: to.to_string(),
                    },
                );
                i = start + 1 + end + 1;
            }
            quote if is_double_quote(quote) => {
                let Some(end) = chars[start + 1..].iter().position(|&c| is_double_quote(c)) else {
                    return Err(err("unclosed quote", start + 1));
                };
                let text: String = chars[start + 1..start + 1 + end].iter().collect();
                i = start + 1 + end + 1;
                let mut slop = 0;
                if chars.get(i) == Some(&'~') {
                    let (n, end) = suffix_number(&chars, i + 1, i + 1)?;
                    if n > MAX_SLOP {
                        return Err(err(
                            &format!("proximity ~{n} is too large (at most ~{MAX_SLOP})"),
                            i + 1,
                        ));
                    }
                    slop = n;
                    i = end;
                }
                if chars.get(i).is_some_and(|&c| !ends_token(c)) {
                    return Err(err("expected a space after the closing quote", i + 1));
                }
                push(&mut tokens, Token::Phrase { text, slop });
            }
            _ => {
                let mut end = start;
                while end < chars.len() && !ends_token(chars[end]) && chars[end] != ':' {
                    end += 1;
                }
                let word: String = chars[start..end].iter().collect();
                if chars.get(end) == Some(&':')
                    && word.chars().next().is_some_and(char::is_alphabetic)
                    && word.chars().all(|c| c.is_alphanumeric() || c == '_')
                {
                    let name = word.to_lowercase();
                    if !QUERY_FIELDS.contains(&name.as_str()) {
                        return Err(err(
                            &format!(
                                "unknown field '{name}' (fields: {})",
                                QUERY_FIELDS.join(", ")
                            ),
                            column,
                        ));
                    }
                    if chars.get(end + 1).is_none_or(|c| c.is_whitespace()) {
                        return Err(err(&format!("field '{name}:' needs a value"), column));
                    }
                    push(&mut tokens, Token::Field(name));
                    i = end + 1;
                    continue;
                }
                // A colon inside a word that is not a field (`10:30`) is
                // kept as part of the word.
                while end < chars.len() && !ends_token(chars[end]) {
                    end += 1;
                }
                let mut word: String = chars[start..end].iter().collect();
                i = end;
                // `date:2020..2022`, `date:2020..` (the range syntax of
                // GitHub and Sourcegraph searches): [2020 TO 2022].
                if let Some((from, to)) = word.split_once("..").filter(|_| after_date) {
                    let open = |end: &str| if end.is_empty() { "*" } else { end }.to_string();
                    push(
                        &mut tokens,
                        Token::Range {
                            from: open(from),
                            to: open(to),
                        },
                    );
                    continue;
                }
                // Lucene's boost (`prison^2`) read as a word was the
                // words "prison" and "2" side by side: no match, and no
                // sign why.
                if let Some(caret) = word.rfind('^').filter(|&at| {
                    word[at + 1..]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.')
                }) {
                    return Err(err(
                        "boosts ('^N') are not supported: words in the headline already \
                         weigh more than words in the body",
                        start + word[..caret].chars().count() + 1,
                    ));
                }
                let mut fuzzy = None;
                if let Some(tilde) = word.rfind('~') {
                    let tilde_column = start + word[..tilde].chars().count() + 1;
                    let tail: Vec<char> = word[tilde + 1..].chars().collect();
                    let (n, used) = suffix_number(&tail, 0, tilde_column)?;
                    if used != tail.len() {
                        return Err(err(
                            "'~' needs a number after it (like ~1 or ~5)",
                            tilde_column,
                        ));
                    }
                    if n > u32::from(MAX_FUZZY_DISTANCE) {
                        return Err(err(
                            &format!(
                                "fuzzy distance ~{n} is too large (at most ~{MAX_FUZZY_DISTANCE})"
                            ),
                            tilde_column,
                        ));
                    }
                    if tilde == 0 {
                        return Err(err("'~' needs a word before it", tilde_column));
                    }
                    fuzzy = Some(n as u8);
                    word.truncate(tilde);
                }
                // A trailing `*` was dropped by the analyzer, and `pris*`
                // then found only a word "pris": say so instead.
                if word.len() > 1 && word.ends_with('*') {
                    let star = start + word.chars().count();
                    let stem = word.trim_end_matches('*');
                    return Err(err(
                        &format!(
                            "'{word}': prefix search is not supported; search '{stem}' or the whole word (its English and Spanish forms are found too)"
                        ),
                        star,
                    ));
                }
                let token = match word.as_str() {
                    "AND" if !negated && fuzzy.is_none() => Token::And,
                    "OR" if !negated && fuzzy.is_none() => Token::Or,
                    "NOT" if !negated && fuzzy.is_none() => Token::Not,
                    _ => Token::Word { text: word, fuzzy },
                };
                push(&mut tokens, token);
            }
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(q: &str) -> Result<ParsedQuery, QueryError> {
        parse(q)
    }

    #[test]
    fn plain_queries_pass_and_list_their_words() {
        let q = check("Osiris Luna").unwrap();
        assert_eq!(q.positive_words(), vec!["Osiris", "Luna"]);
        let q = check("\"osiris luna\" AND (prisons OR cárceles) -truce NOT tregua").unwrap();
        assert_eq!(
            q.positive_words(),
            vec!["osiris", "luna", "prisons", "cárceles"]
        );
        let q = check("title:bukele body:\"state of exception\"").unwrap();
        assert_eq!(
            q.positive_words(),
            vec!["bukele", "state", "of", "exception"]
        );
        assert!(check("").unwrap().root.is_none());
    }

    #[test]
    fn the_tree_has_the_expected_shape() {
        let q = check("a OR b c").unwrap().root.unwrap();
        let term = |w: &str, column| Node::Term {
            scope: Scope::Default,
            word: w.into(),
            exact: false,
            column,
        };
        assert_eq!(
            q,
            Node::Or(vec![
                term("a", 1),
                Node::And(vec![term("b", 6), term("c", 8)])
            ])
        );
        let q = check("title:(a OR b)").unwrap().root.unwrap();
        assert!(
            matches!(&q, Node::Or(c) if matches!(c[0], Node::Term { scope: Scope::Title, .. }))
        );
        let q = check("\"osiris prisons\"~5").unwrap().root.unwrap();
        assert!(matches!(q, Node::Phrase { slop: 5, .. }));
        let q = check("Marroquin~1").unwrap().root.unwrap();
        assert!(matches!(q, Node::Fuzzy { distance: 1, ref word, .. } if word == "Marroquin"));
        let q = check("gang:MS13 official:\"Osiris Luna\"")
            .unwrap()
            .root
            .unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                Node::Gang {
                    name: "MS13".into(),
                    column: 1
                },
                Node::Official {
                    name: "Osiris Luna".into(),
                    column: 11
                }
            ])
        );
        let q = check("date:[2020-01 TO *]").unwrap().root.unwrap();
        assert_eq!(
            q,
            Node::Date {
                from: Some("2020-01".into()),
                to: None,
                column: 1
            }
        );
        let q = check("-(a b) c").unwrap().root.unwrap();
        assert!(matches!(q, Node::And(ref c) if matches!(c[0], Node::Not(_))));
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
        assert!(check("-a").unwrap().only_excludes());
        assert!(!check("a -b").unwrap().only_excludes());
        let or = check("truce OR -Funes").unwrap_err();
        assert!(or.message.contains("outside the OR"), "{}", or.message);
        assert_eq!(or.column, 10);
        assert!(check("(a OR b) -c").is_ok());
        assert!(check("a NOT").unwrap_err().message.contains("'NOT'"));
        assert_eq!(check("luna~x").unwrap_err().column, 5);
        assert!(check("luna~3").unwrap_err().message.contains("too large"));
        assert_eq!(check("\"a b\"~").unwrap_err().column, 6);
        assert_eq!(check("a date:[2020").unwrap_err().column, 8);
        assert!(check("date:[2020 2021]")
            .unwrap_err()
            .message
            .contains("FROM TO TO"));
        assert!(check("()").unwrap_err().message.contains("empty"));
        // A prefix search used to lose its '*' and find nothing.
        let e = check("luna pris*").unwrap_err();
        assert_eq!(e.column, 10);
        assert!(e.message.contains("prefix search"), "{}", e.message);
        assert!(check("title:pandill*").is_err());
        assert!(check("\"pris*\"").is_ok(), "inside quotes it is text");
    }

    #[test]
    fn typographic_double_quotes_make_a_phrase_as_straight_ones_do() {
        // Pasted from Word, Google Docs, a phone (English, German, Spanish
        // and French marks); read as words, each found every article with
        // the words anywhere.
        for (straight, typed) in [
            ("\"régimen de excepción\"", "“régimen de excepción”"),
            ("\"régimen de excepción\"", "«régimen de excepción»"),
            ("\"régimen de excepción\"", "„régimen de excepción“"),
            ("\"régimen de excepción\"", "»régimen de excepción«"),
            ("\"Osiris Luna\"", "“Osiris Luna\""),
            ("\"osiris prisons\"~5", "“osiris prisons”~5"),
            (
                "-\"state of exception\" truce",
                "-“state of exception” truce",
            ),
            ("official:\"Osiris Luna\"", "official:«Osiris Luna»"),
            ("title:\"gang truce\"", "title:“gang truce”"),
        ] {
            assert_eq!(check(straight).unwrap(), check(typed).unwrap(), "{typed}");
        }
        assert!(matches!(
            check("“derechos humanos”").unwrap().root,
            Some(Node::Phrase { .. })
        ));
        // An unclosed one says where, as the straight quote does.
        let e = check("luna “abc").unwrap_err();
        assert_eq!((e.message.as_str(), e.column), ("unclosed quote", 6));
        assert_eq!(check("«abc def").unwrap_err().column, 1);
        assert_eq!(
            check("“a b”x").unwrap_err().message,
            "expected a space after the closing quote"
        );
        // Single quotes are apostrophes too: no phrase.
        assert!(matches!(
            check("‘O’Neill’").unwrap().root,
            Some(Node::Term { .. })
        ));
    }

    #[test]
    fn colons_inside_words_are_not_fields() {
        assert!(check("10:30").is_ok());
    }
}
