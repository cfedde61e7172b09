//! Skill uploads: directories, archives and explicit parts, validated before sending, streamed,
//! checked byte for byte (sha256) at a real server on 127.0.0.1, and resent whole on retries.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anthropic_skills::{Client, Error, FilePart};
use serde_json::json;
use tests::server::{RecordingServer, Reply, dropping_server};

fn ok() -> Reply {
    Reply::json(
        200,
        json!({"created_at": "t", "description": "d", "directory": "s", "id": "v", "name": "n", "skill_id": "s", "type": "skill_version", "version": "1"}),
    )
}

fn client(url: &str) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(url)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("client")
}

fn sha(bytes: &[u8]) -> String {
    tests::sha256_hex(bytes)
}

/// Deterministic pseudo-random bytes, so that a reordering or truncation shows in the hash.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[tokio::test]
async fn validation_failures_send_nothing() {
    let server = RecordingServer::start(vec![ok()]).await;
    let c = client(&server.url());
    let cases: Vec<(Vec<FilePart>, &str)> = vec![
        (vec![], "no files"),
        (
            vec![FilePart::from_bytes("s/a.py", "x")],
            "`s/SKILL.md` is missing",
        ),
        (
            vec![
                FilePart::from_bytes("s/SKILL.md", "x"),
                FilePart::from_bytes("t/a.py", "x"),
            ],
            "file `t/a.py` is not in `s/`",
        ),
        (
            vec![
                FilePart::from_bytes("s/SKILL.md", "x"),
                FilePart::from_bytes("s/../etc/passwd", "x"),
            ],
            "file `s/../etc/passwd`",
        ),
        (vec![FilePart::from_bytes("/s/SKILL.md", "x")], "absolute"),
        (vec![FilePart::from_bytes("s\\SKILL.md", "x")], "backslash"),
        (
            vec![FilePart::from_bytes("s//SKILL.md", "x")],
            "empty path segments",
        ),
    ];
    for (files, expected) in cases {
        let err = c
            .skills()
            .versions()
            .create("skill_1")
            .files(files)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput(_)) && err.to_string().contains(expected),
            "expected {expected:?}, got {err}"
        );
    }
    assert!(
        server.requests().is_empty(),
        "the server received {} requests",
        server.requests().len()
    );
}

#[tokio::test]
async fn a_zip_is_one_application_zip_part() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let zip = tmp.path().join("excel-skill.zip");
    let bytes = noise(10_000, 7);
    std::fs::write(&zip, &bytes).expect("write zip");
    let server = RecordingServer::start(vec![ok()]).await;
    client(&server.url())
        .skills()
        .versions()
        .create("s")
        .files([FilePart::open(&zip).expect("open")])
        .send()
        .await
        .expect("sent");
    let parts = &server.requests()[0].parts;
    assert_eq!(parts.len(), 1);
    assert_eq!(
        (
            parts[0].name.as_str(),
            parts[0].filename.as_deref(),
            parts[0].content_type.as_deref()
        ),
        ("files[]", Some("excel-skill.zip"), Some("application/zip"))
    );
    assert_eq!(parts[0].sha256, sha(&bytes));
}

#[tokio::test]
async fn explicit_parts_from_bytes_path_and_reader() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let on_disk = tmp.path().join("process.py");
    std::fs::write(&on_disk, "print(1)\n").expect("write");
    let streamed = noise(300_000, 3);
    let for_reader = streamed.clone();
    let files = vec![
        FilePart::from_bytes("sk/SKILL.md", "# skill\n"),
        FilePart::from_path("sk/scripts/process.py", &on_disk),
        FilePart::from_reader("sk/data/blob.dat", streamed.len() as u64, move || {
            std::io::Cursor::new(for_reader.clone())
        }),
        FilePart::from_bytes("sk/notes.txt", "n").with_content_type("text/x-custom"),
    ];
    let server = RecordingServer::start(vec![ok()]).await;
    client(&server.url())
        .skills()
        .versions()
        .create("s")
        .files(files)
        .send()
        .await
        .expect("sent");
    let parts = &server.requests()[0].parts;
    let got: Vec<(Option<&str>, Option<&str>, &str)> = parts
        .iter()
        .map(|p| {
            (
                p.filename.as_deref(),
                p.content_type.as_deref(),
                p.sha256.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some("sk/SKILL.md"),
                Some("text/markdown"),
                sha(b"# skill\n").as_str()
            ),
            (
                Some("sk/scripts/process.py"),
                Some("text/x-python"),
                sha(b"print(1)\n").as_str()
            ),
            (
                Some("sk/data/blob.dat"),
                Some("application/octet-stream"),
                sha(&streamed).as_str()
            ),
            (
                Some("sk/notes.txt"),
                Some("text/x-custom"),
                sha(b"n").as_str()
            ),
        ]
    );
}

