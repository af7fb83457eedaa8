//! Times `trappa lsp` answering a change of a buffer with its diagnostics,
//! as an editor sees it: from sending `textDocument/didChange` (the whole
//! text, one line changed) to reading `textDocument/publishDiagnostics`.
//! Used by scripts/bench.sh; prints the median and the slowest of RUNS
//! changes in milliseconds.
//!
//! cargo run --release --example lsp_change -- target/release/trappa inventory.yaml 50

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdout, Command, Stdio};
use std::time::Instant;

fn send(stdin: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
    stdin.flush().expect("the server reads");
}

fn receive(stdout: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).expect("the server writes") == 0 {
            panic!("the server hung up");
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().expect("a length");
        }
    }
    let mut body = vec![0; length];
    stdout.read_exact(&mut body).expect("the body");
    serde_json::from_slice(&body).expect("JSON")
}

fn published(stdout: &mut BufReader<ChildStdout>) -> usize {
    loop {
        let message = receive(stdout);
        if message["method"] == "textDocument/publishDiagnostics" {
            return message["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, trappa, file, runs] = args.as_slice() else {
        eprintln!("usage: lsp_change TRAPPA FILE RUNS");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    let text = std::fs::read_to_string(file).expect("FILE is readable");
    let mut child = Command::new(trappa)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("trappa lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let uri = "file:///bench/inventory.yaml";
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    receive(&mut stdout);
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
                {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}}),
    );
    let findings = published(&mut stdout);
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        // One line changed: a comment at the end, as a keystroke would.
        let changed = format!("{text}# change {run}\n");
        let started = Instant::now();
        send(
            &mut stdin,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": run + 2},
                    "contentChanges": [{"text": changed}]}}),
        );
        published(&mut stdout);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}),
    );
    receive(&mut stdout);
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    let slowest = times.last().copied().unwrap_or(f64::NAN);
    println!("{median:.1} {slowest:.1} {findings}");
}
