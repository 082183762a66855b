//! Finds where in a scenario's text a problem lies, so errors can name line and column.

/// Byte offset of `field: "value"` (any spacing), searching from `from`.
pub fn field_value(src: &str, from: usize, field: &str, value: &str) -> Option<usize> {
    let quoted = format!("\"{value}\"");
    let mut at = from;
    while let Some(rel) = src.get(at..)?.find(&quoted) {
        let pos = at + rel;
        let before = src[..pos].trim_end();
        if let Some(b) = before.strip_suffix(':')
            && b.trim_end().ends_with(field)
        {
            return Some(pos);
        }
        at = pos + quoted.len();
    }
    None
}

/// Byte offset of the first `needle` at or after `from`.
pub fn after(src: &str, from: usize, needle: &str) -> Option<usize> {
    src.get(from..)?.find(needle).map(|rel| from + rel)
}

/// Byte offset of the key `name:` (a field name followed by a colon) at or after `from`.
pub fn key(src: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(rel) = src.get(at..)?.find(name) {
        let pos = at + rel;
        let boundary_before = pos == 0 || !is_ident(src.as_bytes()[pos - 1]);
        let rest = src[pos + name.len()..].trim_start();
        if boundary_before && rest.starts_with(':') {
            return Some(pos);
        }
        at = pos + name.len();
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Byte offset of a 1-based line and column (in characters).
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + l.char_indices().nth(col.saturating_sub(1)).map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    src.len()
}

/// The `id` of the innermost parenthesised entry that encloses `offset` (or ends at it), where that entry
/// has one: the delegation, issue or option a problem at `offset` belongs to. Strings and `//` comments are
/// skipped, so brackets inside them do not count.
pub fn enclosing_id(src: &str, offset: usize) -> Option<String> {
    let bytes = src.as_bytes();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut open_at = None;
    while i < bytes.len() && i <= offset {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => stack.push(i),
            b')' | b']' | b'}' => {
                let opened = stack.pop();
                if i == offset {
                    open_at = opened;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // A problem inside an entry, rather than at its closing bracket, belongs to the innermost open one.
    let start = open_at.or_else(|| stack.last().copied())?;
    // The entry's own `id:`, at its own depth: the first `id:` key found before a nested bracket opens.
    let mut j = start + 1;
    let mut depth = 0usize;
    while j < bytes.len() {
        match bytes[j] {
            b'"' => {
                j += 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            b'i' if depth == 0
                && src[j..].starts_with("id:")
                && (j == 0 || !bytes[j - 1].is_ascii_alphanumeric() && bytes[j - 1] != b'_') =>
            {
                let rest = src[j + 3..].trim_start();
                let value = rest.strip_prefix('"')?;
                return value.split('"').next().map(String::from);
            }
            _ => {}
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_value_is_found_only_after_its_field_name() {
        let src = "trust: {\"russia\": 1}, id: \"russia\"";
        assert_eq!(field_value(src, 0, "id", "russia"), Some(26));
        assert_eq!(offset_of("a\nbc", 2, 2), 3);
    }
}
