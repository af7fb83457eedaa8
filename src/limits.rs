//! Input limits. Every one of them is a deliberate number, documented in the
//! README ("Limits"); exceeding one is an E001 diagnostic, never a crash or a hang.
//!
//! The numbers are sized from the format: the deepest legal inventory nests
//! five levels (root → services → service → evidence → list), and a large
//! municipality's inventory of 1 000 fully described services is about 1.5 MB
//! and 60 000 YAML nodes.

/// Largest inventory or targets file read, in bytes. Checked from the file's
/// metadata before reading, and again while reading (standard input, pipes).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Deepest nesting of mappings and sequences.
pub const MAX_DEPTH: usize = 24;

/// Most YAML nodes (scalars, sequences, mappings) in one file, aliases expanded.
pub const MAX_NODES: usize = 1_000_000;

/// Most alias uses (`*name`) in one file.
pub const MAX_ALIASES: usize = 1_000;

/// Most YAML nodes copied by aliases in one file (each `*name` costs the size
/// of what it names): this is what stops a "billion laughs" alias bomb after
/// a bounded amount of work and memory.
pub const MAX_ALIAS_COPIED_NODES: usize = 100_000;

/// Most bytes of text copied by aliases in one file: one alias to a long
/// text costs its length, not one node.
pub const MAX_ALIAS_COPIED_BYTES: usize = 8 * 1024 * 1024;

/// Most YAML nodes kept for anchors (`&name`) in one file. Each anchored
/// value is stored once more for the aliases to come, and an anchor inside
/// an anchor is stored again, so this bounds that memory.
pub const MAX_ANCHORED_NODES: usize = 200_000;

/// Most bytes of text kept for anchors in one file.
pub const MAX_ANCHORED_BYTES: usize = 8 * 1024 * 1024;

/// Largest `.trappaignore` read: a few hundred patterns fit in a
/// kilobyte or two; anything larger is a mistake (or a link to a device).
pub const MAX_IGNORE_FILE_BYTES: u64 = 64 * 1024;

/// Deepest path searched below a directory given on the command line.
pub const MAX_DIRECTORY_DEPTH: usize = 32;

/// Most findings of one code kept for one file. The rest are counted and
/// told in one more finding ("and 299 000 more E002"): memory and output
/// stay flat whatever a file holds, and the first thousand say all there is.
pub const MAX_FINDINGS_PER_CODE: u64 = 1_000;

/// Highest `cost_per_case_sek` (and cost target) read: ten million kronor
/// per case is far above any municipal case, and a bound keeps the sums of
/// cost × cases finite and the printed figures short.
pub const MAX_COST_PER_CASE_SEK: f64 = 10_000_000.0;

/// Longest text value (a name, a description), in characters: what one
/// spreadsheet cell holds (Excel and LibreOffice), so that every value
/// `check` accepts can be exported to xlsx and collected back.
pub const MAX_TEXT_CHARS: usize = 32_767;

/// Largest spreadsheet `import` reads, in bytes (a workbook is compressed:
/// 1 000 services fill well under a megabyte).
pub const MAX_IMPORT_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most cells of one sheet or CSV file `import` reads: a thousand services
/// of fifty columns are 50 000; a national corpus in one sheet, 81 200 rows,
/// about four million. A sheet whose used range is larger (a stray value in
/// cell XFD1048576) is refused before its cells are laid out in memory.
pub const MAX_IMPORT_CELLS: usize = 5_000_000;

/// Widest sheet `import` reads, in columns: the export has about fifty.
pub const MAX_IMPORT_COLUMNS: usize = 1_024;

/// Most bytes a workbook's parts may inflate to, all together: what stops
/// a zip bomb (a few kilobytes that inflate to gigabytes of XML) before
/// the reader inflates anything.
pub const MAX_IMPORT_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