#[tokio::test]
async fn from_dir_uploads_a_tree_with_every_byte_intact() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("big-skill");
    std::fs::create_dir_all(root.join("a/b/c")).expect("mkdir");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("SKILL.md", b"# big\n".to_vec()),
        ("a/empty.txt", vec![]),
        ("a/b/c/deep.bin", noise(2_000_000, 11)),
        (
            "a/b/r\u{e9}sum\u{e9} \u{1f680}.md",
            "non-ASCII name".as_bytes().to_vec(),
        ),
        (".hidden", b"kept".to_vec()),
    ];
    for (name, bytes) in &files {
        std::fs::write(root.join(name), bytes).expect("write");
    }
    let progress: Arc<Mutex<Vec<(u64, u64)>>> = Arc::default();
    let seen = progress.clone();
    let server = RecordingServer::start(vec![ok()]).await;
    client(&server.url())
        .skills()
        .versions()
        .create("s")
        .files(FilePart::from_dir(&root).expect("walk"))
        .on_progress(move |sent, total| seen.lock().unwrap().push((sent, total)))
        .send()
        .await
        .expect("sent");
    let request = &server.requests()[0];
    let mut expected: Vec<(String, String)> = files
        .iter()
        .map(|(n, b)| (format!("big-skill/{n}"), sha(b)))
        .collect();
    expected.sort();
    let got: Vec<(String, String)> = request
        .parts
        .iter()
        .map(|p| (p.filename.clone().unwrap_or_default(), p.sha256.clone()))
        .collect();
    assert_eq!(got, expected, "names sorted, every byte intact");
    let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let progress = progress.lock().unwrap();
    assert_eq!(
        progress.last(),
        Some(&(total, total)),
        "progress ends at the total"
    );
    assert!(
        progress.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back within an attempt"
    );
    assert!(
        progress.len() > 3,
        "a 2 MB file reports more than once: {}",
        progress.len()
    );
    assert_eq!(
        request
            .header("content-length")
            .map(|l| l.parse::<usize>().ok()),
        Some(Some(request.body.len()))
    );
}

#[tokio::test]
async fn a_reset_mid_upload_is_retried_with_identical_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("s");
    std::fs::create_dir_all(&root).expect("mkdir");
    let big = noise(3_000_000, 5);
    std::fs::write(root.join("SKILL.md"), "# s").expect("write");
    std::fs::write(root.join("model.bin"), &big).expect("write");
    let upstream = RecordingServer::start(vec![ok()]).await;
    let (addr, accepted) = dropping_server(1, upstream.addr).await;
    client(&format!("http://{addr}"))
        .skills()
        .versions()
        .create("s")
        .files(FilePart::from_dir(&root).expect("walk"))
        .send()
        .await
        .expect("retry succeeds");
    assert_eq!(
        *accepted.lock().unwrap(),
        2,
        "one reset connection, one retry"
    );
    let parts = &upstream.requests()[0].parts;
    assert_eq!(
        parts.iter().map(|p| p.sha256.clone()).collect::<Vec<_>>(),
        vec![sha(b"# s"), sha(&big)]
    );
}

#[tokio::test]
async fn a_file_that_shrinks_while_sending_is_an_error_not_a_truncated_upload() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("s");
    std::fs::create_dir_all(&root).expect("mkdir");
    std::fs::write(root.join("SKILL.md"), "# s").expect("write");
    let victim = root.join("z.bin");
    std::fs::write(&victim, noise(4_000_000, 9)).expect("write");
    let server = RecordingServer::start(vec![ok()]).await;
    let target = victim.clone();
    let err = client(&server.url())
        .skills()
        .versions()
        .create("s")
        .files(FilePart::from_dir(&root).expect("walk"))
        .on_progress(move |sent, _| {
            // Truncate the big file once its upload is under way.
            if sent > 100_000 {
                let _ = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .and_then(|f| f.set_len(1000));
            }
        })
        .send()
        .await
        .unwrap_err();
    let Error::File { path, message } = &err else {
        panic!("expected a file error, got {err}")
    };
    assert_eq!(path, &victim);
    assert!(
        message.contains("shrank") && message.contains("4000000"),
        "{message}"
    );
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.parts.len() < 2 || r.parts[1].bytes.len() != 4_000_000),
        "no complete upload arrived"
    );
    assert!(
        server.requests().len() <= 1,
        "a changed file is not retried"
    );
}

#[cfg(unix)]
#[test]
fn from_dir_refuses_what_it_cannot_upload_faithfully() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outside = tmp.path().join("secret.txt");
    std::fs::write(&outside, "s").expect("write");
    let skill = tmp.path().join("skill");
    std::fs::create_dir(&skill).expect("mkdir");
    std::fs::write(skill.join("SKILL.md"), "# s").expect("write");

    // A symlink inside the directory is followed; one leading outside is refused.
    std::os::unix::fs::symlink(skill.join("SKILL.md"), skill.join("alias.md")).expect("symlink");
    let names: Vec<String> = FilePart::from_dir(&skill)
        .expect("inside link ok")
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    assert_eq!(names, ["skill/SKILL.md", "skill/alias.md"]);
    std::os::unix::fs::symlink(&outside, skill.join("leak")).expect("symlink");
    let err = FilePart::from_dir(&skill).unwrap_err().to_string();
    assert!(
        err.contains("leak") && err.contains("outside the directory"),
        "{err}"
    );
    std::fs::remove_file(skill.join("leak")).expect("rm");

    // A socket is a special file.
    let _listener = std::os::unix::net::UnixListener::bind(skill.join("sock")).expect("socket");
    let err = FilePart::from_dir(&skill).unwrap_err().to_string();
    assert!(
        err.contains("sock") && err.contains("not a regular file"),
        "{err}"
    );
    std::fs::remove_file(skill.join("sock")).expect("rm");

    // An unreadable file (root reads everything, so this part only runs as another user).
    use std::os::unix::fs::PermissionsExt;
    let locked = skill.join("locked.md");
    std::fs::write(&locked, "x").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::File::open(&locked).is_err() {
        let err = FilePart::from_dir(&skill).unwrap_err().to_string();
        assert!(
            err.contains("locked.md") && err.contains("cannot read"),
            "{err}"
        );
    } else {
        println!(
            "skipped the unreadable-file case: running as root, which can read mode 000 files"
        );
    }
}
