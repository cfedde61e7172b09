use super::*;

fn rules() -> UploadRules {
    UploadRules {
        non_empty: true,
        safe_names: true,
        single_top_level_dir: true,
        required_root_file: Some("SKILL.md"),
        archive_exempt: true,
    }
}

fn check(names: &[&str]) -> Result<(), String> {
    let files: Vec<FilePart> = names
        .iter()
        .map(|n| FilePart::from_bytes(*n, "x"))
        .collect();
    validate::<()>("files", &rules(), &files).map_err(|e| e.to_string())
}

#[test]
fn skill_rules() {
    assert_eq!(check(&["s/SKILL.md", "s/a/b.py"]), Ok(()));
    assert_eq!(check(&["skill.zip"]), Ok(()), "a single archive is exempt");
    let err = |names: &[&str]| check(names).unwrap_err();
    assert!(err(&[]).contains("no files"));
    assert!(err(&["s/SKILL.md", "t/x.py"]).contains("file `t/x.py` is not in `s/`"));
    assert!(err(&["s/a.py"]).contains("`s/SKILL.md` is missing"));
    assert!(err(&["s/sub/SKILL.md"]).contains("`s/SKILL.md` is missing"));
    assert!(err(&["SKILL.md"]).contains("not inside a directory"));
    for (bad, rule) in [
        ("s/../x", "`..`"),
        ("/s/SKILL.md", "absolute"),
        ("s//SKILL.md", "empty path segments"),
        ("s\\SKILL.md", "backslashes"),
        ("C:/s/SKILL.md", "absolute"),
    ] {
        let e = err(&["s/SKILL.md", bad]);
        assert!(e.contains(bad) && e.contains(rule), "{bad}: {e}");
    }
}

#[test]
fn content_types_match_the_sdk() {
    assert_eq!(guess_content_type("excel-skill/SKILL.md"), "text/markdown");
    assert_eq!(
        guess_content_type("excel-skill/process_excel.py"),
        "text/x-python"
    );
    assert_eq!(guess_content_type("excel-skill.zip"), "application/zip");
    assert_eq!(
        guess_content_type("blob.unknownext"),
        "application/octet-stream"
    );
    assert_eq!(guess_content_type("noext"), "application/octet-stream");
}

#[test]
fn from_dir_names_sorts_and_keeps_prefix() {
    let tmp = tempfile::tempdir().unwrap();
    let skill = tmp.path().join("my-skill");
    std::fs::create_dir_all(skill.join("scripts/deep")).unwrap();
    std::fs::write(skill.join("SKILL.md"), "# s").unwrap();
    std::fs::write(skill.join("scripts/b.py"), "").unwrap();
    std::fs::write(skill.join("scripts/deep/a.bin"), [0u8, 1]).unwrap();
    std::fs::write(skill.join(".hidden"), "h").unwrap();
    let names: Vec<String> = FilePart::from_dir(&skill)
        .unwrap()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "my-skill/.hidden",
            "my-skill/SKILL.md",
            "my-skill/scripts/b.py",
            "my-skill/scripts/deep/a.bin"
        ]
    );
}

#[cfg(unix)]
#[test]
fn from_dir_refuses_escaping_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let skill = tmp.path().join("s");
    std::fs::create_dir(&skill).unwrap();
    std::fs::write(tmp.path().join("secret"), "x").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret"), skill.join("link")).unwrap();
    let err = FilePart::from_dir(&skill).unwrap_err().to_string();
    assert!(err.contains("link") && err.contains("outside"), "{err}");
}
