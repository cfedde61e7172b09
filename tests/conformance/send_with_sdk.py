"""Sends one Create Skill Version request with the official Python SDK of the seed's era
(anthropic==0.100.0), the way its docs show: files_from_dir + client.beta.skills.versions.create.

usage: send_with_sdk.py BASE_URL SKILL_ID DIR [open-file]
With `open-file`, the files are passed as (name, open file, content type) tuples instead, which
is the SDK's streaming form.
"""

import mimetypes
import os
import sys

import anthropic
from anthropic.lib import files_from_dir


def main() -> None:
    base_url, skill_id, directory = sys.argv[1:4]
    mode = sys.argv[4] if len(sys.argv) > 4 else "files_from_dir"
    client = anthropic.Anthropic(api_key="sk-conformance", base_url=base_url, max_retries=0)
    if mode == "open-file":
        files = []
        parent = os.path.dirname(os.path.abspath(directory))
        for root, _, names in os.walk(directory):
            for name in names:
                path = os.path.join(root, name)
                rel = os.path.relpath(path, parent).replace(os.sep, "/")
                files.append((rel, open(path, "rb"), mimetypes.guess_type(rel)[0] or "application/octet-stream"))
    else:
        files = files_from_dir(directory)
    version = client.beta.skills.versions.create(skill_id=skill_id, betas=["skills-2025-10-02"], files=files)
    print(version.id)


if __name__ == "__main__":
    main()
