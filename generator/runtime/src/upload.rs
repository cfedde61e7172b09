//! Files for multipart uploads, streamed from their source on every attempt.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::Stream;
use reqwest::multipart::Part;
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use super::error::Error;

/// A file that cannot be part of an upload; converts into the client's `Error::File`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file, as given.
    pub path: PathBuf,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for FileError {}

impl<E> From<FileError> for Error<E> {
    fn from(e: FileError) -> Self {
        Error::File {
            path: e.path,
            message: e.message,
        }
    }
}

/// Extensions whose type the official SDK's table gives differently from mime_guess, or which
/// mime_guess lacks.
const CONTENT_TYPE_OVERRIDES: &[(&str, &str)] = &[
    ("md", "text/markdown"),
    ("markdown", "text/markdown"),
    ("py", "text/x-python"),
    ("zip", "application/zip"),
];
const FALLBACK_CONTENT_TYPE: &str = "application/octet-stream";

/// Read size for streamed files: large enough that per-chunk costs vanish next to the copy (the
/// generator's upload benchmark measured it), small enough that memory stays flat whatever the
/// file size.
const READ_CHUNK: usize = 256 * 1024;

type ReaderFactory = dyn Fn() -> Pin<Box<dyn AsyncRead + Send + Sync>> + Send + Sync;

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    Path(PathBuf),
    /// A reader made anew for each attempt, with the exact length it yields.
    Reader {
        make: Arc<ReaderFactory>,
        len: u64,
    },
}

/// One file of a multipart upload: the name sent as its filename, its contents and content type.
#[derive(Clone)]
pub struct FilePart {
    name: String,
    source: Source,
    content_type: Option<String>,
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Bytes(b) => format!("{} bytes in memory", b.len()),
            Source::Path(p) => p.display().to_string(),
            Source::Reader { len, .. } => format!("reader of {len} bytes"),
        };
        f.debug_struct("FilePart")
            .field("name", &self.name)
            .field("source", &source)
            .field("content_type", &self.content_type())
            .finish()
    }
}

impl FilePart {
    /// A file whose contents are in memory.
    pub fn from_bytes(name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            name: name.into(),
            source: Source::Bytes(bytes.into()),
            content_type: None,
        }
    }

    /// A file on disk, sent under `name`; it is opened and streamed when the request is sent.
    pub fn from_path(name: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        Self {
            name: name.into(),
            source: Source::Path(path.into()),
            content_type: None,
        }
    }

    /// A file on disk, sent under its own file name (e.g. `excel-skill.zip`). It must exist and
    /// be a file now; its bytes are read when the request is sent.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, FileError> {
        let path = path.into();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                return Err(FileError {
                    path,
                    message: "is not a file".into(),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(FileError {
                    path,
                    message: "not found".into(),
                });
            }
            Err(e) => {
                return Err(FileError {
                    path,
                    message: format!("cannot be read: {e}"),
                });
            }
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| FileError {
                path: path.clone(),
                message: "has no UTF-8 file name".into(),
            })?
            .to_string();
        Ok(Self::from_path(name, path))
    }

    /// A stream of exactly `len` bytes; `make` is called once per attempt, so retries resend it.
    pub fn from_reader<R, F>(name: impl Into<String>, len: u64, make: F) -> Self
    where
        R: AsyncRead + Send + Sync + 'static,
        F: Fn() -> R + Send + Sync + 'static,
    {
        let make: Arc<ReaderFactory> = Arc::new(move || Box::pin(make()));
        Self {
            name: name.into(),
            source: Source::Reader { make, len },
            content_type: None,
        }
    }

    /// Sends the part with this content type instead of the one its name suggests.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The part's file name, as the server receives it (e.g. `my-skill/SKILL.md`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The explicit content type, else the one guessed from the name's extension.
    pub fn content_type(&self) -> String {
        self.content_type
            .clone()
            .unwrap_or_else(|| guess_content_type(&self.name))
    }

    /// Turns this file into a multipart part for one attempt, opening it afresh.
    pub(crate) async fn to_part<E>(&self, tracker: &Arc<Tracker>) -> Result<Part, Error<E>> {
        let (body, len) = match &self.source {
            Source::Bytes(b) => {
                let stream = Exact::new(
                    BytesStream(Some(b.clone())),
                    b.len() as u64,
                    self.name.clone(),
                    tracker.clone(),
                );
                (reqwest::Body::wrap_stream(stream), b.len() as u64)
            }
            Source::Path(path) => {
                let file_err = |e: std::io::Error| Error::File {
                    path: path.clone(),
                    message: format!("cannot read: {e}"),
                };
                let file = tokio::fs::File::open(path).await.map_err(file_err)?;
                let len = file.metadata().await.map_err(file_err)?.len();
                let stream = Exact::new(
                    ReaderStream::with_capacity(file, READ_CHUNK),
                    len,
                    path.display().to_string(),
                    tracker.clone(),
                );
                (reqwest::Body::wrap_stream(stream), len)
            }
            Source::Reader { make, len } => {
                let what = format!("reader for `{}`", self.name);
                let stream = Exact::new(
                    ReaderStream::with_capacity(make(), READ_CHUNK),
                    *len,
                    what,
                    tracker.clone(),
                );
                (reqwest::Body::wrap_stream(stream), *len)
            }
        };
        // The total grows as parts are opened; all are opened before the first byte is sent.
        tracker.total.fetch_add(len, Ordering::Relaxed);
        let part = Part::stream_with_length(body, len)
            .file_name(self.name.clone())
            .mime_str(&self.content_type())
            .map_err(|_| {
                Error::InvalidInput(format!(
                    "`{}` is not a valid content type for `{}`",
                    self.content_type(),
                    self.name
                ))
            })?;
        Ok(part)
    }

    /// Every file under `dir`, named `dir/relative/path` with forward slashes and sorted by name,
    /// so that uploads are reproducible. Nothing is skipped: hidden files and `.git` are included,
    /// as in the official SDK. Symlinks are followed only while they stay inside `dir`; special
    /// files and unreadable files are refused. Contents are read only when the request is sent.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Vec<FilePart>, FileError> {
        let dir = dir.as_ref();
        let err = |path: &Path, message: String| FileError {
            path: path.to_path_buf(),
            message,
        };
        let root = dir
            .canonicalize()
            .map_err(|e| err(dir, format!("cannot open directory: {e}")))?;
        if !root.is_dir() {
            return Err(err(dir, "is not a directory".into()));
        }
        let prefix = root
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| err(dir, "directory name is not UTF-8".into()))?
            .to_string();
        let mut files = Vec::new();
        let mut visited = BTreeSet::new();
        visited.insert(root.clone());
        walk(&root, &root, &prefix, dir, &mut visited, &mut files)?;
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(files)
    }
}

