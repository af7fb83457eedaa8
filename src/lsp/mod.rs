//! `trappa lsp`: a language server over standard input and output, so an
//! editor shows `check`'s findings while the inventory is typed. On open
//! and on each change it checks the buffer as `check` checks a file and
//! publishes the findings — the same codes at the same places, the columns
//! given in UTF-16 code units as the protocol counts them. A hover on a
//! service shows its derived step, the evidence that decided it and what
//! the next step needs (the ladder's own reasons); a code action offers
//! each finding's `--fix`; completion offers a vocabulary's values after
//! its key ([`complete`]).
//!
//! It is synchronous (rust-analyzer's `lsp-server`): one message at a time,
//! each change answered before the next is read. Checking is a few
//! milliseconds even for a thousand services, so there is nothing to gain
//! from cancelling a check half-way.

pub mod complete;

use crate::diagnostic::{Diagnostic as Finding, LineIndex, Severity};
use crate::i18n::{self, Lang};
use crate::inventory::model::Service;
use crate::inventory::source::Source;
use crate::ladder::{self, reasons};
use crate::pipeline::{self, Checked};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionItem, CompletionItemKind, CompletionOptions,
    CompletionParams, CompletionResponse, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeParams, Location, MarkupContent,
    MarkupKind, NumberOrString, Position, PublishDiagnosticsParams, Range, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// One open buffer: its text, where its lines start, and what `check` found.
struct Document {
    text: String,
    lines: LineIndex,
    checked: Checked,
}

impl Document {
    fn new(uri: &Uri, text: String) -> Document {
        let checked = pipeline::check_source(Source {
            name: file_name(uri),
            text: text.clone(),
        });
        Document {
            lines: LineIndex::new(&text),
            text,
            checked,
        }
    }

    /// A line and a character column (1-based) as a protocol position.
    fn position(&self, line: u32, column: u32) -> Position {
        let offset = self
            .lines
            .offset(&self.text, line, column)
            .unwrap_or_else(|| self.line_end(line));
        self.position_of(offset)
    }

    fn position_of(&self, offset: usize) -> Position {
        let (line, character) = self.lines.utf16(&self.text, offset);
        Position { line, character }
    }

    /// The byte offset where a 1-based line ends (before its newline).
    fn line_end(&self, line: u32) -> usize {
        match self.lines.offset(&self.text, line + 1, 1) {
            Some(next) => next.saturating_sub(1),
            None => self.text.len(),
        }
    }

    /// The range of `len` characters at a place, kept on its line.
    fn range(&self, line: u32, column: u32, len: u32) -> Range {
        let line_end = self.line_end(line);
        let start = self
            .lines
            .offset(&self.text, line, column)
            .unwrap_or(line_end)
            .min(line_end);
        let end = self
            .lines
            .offset(&self.text, line, column + len.max(1))
            .unwrap_or(line_end)
            .clamp(start, line_end.max(start));
        Range {
            start: self.position_of(start),
            end: self.position_of(end),
        }
    }
}

