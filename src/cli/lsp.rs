//! `trappa lsp`: the language server on standard input and output.

use super::Context;
use super::failure::Failure;
use crate::diagnostic::Message;
use clap::Args;

#[derive(Debug, Args)]
pub struct LspArgs {}

pub(super) fn run(_: &LspArgs, context: &Context) -> Result<(), Failure> {
    let (connection, threads) = lsp_server::Connection::stdio();
    let served = crate::lsp::serve(&connection, context.lang);
    // The writer thread ends when the connection's sender is dropped.
    drop(connection);
    let joined = threads.join();
    let failed =
        |detail: String| Failure::trouble(Message::new("lsp.failed").text("detail", detail));
    served.map_err(|e| failed(e.to_string()))?;
    joined.map_err(|e| failed(e.to_string()))
}