fn walk(
    root: &Path,
    current: &Path,
    name: &str,
    shown: &Path,
    visited: &mut BTreeSet<PathBuf>,
    out: &mut Vec<FilePart>,
) -> Result<(), FileError> {
    let err = |path: &Path, message: String| FileError {
        path: path.to_path_buf(),
        message,
    };
    let entries = std::fs::read_dir(current)
        .map_err(|e| err(shown, format!("cannot list directory: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| err(shown, format!("cannot list directory: {e}")))?;
        let path = entry.path();
        let shown_path = shown.join(entry.file_name());
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            return Err(err(&shown_path, "file name is not UTF-8".into()));
        };
        let child_name = format!("{name}/{file_name}");
        let meta = std::fs::symlink_metadata(&path)
            .map_err(|e| err(&shown_path, format!("cannot stat: {e}")))?;
        let (real, meta) = if meta.file_type().is_symlink() {
            let target = path
                .canonicalize()
                .map_err(|e| err(&shown_path, format!("broken symlink: {e}")))?;
            if !target.starts_with(root) {
                return Err(err(
                    &shown_path,
                    format!(
                        "symlink leads outside the directory, to {}",
                        target.display()
                    ),
                ));
            }
            let meta = std::fs::metadata(&target)
                .map_err(|e| err(&shown_path, format!("cannot stat: {e}")))?;
            (target, meta)
        } else {
            (path.clone(), meta)
        };
        if meta.is_dir() {
            // A symlink loop inside the directory would otherwise recurse forever.
            if visited.insert(real.canonicalize().unwrap_or(real.clone())) {
                walk(root, &real, &child_name, &shown_path, visited, out)?;
            }
        } else if meta.is_file() {
            std::fs::File::open(&real)
                .map_err(|e| err(&shown_path, format!("cannot read: {e}")))?;
            out.push(FilePart::from_path(child_name, real));
        } else {
            return Err(err(
                &shown_path,
                "is not a regular file (device, socket or pipe)".into(),
            ));
        }
    }
    Ok(())
}

/// Checks on a file list, run before any byte is sent. The generator fills them in from its
/// config, for APIs whose docs state such rules in prose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UploadRules {
    pub non_empty: bool,
    pub safe_names: bool,
    pub single_top_level_dir: bool,
    pub required_root_file: Option<&'static str>,
    pub archive_exempt: bool,
}

