use super::*;

#[test]
fn a_possessive_adds_no_word() {
    assert_eq!(
        without_possessives("Get a consumer's preference type"),
        "Get a consumer preference type"
    );
    assert_eq!(
        without_possessives("Update an organization\u{2019}s IAM policy"),
        "Update an organization IAM policy"
    );
    assert_eq!(without_possessives("Read the user's."), "Read the user.");
    assert_eq!(without_possessives("Get the owner's"), "Get the owner");
    // Not a possessive: the `s` starts a word.
    assert_eq!(without_possessives("Say 'start'"), "Say 'start'");
}