/// The file name a finding names: the last part of the URI's path.
fn file_name(uri: &Uri) -> String {
    let path = uri.path().as_str();
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// The language of the words: the client's, when it says one trappa has,
/// else the one `trappa lsp` was started with (`--lang`, the locale).
pub fn language(locale: Option<&str>, fallback: Lang) -> Lang {
    let Some(locale) = locale else {
        return fallback;
    };
    Lang::ALL
        .iter()
        .copied()
        .find(|lang| locale.to_lowercase().starts_with(lang.code()))
        .unwrap_or(fallback)
}

/// Runs the server on a connection until the client shuts it down.
pub fn serve(connection: &Connection, fallback: Lang) -> Result<(), Failure> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_string(), "[".to_string()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let params = connection.initialize(serde_json::to_value(capabilities)?)?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let mut server = Server {
        lang: language(params.locale.as_deref(), fallback),
        documents: HashMap::new(),
        retired: None,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.answer(request);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(notification) => {
                if let Some(published) = server.notice(notification)? {
                    connection.sender.send(Message::Notification(published))?;
                }
                // The buffer's previous state is freed once its successor's
                // findings are on their way, not before.
                server.retired = None;
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

struct Server {
    lang: Lang,
    documents: HashMap<Uri, Document>,
    /// The document a change replaced, kept until the change is answered.
    retired: Option<Document>,
}

impl Server {
    /// A change of a buffer: the findings to publish for it.
    fn notice(&mut self, notification: Notification) -> Result<Option<Notification>, Failure> {
        let uri = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                let uri = params.text_document.uri;
                let document = Document::new(&uri, params.text_document.text);
                self.retired = self.documents.insert(uri.clone(), document);
                uri
            }
            DidChangeTextDocument::METHOD => {
                let params: DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                let uri = params.text_document.uri;
                // Full synchronisation: the last change holds the whole text.
                let Some(change) = params.content_changes.into_iter().next_back() else {
                    return Ok(None);
                };
                let document = Document::new(&uri, change.text);
                self.retired = self.documents.insert(uri.clone(), document);
                uri
            }
            DidCloseTextDocument::METHOD => {
                let params: DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                self.documents.remove(&params.text_document.uri);
                // A closed buffer's findings are taken away.
                return Ok(Some(publish(params.text_document.uri, Vec::new())));
            }
            _ => return Ok(None),
        };
        let diagnostics = match self.documents.get(&uri) {
            Some(document) => document
                .checked
                .diagnostics
                .iter()
                .map(|finding| to_lsp(&uri, document, finding, self.lang))
                .collect(),
            None => Vec::new(),
        };
        Ok(Some(publish(uri, diagnostics)))
    }

    fn answer(&self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => serde_json::from_value::<HoverParams>(request.params)
                .map(|params| serde_json::to_value(self.hover(&params)).unwrap_or_default()),
            Completion::METHOD => serde_json::from_value::<CompletionParams>(request.params)
                .map(|params| serde_json::to_value(self.complete(&params)).unwrap_or_default()),
            CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(request.params)
                .map(|params| serde_json::to_value(self.actions(&params)).unwrap_or_default()),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("trappa lsp does not answer {}", request.method),
                );
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string()),
        }
    }

    /// The service under the cursor: its derived step and why.
    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let document = self.documents.get(&at.text_document.uri)?;
        let inventory = document.checked.inventory()?;
        let line = at.position.line + 1;
        let service = inventory.services.iter().find(|s| {
            s.spans
                .lines()
                .is_some_and(|(first, last)| (first..=last).contains(&line))
        })?;
        let (first, last) = service.spans.lines()?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: hover_text(service, self.lang),
            }),
            range: Some(Range {
                start: document.position(first, 1),
                end: document.position_of(document.line_end(last)),
            }),
        })
    }

    /// The values of the vocabulary of the key the cursor is after.
    fn complete(&self, params: &CompletionParams) -> Option<CompletionResponse> {
        let at = &params.text_document_position;
        let document = self.documents.get(&at.text_document.uri)?;
        let cursor =
            document
                .lines
                .from_utf16(&document.text, at.position.line, at.position.character)?;
        let line_start = document
            .lines
            .offset(&document.text, at.position.line + 1, 1)?;
        let (key, typed) = complete::key_at(document.text.get(line_start..cursor)?)?;
        let items = complete::values(key)?
            .into_iter()
            .filter(|value| value.starts_with(typed))
            .map(|value| CompletionItem {
                label: value.to_string(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                ..CompletionItem::default()
            })
            .collect();
        Some(CompletionResponse::Array(items))
    }

    /// The fixes of the findings in the range asked about.
    fn actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(document) = self.documents.get(uri) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for finding in &document.checked.diagnostics {
            let Some(fix) = &finding.fix else { continue };
            let diagnostic = to_lsp(uri, document, finding, self.lang);
            if !overlaps(&diagnostic.range, &params.range) {
                continue;
            }
            let edits: Option<Vec<TextEdit>> = fix
                .edits
                .iter()
                .map(|edit| {
                    let bytes = edit.range.clone()?;
                    Some(TextEdit {
                        range: Range {
                            start: document.position_of(bytes.start),
                            end: document.position_of(bytes.end),
                        },
                        new_text: edit.content.clone(),
                    })
                })
                .collect();
            let Some(edits) = edits else { continue };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: i18n::message(self.lang, &fix.title),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        out
    }
}

fn overlaps(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

fn publish(uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        },
    )
}

/// A finding as the protocol's diagnostic: the message with its help on a
/// line of its own, as `check` prints it.
fn to_lsp(uri: &Uri, document: &Document, finding: &Finding, lang: Lang) -> lsp_types::Diagnostic {
    let mut message = i18n::message(lang, &finding.message);
    if let Some(help) = &finding.help {
        message.push('\n');
        message.push_str(i18n::text(lang, "diagnostic.help"));
        message.push_str(": ");
        message.push_str(&i18n::message(lang, help));
    }
    let related = finding.related.as_ref().map(|(pos, label)| {
        vec![DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: document.range(pos.line, pos.column, pos.len),
            },
            message: i18n::message(lang, label),
        }]
    });
    lsp_types::Diagnostic {
        range: document.range(finding.line, finding.column, finding.len),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.code.as_str().to_string())),
        source: Some("trappa".to_string()),
        message,
        related_information: related,
        ..lsp_types::Diagnostic::default()
    }
}

/// "**bygglov** Ansöka om bygglov", the derived step (and the declared
/// one when it differs), and the ladder's reasons.
pub fn hover_text(service: &Service, lang: Lang) -> String {
    let classification = ladder::classify(&service.evidence);
    let mut out = format!("**{}** {}\n\n", service.id, service.name);
    out.push_str(&i18n::format(
        lang,
        "lsp.hover.derived",
        &[("step", &i18n::step_label(classification.step, lang))],
    ));
    if let Some(declared) = service.declared_step.filter(|d| *d != classification.step) {
        out.push_str(&i18n::format(
            lang,
            "lsp.hover.declared",
            &[("step", &i18n::step_label(declared, lang))],
        ));
    }
    out.push_str("\n\n");
    out.push_str(&reasons::reasons(&classification, lang));
    if service.incomplete {
        out.push_str("\n\n");
        out.push_str(i18n::text(lang, "lsp.hover.incomplete"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clients_language_wins_when_trappa_has_it() {
        assert_eq!(language(Some("sv-SE"), Lang::En), Lang::Sv);
        assert_eq!(language(Some("en"), Lang::Sv), Lang::En);
        assert_eq!(language(Some("fi"), Lang::Sv), Lang::Sv);
        assert_eq!(language(None, Lang::En), Lang::En);
    }

    #[test]
    fn columns_are_counted_in_utf16() {
        let uri: Uri = "file:///x/inv.yaml".parse().unwrap();
        // `𝄞` is one character, two UTF-16 code units, four bytes.
        let document = Document::new(&uri, "a: 𝄞 x\nb: 1\n".to_string());
        let range = document.range(1, 6, 1);
        assert_eq!(
            range.start,
            Position {
                line: 0,
                character: 6
            }
        );
        assert_eq!(
            range.end,
            Position {
                line: 0,
                character: 7
            }
        );
        assert_eq!(file_name(&uri), "inv.yaml");
    }
}