/// Applies `rules` to the files of `field`; the error names the offending file and the rule.
pub fn validate<E>(field: &str, rules: &UploadRules, files: &[FilePart]) -> Result<(), Error<E>> {
    let fail = |message: String| Err(Error::InvalidInput(format!("`{field}`: {message}")));
    if rules.non_empty && files.is_empty() {
        return fail("no files to upload".into());
    }
    if rules.safe_names {
        for f in files {
            let name = f.name();
            let rule = if name.is_empty() {
                Some("the name is empty")
            } else if name.contains('\\') {
                Some("backslashes are not allowed; use `/`")
            } else if name.starts_with('/') || name.as_bytes().get(1) == Some(&b':') {
                Some("absolute paths are not allowed")
            } else if name.split('/').any(|s| s.is_empty()) {
                Some("empty path segments are not allowed")
            } else if name.split('/').any(|s| s == ".." || s == ".") {
                Some("`.` and `..` segments are not allowed")
            } else {
                None
            };
            if let Some(rule) = rule {
                return fail(format!("file `{name}`: {rule}"));
            }
        }
    }
    let single_archive = files.len() == 1
        && (files[0].content_type() == "application/zip"
            || files[0].name().to_ascii_lowercase().ends_with(".zip"));
    if rules.archive_exempt && single_archive {
        return Ok(());
    }
    if rules.single_top_level_dir || rules.required_root_file.is_some() {
        let Some(first) = files.first() else {
            return Ok(());
        };
        let top = match first.name().split_once('/') {
            Some((top, _)) => top,
            None => {
                return fail(format!(
                    "file `{}` is not inside a directory; all files must share one top-level directory",
                    first.name()
                ));
            }
        };
        for f in files {
            if f.name().split_once('/').map(|(t, _)| t) != Some(top) {
                return fail(format!(
                    "file `{}` is not in `{top}/`, the top-level directory of `{}`; all files must share one top-level directory",
                    f.name(),
                    first.name()
                ));
            }
        }
        if let Some(root_file) = rules.required_root_file {
            let wanted = format!("{top}/{root_file}");
            if !files.iter().any(|f| f.name() == wanted) {
                return fail(format!(
                    "`{wanted}` is missing; the upload must include {root_file} at the root of `{top}/`"
                ));
            }
        }
    }
    Ok(())
}

/// The content type the official SDK sends for a file name.
pub fn guess_content_type(name: &str) -> String {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(ext) = &ext
        && let Some((_, ct)) = CONTENT_TYPE_OVERRIDES.iter().find(|(e, _)| e == ext)
    {
        return (*ct).to_string();
    }
    mime_guess::from_path(name)
        .first_raw()
        .unwrap_or(FALLBACK_CONTENT_TYPE)
        .to_string()
}

/// Passes a stream through, failing if it yields more or fewer bytes than announced: a file that
/// changes while it is sent must not become a silently truncated upload.
struct Exact<S> {
    inner: S,
    expected: u64,
    seen: u64,
    what: String,
    tracker: Arc<Tracker>,
}

impl<S> Exact<S> {
    fn new(inner: S, expected: u64, what: String, tracker: Arc<Tracker>) -> Self {
        Self {
            inner,
            expected,
            seen: 0,
            what,
            tracker,
        }
    }

    fn fail(&self, message: String) -> Poll<Option<std::io::Result<Bytes>>> {
        let fault = FileError {
            path: PathBuf::from(&self.what),
            message,
        };
        let io = std::io::Error::other(fault.to_string());
        self.tracker.set_fault(fault);
        Poll::Ready(Some(Err(io)))
    }
}

/// One in-memory chunk as a stream, so that in-memory files report progress like the others.
struct BytesStream(Option<Bytes>);

impl Stream for BytesStream {
    type Item = std::io::Result<Bytes>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Ok))
    }
}

/// Callback for upload progress: bytes of file contents sent so far, and the total.
pub type ProgressFn = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Shared by the file streams of one attempt: progress and the first integrity fault.
pub(crate) struct Tracker {
    sent: AtomicU64,
    total: AtomicU64,
    progress: Option<ProgressFn>,
    fault: Mutex<Option<FileError>>,
}

impl Tracker {
    pub(crate) fn new(progress: Option<ProgressFn>) -> Self {
        Self {
            sent: AtomicU64::new(0),
            total: AtomicU64::new(0),
            progress,
            fault: Mutex::new(None),
        }
    }

    fn advance(&self, n: u64) {
        let sent = self.sent.fetch_add(n, Ordering::Relaxed) + n;
        if let Some(p) = &self.progress {
            p(sent, self.total.load(Ordering::Relaxed));
        }
    }

    fn set_fault(&self, fault: FileError) {
        if let Ok(mut f) = self.fault.lock() {
            f.get_or_insert(fault);
        }
    }

    /// The file fault that broke the attempt, if any; such attempts are not retried.
    pub(crate) fn fault(&self) -> Option<FileError> {
        self.fault.lock().ok().and_then(|f| f.clone())
    }
}

impl<S: Stream<Item = std::io::Result<Bytes>> + Unpin> Stream for Exact<S> {
    type Item = std::io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                self.seen += chunk.len() as u64;
                if self.seen > self.expected {
                    return self.fail(format!(
                        "changed while it was being sent: grew past the {} bytes it had when opened; the upload was aborted",
                        self.expected
                    ));
                }
                self.tracker.advance(chunk.len() as u64);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(None) if self.seen != self.expected => self.fail(format!(
                "changed while it was being sent: shrank to {} of the {} bytes it had when opened; the upload was aborted",
                self.seen, self.expected
            )),
            Poll::Ready(Some(Err(e))) => self.fail(format!("read failed while sending: {e}")),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests;
