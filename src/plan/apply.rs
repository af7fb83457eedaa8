//! `plan --apply`: the inventory's own text with the plan's changes written
//! into it, and nothing else touched. Each change is a byte edit at the
//! key's position (which the loader keeps): a value replaced, a key added
//! to its section, or a section added to its service. The result is read
//! back through the whole pipeline and must decode to exactly the planned
//! model with no error, or nothing is written.

use super::{Move, Plan};
use crate::diagnostic::Message;
use crate::inventory::model::{Inventory, Service};
use crate::inventory::source::Source;
use crate::pipeline;
use std::collections::BTreeSet;

/// The address an added accessibility statement gets: the one every
/// service with a statement shares. None when the plan adds none; an error
/// when it adds one and the services have no single address to share.
pub fn statement_url(inventory: &Inventory, plan: &Plan) -> Result<Option<String>, Message> {
    if !plan
        .changes
        .iter()
        .any(|c| c.what == Move::AccessibilityStatement)
    {
        return Ok(None);
    }
    let urls: BTreeSet<&str> = inventory
        .services
        .iter()
        .filter_map(|s| s.access.accessibility_statement.as_deref())
        .collect();
    match urls.len() {
        1 => Ok(urls.into_iter().next().map(String::from)),
        0 => Err(Message::new("plan.apply.no_statement")),
        n => Err(Message::new("plan.apply.many_statements").number("count", n as u64)),
    }
}

/// One edit: replace `start..end` of the text with `with`.
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

/// The text with the plan made, headed by `comment` (one line, without `#`).
pub fn apply(
    name: &str,
    text: &str,
    inventory: &Inventory,
    plan: &Plan,
    url: Option<&str>,
    comment: &str,
) -> Result<String, Message> {
    let lines = line_starts(text);
    let mut edits: Vec<Edit> = Vec::new();
    for (index, service) in inventory.services.iter().enumerate() {
        let moves: Vec<Move> = plan
            .changes
            .iter()
            .filter(|c| c.service == service.id)
            .map(|c| c.what)
            .collect();
        if moves.is_empty() || plan.after.services[index].id != service.id {
            continue;
        }
        service_edits(name, text, &lines, service, &moves, url, &mut edits)?;
    }
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 200);
    // The comment goes after a byte-order mark, if any, before all else.
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    out.push_str(&text[..body_start]);
    out.push_str("# ");
    out.push_str(comment);
    out.push('\n');
    let mut at = body_start;
    for edit in &edits {
        if edit.start < at {
            return Err(cannot(name, 0));
        }
        out.push_str(&text[at..edit.start]);
        out.push_str(&edit.with);
        at = edit.end;
    }
    out.push_str(&text[at..]);
    verify(name, &out, plan, url)?;
    Ok(out)
}

fn cannot(name: &str, line: u32) -> Message {
    Message::new("plan.apply.cannot_edit")
        .text("file", name.to_string())
        .number("line", line)
}

