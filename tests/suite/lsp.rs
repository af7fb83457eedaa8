//! `trappa lsp` spoken to as an editor does: JSON-RPC with `Content-Length`
//! headers over the process's standard input and output. The findings it
//! publishes are `check`'s (the same codes at the same lines), with columns
//! in UTF-16 code units; a hover on a service gives its derived step; a
//! code action carries the finding's fix; a change is checked again; and
//! the server shuts down and exits 0 when asked.

use crate::helpers::{TRAPPA_BIN, trappa};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Client {
    pub fn start(args: &[&str]) -> Client {
        let mut child = Command::new(TRAPPA_BIN)
            .args(args)
            .arg("lsp")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("trappa lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            stdout,
        }
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn receive(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the server hung up"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = Some(n.parse::<usize>().unwrap());
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next message that is the answer to request `id`, or the
    /// notification `method`.
    pub fn wait_for(&mut self, id: Option<i64>, method: Option<&str>) -> Value {
        loop {
            let message = self.receive();
            if id.is_some() && message["id"].as_i64() == id && message.get("method").is_none() {
                return message;
            }
            if method.is_some() && message["method"].as_str() == method {
                return message;
            }
        }
    }

    pub fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(Some(id), None)
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn initialize(&mut self, locale: Option<&str>) -> Value {
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": {}});
        if let Some(locale) = locale {
            params["locale"] = json!(locale);
        }
        let answer = self.request(1, "initialize", params);
        self.notify("initialized", json!({}));
        answer
    }

    pub fn finish(mut self) {
        let answer = self.request(999, "shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "trappa lsp exited with {status}");
    }
}

/// A broken inventory with `Å` (one UTF-16 unit, two bytes) and `𝄞` (two
/// UTF-16 units, four bytes, one character) before a finding on its line.
pub const BROKEN: &str = "trappa: 1
organisation: {name: \"Åre 𝄞\", code: 2321}
year: 2025
services:
  - id: tomtko
    name: Tomtkö
    status: liv
    declared_step: 1
    evidence: {submission: online}
    access: {accessibility_statement: \"https://are.se/t\"}
    volumes: {cases: 5, digital: 5}
";

const URI: &str = "file:///tmp/inventories/are-2025.yaml";

fn open(client: &mut Client, text: &str) -> Value {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client.wait_for(None, Some("textDocument/publishDiagnostics"))
}

#[test]
fn findings_hover_and_fixes_over_the_protocol() {
    let mut client = Client::start(&[]);
    let init = client.initialize(Some("sv-SE"));
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["hoverProvider"], true, "{init}");
    assert_eq!(capabilities["codeActionProvider"], true);
    assert_eq!(
        capabilities["textDocumentSync"], 1,
        "full text on each change"
    );

    let published = open(&mut client, BROKEN);
    assert_eq!(published["params"]["uri"], URI);
    let diagnostics = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();

    // The same findings as `check` at the same lines, in Swedish.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("are-2025.yaml");
    std::fs::write(&file, BROKEN).unwrap();
    let checked: Value = serde_json::from_slice(
        &trappa(&[
            "check",
            "--lang",
            "sv",
            "--format",
            "json",
            file.to_str().unwrap(),
        ])
        .stdout,
    )
    .unwrap();
    let findings = checked["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), findings.len(), "{diagnostics:#?}");
    for (d, f) in diagnostics.iter().zip(findings) {
        assert_eq!(d["code"], f["code"]);
        assert_eq!(d["source"], "trappa");
        assert_eq!(
            d["range"]["start"]["line"].as_i64().unwrap() + 1,
            f["line"].as_i64().unwrap()
        );
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .starts_with(f["message"].as_str().unwrap())
        );
        let severity = match f["severity"].as_str().unwrap() {
            "error" => 1,
            "warning" => 2,
            _ => 3,
        };
        assert_eq!(d["severity"], severity);
    }
    // Columns in UTF-16: `2321` is at column 37 in characters (36 before
    // it), 37 in UTF-16 units before it, since `𝄞` takes two.
    let w107 = diagnostics.iter().find(|d| d["code"] == "W107").unwrap();
    assert_eq!(
        w107["range"],
        json!({"start": {"line": 1, "character": 37}, "end": {"line": 1, "character": 41}})
    );
    let status = diagnostics
        .iter()
        .find(|d| d["range"]["start"]["line"] == 6)
        .unwrap();
    assert_eq!(status["range"]["start"]["character"], 12);
    assert_eq!(status["range"]["end"]["character"], 15);

    // A hover on the service: its derived step, in the client's language.
    let hover = client.request(
        2,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 8}}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains("**tomtko**"), "{hover}");
    assert!(text.contains("steg enligt underlaget: 2"), "{text}");
    // A hover outside every service has nothing to say.
    let nothing = client.request(
        3,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(nothing["result"], Value::Null);

    // Completion of a vocabulary's values after its key: `status: liv` with
    // the cursor after `li`, and after `submission: ` in the flow mapping.
    let completion = client.request(
        6,
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 6, "character": 14}}),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["live"], "{completion}");
    let completion = client.request(
        7,
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 27}}),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["none", "offline", "online"], "{completion}");

    // The fix of W107 as a code action.
    let actions = client.request(
        4,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": w107["range"], "context": {"diagnostics": [w107]}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let quote = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "W107")
        .expect("a fix for W107");
    assert_eq!(quote["kind"], "quickfix");
    let edit = &quote["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "\"2321\"");
    assert_eq!(edit["range"], w107["range"]);

    let fixed = BROKEN
        .replace("code: 2321", "code: \"2321\"")
        .replace("liv\n", "live\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let republished = client.wait_for(None, Some("textDocument/publishDiagnostics"));
    let codes: Vec<&str> = republished["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["I203", "W101"], "{republished}");

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let cleared = client.wait_for(None, Some("textDocument/publishDiagnostics"));
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    client.finish();
}

#[test]
fn without_a_client_locale_the_run_language_is_used() {
    let mut client = Client::start(&["--lang", "en"]);
    client.initialize(None);
    let published = open(&mut client, BROKEN);
    let first = published["params"]["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(first.contains("unquoted"), "{first}");
    let unknown = client.request(
        5,
        "textDocument/definition",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert!(unknown.get("error").is_some(), "{unknown}");
    client.finish();
}

/// Every value completion offers after a key is one the JSON Schema allows
/// there, and the other way round: the table cannot drift from the format.
#[test]
fn completion_offers_what_the_schema_allows() {
    use trappa::lsp::complete::{KEYS, values};
    let schema = trappa::schema::inventory();
    // Every `enum` of a property named `key`, however deep (through `$ref`
    // definitions and list items).
    fn enums(node: &Value, key: &str, out: &mut Vec<Vec<String>>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties")
                    && let Some(property) = properties.get(key)
                {
                    collect(property, out);
                }
                map.values().for_each(|v| enums(v, key, out));
            }
            Value::Array(items) => items.iter().for_each(|v| enums(v, key, out)),
            _ => {}
        }
    }
    fn collect(node: &Value, out: &mut Vec<Vec<String>>) {
        if let Some(Value::Array(values)) = node.get("enum") {
            out.push(
                values
                    .iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect(),
            );
        }
        for part in ["items", "anyOf", "oneOf", "allOf"] {
            match node.get(part) {
                Some(Value::Array(items)) => items.iter().for_each(|n| collect(n, out)),
                Some(item @ Value::Object(_)) => collect(item, out),
                _ => {}
            }
        }
        if let Some(Value::String(reference)) = node.get("$ref") {
            let name = reference.rsplit('/').next().unwrap();
            let schema = trappa::schema::inventory();
            for defs in ["definitions", "$defs"] {
                if let Some(def) = schema.get(defs).and_then(|d| d.get(name)) {
                    collect(def, out);
                }
            }
        }
    }
    for key in KEYS {
        let mut found = Vec::new();
        enums(&schema, key, &mut found);
        let offered: Vec<String> = values(key).unwrap().into_iter().map(String::from).collect();
        assert!(!found.is_empty(), "the schema has no values for `{key}`");
        for allowed in &found {
            // Steps also allow their Swedish names and numbers; completion
            // offers the English ids, all of which the schema allows.
            assert!(
                offered.iter().all(|v| allowed.contains(v)),
                "{key}: {offered:?} not all in {allowed:?}"
            );
            if !key.ends_with("_step") {
                assert_eq!(
                    allowed.len(),
                    offered.len(),
                    "{key}: {allowed:?} and {offered:?}"
                );
            }
        }
    }
}
