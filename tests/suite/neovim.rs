//! `trappa lsp` in a real editor: Neovim (Debian's `neovim`), headless, with
//! its built-in LSP client, opens a broken inventory; a Lua script waits for
//! the diagnostics, asks for a hover on a service and writes both as JSON,
//! which this test holds to `check`'s findings. The script uses the client
//! API of Neovim 0.7 (Debian 12's), which later versions keep.
//!
//! Needs `nvim` (`apt-get install neovim`; .ci/run installs it). Without it
//! the test fails naming what is missing, unless TRAPPA_SKIP_REAL_CLIENTS=1.

use crate::helpers::{TRAPPA_BIN, real_client_missing, trappa};
use crate::lsp::BROKEN;
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SCRIPT: &str = r#"
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'trappa',
  cmd = { vim.env.TRAPPA_BIN, 'lsp' },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(buf, client)
local waited = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, {
    code = d.code or lsp.code,
    lnum = d.lnum,
    col = d.col,
    end_col = d.end_col,
    severity = d.severity,
    message = d.message,
  })
end
-- The cursor on the service's `evidence:` line (1-based line, 0-based column).
vim.api.nvim_win_set_cursor(0, { 9, 6 })
local answers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 20000)
local hover = vim.NIL
for _, answer in pairs(answers or {}) do
  if answer.result and answer.result.contents then hover = answer.result.contents.value end
end
local file = io.open(vim.env.TRAPPA_NVIM_OUT, 'w')
file:write(vim.fn.json_encode({ waited = waited, diagnostics = diagnostics, hover = hover }))
file:close()
vim.lsp.stop_client(client)
vim.cmd('qa!')
"#;

#[test]
fn neovim_shows_the_findings_and_a_hover() {
    if Command::new("nvim").arg("--version").output().is_err() {
        real_client_missing(
            "`nvim` not found: install Debian's package `neovim` (apt-get install neovim)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("are-2025.yaml");
    std::fs::write(&inventory, BROKEN).unwrap();
    let script = dir.path().join("read-back.lua");
    std::fs::write(&script, SCRIPT).unwrap();
    let out = dir.path().join("seen.json");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-n"])
        .arg(&inventory)
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .current_dir(dir.path())
        .env("TRAPPA_BIN", TRAPPA_BIN)
        .env("TRAPPA_NVIM_OUT", &out)
        .env("LC_ALL", "C.UTF-8")
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    while nvim.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = nvim.kill();
            panic!("Neovim did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let seen: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("the script wrote what Neovim saw"))
            .unwrap();
    assert_eq!(
        seen["waited"], true,
        "no diagnostics reached Neovim: {seen}"
    );

    let checked: Value = serde_json::from_slice(
        &trappa(&["check", "--format", "json", inventory.to_str().unwrap()]).stdout,
    )
    .unwrap();
    let mut expected: Vec<(String, i64)> = checked["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_i64().unwrap() - 1,
            )
        })
        .collect();
    let mut got: Vec<(String, i64)> = seen["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["lnum"].as_i64().unwrap(),
            )
        })
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "{seen}");
    // Neovim's columns are bytes: `2321` follows 36 characters, of which
    // `Å` takes two bytes and `𝄞` four, so 40 bytes; Neovim converted the
    // server's UTF-16 columns back to them.
    let w107 = seen["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W107")
        .unwrap();
    assert_eq!(
        (w107["col"].as_i64(), w107["end_col"].as_i64()),
        (Some(40), Some(44)),
        "{w107}"
    );

    let hover = seen["hover"].as_str().unwrap_or_default();
    assert!(hover.contains("**tomtko**"), "{seen}");
}