/// The result must read back as the planned inventory, without error.
fn verify(name: &str, text: &str, plan: &Plan, url: Option<&str>) -> Result<(), Message> {
    let checked = pipeline::check_source(Source {
        name: name.to_string(),
        text: text.to_string(),
    });
    let Some(read) = checked.valid_inventory() else {
        return Err(cannot(name, 0));
    };
    let mut expected = plan.after.clone();
    for s in &mut expected.services {
        if s.access.accessibility_statement.as_deref() == Some(super::PLACEHOLDER_URL) {
            s.access.accessibility_statement = url.map(String::from);
        }
    }
    let same = read.services.len() == expected.services.len()
        && read
            .services
            .iter()
            .zip(&expected.services)
            .all(|(a, b)| a.id == b.id && a.evidence == b.evidence && a.access == b.access);
    if same { Ok(()) } else { Err(cannot(name, 0)) }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The byte offset of a 1-based line and character column.
fn offset(text: &str, lines: &[usize], line: u32, column: u32) -> Option<usize> {
    let start = *lines.get(line.checked_sub(1)? as usize)?;
    let rest = &text[start..];
    let skip = column.checked_sub(1)? as usize;
    rest.char_indices().nth(skip).map(|(i, _)| start + i)
}

/// A value as the file writes it: plain words, a URL in double quotes.
fn yaml_value(m: Move, url: Option<&str>) -> String {
    match m {
        Move::AccessibilityStatement => {
            let url = url.unwrap_or(super::PLACEHOLDER_URL);
            format!("\"{}\"", url.replace('\\', "\\\\").replace('"', "\\\""))
        }
        _ => m.to().to_string(),
    }
}

fn service_edits(
    name: &str,
    text: &str,
    lines: &[usize],
    service: &Service,
    moves: &[Move],
    url: Option<&str>,
    edits: &mut Vec<Edit>,
) -> Result<(), Message> {
    let id_pos = service.spans.at("id");
    // Sections to add, in the order of their first move: (section, entries).
    let mut new_sections: Vec<(&str, Vec<String>)> = Vec::new();
    for &m in moves {
        let path = m.path();
        let (section, leaf) = path.split_once('.').unwrap_or(("", path));
        let value = yaml_value(m, url);
        if let Some(pos) = service.spans.get(path) {
            // The key is there: replace its value.
            let key =
                offset(text, lines, pos.line, pos.column).ok_or_else(|| cannot(name, pos.line))?;
            let (start, end) = value_range(text, key).ok_or_else(|| cannot(name, pos.line))?;
            edits.push(Edit {
                start,
                end,
                with: value,
            });
        } else if let Some(pos) = service.spans.get(section) {
            // The section is there: add the key to it.
            let key =
                offset(text, lines, pos.line, pos.column).ok_or_else(|| cannot(name, pos.line))?;
            let after_colon = after_colon(text, key).ok_or_else(|| cannot(name, pos.line))?;
            let rest = &text[after_colon..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if rest[gap..].starts_with('{') {
                let brace = after_colon + gap + 1;
                let empty = text[brace..].trim_start().starts_with('}');
                let with = if empty {
                    format!(" {leaf}: {value} ")
                } else {
                    format!(" {leaf}: {value},")
                };
                edits.push(Edit {
                    start: brace,
                    end: brace,
                    with,
                });
            } else {
                // A block section: the new key goes on the line after the
                // section's, indented as its first key is.
                let prefix = format!("{section}.");
                // A section with no keys yet (`access:` and nothing) gets
                // them two columns in from its own key.
                let indent = service
                    .spans
                    .iter()
                    .filter(|(p, _)| p.starts_with(&prefix))
                    .map(|(_, pos)| (pos.line, pos.column))
                    .min()
                    .map_or(pos.column as usize + 1, |(_, column)| {
                        column.saturating_sub(1) as usize
                    });
                let line_end =
                    next_line(text, lines, pos.line).ok_or_else(|| cannot(name, pos.line))?;
                edits.push(Edit {
                    start: line_end,
                    end: line_end,
                    with: format!("{}{leaf}: {value}\n", " ".repeat(indent)),
                });
            }
        } else {
            match new_sections.iter_mut().find(|(s, _)| *s == section) {
                Some((_, entries)) => entries.push(format!("{leaf}: {value}")),
                None => new_sections.push((section, vec![format!("{leaf}: {value}")])),
            }
        }
    }
    if new_sections.is_empty() {
        return Ok(());
    }
    // Sections the service does not have yet: beside its `id`.
    let id =
        offset(text, lines, id_pos.line, id_pos.column).ok_or_else(|| cannot(name, id_pos.line))?;
    let before = text[..id].trim_end_matches([' ', '\t']);
    if before.ends_with('{') || before.ends_with(',') {
        // A one-line service: `{ evidence: { … }, id: x, … }`.
        let with: String = new_sections
            .iter()
            .map(|(section, entries)| format!("{section}: {{ {} }}, ", entries.join(", ")))
            .collect();
        edits.push(Edit {
            start: id,
            end: id,
            with,
        });
    } else {
        let indent = " ".repeat(id_pos.column.saturating_sub(1) as usize);
        let mut with = String::new();
        for (section, entries) in &new_sections {
            with.push_str(&format!("{indent}{section}:\n"));
            for entry in entries {
                with.push_str(&format!("{indent}  {entry}\n"));
            }
        }
        let line_end =
            next_line(text, lines, id_pos.line).ok_or_else(|| cannot(name, id_pos.line))?;
        edits.push(Edit {
            start: line_end,
            end: line_end,
            with,
        });
    }
    Ok(())
}

/// The offset where the line after `line` starts (the end of the text,
/// with a line break added by the caller's edit, is not supported).
fn next_line(_text: &str, lines: &[usize], line: u32) -> Option<usize> {
    lines.get(line as usize).copied()
}

/// Past the key at `key` and its colon.
fn after_colon(text: &str, key: usize) -> Option<usize> {
    let rest = &text[key..];
    let key_len = if rest.starts_with('"') || rest.starts_with('\'') {
        let quote = rest.as_bytes()[0] as char;
        rest[1..].find(quote)? + 2
    } else {
        rest.find([':', '\n'])?
    };
    let after = &rest[key_len..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    after[spaces..]
        .starts_with(':')
        .then_some(key + key_len + spaces + 1)
}

/// The range of the scalar value of the key at `key`, on the key's line.
fn value_range(text: &str, key: usize) -> Option<(usize, usize)> {
    let colon = after_colon(text, key)?;
    let rest = &text[colon..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = colon + gap;
    let value = &text[start..];
    let in_flow = {
        let line_start = text[..key].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..key];
        before.contains('{')
    };
    let end = match value.chars().next()? {
        '"' => {
            let mut escaped = false;
            let mut close = None;
            for (i, c) in value.char_indices().skip(1) {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    close = Some(i);
                    break;
                }
            }
            start + close? + 1
        }
        '\'' => start + 1 + value[1..].find('\'')? + 1,
        '\n' | '\r' | '#' | '{' | '[' | '|' | '>' => return None,
        _ => {
            let stop = value
                .char_indices()
                .find(|&(i, c)| {
                    c == '\n'
                        || c == '\r'
                        || (in_flow && (c == ',' || c == '}'))
                        || (c == '#' && value[..i].ends_with([' ', '\t']))
                })
                .map_or(value.len(), |(i, _)| i);
            start + value[..stop].trim_end().len()
        }
    };
    Some((start, end))
}
