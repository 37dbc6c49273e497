"""The Textual front end. It renders Answers from the core facade and never searches itself."""
