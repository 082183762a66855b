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
